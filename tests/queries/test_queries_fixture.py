"""Each saved query's answer on the hand-written fixture graph (tests/queries/fixture.trig).

The expected values are read off the fixture by hand (its header lists who signed what).
"""

from __future__ import annotations

import pytest

from partygraph.errors import PartygraphError
from partygraph.queries import run_query, to_records

ID = "https://w3id.org/partygraph/id/"
KOREA = "statement/solidarity-with-the-korean-people-aaaa1111"
HANDS_OFF = "statement/hands-off-the-communist-party-of-ukraine-bbbb2222"
KOSOVO = "statement/declaration-on-kosovo-cccc3333"
BALKANS = "statement/joint-statement-of-the-communist-parties-of-the-balkans-dddd4444"
UKR2014 = "statement/joint-statement-on-developments-in-ukraine-eeee5555"

# Issue 7's queries (subjects, solidarity, full text): their answers are checked in
# tests/subjects/, on the graph that holds pg:about and pg:mentions.
SUBJECT_QUERIES = {
    "causes-by-support",
    "search-text",
    "solidarity-given",
    "solidarity-received",
    "statements-about",
}


def short(value):
    return value[len(ID) :] if isinstance(value, str) and value.startswith(ID) else value


def rows(store, catalogue, name, **params):
    table = run_query(store, catalogue.get(name), params)
    return [{k: short(v) for k, v in r.items()} for r in to_records(table)]


def col(records, *names):
    if len(names) == 1:
        return [r[names[0]] for r in records]
    return [tuple(r[n] for n in names) for r in records]


def test_statements(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "statements")
    assert col(r, "statement", "date", "dateKind", "signatories") == [
        (BALKANS, None, "", 3),  # undated sorts first (unbound before any value)
        (KOSOVO, "2008-02-16", "adopted", 5),
        (UKR2014, "2014-03-01", "published", 4),
        (HANDS_OFF, "2018-11-23", "meeting", 4),
        (KOREA, "2018-11-25", "adopted", 7),
    ]
    korea = r[-1]
    assert korea["place"] == "Athens" and korea["meeting"] == "meeting/imcwp-20"
    assert korea["initiators"] == "Hungarian Workers' Party" and korea["file"] == "korea.txt"
    assert set(r[2]["initiators"].split("; ")) == {
        "Communist Party of Greece",
        "German Communist Party",
    }


def test_statements_date_range(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "statements", since="2014-01-01")
    assert col(r, "statement") == [UKR2014, HANDS_OFF, KOREA]
    r = rows(fixture_store, catalogue, "statements", since="2008-02-16", until="2018-11-23")
    assert col(r, "statement") == [KOSOVO, UKR2014, HANDS_OFF]


def test_signatories_of_one_statement(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "signatories", statement=ID + KOREA)
    assert col(r, "position", "nameAsPrinted", "party") == [
        (1, "Communist Party of Britain", "party/communist-party-of-britain"),
        (2, "New Communist Party of Britain", "party/new-communist-party-of-britain"),
        (3, "Communist Party of Cuba", "party/communist-party-of-cuba"),
        (4, "German Communist Party", "party/german-communist-party"),
        (
            5,
            "Communist Party of Greece",
            "party/communist-party-of-greece",
        ),  # printed twice: first position only
        (6, "Hungarian Workers’ Party", "party/hungarian-workers-party"),
        (7, "Portuguese Communist Party", "party/portuguese-communist-party"),
    ]
    assert col(r, "initiator") == [False] * 5 + [True, False]
    assert r[5]["partyName"] == "Hungarian Workers' Party" and r[5]["country"] == "HU"


