"""The seed travels the whole way: document -> facts -> parties -> RDF -> store -> SPARQL."""

from __future__ import annotations

import shutil

import pytest
from pg_testing import SEED, expected

from partygraph.errors import PartygraphError
from partygraph.pipeline import discover, ingest_paths, source_key
from partygraph.store import open_store

PG = "https://w3id.org/partygraph/ontology#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIXES = f"PREFIX pg: <{PG}> PREFIX schema: <{SCHEMA}> PREFIX skos: <{SKOS}> "


@pytest.fixture()
def seed_store(tmp_path):
    store = open_store(path=tmp_path / "store")
    ingest_paths(store, [SEED])
    yield store
    store.close()


def _count(store, where: str) -> int:
    table = store.select(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(table.rows[0][0])


def test_seed_statement_has_61_signing_parties(seed_store):
    assert _count(seed_store, "?s a pg:Statement") == 1
    assert _count(seed_store, "SELECT DISTINCT ?p WHERE { ?s pg:signedBy ?p }") == 61
    # 62 printed lines, 61 signatures: the duplicated Spanish line is one signature
    assert _count(seed_store, "?s pg:hasSignature ?sig . ?sig pg:role pg:SignatoryRole") == 61


def test_seed_initiator_and_meeting(seed_store):
    rows = seed_store.select(
        PREFIXES + "SELECT ?label WHERE { ?s pg:initiatedBy ?p . ?p skos:prefLabel ?label }"
    ).rows
    assert [str(r[0]) for r in rows] == ["Hungarian Workers' Party"]
    rows = seed_store.select(
        PREFIXES
        + "SELECT ?ord ?start ?end ?city ?iso WHERE { ?s pg:adoptedAt ?m . ?m pg:ordinal ?ord ; "
        "schema:startDate ?start ; schema:endDate ?end ; schema:location ?city ; "
        "pg:country/skos:notation ?iso }"
    ).rows
    assert [tuple(str(v) for v in r) for r in rows] == [
        ("20", "2018-11-23", "2018-11-25", "Athens", "GR")
    ]


def test_every_seed_party_has_its_country(seed_store):
    rows = seed_store.select(
        PREFIXES
        + "SELECT ?printed ?iso WHERE { ?s pg:hasSignature ?sig . ?sig pg:nameAsPrinted ?printed ; "
        "pg:signatory ?p . OPTIONAL { ?p pg:country/skos:notation ?iso } }"
    ).rows
    got = {str(p): (str(i) if i is not None else None) for p, i in rows}
    want = {s["as_printed"]: s["country"] for s in expected("seed")["signatories"]}
    assert got == want


def test_reingest_unchanged_is_a_no_op(tmp_path):
    doc = tmp_path / "statement.txt"
    shutil.copy(SEED, doc)
    store = open_store(path=tmp_path / "store")
    try:
        first = ingest_paths(store, [doc])
        triples = store.stats()["triples"]
        again = ingest_paths(store, [doc])
        assert [r.status for r in first] == ["added"]
        assert [r.status for r in again] == ["unchanged"]
        assert store.stats()["triples"] == triples
    finally:
        store.close()


def test_changed_file_replaces_its_graph(tmp_path):
    doc = tmp_path / "statement.txt"
    text = SEED.read_text(encoding="utf-8")
    doc.write_text(text, encoding="utf-8")
    store = open_store(path=tmp_path / "store")
    try:
        ingest_paths(store, [doc])
        graphs_before = set(store.graph_names())
        # drop the last signatory line: the new version must fully replace the old one
        doc.write_text(text.replace("  62. Communist Party of Venezuela\n", ""), encoding="utf-8")
        report = ingest_paths(store, [doc])
        assert [r.status for r in report] == ["replaced"]
        graphs_after = set(store.graph_names())
        assert len(graphs_after) == len(graphs_before)
        assert graphs_after != graphs_before
        assert _count(store, "?s a pg:Statement") == 1
        assert _count(store, "SELECT DISTINCT ?p WHERE { ?s pg:signedBy ?p }") == 60
    finally:
        store.close()


def test_discover_rejects_empty_folder_and_missing_path(tmp_path):
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    with pytest.raises(PartygraphError, match="no statement documents"):
        discover([tmp_path])
    with pytest.raises(PartygraphError, match="no such file"):
        discover([tmp_path / "missing.txt"])


def test_source_key_is_relative_and_normalised():
    assert source_key(SEED).endswith("data/statements/000_d09a13167ed8fed5.txt")


def test_a_bad_document_keeps_the_batches_before_it(tmp_path, monkeypatch):
    import partygraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    folder = tmp_path / "docs"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("Athens", "Lisbon"), encoding="utf-8")
    (folder / "c.txt").write_text("", encoding="utf-8")  # empty: cannot be read
    store = open_store(path=tmp_path / "store")
    try:
        with pytest.raises(PartygraphError, match=r"c\.txt.*\(the 2 documents before"):
            ingest_paths(store, [folder])
        assert _count(store, "?s a pg:Statement") == 2
    finally:
        store.close()
