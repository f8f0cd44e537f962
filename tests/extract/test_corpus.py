"""The bundled statements read as their expected facts say (tests/expected/*.json)."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest

from partygraph.extract import read_document
from partygraph.extract.countries import country_code
from partygraph.extract.meeting import SERIES_NAMES

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
EXPECTED = ROOT / "tests" / "expected"
SEED = "000_d09a13167ed8fed5"


def norm(s: str | None) -> str | None:
    """The scorer's normalisation: NFKC, dashes and quotes folded, case-folded."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s)
    s = re.sub("[\u2010-\u2015\u2212]", "-", s).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip().strip(".;,").strip().casefold()


def corpus_slugs() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.json") if p.stem != "seed")


def test_seed_field_by_field() -> None:
    gold = json.loads((EXPECTED / "seed.json").read_text(encoding="utf-8"))
    rec = read_document(STATEMENTS / f"{SEED}.txt")
    assert rec.title == gold["title"]
    assert rec.headline == gold["headline"]
    assert rec.date == gold["date"] == "2018-11-25"
    assert rec.publication_date == gold["publication_date"] == "2018-12-11"
    assert rec.place is not None
    assert (rec.place.city, rec.place.country) == ("Athens", "GR")
    m = rec.meeting
    assert m is not None
    got = {k: getattr(m, k) for k in ("ordinal", "name", "city", "country", "start", "end")}
    assert got == gold["meeting"]
    assert m.series == "imcwp"
    assert [norm(i.as_printed) for i in rec.initiators] == [norm(x) for x in gold["initiators"]]
    assert rec.initiators[0].as_printed == "Hungarian Workers’ Party"  # as printed
    assert [s.as_printed for s in rec.signatories] == [s["as_printed"] for s in gold["signatories"]]
    assert [s.position for s in rec.signatories] == list(range(1, 63))
    # the line itself states a country only in these two
    stated = {s.as_printed: s.country for s in rec.signatories if s.country}
    assert stated == {"Communist Party (Italy)": "IT", "Socialist Party, Lithuania": "LT"}
    assert rec.language == "en"
    assert any("54 and 55" in w for w in rec.warnings)
    assert "Hungarian Workers" in rec.text or "Korean" in rec.text
    assert "Communist Party of Venezuela\n" not in rec.text


ROLES = {"participants": "participant", "signatories": "signatory"}


def document(slug: str) -> Path:
    return next(STATEMENTS.glob(f"{slug}.*"))


def printed_text(path: Path) -> str:
    """The document's characters, entities decoded, for "is this printed" checks."""
    return norm(html.unescape(path.read_text(encoding="utf-8", errors="replace"))) or ""


def test_every_corpus_document_is_bundled() -> None:
    slugs = corpus_slugs()
    assert len(slugs) == 53
    for slug in slugs:
        assert len(list(STATEMENTS.glob(f"{slug}.*"))) == 1, slug


@pytest.mark.parametrize("slug", corpus_slugs())
def test_corpus_document(slug: str) -> None:
    gold = json.loads((EXPECTED / f"{slug}.json").read_text(encoding="utf-8"))
    path = document(slug)
    rec = read_document(path)
    # every printed signatory line once, in order, nothing else
    assert [norm(s.as_printed) for s in rec.signatories] == [norm(x) for x in gold["signatories"]]
    if gold.get("role"):
        assert {s.role for s in rec.signatories} == {ROLES[gold["role"]]}
    # the title wherever the document prints it
    if gold.get("title") and norm(gold["title"]) in printed_text(path):
        assert norm(rec.title) == norm(gold["title"])
    assert rec.date == gold.get("date")  # printed to the day, or nothing
    # a posting date printed on the page (not one read from the page's URL)
    if gold.get("publication_date") and "date from URL" not in gold.get("notes", ""):
        assert rec.publication_date == gold["publication_date"]
    assert rec.publication_date in (None, gold.get("publication_date"))
    gm = gold.get("meeting") or {}
    if gm.get("ordinal"):
        assert rec.meeting is not None and rec.meeting.ordinal == gm["ordinal"]
    text = printed_text(path)
    if gm.get("name") in SERIES_NAMES.values() and rec.meeting is None:
        assert norm(gm["name"]) not in text  # a known meeting that is printed is found
    if gm.get("name") in SERIES_NAMES.values() and rec.meeting is not None:
        # a meeting of a known series: its name, and its city where the document prints it
        assert rec.meeting.name == gm["name"]
        if gm.get("city") and norm(gm["city"]) in text:
            assert rec.meeting.city == gm["city"]
            assert rec.meeting.country == country_code(gm["country"])
    if gold.get("initiator"):
        # one printed line may name several initiators ("Proposed by the A, the B, the C")
        got = [norm(i.as_printed) or "" for i in rec.initiators]
        assert got and all(g in norm(gold["initiator"]) for g in got)
        assert norm(gold["initiator"]).startswith(got[0])
    else:
        assert rec.initiators == []


def test_corpus_meeting_days_only_when_printed() -> None:
    ecm = read_document(STATEMENTS / "ecm2011-resolution-on-belarus.txt").meeting
    assert ecm is not None and (ecm.start, ecm.end, ecm.country) == (
        "2011-04-11",
        "2011-04-12",
        "BE",
    )
    lis = read_document(STATEMENTS / "wg-imcwp-lisbon-2008-declaration-on-kosovo.txt").meeting
    assert lis is not None and (lis.series, lis.start, lis.end) == (
        "imcwp-wg",
        "2008-02-16",
        "2008-02-16",
    )
    # the 13th IMCWP's days are not printed; a 1967 date in a demand is not them
    m13 = read_document(STATEMENTS / "13imcwp-solidarity-with-palestinian-people.txt").meeting
    assert m13 is not None and (m13.start, m13.end) == (None, None)
    # month-only datelines are kept apart, with a warning
    ua = read_document(STATEMENTS / "20imcwp-hands-off-communist-party-of-ukraine.txt")
    assert ua.date is None and ua.partial_dates == {"date": "2018-11"}
    assert any("only the month" in w for w in ua.warnings)


def test_corpus_stated_countries_and_abbreviations() -> None:
    rec = read_document(STATEMENTS / "we-denounce-attempts-to-ban-cp-of-ukraine-2017.txt")
    got = [(s.name, s.country, s.abbreviation) for s in rec.signatories]
    assert got[0] == ("Communist Party of Albania", "AL", None)
    assert got[5] == ("Workers Party of Belgium", "BE", "PTB-PVDA")
    assert got[6] == ("Communist Party of Brazil", "BR", "PCdoB")
    assert got[9] == ("Progressive Party of the Working People", "CY", "AKEL")
    ecm = read_document(STATEMENTS / "ecm2011-resolution-on-belarus.txt")
    by = {s.as_printed: (s.country, s.abbreviation) for s in ecm.signatories}
    assert by["Communist Party of Styria [Austria]"] == ("AT", None)
    assert by["Movement of People's Resistance, Moldavia"] == ("MD", None)
    assert by["(EMEP), Turkey"] == ("TR", "EMEP")
    col = read_document(STATEMENTS / "14imcwp-partidos-comunistas-sobre-colombia.txt")
    assert col.language == "es"
    assert col.signatories[2].country == "BH"  # "Tribuna Progresista Democrática, Bahréin"
    assert col.signatories[20].abbreviation == "KKE"
    pcp = read_document(STATEMENTS / "pcp-initiative-condemning-bombing-of-syria-2018.txt")
    assert pcp.language == "it"
    assert pcp.signatories[11].country == "CY"  # "AKEL (Cyprus)"