def test_signatories_of_every_statement(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "signatories")
    assert len(r) == 7 + 4 + 5 + 3 + 4
    balkans = [x for x in r if x["statement"] == BALKANS]
    assert col(balkans, "nameAsPrinted", "match", "country") == [
        ("Communist Party of Greece", "exact", "GR"),
        ("The Yugoslav Communists", "new", None),
        ("Progresive Party of Working People", "fuzzy", "CY"),
    ]
    # a path under /id/ is accepted as the statement IRI
    assert len(rows(fixture_store, catalogue, "signatories", statement=HANDS_OFF)) == 4
    # or words of the title, whatever their case
    assert len(rows(fixture_store, catalogue, "signatories", title="korea")) == 7
    r = rows(fixture_store, catalogue, "signatories", title="UKRAINE")
    assert sorted(set(col(r, "statement"))) == [HANDS_OFF, UKR2014] and len(r) == 8


def test_party_statements(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "party-statements", party="party/communist-party-of-greece")
    assert col(r, "statement", "position", "nameAsPrinted", "initiator", "signatories") == [
        (KOSOVO, 1, "Communist Party of Greece", False, 5),
        (UKR2014, 1, "Communist Party of Greece (KKE)", True, 4),
        (HANDS_OFF, 2, "Communist Party of Greece", False, 4),
        (KOREA, 5, "Communist Party of Greece", False, 7),
        (BALKANS, 1, "Communist Party of Greece", False, 3),  # undated last
    ]
    assert r[3]["meetingName"] == "20th International Meeting of Communist and Workers' Parties"
    assert (
        rows(
            fixture_store, catalogue, "party-statements", party=ID + "party/workers-party-of-korea"
        )
        == []
    )


def test_co_signers(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "co-signers", party="party/communist-party-of-greece")
    assert col(r, "partner", "shared", "share") == [
        ("party/portuguese-communist-party", 4, 0.8),
        ("party/communist-party-of-britain", 3, 0.6),
        ("party/akel", 3, 0.6),
        ("party/communist-party-of-cuba", 2, 0.4),
        ("party/german-communist-party", 2, 0.4),
        ("party/new-communist-party-of-britain", 2, 0.4),
        ("party/hungarian-workers-party", 1, 0.2),
        ("party/yugoslav-communists", 1, 0.2),
    ]
    r = rows(
        fixture_store, catalogue, "co-signers", party="party/communist-party-of-greece", min="3"
    )
    assert col(r, "partner") == [
        "party/portuguese-communist-party",
        "party/communist-party-of-britain",
        "party/akel",
    ]


def test_co_signature_edges(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "co-signature-edges")
    # 5 statements with 7, 4, 5, 3, 4 signatories give these distinct pairs
    assert len(r) == 28
    assert all(a < b for a, b in col(r, "source", "target"))
    assert r[0] == {
        "source": "party/communist-party-of-greece",
        "sourceName": "Communist Party of Greece",
        "target": "party/portuguese-communist-party",
        "targetName": "Portuguese Communist Party",
        "weight": 4,
    }
    assert sum(col(r, "weight")) == 21 + 6 + 10 + 3 + 6
    assert len(rows(fixture_store, catalogue, "co-signature-edges", min="3")) == 4


def test_parties_by_country(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "parties-by-country")
    assert col(r, "country", "party", "statements") == [
        ("CU", "party/communist-party-of-cuba", 2),
        ("CY", "party/akel", 3),
        ("DE", "party/german-communist-party", 2),
        ("GB", "party/communist-party-of-britain", 3),
        ("GB", "party/new-communist-party-of-britain", 2),
        ("GR", "party/communist-party-of-greece", 5),
        ("HU", "party/hungarian-workers-party", 1),
        ("KP", "party/workers-party-of-korea", 0),
        ("PT", "party/portuguese-communist-party", 4),
        (None, "party/yugoslav-communists", 1),
    ]
    for value in ("GB", "gb", "United Kingdom", "Britain"):
        r = rows(fixture_store, catalogue, "parties-by-country", country=value)
        assert col(r, "party") == [
            "party/communist-party-of-britain",
            "party/new-communist-party-of-britain",
        ], value


