"""Each saved query's answer on the bundled graph (``partygraph ingest data/statements``).

Facts checked against the documents themselves: the seed prints 62 signatory lines
naming 61 parties (one line repeated) and was initiated by the Hungarian Workers' Party.
Counts that follow from who signed what are derived from the hand-made facts, not from
the code: ``tests/expected/<slug>.json`` (dates, meetings, initiators) and
``tests/resolve/corpus_names.csv`` (the real party behind every printed signatory name of
every bundled document), so they follow the bundle as it grows. Where a number is
derived from another query's rows, the queries check each other.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from collections import Counter, defaultdict

import pytest

from partygraph.queries import run_query, to_records
from partygraph.queries.run import page_key
from tests.resolve.corpus_check import rows as corpus_rows

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
ID = "https://w3id.org/partygraph/id/"
SEED = "000_d09a13167ed8fed5.txt"
KKE = ID + "party/communist-party-of-greece"
HWP = ID + "party/hungarian-workers-party"
FILES = sorted(p.name for p in (ROOT / "data" / "statements").iterdir() if p.is_file())


def _facts(file: str) -> dict:
    slug = "seed" if file == SEED else file.rsplit(".", 1)[0]
    return json.loads((ROOT / "tests" / "expected" / f"{slug}.json").read_text("utf-8"))


FACTS = {f: _facts(f) for f in FILES}
# file -> the real parties its signatory lines name (corpus keys; KKE's is its registry id)
SIGNED: dict[str, set[str]] = defaultdict(set)
for _row in corpus_rows():
    SIGNED[_row["document"]].add(_row["party"])
KKE_FILES = {f for f, parties in SIGNED.items() if KKE.rsplit("/", 1)[-1] in parties}


def fact_date(file: str) -> str | None:
    """A statement's date as the queries define it: adopted, else its meeting's start,
    else published."""
    e = FACTS[file]
    return e["date"] or (e.get("meeting") or {}).get("start") or e["publication_date"]


GREEK = {r["party"] for r in corpus_rows() if r["country"] == "GR"}
KKE_DATES = sorted(d for f in KKE_FILES if (d := fact_date(f)))


@pytest.fixture(scope="module")
def bundled(bundled_store_dir):
    """The bundled store, opened once for this module (Oxigraph locks its folder)."""
    from partygraph.store import open_store

    store = open_store(path=bundled_store_dir)
    yield store
    store.close()


@pytest.fixture(scope="module")
def answers(bundled, catalogue):
    """Run queries once per module on the bundled graph: ``ask(name, **params)``.

    Every row, also of the paged queries (``page=None``): the tests hold whole listings.
    """
    store = bundled
    cache: dict = {}

    def ask(name, **params):
        key = (name, tuple(sorted(params.items())))
        if key not in cache:
            cache[key] = to_records(run_query(store, catalogue.get(name), params, page=None))
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
    assert len(rows) == len(FILES) == len(list((ROOT / "tests" / "expected").glob("*.json")))
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
    assert dates == sorted(dates) and dates[0] == KKE_DATES[0]
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
    # the partners signing most often with the KKE, by the hand-made facts
    partners = Counter(p for f in KKE_FILES for p in SIGNED[f] - {KKE.rsplit("/", 1)[-1]})
    most = max(partners.values())
    top = {r["partner"] for r in rows if r["shared"] == rows[0]["shared"]}
    assert top == {ID + "party/" + p for p, n in partners.items() if n == most}
    assert rows[0]["share"] == round(most / len(KKE_FILES), 3)  # the query rounds it


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
    signing = {r["party"]: r["statements"] for r in gr if r["statements"]}
    greek = Counter(p for f, ps in SIGNED.items() for p in ps if p in GREEK)
    assert signing == {ID + "party/" + p: n for p, n in greek.items()}
    assert next(r["abbreviation"] for r in gr if r["party"] == KKE) == "KKE"
    rows = answers("countries-by-signatures")
    sigs = Counter()
    for r in answers("signatories"):
        if r["country"]:
            sigs[r["country"]] += 1
    assert {r["country"]: r["signatures"] for r in rows} == dict(sigs)
    assert rows[0]["signatures"] == max(sigs.values())


def test_meetings(answers, by_file):
    # the statements the facts place at the 20th IMCWP, most signatories first
    imcwp20 = [f for f in FILES if (FACTS[f].get("meeting") or {}).get("ordinal") == 20]
    imcwp20 = [f for f in imcwp20 if "International Meeting" in FACTS[f]["meeting"]["name"]]
    rows = answers("meeting-statements", meeting="meeting/imcwp-20")
    assert [(r["statement"], r["signatories"]) for r in rows] == sorted(
        ((by_file[f], len(SIGNED[f])) for f in imcwp20), key=lambda x: -x[1]
    )
    assert rows[0] == next(r for r in rows if r["statement"] == by_file[SEED])
    assert answers("meeting-statements", ordinal="20") == rows
    m = next(
        r
        for r in answers("meetings-by-year", year="2018")
        if r["meeting"] == ID + "meeting/imcwp-20"
    )
    assert (m["ordinal"], m["place"], m["country"]) == (20, "Athens", "GR")
    assert (m["start"], m["end"], m["statements"]) == ("2018-11-23", "2018-11-25", len(imcwp20))
    # attendance: every party on any of its lists; the core: the parties on all of them
    assert m["parties"] == len(set().union(*(SIGNED[f] for f in imcwp20)))
    core = answers("meeting-core-signers", meeting="meeting/imcwp-20")
    assert {r["party"] for r in core} == {
        ID + "party/" + p for p in set.intersection(*(SIGNED[f] for f in imcwp20))
    }
    assert {r["meeting"] for r in answers("meeting-core-signers")} == {ID + "meeting/imcwp-20"}


def test_initiators(answers, by_file):
    rows = answers("initiators")
    # the facts name the initiators in one line ("A, the B, the C") or as a list (the seed)
    named = {
        f: e["initiators"] if "initiators" in e else e["initiator"].split(", ")
        for f, e in FACTS.items()
        if e.get("initiators") or e.get("initiator")
    }
    assert Counter(r["statement"] for r in rows) == {by_file[f]: len(n) for f, n in named.items()}
    assert {
        (HWP, by_file[SEED]),
        (ID + "party/portuguese-communist-party",
         by_file["pcp-initiative-condemning-bombing-of-syria-2018.txt"]),
        (KKE, by_file["balkan-meeting-thessaloniki-2016.html"]),
    } <= {(r["initiator"], r["statement"]) for r in rows}  # fmt: skip


def test_time(answers, by_file):
    [kke] = answers("party-activity", party="KKE")
    first, last = KKE_DATES[0], KKE_DATES[-1]
    assert (kke["statements"], kke["first"], kke["last"], kke["years"]) == (
        len(KKE_FILES), first, last, int(last[:4]) - int(first[:4]))  # fmt: skip
    per_year = answers("statements-per-year")
    statements = answers("statements")
    years = Counter(r["date"][:4] for r in statements if r["date"])
    assert {str(r["year"]): r["statements"] for r in per_year} == dict(years)
    new = answers("new-parties-by-year")
    # a year whose statements bring no new party counts 0 there
    assert {r["year"]: r["newParties"] for r in per_year if r["newParties"]} == dict(
        Counter(r["year"] for r in {x["party"]: x for x in new}.values())
    )
    # the parties whose first dated statement, by the facts, is of 2008 (the Lisbon
    # declaration and the Gaza appeal); no bundled document of 2008 lacks its date
    dated = {r["statement"] for r in statements if r["date"]}
    assert not [f for f in FILES if (fact_date(f) or "")[:4] == "2008" and by_file[f] not in dated]
    began: dict[str, str] = {}
    for f in sorted(FILES, key=lambda f: fact_date(f) or "9999"):
        for p in SIGNED[f]:
            began.setdefault(p, fact_date(f) or "9999")
    first = {r["party"] for r in answers("new-parties-by-year", year="2008")}
    assert len(first) == sum(d[:4] == "2008" for d in began.values())
    assert (KKE in first) == (began[KKE.rsplit("/", 1)[-1]][:4] == "2008")


def test_statements_by_signatories(answers, by_file):
    rows = answers("statements-by-signatories")
    assert rows[0]["statement"] == by_file[SEED] and rows[0]["signatories"] == 61
    assert {by_file[f]: len(SIGNED[f]) for f in FILES} == {
        r["statement"]: r["signatories"] for r in rows
    }
    fewest = min(len(SIGNED[f]) for f in FILES)
    assert rows[-1]["signatories"] == fewest
    assert len(answers("statements-by-signatories", min="20")) == sum(
        r["signatories"] >= 20 for r in rows
    )


def test_party_profile_and_search(answers):
    [p] = answers("party-profile", party="KKE")
    assert (p["party"], p["name"], p["abbreviation"], p["country"]) == (
        KKE, "Communist Party of Greece", "KKE", "GR")  # fmt: skip
    assert (p["signed"], p["first"], p["last"], p["provisional"]) == (
        len(KKE_FILES),
        KKE_DATES[0],
        KKE_DATES[-1],
        False,
    )
    assert p["coSigners"] == len(answers("co-signers", party="KKE"))
    assert "Partido Comunista de Grecia (KKE)" in p["printedAs"].split("; ")
    found = answers("find-party", text="greece")
    assert found[0]["party"] == KKE and found[0]["statements"] == len(KKE_FILES)


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
    assert seed_rows[0].startswith("statement,title,date") and len(seed_rows) == len(FILES) + 1
    assert not list(tmp_path.glob("*.part"))


def test_best_known_time_with_its_precision_and_uncertain_first_years(answers, by_file):
    """Issue 15: undated statements were dropped silently from the year questions."""
    colombia = next(
        r for r in answers("statements")
        if r["statement"] == by_file["14imcwp-partidos-comunistas-sobre-colombia.txt"]
    )  # fmt: skip
    # "Beirut Líbano, Noviembre del 2012": a month, not a day
    assert (colombia["date"], colombia["dateKind"]) == ("2012-11", "printed without the day")
    new = answers("new-parties-by-year")
    assert {r["precision"] for r in new if r["year"] == 2012} == {"month"}
    assert {r["basis"] for r in new if r["year"] == 2012} == {"printed without the day"}
    activity = {r["party"]: r for r in answers("party-activity")}
    for r in new:
        # a first year is only claimed when no signature without a known time could precede it
        a = activity[r["party"]]
        assert r["uncertain"] == (a["datedStatements"] < a["statements"]) == a["uncertain"]
    assert any(r["uncertain"] and r["year"] == 2018 for r in new)


@pytest.mark.parametrize("name", ["signatories", "co-signature-edges", "resolution-review"])
def test_pages_add_up_to_every_row(bundled, catalogue, answers, name):
    """A paged query answers page 1 by default; its pages, in turn, are every row."""
    query = catalogue.get(name)
    size, key = query.pagination, page_key(query.sparql)
    counted = {"signatories": ("statement",), "resolution-review": ("match", "nameAsPrinted")}
    assert size and (key.variables if key else None) == counted.get(name)
    rows, number = [], 1
    while True:
        page = run_query(bundled, query, {}, page=number)
        assert (page.number, page.size, page.key) == (number, size, key)
        rows += to_records(page)
        if not page.more:
            break
        # a full page: so many rows, or the rows of so many statements
        assert len(set(map(key.getter(page.columns), page.rows)) if key else page.rows) == size
        number += 1
    assert number > 1 or name != "signatories"  # the bundled statements fill several pages
    assert rows == answers(name)
    assert len(run_query(bundled, query, {}, limit=5)) == 5


@pytest.mark.parametrize("name", ["resolution-review", "signatories", "co-signature-edges"])
def test_small_pages_add_up_to_every_row(bundled, catalogue, answers, name):
    """Pages of 2 (printed names, statements, rows): several pages, every row once."""
    query = dataclasses.replace(catalogue.get(name), pagination=2)
    rows, number = [], 1
    while True:
        page = run_query(bundled, query, {}, page=number)
        rows += to_records(page)
        if not page.more:
            break
        number += 1
    assert number > 2
    assert rows == answers(name)
