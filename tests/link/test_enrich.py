"""``link wikidata --enrich``: facts of linked parties in their own named graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pg_testing import SEED

from partygraph.cli import main
from partygraph.link.enrich import enrich
from partygraph.link.identifiers import Identifier
from partygraph.link.rdf import WIKIDATA_GRAPH
from partygraph.link.wikidata import SparqlClient
from partygraph.pipeline import ingest_paths
from partygraph.resolve import Registry
from partygraph.store import open_store

pytestmark = pytest.mark.server


def test_enrichment_quads_are_in_their_own_graph_with_the_retrieval_date(
    wikidata_server: str,
) -> None:
    ids = [Identifier("communist-party-of-greece", "wikidata", "Q192406")]
    quads = enrich(ids, SparqlClient(wikidata_server))
    assert {q.graph_name.value for q in quads} == {WIKIDATA_GRAPH}
    text = {str(q.triple) for q in quads}
    wd = "<http://www.wikidata.org/entity/"
    assert (
        f'{wd}Q192406> <https://schema.org/foundingDate> "1918-11-17"^^<http://www.w3.org/2001/XMLSchema#date>'
        in text
    )
    assert f"{wd}Q192406> <https://schema.org/url> <https://www.kke.gr/>" in text
    assert f"{wd}Q192406> <https://w3id.org/partygraph/ontology#ideology> {wd}Q900000200>" in text
    assert (
        f'{wd}Q900000300> <http://www.w3.org/2000/01/rdf-schema#label> "Fixture International"@en'
        in text
    )
    dates = [
        q for q in quads if q.subject.value == WIKIDATA_GRAPH and q.predicate.value.endswith("date")
    ]
    assert len(dates) == 1 and len(dates[0].object.value) == 10


def test_enrich_from_the_cli_joins_through_same_as(
    wikidata_server: str, registry_copy: Path, tmp_path: Path
) -> None:
    store_dir = tmp_path / "store"
    store = open_store(path=store_dir)
    try:
        ingest_paths(store, [SEED], Registry.load(registry_copy))
    finally:
        store.close()
    result = CliRunner().invoke(
        main,
        ["link", "wikidata", "--enrich", "--endpoint", wikidata_server,
         "--registry", str(registry_copy), "--store", str(store_dir),
         "--cache", str(tmp_path / "cache")],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "quads in https://w3id.org/partygraph/id/graph/wikidata" in result.stdout
    store = open_store(path=store_dir)
    try:
        assert WIKIDATA_GRAPH in store.graph_names()
        rows = store.select(
            """PREFIX schema: <https://schema.org/>
               PREFIX pg: <https://w3id.org/partygraph/ontology#>
               PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
               SELECT DISTINCT ?party ?ideology WHERE {
                 GRAPH <https://w3id.org/partygraph/id/graph/wikidata> {
                   ?item pg:ideology ?i . ?i rdfs:label ?ideology }
                 ?party schema:sameAs ?item .
               }"""
        ).as_dicts()
    finally:
        store.close()
    found = sorted((str(r["party"]).rsplit("/", 1)[1], str(r["ideology"])) for r in rows)
    assert found == [
        ("communist-party-of-greece", "Marxism-Leninism (fixture)"),
        ("french-communist-party", "Marxism-Leninism (fixture)"),
    ]