def test_countries_by_signatures(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "countries-by-signatures")
    assert col(r, "country", "signatures", "parties", "statements", "knownParties") == [
        ("GB", 5, 2, 4, 2),
        ("GR", 5, 1, 5, 1),
        ("PT", 4, 1, 4, 1),
        ("CY", 3, 1, 3, 1),
        ("CU", 2, 1, 2, 1),
        ("DE", 2, 1, 2, 1),
        ("HU", 1, 1, 1, 1),
    ]


def test_meeting_statements(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "meeting-statements")
    assert col(r, "meeting", "statement", "signatories") == [
        ("meeting/imcwp-wg-2008-02-16-lisbon", KOSOVO, 5),
        ("meeting/imcwp-20", KOREA, 7),
        ("meeting/imcwp-20", HANDS_OFF, 4),
    ]
    by_ordinal = rows(fixture_store, catalogue, "meeting-statements", ordinal="20")
    assert col(by_ordinal, "statement") == [KOREA, HANDS_OFF]
    assert rows(fixture_store, catalogue, "meeting-statements", ordinal="13") == []
    r = rows(fixture_store, catalogue, "meeting-statements", meeting="meeting/imcwp-20")
    assert col(r, "statement", "ordinal", "date") == [
        (KOREA, 20, "2018-11-25"),
        (HANDS_OFF, 20, None),
    ]


def test_meetings_by_year(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "meetings-by-year")
    assert col(r, "year", "meeting", "place", "country", "statements", "parties") == [
        (2008, "meeting/imcwp-wg-2008-02-16-lisbon", "Lisbon", "PT", 1, 5),
        (2018, "meeting/imcwp-20", "Athens", "GR", 2, 8),
    ]
    assert r[1]["start"] == "2018-11-23" and r[1]["end"] == "2018-11-25" and r[1]["ordinal"] == 20
    assert col(rows(fixture_store, catalogue, "meetings-by-year", year="2008"), "year") == [2008]
    assert rows(fixture_store, catalogue, "meetings-by-year", year="1999") == []


def test_initiators(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "initiators")
    assert sorted(col(r, "initiator", "statement", "signatories")) == [
        ("party/communist-party-of-greece", UKR2014, 4),
        ("party/german-communist-party", UKR2014, 4),
        ("party/hungarian-workers-party", KOREA, 7),
    ]
    r = rows(fixture_store, catalogue, "initiators", party="party/hungarian-workers-party")
    assert col(r, "initiatorName", "initiated", "date") == [
        ("Hungarian Workers' Party", 1, "2018-11-25")
    ]


def test_party_activity(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "party-activity")
    got = {
        x["party"]: (x["statements"], x["datedStatements"], x["first"], x["last"], x["years"])
        for x in r
    }
    assert got == {
        "party/communist-party-of-greece": (5, 4, "2008-02-16", "2018-11-25", 10),
        "party/portuguese-communist-party": (4, 4, "2008-02-16", "2018-11-25", 10),
        "party/communist-party-of-britain": (3, 3, "2008-02-16", "2018-11-25", 10),
        "party/akel": (3, 2, "2008-02-16", "2018-11-23", 10),
        "party/communist-party-of-cuba": (2, 2, "2008-02-16", "2018-11-25", 10),
        "party/german-communist-party": (2, 2, "2014-03-01", "2018-11-25", 4),
        "party/new-communist-party-of-britain": (2, 2, "2018-11-23", "2018-11-25", 0),
        "party/hungarian-workers-party": (1, 1, "2018-11-25", "2018-11-25", 0),
        "party/yugoslav-communists": (1, 0, None, None, None),
    }
    assert col(r, "party")[0] == "party/communist-party-of-greece"
    assert (
        len(rows(fixture_store, catalogue, "party-activity", party="party/german-communist-party"))
        == 1
    )


