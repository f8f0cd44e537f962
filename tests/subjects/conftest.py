"""A store of the bundled statements, built by the real pipeline, with their subjects.

Until the RDF stage writes the subject quads itself, the fixture adds them with
:func:`partygraph.resolve.subjects.record_subject_quads` into each document's own
named graph; once it does, the same quads are already there and adding them again
changes nothing (a graph is a set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partygraph.extract import read_document
from partygraph.pipeline import ingest_paths
from partygraph.resolve import Registry
from partygraph.resolve.subjects import organisation_quads, record_subject_quads
from partygraph.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
PG = "https://w3id.org/partygraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"
ID = "https://w3id.org/partygraph/id/"


@pytest.fixture(scope="session")
def subject_registry() -> Registry:
    return Registry.load()


_IRIS: dict[str, str] = {}


@pytest.fixture(scope="session")
def statement_iris(subjects_store) -> dict[str, str]:
    """File stem -> statement IRI in :func:`subjects_store`."""
    return dict(_IRIS)


@pytest.fixture(scope="session")
def subjects_store(subject_registry):
    store = EmbeddedStore()
    ingest_paths(store, [STATEMENTS], subject_registry)
    table = store.select(
        f"SELECT ?s ?sha WHERE {{ ?s <{PROV}wasDerivedFrom> ?src . ?src <{PG}sha256> ?sha }}"
    )
    by_sha = {str(sha): str(s) for s, sha in table.rows}
    iris = _IRIS
    quads = list(organisation_quads())
    for path in sorted(STATEMENTS.glob("*.txt")):
        record = read_document(path)
        statement = by_sha[record.sha256]
        iris[path.stem] = statement
        quads += record_subject_quads(
            record, subject_registry, statement, ID + "source/" + record.sha256
        )
    store.oxigraph.extend(quads)
    yield store
    store.close()
