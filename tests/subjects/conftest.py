"""A store of the bundled statements built by the real pipeline, subjects included.

Nothing is added by the tests: :func:`partygraph.pipeline.ingest_paths` extracts,
resolves (subjects and mentions included), converts and loads every document, so the
network and saved-query tests check what users get from ``partygraph ingest``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partygraph.extract import read_document
from partygraph.pipeline import ingest_paths
from partygraph.resolve import Registry
from partygraph.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
PG = "https://w3id.org/partygraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture(scope="session")
def subject_registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def subjects_store(subject_registry):
    store = EmbeddedStore()
    ingest_paths(store, [STATEMENTS], subject_registry)
    yield store
    store.close()


@pytest.fixture(scope="session")
def statement_iris(subjects_store) -> dict[str, str]:
    """File stem -> statement IRI in :func:`subjects_store` (found through its sha256)."""
    table = subjects_store.select(
        f"SELECT ?s ?sha WHERE {{ ?s <{PROV}wasDerivedFrom> ?src . ?src <{PG}sha256> ?sha }}"
    )
    by_sha = {str(sha): str(s) for s, sha in table.rows}
    return {
        path.stem: by_sha[read_document(path).sha256]
        for path in sorted(STATEMENTS.iterdir())
        if path.suffix in (".txt", ".html")
    }