def test_statements_per_year(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "statements-per-year")
    assert col(r, "year", "statements", "signatures", "parties", "newParties") == [
        (2008, 1, 5, 5, 5),
        (2014, 1, 4, 4, 1),
        (2018, 2, 11, 8, 2),
    ]


def test_statements_by_signatories(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "statements-by-signatories")
    assert col(r, "statement", "signatories", "countries") == [
        (KOREA, 7, 6),
        (KOSOVO, 5, 5),
        (HANDS_OFF, 4, 4),
        (UKR2014, 4, 4),
        (BALKANS, 3, 2),
    ]
    r = rows(fixture_store, catalogue, "statements-by-signatories", min="4", max="5")
    assert col(r, "statement") == [KOSOVO, HANDS_OFF, UKR2014]


def test_meeting_core_signers(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "meeting-core-signers")
    assert col(r, "meeting", "statements", "party") == [
        ("meeting/imcwp-20", 2, "party/communist-party-of-greece"),
        ("meeting/imcwp-20", 2, "party/new-communist-party-of-britain"),
        ("meeting/imcwp-20", 2, "party/portuguese-communist-party"),
    ]
    lisbon = "meeting/imcwp-wg-2008-02-16-lisbon"  # one statement only: left out
    assert rows(fixture_store, catalogue, "meeting-core-signers", meeting=lisbon) == []


def test_new_parties_by_year(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "new-parties-by-year")
    assert col(r, "year", "party", "statement") == [
        (2008, "party/communist-party-of-britain", KOSOVO),
        (2008, "party/communist-party-of-cuba", KOSOVO),
        (2008, "party/communist-party-of-greece", KOSOVO),
        (2008, "party/portuguese-communist-party", KOSOVO),
        (2008, "party/akel", KOSOVO),
        (2014, "party/german-communist-party", UKR2014),
        (
            2018,
            "party/new-communist-party-of-britain",
            HANDS_OFF,
        ),  # the meeting's start date, 2018-11-23
        (2018, "party/hungarian-workers-party", KOREA),
    ]
    assert col(rows(fixture_store, catalogue, "new-parties-by-year", year="2014"), "party") == [
        "party/german-communist-party"
    ]


def test_party_profile(fixture_store, catalogue):
    [kke] = rows(fixture_store, catalogue, "party-profile", party="party/communist-party-of-greece")
    assert kke["name"] == "Communist Party of Greece" and kke["abbreviation"] == "KKE"
    assert set(kke["aliases"].split("; ")) == {"KKE", "Kommounistiko Komma Elladas"}
    assert (kke["country"], kke["countryName"]) == ("GR", "Greece")
    assert kke["identifiers"] == "http://www.wikidata.org/entity/Q1234567"
    assert (kke["signed"], kke["initiated"], kke["coSigners"]) == (5, 1, 8)
    assert (kke["first"], kke["last"], kke["provisional"]) == ("2008-02-16", "2018-11-25", False)
    assert set(kke["printedAs"].split("; ")) == {
        "Communist Party of Greece",
        "Communist Party of Greece (KKE)",
    }
    [wpk] = rows(fixture_store, catalogue, "party-profile", party="party/workers-party-of-korea")
    assert (wpk["signed"], wpk["initiated"], wpk["coSigners"], wpk["first"]) == (0, 0, 0, None)
    [yc] = rows(fixture_store, catalogue, "party-profile", party="party/yugoslav-communists")
    assert yc["provisional"] is True and yc["country"] is None and yc["signed"] == 1


def test_sources(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "sources")
    assert col(r, "file", "statement", "signatories", "triples", "warnings") == [
        ("balkans.txt", BALKANS, 3, 43, 2),
        ("hands-off.txt", HANDS_OFF, 4, 60, 1),  # + a participant role and pg:participant
        ("korea.txt", KOREA, 7, 91, 1),
        ("kosovo.txt", KOSOVO, 5, 67, 0),
        ("ukraine-2014.txt", UKR2014, 4, 52, 0),
    ]
    assert r[2]["sha256"] == "aaaa1111" * 8 and r[2]["source"] == "source/" + "aaaa1111" * 8
    assert r[2]["path"] == "data/statements/korea.txt" and r[2]["toolVersion"] == "0.1.0"


