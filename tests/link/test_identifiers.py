"""identifiers.csv: the shared linking table in the registry, and in the registry graph."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import rdflib

from partygraph.errors import PartygraphError
from partygraph.link.identifiers import (
    IDENTIFIER_COLUMNS,
    Identifier,
    import_table,
    read_identifiers,
    write_identifiers,
)
from partygraph.paths import registry_dir
from partygraph.rdf.convert import registry_quads
from partygraph.rdf.validate import union_graph, validate
from partygraph.resolve import Registry

SHARED = Path("/work/shared/linking/party-ids.csv")


def test_the_registry_holds_the_50_sourced_qids() -> None:
    ids = read_identifiers(registry_dir())
    qids = {i.registry_id: i.value for i in ids if i.scheme == "wikidata"}
    assert len(qids) == 50
    assert qids["communist-party-of-greece"] == "Q192406"
    assert all(i.source and i.retrieved for i in ids)
    flagged = {i.registry_id for i in ids if i.review}
    assert flagged == {"communist-party-of-israel", "romanian-socialist-party"}
    known = {p.id for p in Registry.load().all_parties()}
    assert {i.registry_id for i in ids} <= known


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared linking table is not here")
def test_the_registry_file_is_the_shared_table(tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_text("id,name,country\n", encoding="utf-8")
    known = [p.id for p in Registry.load().all_parties()]
    import_table(SHARED, tmp_path, known, retrieved="2026-12-02")
    assert (tmp_path / "identifiers.csv").read_text() == (
        registry_dir() / "identifiers.csv"
    ).read_text()


def test_file_is_sorted_with_the_agreed_columns() -> None:
    with open(registry_dir() / "identifiers.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == IDENTIFIER_COLUMNS
    keys = [(r[0], r[1]) for r in rows[1:]]
    assert keys == sorted(keys)


def test_import_errors_name_file_line_and_field(tmp_path: Path) -> None:
    table = tmp_path / "ids.csv"
    table.write_text("registry_id,wikidata_qid,source\nkke,192406,x\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match=r"ids.csv.*line 2, field wikidata_qid.*QID"):
        import_table(table, tmp_path, ["kke"], retrieved="2026-12-02")
    table.write_text("registry_id,wikidata_qid,source\nnobody,Q1,x\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match="no registry party has the id 'nobody'"):
        import_table(table, tmp_path, ["kke"], retrieved="2026-12-02")
    table.write_text("party,qid\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match="expected a registry_id column"):
        import_table(table, tmp_path, ["kke"], retrieved="2026-12-02")


def test_read_rejects_duplicates_and_bad_dates(tmp_path: Path) -> None:
    write_identifiers(tmp_path, [Identifier("kke", "wikidata", "Q1")])
    path = tmp_path / "identifiers.csv"
    path.write_text(path.read_text() + "kke,wikidata,Q2,,,\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match=r"line 3.*a second wikidata identifier"):
        read_identifiers(tmp_path)
    path.write_text(
        ",".join(IDENTIFIER_COLUMNS) + "\nkke,parlgov,614,x,02/12/2026,\n", encoding="utf-8"
    )
    with pytest.raises(PartygraphError, match="field retrieved: expected a date"):
        read_identifiers(tmp_path)


def test_registry_graph_carries_identifiers_with_provenance_and_passes_shapes() -> None:
    quads = registry_quads(Registry.load())
    g = union_graph(quads)
    kke = rdflib.URIRef("https://w3id.org/partygraph/id/party/communist-party-of-greece")
    schema = rdflib.Namespace("https://schema.org/")
    pg = rdflib.Namespace("https://w3id.org/partygraph/ontology#")
    assert g.value(kke, schema.sameAs) == rdflib.URIRef("http://www.wikidata.org/entity/Q192406")
    assert str(g.value(kke, pg.partyfactsId)) == "48"
    assert str(g.value(kke, pg.parlgovId)) == "614"
    assert len(set(g.objects(None, schema.sameAs))) == 50
    record = rdflib.URIRef(str(kke) + "/identifier/partyfacts")
    assert str(g.value(record, rdflib.URIRef("http://purl.org/dc/terms/date"))) == "2026-12-02"
    flagged = set(g.subjects(pg.needsReview, rdflib.Literal(True)))
    assert len(flagged) == 4  # QID and Party Facts ID of two parties
    report = validate(quads)
    assert report.conforms, report
