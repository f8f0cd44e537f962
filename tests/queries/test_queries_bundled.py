"""Each saved query's answer on the bundled graph (``partygraph ingest data/statements``).

Facts checked against the documents themselves: the seed prints 62 signatory lines
naming 61 parties (one line repeated) and was initiated by the Hungarian Workers' Party;
the Communist Party of Greece signs 8 of the 13 bundled statements (every one except the
seed, the 13th IMCWP extract, the CPI(M) statement and the PCP initiative); the 20th
IMCWP (Athens, 23-25 November 2018) adopted the seed and "Hands off the Communist Party
of Ukraine!" (17 lines). Where a number is derived, it is derived from another query's
rows, so the queries check each other.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter, defaultdict

import pytest

from partygraph.queries import run_query, to_records

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
ID = "https://w3id.org/partygraph/id/"
SEED = "000_d09a13167ed8fed5.txt"
KKE = ID + "party/communist-party-of-greece"
HWP = ID + "party/hungarian-workers-party"
KKE_FILES = {
    "14imcwp-partidos-comunistas-sobre-colombia.txt",
    "20imcwp-hands-off-communist-party-of-ukraine.txt",
    "balkan-cps-condemning-nato-intervention-1999.txt",
    "condemning-israeli-army-attack-on-palestine-2018.txt",
    "ecm2011-resolution-on-belarus.txt",
    "joint-statement-on-developments-in-ukraine-2014.txt",
    "wg-imcwp-beirut-2014-solidarity-with-venezuela.txt",
    "wg-imcwp-lisbon-2008-declaration-on-kosovo.txt",
}


@pytest.fixture(scope="module")
def bundled(bundled_store_dir):
    """The bundled store, opened once for this module (Oxigraph locks its folder)."""
    from partygraph.store import open_store

    store = open_store(path=bundled_store_dir)
    yield store
    store.close()


@pytest.fixture(scope="module")
def answers(bundled, catalogue):
    """Run queries once per module on the bundled graph: ``ask(name, **params)``."""
    store = bundled
    cache: dict = {}

    def ask(name, **params):
        key = (name, tuple(sorted(params.items())))
        if key not in cache:
            cache[key] = to_records(run_query(store, catalogue.get(name), params))
        return cache[key]

    return ask


@pytest.fixture(scope="module")
def by_file(answers):
    """File name -> statement IRI, from the provenance query."""
    return {r["file"]: r["statement"] for r in answers("sources")}


def test_sources(answers):
    rows = answers("sources")
    files = sorted(p.name for p in (ROOT / "data" / "statements").iterdir() if p.is_file())
    assert sorted(r["file"] for r in rows) == files
    seed = next(r for r in rows if r["file"] == SEED)
    sha = hashlib.sha256((ROOT / "data" / "statements" / SEED).read_bytes()).hexdigest()
    assert seed["sha256"] == sha and seed["source"] == ID + "source/" + sha
    assert seed["signatories"] == 61 and seed["triples"] > 61 * 5
    assert all(r["statement"] for r in rows)


def test_source_warnings(answers, by_file):
    rows = answers("source-warnings", text="Peoples of Spain")
    assert rows and {r["file"] for r in rows} == {SEED}
    assert {r["statement"] for r in rows} == {by_file[SEED]}
    every = answers("source-warnings")
    counts = {r["file"]: r["warnings"] for r in answers("sources")}
    assert Counter(r["file"] for r in every) == +Counter(counts)


def test_statements(answers, by_file):
    rows = answers("statements")
    assert len(rows) == 13
    seed = next(r for r in rows if r["statement"] == by_file[SEED])
    assert (seed["date"], seed["dateKind"], seed["place"]) == ("2018-11-25", "adopted", "Athens")
    assert seed["meeting"] == ID + "meeting/imcwp-20" and seed["signatories"] == 61
    assert seed["initiators"] == "Hungarian Workers' Party" and seed["language"] == "en"
    dated = answers("statements", since="2018-01-01", until="2018-12-31")
    assert by_file[SEED] in {r["statement"] for r in dated}
    assert all("2018-01-01" <= r["date"] <= "2018-12-31" for r in dated)


def test_signatories_of_the_seed(answers, by_file):
    expected = json.loads((ROOT / "tests" / "expected" / "seed.json").read_text("utf-8"))
    lines = [s["as_printed"] for s in expected["signatories"]]
    rows = answers("signatories", statement=by_file[SEED])
    assert len(rows) == 61 and len(lines) == 62
    for r in rows:
        assert r["nameAsPrinted"] == lines[r["position"] - 1]
    # the repeated line keeps its first position; the second is only in the warnings
    assert sorted(r["position"] for r in rows) == [p for p in range(1, 63) if p != 55]
    assert rows[0]["nameAsPrinted"] == "Algerian Party for Democracy and Socialism"
    assert rows[-1]["party"] == ID + "party/communist-party-of-venezuela"
    assert [r["party"] for r in rows if r["initiator"]] == [HWP]
    assert answers("signatories", title="Korean Peninsula") == rows


def test_party_statements(answers, by_file):
    rows = answers("party-statements", party="KKE")
    assert {r["statement"] for r in rows} == {by_file[f] for f in KKE_FILES}
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates) and dates[0] == "2008-02-16"
    spanish = by_file["14imcwp-partidos-comunistas-sobre-colombia.txt"]
    assert {r["nameAsPrinted"] for r in rows if r["statement"] == spanish} == {
        "Partido Comunista de Grecia (KKE)"
    }
    assert answers("party-statements", party="Communist Party of Greece") == rows


def signers(answers):
    out = defaultdict(set)
    for r in answers("signatories"):
        out[r["statement"]].add(r["party"])
    return out


def test_co_signers_agree_with_the_signatory_lists(answers):
    by_statement = signers(answers)
    shared = Counter(p for s in by_statement.values() if KKE in s for p in s if p != KKE)
    rows = answers("co-signers", party="KKE")
    assert {r["partner"]: r["shared"] for r in rows} == dict(shared)
    assert [r["shared"] for r in rows] == sorted((r["shared"] for r in rows), reverse=True)
    top = {r["partner"] for r in rows if r["shared"] == 5}
    assert ID + "party/communist-party-of-bohemia-and-moravia" in top
    assert rows[0]["share"] == pytest.approx(5 / 8)


def test_co_signature_edges(answers):
    pairs = Counter()
    for s in signers(answers).values():
        pairs.update(itertools.combinations(sorted(s), 2))
    rows = answers("co-signature-edges")
    assert {(r["source"], r["target"]): r["weight"] for r in rows} == dict(pairs)
    assert len(answers("co-signature-edges", min="5")) == sum(w >= 5 for w in pairs.values())


def test_countries(answers):
    gr = answers("parties-by-country", country="Greece")
    # the registry also lists Greek parties that no bundled statement names (yet)
    signing = [(r["party"], r["abbreviation"], r["statements"]) for r in gr if r["statements"]]
    assert signing == [(KKE, "KKE", 8)]
    rows = answers("countries-by-signatures")
    sigs = Counter()
    for r in answers("signatories"):
        if r["country"]:
            sigs[r["country"]] += 1
    assert {r["country"]: r["signatures"] for r in rows} == dict(sigs)
    assert rows[0]["signatures"] == max(sigs.values())


def test_meetings(answers, by_file):
    rows = answers("meeting-statements", meeting="meeting/imcwp-20")
    assert [(r["statement"], r["signatories"]) for r in rows] == [
        (by_file[SEED], 61),
        (by_file["20imcwp-hands-off-communist-party-of-ukraine.txt"], 17),
    ]
    assert answers("meeting-statements", ordinal="20") == rows
    [m] = answers("meetings-by-year", year="2018")
    assert (m["meeting"], m["ordinal"], m["place"], m["country"]) == (
        ID + "meeting/imcwp-20", 20, "Athens", "GR")  # fmt: skip
    assert (m["start"], m["end"], m["statements"]) == ("2018-11-23", "2018-11-25", 2)
    core = answers("meeting-core-signers", meeting="meeting/imcwp-20")
    # attendance = 61 + 17 - (parties on both lists)
    assert m["parties"] == 61 + 17 - len(core)
    assert HWP in {r["party"] for r in core} and KKE not in {r["party"] for r in core}
    assert {r["meeting"] for r in answers("meeting-core-signers")} == {ID + "meeting/imcwp-20"}


def test_initiators(answers, by_file):
    rows = answers("initiators")
    assert sorted((r["initiator"], r["statement"]) for r in rows) == sorted([
        (HWP, by_file[SEED]),
        (ID + "party/portuguese-communist-party",
         by_file["pcp-initiative-condemning-bombing-of-syria-2018.txt"]),
    ])  # fmt: skip


def test_time(answers, by_file):
    [kke] = answers("party-activity", party="KKE")
    assert (kke["statements"], kke["first"], kke["last"], kke["years"]) == (
        8, "2008-02-16", "2018-11-23", 10)  # fmt: skip
    per_year = answers("statements-per-year")
    statements = answers("statements")
    years = Counter(r["date"][:4] for r in statements if r["date"])
    assert {str(r["year"]): r["statements"] for r in per_year} == dict(years)
    new = answers("new-parties-by-year")
    assert {r["year"]: r["newParties"] for r in per_year} == dict(
        Counter(r["year"] for r in {x["party"]: x for x in new}.values())
    )
    first = {r["party"] for r in answers("new-parties-by-year", year="2008")}
    assert KKE in first and len(first) == 17  # the Lisbon declaration's 17 parties


def test_statements_by_signatories(answers, by_file):
    rows = answers("statements-by-signatories")
    assert rows[0]["statement"] == by_file[SEED] and rows[0]["signatories"] == 61
    assert rows[-1]["statement"] == by_file["cpim-left-parties-statement-2018-10-02.txt"]
    assert (rows[-1]["signatories"], rows[-1]["countries"]) == (3, 1)
    assert len(answers("statements-by-signatories", min="20")) == sum(
        r["signatories"] >= 20 for r in rows
    )


def test_party_profile_and_search(answers):
    [p] = answers("party-profile", party="KKE")
    assert (p["party"], p["name"], p["abbreviation"], p["country"]) == (
        KKE, "Communist Party of Greece", "KKE", "GR")  # fmt: skip
    assert (p["signed"], p["first"], p["last"], p["provisional"]) == (
        8,
        "2008-02-16",
        "2018-11-23",
        False,
    )
    assert p["coSigners"] == len(answers("co-signers", party="KKE"))
    assert "Partido Comunista de Grecia (KKE)" in p["printedAs"].split("; ")
    found = answers("find-party", text="greece")
    assert found[0]["party"] == KKE and found[0]["statements"] == 8


def test_resolution_review(answers):
    for r in answers("resolution-review"):
        assert r["match"] in ("fuzzy", "new")
    alias = answers("resolution-review", match="alias")
    assert ("AKEL, Cyprus", ID + "party/akel") in {(r["nameAsPrinted"], r["party"]) for r in alias}
    assert all(r["match"] == "alias" for r in alias)


def test_run_all_writes_one_csv_per_query(bundled, catalogue, tmp_path):
    from partygraph.queries import run_all

    files = run_all(bundled, tmp_path)
    assert sorted(f.stem for f in files) == catalogue.names()
    seed_rows = (tmp_path / "statements.csv").read_text("utf-8").splitlines()
    assert seed_rows[0].startswith("statement,title,date") and len(seed_rows) == 14
    assert not list(tmp_path.glob("*.part"))