def test_source_warnings(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "source-warnings")
    assert col(r, "file") == ["balkans.txt", "balkans.txt", "hands-off.txt", "korea.txt"]
    r = rows(fixture_store, catalogue, "source-warnings", text="DUPLICATE")
    assert col(r, "statement", "warning") == [
        (KOREA, "duplicate signatory: line 8 'Communist Party of Greece (KKE)' repeats line 5")
    ]


def test_resolution_review(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "resolution-review")
    assert col(r, "match", "nameAsPrinted", "party", "provisional") == [
        ("new", "The Yugoslav Communists", "party/yugoslav-communists", True),
        ("fuzzy", "Progresive Party of Working People", "party/akel", False),
    ]
    r = rows(fixture_store, catalogue, "resolution-review", match="alias")
    assert col(r, "nameAsPrinted", "position") == [("AKEL", 3), ("AKEL, Cyprus", 1)]


def test_find_party(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "find-party", text="workers")
    assert col(r, "party", "statements") == [
        ("party/hungarian-workers-party", 1),
        ("party/workers-party-of-korea", 0),
    ]
    r = rows(fixture_store, catalogue, "find-party", text="BRITAIN")
    assert col(r, "party") == [
        "party/communist-party-of-britain",
        "party/new-communist-party-of-britain",
    ]
    # found through an alias and through a name as printed
    assert col(rows(fixture_store, catalogue, "find-party", text="munkás"), "party") == [
        "party/hungarian-workers-party"
    ]
    assert col(rows(fixture_store, catalogue, "find-party", text="Progresive"), "party") == [
        "party/akel"
    ]


def test_party_identifiers(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "party-identifiers")
    assert len(r) == 9  # registry parties only, not the provisional one
    kke = next(x for x in r if x["id"] == "communist-party-of-greece")
    assert (kke["wikidata"], kke["partyfacts"], kke["parlgov"]) == ("Q1234567", "1001", "2002")
    assert (str(kke["retrieved"]), kke["review"]) == ("2026-01-02", "yes")
    assert [x["id"] for x in rows(fixture_store, catalogue, "party-identifiers", country="GR")] == [
        "communist-party-of-greece"
    ]


def test_unlinked_parties(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "unlinked-parties")
    assert len(r) == 8 and "communist-party-of-greece" not in col(r, "id")
    assert r[0]["id"] == "portuguese-communist-party"  # most statements first


def test_signatures_by_ideology(fixture_store, catalogue):
    r = rows(fixture_store, catalogue, "signatures-by-ideology")
    assert [(str(x["name"]), x["parties"], x["statements"]) for x in r] == [
        ("Fixture ideology A", 1, 5),
        ("Fixture ideology B", 1, 5),
    ]
    assert rows(fixture_store, catalogue, "signatures-by-ideology", min="2") == []


def test_meeting_participants(fixture_store, catalogue):
    # only the party a meeting report lists as a participant, not every signatory
    r = rows(fixture_store, catalogue, "meeting-participants")
    assert [(x["party"], x["asPrinted"], x["country"]) for x in r] == [
        ("party/akel", "AKEL, Cyprus", "CY")
    ]
    assert r[0]["source"].endswith(
        "bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222"
    )
    assert rows(fixture_store, catalogue, "meeting-participants", meeting="meeting/imcwp-20") == r
    other = "meeting/imcwp-wg-2008-02-16-lisbon"
    assert rows(fixture_store, catalogue, "meeting-participants", meeting=other) == []


def test_every_saved_query_is_checked_here(catalogue):
    tested = {
        name.replace("_", "-")[5:]
        for name in globals()
        if name.startswith("test_") and name != "test_every_saved_query_is_checked_here"
    }
    tested |= {"signatories"}
    missing = [
        n
        for n in catalogue.names()
        if n not in SUBJECT_QUERIES and not any(t.startswith(n) for t in tested)
    ]
    assert missing == []


