"""Loading the registry files, their errors, and recorded, reversible changes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from partygraph.errors import PartygraphError
from partygraph.extract.model import PrintedParty
from partygraph.paths import registry_dir
from partygraph.resolve import Registry, edit


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_folder_and_file(tmp_path: Path):
    with pytest.raises(PartygraphError, match="registry folder not found"):
        Registry.load(tmp_path / "nope")
    with pytest.raises(PartygraphError, match=r"parties\.csv: registry file not found"):
        Registry.load(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("akel,Progressive", "AKEL!,Progressive", r"line 2: field id: expected a slug"),
        (",AKEL,CY,", ",AKEL,CYP,", r"line 2: field country: expected an ISO 3166-1 alpha-2"),
        (",AKEL,CY,", ",AKEL,XX,", r"field country"),
        ("algerian-party-for-democracy-and-socialism,", "akel,", r"line 3: duplicate id 'akel'"),
    ],
)
def test_malformed_rows_name_file_line_and_field(registry_copy: Path, old, new, message):
    _rewrite(registry_copy / "parties.csv", old, new)
    with pytest.raises(PartygraphError, match=message) as err:
        Registry.load(registry_copy)
    assert "parties.csv" in str(err.value)


def test_bad_header_and_unknown_ids(registry_copy: Path):
    _rewrite(registry_copy / "distinct.csv", "communist-party-of-denmark,", "no-such-party,")
    with pytest.raises(PartygraphError, match=r"distinct\.csv: line 2: field a: unknown party id"):
        Registry.load(registry_copy)
    (registry_copy / "distinct.csv").unlink()
    (registry_copy / "parties.csv").write_text("ident,label\nx,y\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match="header lacks column"):
        Registry.load(registry_copy)


def test_digest_follows_the_files(registry_copy: Path):
    before = Registry.load(registry_copy).digest()
    assert before == Registry.load(registry_dir()).digest()
    _rewrite(registry_copy / "parties.csv", ",Tudeh Party|", ",Tudeh Party|Tudeh|")
    assert Registry.load(registry_copy).digest() != before


def test_add_and_remove_alias_round_trip(registry_copy: Path):
    line = "K.K.E., Greece"
    assert Registry.load(registry_copy).find("Komunistiko Komma") is None
    party = edit.add_alias(
        "KKE", "Komunistiko Komma", directory=registry_copy, who="tester", why="seen in a list"
    )
    assert party.id == "communist-party-of-greece"
    reg = Registry.load(registry_copy)
    assert reg.find("Komunistiko Komma").id == "communist-party-of-greece"
    r, _ = reg.resolve_line(PrintedParty(1, line, line))
    assert r.party.id == "communist-party-of-greece"  # K.K.E. normalises to KKE
    with (registry_copy / "aliases-log.csv").open(encoding="utf-8") as fh:
        log = list(csv.DictReader(fh))
    assert [(x["who"], x["action"], x["party"], x["alias"], x["why"]) for x in log] == [
        ("tester", "add", "communist-party-of-greece", "Komunistiko Komma", "seen in a list")
    ]
    assert log[0]["when"].endswith("Z")
    with pytest.raises(PartygraphError, match="already has the alias"):
        edit.add_alias("KKE", "komunistiko komma", directory=registry_copy)
    with pytest.raises(PartygraphError, match="already names communist-party-of-britain"):
        edit.add_alias("KKE", "CP of Britain", directory=registry_copy)
    edit.remove_alias("communist-party-of-greece", "Komunistiko Komma", directory=registry_copy)
    assert Registry.load(registry_copy).find("Komunistiko Komma") is None
    original = (registry_dir() / "parties.csv").read_text(encoding="utf-8")
    assert (registry_copy / "parties.csv").read_text(encoding="utf-8") == original
    with pytest.raises(PartygraphError, match="has no alias"):
        edit.remove_alias("KKE", "Komunistiko Komma", directory=registry_copy)


def test_merge_and_unmerge_round_trip(registry_copy: Path):
    parties_before = (registry_copy / "parties.csv").read_bytes()
    line = "Communist Party of Rumania"
    kept, merged = edit.merge(
        "romanian-socialist-party",
        "communist-party-of-romania",
        directory=registry_copy,
        who="tester",
        why="test",
    )
    assert (kept.id, merged.id) == ("romanian-socialist-party", "communist-party-of-romania")
    reg = Registry.load(registry_copy)
    assert reg.get("communist-party-of-romania").id == "romanian-socialist-party"
    assert "communist-party-of-romania" not in {p.id for p in reg.parties()}
    r, _ = reg.resolve_line(PrintedParty(1, line, line))
    assert (r.party.id, r.match) == ("romanian-socialist-party", "alias")
    assert reg.find(line).id == "romanian-socialist-party"
    assert (registry_copy / "parties.csv").read_bytes() == parties_before

    with pytest.raises(PartygraphError, match="already the same party"):
        edit.merge(
            "romanian-socialist-party", "communist-party-of-romania", directory=registry_copy
        )

    assert edit.unmerge("communist-party-of-romania", directory=registry_copy, who="tester") == (
        "romanian-socialist-party",
        "communist-party-of-romania",
    )
    reg = Registry.load(registry_copy)
    r, _ = reg.resolve_line(PrintedParty(1, line, line))
    assert r.party.id == "communist-party-of-romania"
    with (registry_copy / "merges.csv").open(encoding="utf-8") as fh:
        log = list(csv.DictReader(fh))
    assert [
        (x["action"], x["kept"], x["merged"], x["who"]) for x in log if x["who"] == "tester"
    ] == [
        ("merge", "romanian-socialist-party", "communist-party-of-romania", "tester"),
        ("unmerge", "romanian-socialist-party", "communist-party-of-romania", "tester"),
    ]
    with pytest.raises(PartygraphError, match="is not merged"):
        edit.unmerge("communist-party-of-romania", directory=registry_copy)


def test_merge_refuses_known_distinct_and_cross_country(registry_copy: Path):
    with pytest.raises(PartygraphError, match=r"distinct\.csv records"):
        edit.merge(
            "communist-party-of-denmark", "communist-party-in-denmark", directory=registry_copy
        )
    with pytest.raises(PartygraphError, match=r"is in GR and .* in CY"):
        edit.merge("KKE", "AKEL", directory=registry_copy)
    with pytest.raises(PartygraphError, match="no registry party matches"):
        edit.merge("KKE", "no such party", directory=registry_copy)
    bundled = Registry.load(registry_dir()).merges()
    assert Registry.load(registry_copy).merges() == bundled
    edit.merge(
        "communist-party-of-denmark",
        "communist-party-in-denmark",
        directory=registry_copy,
        force=True,
    )
    assert Registry.load(registry_copy).merges() == {
        **bundled,
        "communist-party-in-denmark": "communist-party-of-denmark",
    }


def test_writes_are_atomic_and_leave_no_temp_files(registry_copy: Path):
    edit.add_alias("akel", "A.K.E.L. party", directory=registry_copy)
    assert not [p for p in registry_copy.iterdir() if p.name.startswith(".")]


def test_identifiers_load_with_their_source(registry_copy: Path):
    reg = Registry.load(registry_copy)
    akel = reg.get("akel")
    assert akel.wikidata == "Q212158"
    assert {(i.scheme, i.value) for i in akel.identifiers} == {
        ("wikidata", "Q212158"),
        ("partyfacts", "1076"),
        ("parlgov", "572"),
    }
    assert all(i.source and i.retrieved == "2026-12-02" for i in akel.identifiers)
    assert reg.get("communist-party-of-azerbaijan").wikidata is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("no-such-party,wikidata,Q1,x,,", r"line 120: field registry_id: unknown party id"),
        ("akel,Geo Names,1,x,,", r"line 120: expected a lowercase scheme word"),
        ("akel,wikidata,42,x,,", r"line 120: scheme wikidata: expected a QID like Q42"),
        ("akel,parlgov,572,x,yesterday,", r"line 120: field retrieved: expected a date"),
    ],
)
def test_malformed_identifiers_name_file_line_and_field(registry_copy: Path, row, message):
    path = registry_copy / "identifiers.csv"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(PartygraphError, match=message) as err:
        Registry.load(registry_copy)
    assert "identifiers.csv" in str(err.value)


def test_a_shared_identifier_is_strong_evidence_of_one_party(registry_copy: Path):
    path = registry_copy / "identifiers.csv"
    row = "".join(
        f"{pid},wikidata,Q1,test,,\n"
        for pid in ("communist-party-of-romania", "romanian-socialist-party")
    )
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    pairs = Registry.load(registry_copy).suggest()
    hit = [
        s
        for s in pairs
        if {s.a.id, s.b.id} == {"communist-party-of-romania", "romanian-socialist-party"}
    ]
    assert hit and hit[0].score == 1.0
    assert "same wikidata identifier Q1" in hit[0].evidence


def test_identifier_schemes_are_a_column_convention(registry_copy: Path):
    path = registry_copy / "identifiers.csv"
    path.write_text(path.read_text(encoding="utf-8") + "akel,geonames,146669,x,,\n", "utf-8")
    akel = Registry.load(registry_copy).get("akel")
    assert ("geonames", "146669") in {(i.scheme, i.value) for i in akel.identifiers}