def test_limit(fixture_store, catalogue):
    table = run_query(fixture_store, catalogue.get("signatories"), {}, limit=3)
    assert len(table.rows) == 3
    with pytest.raises(PartygraphError):
        run_query(fixture_store, catalogue.get("signatories"), {}, limit=-1)


# grlc writes each value into the text as a string literal (rdflib's n3()); the same
# answers must come out. Party, statement and meeting values are then full IRIs.
GRLC_CASES = {
    "co-signers": {"party": ID + "party/communist-party-of-greece", "min": "2"},
    "co-signature-edges": {"min": "2"},
    "find-party": {"text": "Britain"},
    "initiators": {"party": ID + "party/german-communist-party"},
    "meeting-core-signers": {"meeting": ID + "meeting/imcwp-20"},
    "meeting-statements": {"meeting": ID + "meeting/imcwp-20", "ordinal": "20"},
    "meeting-participants": {"meeting": ID + "meeting/imcwp-20"},
    "meetings-by-year": {"year": "2018"},
    "new-parties-by-year": {"year": "2008"},
    "parties-by-country": {"country": "GB"},
    "party-activity": {"party": ID + "party/akel"},
    "party-identifiers": {"country": "GR"},
    "unlinked-parties": {"country": "GB"},
    "party-profile": {"party": ID + "party/communist-party-of-greece"},
    "party-statements": {"party": ID + "party/communist-party-of-greece"},
    "resolution-review": {"match": "alias"},
    "signatories": {"statement": ID + KOSOVO, "title": "kosovo"},
    "signatures-by-ideology": {"min": "1"},
    "source-warnings": {"text": "new party"},
    "statements": {"since": "2010-01-01", "until": "2018-11-24"},
    "statements-by-signatories": {"min": "4", "max": "5"},
}


@pytest.mark.parametrize("name", sorted(GRLC_CASES))
def test_grlc_style_substitution_gives_the_same_rows(name, fixture_store, catalogue):
    import re

    from rdflib import Literal

    q = catalogue.get(name)
    values = GRLC_CASES[name]
    assert set(values) == {p.name for p in q.params}
    text = q.sparql
    for pname, value in values.items():
        # grlc pastes ?_name_iri as an IRI and every other parameter as a string literal
        text = re.sub(rf"\?_{pname}_iri\b", lambda _m, v=value: f"<{v}>", text)
        text = re.sub(rf"\?_{pname}\b", lambda _m, v=value: Literal(v).n3(), text)
    assert "?_" not in text

    # GROUP_CONCAT's order is not defined by SPARQL: lists compare as sorted items
    def rows(table):
        return [
            {k: sorted(v.split("; ")) if isinstance(v, str) else v for k, v in r.items()}
            for r in to_records(table)
        ]

    grlc = rows(fixture_store.select(text))
    ours = rows(run_query(fixture_store, q, values))
    assert grlc == ours and ours, name


def test_every_parameterised_query_has_a_grlc_case(catalogue):
    with_params = {q.name for q in catalogue if q.params and q.name not in SUBJECT_QUERIES}
    assert with_params == set(GRLC_CASES)


def test_pages_of_an_unpaged_query(fixture_store, catalogue):
    """A query without '#+ pagination' is its own page 1; other pages are an error."""
    query = catalogue.get("statements")
    assert query.pagination is None
    assert (
        run_query(fixture_store, query, {}).rows
        == run_query(fixture_store, query, {}, page=None).rows
    )
    with pytest.raises(PartygraphError, match="no page 2"):
        run_query(fixture_store, query, {}, page=2)
    with pytest.raises(PartygraphError, match="expected a page >= 1"):
        run_query(fixture_store, catalogue.get("signatories"), {}, page=0)
