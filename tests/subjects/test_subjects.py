"""Subjects and mentions of statements, checked against a hand-made expectation."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from partygraph.extract import read_document
from partygraph.extract.countries import country_name
from partygraph.extract.model import PrintedParty, StatementRecord
from partygraph.rdf import registry_quads, statement_quads
from partygraph.resolve import Registry, to_json
from partygraph.subjects import (
    SubjectFinder,
    find_mentions,
    find_subjects,
    load_organisations,
    search_fold,
    subjects_json,
)

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
EXPECTED = json.loads((Path(__file__).with_name("expected_subjects.json")).read_text("utf-8"))
DOCS = sorted(k for k in EXPECTED if not k.startswith("_"))
ID = "https://w3id.org/partygraph/id/"
PG = "https://w3id.org/partygraph/ontology#"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


DOCUMENTS = {p.stem: p for p in STATEMENTS.iterdir() if p.suffix in (".txt", ".html")}


@pytest.fixture(scope="module")
def records() -> dict[str, StatementRecord]:
    return {stem: read_document(DOCUMENTS[stem]) for stem in DOCS}


def test_every_bundled_statement_has_an_expectation():
    assert sorted(DOCUMENTS) == DOCS


@pytest.mark.parametrize("stem", DOCS)
def test_subjects_match_the_hand_made_expectation(stem, records, registry):
    got = [
        {"kind": s.kind, "id": s.id, "stance": s.stance}
        for s in find_subjects(records[stem], registry)
    ]
    assert got == EXPECTED[stem]["subjects"], EXPECTED[stem]["reason"]
    assert [s.rank for s in find_subjects(records[stem], registry)] == list(range(1, len(got) + 1))


@pytest.mark.parametrize("stem", DOCS)
def test_mentions_are_only_what_the_prose_names(stem, records, registry):
    record = records[stem]
    mentions = find_mentions(record, registry)
    countries = {m.id for m in mentions if m.kind == "country"}
    parties = {m.id for m in mentions if m.kind == "party"}
    assert countries <= set(EXPECTED[stem]["prose_countries"])
    assert parties <= set(EXPECTED[stem]["parties"])
    # the countries of the signing parties are printed in the list, not in the prose
    resolved = SubjectFinder(registry).annotate(registry.resolve(record))
    signer_countries = {r.party.country for r in resolved.signatories if r.party.country}
    # (none when the prose names every signer's country: a domestic statement, or a report
    # saying where its parties come from)
    only_in_list = signer_countries - set(EXPECTED[stem]["prose_countries"])
    assert not countries & only_in_list


@pytest.mark.parametrize("stem", DOCS)
def test_every_subject_is_also_a_mention(stem, records, registry):
    mentions = {(m.kind, m.id): m for m in find_mentions(records[stem], registry)}
    for s in find_subjects(records[stem], registry):
        m = mentions[(s.kind, s.id)]
        assert (s.count, s.where, s.as_printed) == (m.count, m.where, m.as_printed)


def test_seed_mentions_counted_with_places(records, registry):
    ms = {m.id: m for m in find_mentions(records["000_d09a13167ed8fed5"], registry)}
    assert set(ms) == {"KP", "workers-party-of-korea", "US"}
    kp = ms["KP"]
    assert kp.where == "title" and kp.places == ("title", "headline", "body")
    # Korea, Korean (x many), DPRK: every form counts for the one country
    body = records["000_d09a13167ed8fed5"].text
    assert kp.count >= body.count("DPRK") + body.count("Korean") > 10
    assert ms["US"].as_printed == "U.S." and ms["US"].count == 2
    assert ms["US"].stance == "opposition"  # "the U.S. hostile policy"


def _record(text: str, title: str | None = None, signatories=()) -> StatementRecord:
    return StatementRecord(
        source="test.txt",
        sha256="0" * 64,
        title=title,
        text=text,
        signatories=[
            PrintedParty(position=n, as_printed=s, name=s) for n, s in enumerate(signatories, 1)
        ],
    )


def test_signatory_lines_left_in_the_body_are_not_counted(registry):
    lines = ["Communist Party of Cuba", "Communist Party of Greece (KKE)", "AKEL, Cyprus"]
    record = _record("We stand with the people of Chile.\n" + "\n".join(lines), signatories=lines)
    assert [(m.kind, m.id) for m in find_mentions(record, registry)] == [("country", "CL")]


def test_country_inside_a_party_name_is_the_party(registry):
    record = _record("We back the Communist Party of Ukraine against persecution.")
    assert [(m.kind, m.id) for m in find_mentions(record, registry)] == [
        ("party", "communist-party-of-ukraine")
    ]
    both = _record("We back the Communist Party of Ukraine and the people of Ukraine.")
    assert {(m.kind, m.id) for m in find_mentions(both, registry)} == {
        ("party", "communist-party-of-ukraine"),
        ("country", "UA"),
    }
    # a party the registry does not know still hides the country inside its name
    unknown = _record(
        "The Revolutionary Workers' Party of Freedonia and the Party of Labour of Chile."
    )
    assert [m.id for m in find_mentions(unknown, registry)] == []
    short = _record("We will stand by the CP Ukraine until it is vindicated.")
    assert [(m.id, m.stance) for m in find_mentions(short, registry)] == [
        ("communist-party-of-ukraine", "solidarity")
    ]


def test_abbreviations_dprk_is_a_country(registry):
    record = _record("The KKE and the CPSU greet the DPRK; the RCWP-CPSU agrees.")
    got = [(m.kind, m.id, m.as_printed) for m in find_mentions(record, registry)]
    assert got == [
        ("party", "communist-party-of-greece", "KKE"),
        ("party", "communist-party-of-the-soviet-union", "CPSU"),
        ("country", "KP", "DPRK"),
        ("party", "rcwp-cpsu", "RCWP-CPSU"),
    ]


def test_international_bodies_and_the_united_states(registry):
    record = _record(
        "NATO, the EU and the UN met. The U.S. and the US and the United States "
        "and the USA, la OTAN y la Unión Europea, EEUU."
    )
    got = {(m.kind, m.id): m.count for m in find_mentions(record, registry)}
    assert got == {
        ("organisation", "nato"): 2,
        ("organisation", "eu"): 2,
        ("organisation", "un"): 1,
        ("country", "US"): 5,
    }


def test_demonyms_old_names_and_blockers(registry):
    record = _record(
        "Cuban, Bolivarian, Soviet, Palestinian, Ukrainian, Syrian, Venezuelan and Yugoslav "
        "workers; the Koreans; the Latin American left; the Balkan peoples; the USSR."
    )
    got = {m.id: m.count for m in find_mentions(record, registry)}
    assert got == {"CU": 1, "VE": 2, "RU": 2, "PS": 1, "UA": 1, "SY": 1, "RS": 1, "KP": 1}


def test_places_and_capitals_are_not_mentions(registry):
    record = _record("Meeting held in Athens, Greece and in Beirut Líbano; then in Lisbon.")
    assert find_mentions(record, registry) == []
    assert [m.id for m in find_mentions(_record("Solidarity with Greece."), registry)] == ["GR"]


def test_shouting_lines_do_not_read_us_as_a_country(registry):
    record = _record("JOIN US IN THE STRUGGLE FOR PEACE\nThe US must leave.")
    assert [(m.id, m.count) for m in find_mentions(record, registry)] == [("US", 1)]
    assert [m.id for m in find_mentions(_record("SOLIDARITY WITH CUBA NOW"), registry)] == ["CU"]


def test_body_rule_without_title(registry):
    # named twice, half as often as the top: a subject; the US once, adversarial: not
    record = _record(
        "We support Cuba. The blockade of Cuba by the US must end. Cuba will win. "
        "Venezuela too, and Venezuela again."
    )
    assert [(s.id, s.reason) for s in find_subjects(record, registry)] == [
        ("CU", "body-frequency"),
        ("VE", "body-frequency"),
    ]
    single = _record("Stirred up by the US, the coup in Bolivia failed.")
    assert [(s.id, s.reason) for s in find_subjects(single, registry)] == [("BO", "body-first")]
    # a signing party named in the body is the author, not the subject
    signed = _record(
        "The Communist Party of Greece and the Communist Party of Greece call for peace.",
        signatories=["Communist Party of Greece"],
    )
    assert find_subjects(signed, registry) == []


def test_subjects_json_shape(records, registry):
    data = subjects_json(records["000_d09a13167ed8fed5"], registry)
    assert set(data) == {"subjects", "mentions"}
    first = data["subjects"][0]
    assert first == {
        "kind": "country",
        "id": "KP",
        "name": country_name("KP"),
        "as_printed": "Korean",
        "count": first["count"],
        "where": "title",
        "rank": 1,
        "stance": "solidarity",
        "reason": "title",
    }
    assert data["subjects"][1]["id"] == "workers-party-of-korea"
    assert data["subjects"][1]["name"] == "Workers' Party of Korea"
    assert [m["id"] for m in data["mentions"]] == ["KP", "workers-party-of-korea", "US"]
    json.dumps(data)


@pytest.mark.parametrize("stem", DOCS)
def test_full_text_present_without_the_list(stem, records):
    record = records[stem]
    assert record.text.strip()
    lines = {line.strip() for line in record.text.splitlines()}
    for p in record.signatories:
        assert p.as_printed not in lines


def test_rdf_of_the_seed(records, registry):
    record = records["000_d09a13167ed8fed5"]
    graph = ID + "source/" + record.sha256
    quads = statement_quads(
        SubjectFinder(registry).annotate(registry.resolve(record)),
        source_path="seed.txt",
        ingested_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    statement = quads[0].subject.value
    store = Store()
    store.extend(quads)
    rows = store.query(
        f"""PREFIX pg: <{PG}>
        SELECT ?target ?rank ?stance ?count WHERE {{ GRAPH ?g {{
          <{statement}> pg:about ?target ; pg:hasMention ?m .
          ?m pg:mentioned ?target ; pg:subjectRank ?rank ; pg:stance ?stance ;
             pg:mentionCount ?count . }} }} ORDER BY ?rank"""
    )
    got = [(r["target"].value, int(r["rank"].value), r["stance"].value) for r in rows]
    assert got == [
        (ID + "country/KP", 1, "solidarity"),
        (ID + "party/workers-party-of-korea", 2, "solidarity"),
    ]
    mentioned = {
        r["t"].value
        for r in store.query(
            f"SELECT ?t WHERE {{ GRAPH ?g {{ <{statement}> <{PG}mentions> ?t }} }}"
        )
    }
    assert mentioned == {ID + "country/KP", ID + "party/workers-party-of-korea", ID + "country/US"}
    texts = [
        r["t"]
        for r in store.query(
            f"SELECT ?t WHERE {{ GRAPH ?g {{ <{statement}> <https://schema.org/text> ?t }} }}"
        )
    ]
    # one writer of the body: exactly one schema:text quad, not one per stage
    assert sum(q.predicate.value == "https://schema.org/text" for q in quads) == 1
    assert texts[0].value == record.text and texts[0].language == "en"
    assert "Communist Party of Argentina" not in texts[0].value
    search = next(
        r["t"].value
        for r in store.query(
            f"SELECT ?t WHERE {{ GRAPH ?g {{ <{statement}> <{PG}searchText> ?t }} }}"
        )
    )
    assert "workers' party of korea" in search and search == search.lower()
    assert all(q.graph_name.value == graph for q in quads)


def test_resolve_fills_subjects_and_mentions(records, registry):
    record = records["000_d09a13167ed8fed5"]
    resolved = SubjectFinder(registry).annotate(registry.resolve(record))
    assert [(s.kind, s.id, s.rank) for s in resolved.subjects] == [
        ("country", "KP", 1),
        ("party", "workers-party-of-korea", 2),
    ]
    assert [m.id for m in resolved.mentions] == ["KP", "workers-party-of-korea", "US"]
    # extract's JSON carries the same items as subjects_json, after the SPEC keys
    doc = to_json(resolved)
    keys = list(doc)
    after = keys.index("warnings") + 1
    assert keys[after : after + 2] == ["subjects", "mentions"]
    assert {k: doc[k] for k in ("subjects", "mentions")} == subjects_json(record, registry)


@pytest.mark.parametrize("stem", DOCS)
def test_resolved_subjects_match_the_expectation(stem, records, registry):
    got = [
        {"kind": s.kind, "id": s.id, "stance": s.stance}
        for s in SubjectFinder(registry).annotate(registry.resolve(records[stem])).subjects
    ]
    assert got == EXPECTED[stem]["subjects"], EXPECTED[stem]["reason"]


def test_resolve_does_not_import_rdf():
    # the stages flow one way: extract -> resolve -> rdf -> store
    folder = ROOT / "src" / "partygraph" / "resolve"
    offenders = [
        p.name
        for p in folder.glob("*.py")
        if re.search(r"^\s*(?:from|import)\s+partygraph\.rdf\b", p.read_text("utf-8"), re.M)
    ]
    assert offenders == []


def _one(subject: str, predicate: str) -> str:
    return f"SELECT ?t WHERE {{ GRAPH ?g {{ <{subject}> <{predicate}> ?t }} }}"


def test_search_fold_is_case_and_accent_insensitive():
    assert search_fold("SOLIDARIDAD con el Partido Comunista de Azerbaiyán") == search_fold(
        "solidaridad CON EL partido comunista de azerbaiyan"
    )
    assert search_fold("Ελλάδα") == "ελλαδα"


def test_registry_graph_describes_every_body_once():
    orgs = load_organisations()
    quads = registry_quads(Registry.load())
    store = Store()
    store.extend(quads)
    rows = store.query(
        f"SELECT ?o ?label WHERE {{ GRAPH ?g {{ ?o a <{PG}Organisation> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }"
    )
    got = {r["o"].value: r["label"].value for r in rows}
    assert len(got) == len(orgs) >= 30
    assert got[ID + "organisation/nato"] == "North Atlantic Treaty Organization"
    # a country only demonyms.csv names (Kosovo) is described there too
    kosovo = [q for q in quads if q.subject.value == ID + "country/XK"]
    assert {q.object.value for q in kosovo} >= {PG + "Country", "XK", "Kosovo"}


def test_data_files_are_well_formed():
    iso = {line.split("\t")[0] for line in _country_lines()}
    rows = list(
        csv.DictReader(
            line
            for line in (ROOT / "data/registry/demonyms.csv").read_text("utf-8").splitlines()
            if not line.startswith("#")
        )
    )
    assert len(rows) > 500
    for row in rows:
        assert row["source"].strip(), row
        kinds = {"demonym", "old_name", "short_name", "name", "territory", "region", "blocker"}
        assert row["kind"] in kinds
        if row["kind"] in ("region", "blocker"):
            assert row["iso2"] == ""
        else:
            assert row["iso2"] in iso or row["iso2"] == "XK", row
    forms = [(r["form"], r["iso2"]) for r in rows]
    assert len(forms) == len(set(forms))
    ids = [o.id for o in load_organisations()]
    assert len(ids) == len(set(ids))


def _country_lines() -> list[str]:
    path = ROOT / "src/partygraph/extract/data/countries.tsv"
    return [
        line
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#") and re.match(r"^[A-Z]{2}\t", line)
    ]


def test_a_signing_party_named_as_author_in_the_title_is_not_a_subject(registry):
    record = _record(
        "The KKE expresses its solidarity with the people of Venezuela.",
        title="Statement of the Communist Party of Greece on the situation in Venezuela",
        signatories=["Communist Party of Greece"],
    )
    assert [s.id for s in find_subjects(record, registry)] == ["VE"]
    assert "communist-party-of-greece" in {m.id for m in find_mentions(record, registry)}
    colon = _record("...", title="KKE: Solidarity with Cuba", signatories=["KKE"])
    assert [s.id for s in find_subjects(colon, registry)] == ["CU"]
    # a party that does not sign is a subject even after "statement of ... for"
    other = _record("...", title="Statement in support of the Communist Party of Ukraine")
    assert [s.id for s in find_subjects(other, registry)] == ["communist-party-of-ukraine"]


def test_the_country_of_the_meeting_place_is_not_a_mention(registry):
    from partygraph.extract.model import Place

    record = _record("The meeting held in Greece condemned the blockade of Cuba.")
    record.place = Place(city="Athens", country="GR")
    assert [m.id for m in find_mentions(record, registry)] == ["CU"]
    # named otherwise, the same country counts
    record.text = "Greece's workers and Cuba."
    assert [m.id for m in find_mentions(record, registry)] == ["GR", "CU"]


def test_stance_cues(registry):
    record = _record(
        "The CPSU led the working class. The US-led coalition and the Saudi-backed forces "
        "bomb Yemen; the Israeli army shoots, the Ukrainian authorities persecute."
    )
    stance = {m.id: m.stance for m in find_mentions(record, registry)}
    assert stance == {
        "communist-party-of-the-soviet-union": "mentioned",  # named, nothing said of it
        "US": "opposition",
        "SA": "opposition",
        "YE": "solidarity",  # bombed: the victim, as in "the bombing of Yemen"
        "IL": "opposition",
        "UA": "opposition",
    }
    blockade = _record(
        "Israeli air strikes. Il blocco statunitense; l'embargo statunitense. The Greek strike."
    )
    stance = {m.id: m.stance for m in find_mentions(blockade, registry)}
    # "strike" alone is not hostile (a workers' strike): the Greek one is not condemned
    assert stance == {"IL": "opposition", "US": "opposition", "GR": "mentioned"}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # issue 15: the Kosovo declaration was read as solidarity with Kosovo
        ("Our Parties oppose the separation of Kosovo from the Republic of Serbia.", "opposition"),
        ("We reject the self-proclaimed independence of Kosovo.", "opposition"),
        ("We condemn Kosovo's membership of the Council of Europe.", "opposition"),
        ("We do not oppose the independence of Kosovo.", "solidarity"),
        ("We support the independence of Kosovo.", "solidarity"),
        ("We express our solidarity with the people of Kosovo.", "solidarity"),
        ("We do not support Kosovo in this.", "opposition"),
        ("We condemn the bombing of Kosovo.", "solidarity"),
        ("The meeting discussed Kosovo and its future.", "mentioned"),
    ],
)
def test_stance_follows_the_verb_its_object_and_negation(registry, text, stance):
    record = _record(text, title="Declaration on Kosovo")
    mentions = {m.id: m.stance for m in find_mentions(record, registry)}
    assert mentions["XK"] == stance
    assert [(s.id, s.stance) for s in find_subjects(record, registry)] == [("XK", stance)]


@pytest.mark.parametrize("stem", DOCS)
def test_given_signers_give_the_same_subjects(stem, records, registry):
    record = records[stem]
    resolved = SubjectFinder(registry).annotate(registry.resolve(record))
    signers = [r.party.id for r in [*resolved.signatories, *resolved.initiators]]
    assert find_subjects(record, registry, signers=signers) == find_subjects(record, registry)
    data = subjects_json(record, registry, signers=signers)
    assert json.loads(json.dumps(data)) == data


def test_plural_party_words_name_no_party(registry):
    record = _record("The Communist Parties of Europe and the Communist Parties met in Cuba.")
    assert [(m.kind, m.id) for m in find_mentions(record, registry)] == [("country", "CU")]


def test_a_title_about_a_region_takes_no_single_body_country(registry):
    record = _record(
        "In Brazil, Bolsonaro; in Argentina, Macri; in Chile, Piñera.",
        title="Statement on the situation in Latin America",
    )
    assert find_subjects(record, registry) == []
    assert [m.id for m in find_mentions(record, registry)] == ["BR", "AR", "CL"]
    twice = _record("Brazil, and again Brazil.", title="On the Middle East and Latin America")
    assert [s.id for s in find_subjects(twice, registry)] == ["BR"]


def test_romance_demonyms_capitalised(registry):
    record = _record("¡Viva la Revolución Cubana! El pueblo cubano y la Siria.")
    assert [(m.id, m.count) for m in find_mentions(record, registry)] == [("CU", 2), ("SY", 1)]


def test_authors_listed_in_the_title(registry):
    record = _record(
        "...",
        title="Communiqué of the Communist Party of Greece and the Portuguese Communist Party "
        "on the Communist Party of Ukraine",
        signatories=["Communist Party of Greece", "Portuguese Communist Party"],
    )
    assert [s.id for s in find_subjects(record, registry)] == ["communist-party-of-ukraine"]


_WORDS = [
    "Cuba", "Cuban", "US", "U.S.", "NATO", "the", "Communist", "Party", "of", "Ukraine",
    "KKE", "DPRK", "Korea", "Latin", "American", "in", "Athens,", "Greece", "by", "army",
    "Israeli", "Parties", "CP", "Κύπρος", "ß", "’", "—", "\n", "Salvador", "(", ")", "PRC",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=40),
    st.lists(st.sampled_from(_WORDS), max_size=8),
)
def test_any_text_gives_consistent_mentions_and_subjects(registry, body, title):
    record = _record(" ".join(body), title=" ".join(title) or None)
    mentions = find_mentions(record, registry)
    subjects = find_subjects(record, registry, mentions=mentions)
    keys = {(m.kind, m.id) for m in mentions}
    assert len(keys) == len(mentions)
    assert all(m.count >= 1 and m.where in ("title", "headline", "body") for m in mentions)
    assert [m.rank for m in mentions] == list(range(1, len(mentions) + 1))
    assert {(s.kind, s.id) for s in subjects} <= keys
    assert [s.rank for s in subjects] == list(range(1, len(subjects) + 1))
    json.dumps(subjects_json(record, registry))


# --- general rules found by reading the bundled statements ------------------------------


def _report(text: str, title: str | None, participants: list[str]) -> StatementRecord:
    record = _record(text, title=title, signatories=participants)
    record.signatories = [
        PrintedParty(position=p.position, as_printed=p.as_printed, name=p.name, role="participant")
        for p in record.signatories
    ]
    return record


def test_a_meeting_report_names_its_host_but_is_not_about_it(registry):
    record = _report(
        "The meeting was opened by the General Secretary of the KKE. The KKE hosted it and "
        "the KKE thanked the delegations.",
        "Meeting of communist parties in Brussels",
        ["Portuguese Communist Party", "Communist Party of Spain"],
    )
    assert find_subjects(record, registry) == []
    assert "communist-party-of-greece" in {m.id for m in find_mentions(record, registry)}


@pytest.mark.parametrize(
    ("title", "country"),
    [
        ("20ème Réunion internationale des Partis communistes et ouvriers", None),
        ("Solidarité avec les travailleurs de la Réunion", "RE"),
    ],
)
def test_a_country_that_is_a_common_noun_counts_only_as_a_place(registry, title, country):
    ids = {m.id for m in find_mentions(_record("", title=title), registry) if m.kind == "country"}
    assert ids == ({country} if country else set())


def test_a_title_naming_its_own_signers_has_no_subject(registry):
    signers = ["German Communist Party", "Communist Party of Luxembourg"]
    record = _record(
        "The DKP and the KPL met again; the Workers' Party of Belgium, the Workers' Party of "
        "Belgium and the Workers' Party of Belgium were named.",
        title="Cooperation of the German Communist Party and the Communist Party of Luxembourg",
        signatories=signers,
    )
    assert find_subjects(record, registry) == []


def test_countries_after_an_abbreviated_party_name_are_more_names(registry):
    record = _record("", title="Statement of the CP of Greece, Mexico, Workers of Spain, Turkey")
    assert {m.id for m in find_mentions(record, registry) if m.kind == "country"} == set()


@pytest.mark.parametrize(
    ("text", "iso2", "stance"),
    [
        ("Agression de l'Iran : déclaration commune.", "IR", "solidarity"),
        ("Giù le mani da Cuba! Giù le mani da Cuba!", "CU", "solidarity"),
        ("We call on the peoples to demand sanctions against Israel.", "IL", "opposition"),
        ("We condemn the air strikes on Syria.", "SY", "solidarity"),
        ("The new laws endanger India's food security.", "IN", "solidarity"),
        ("The parties stand against the militarisation of the EU.", "eu", "opposition"),
    ],
)
def test_stance_cues_in_more_forms(registry, text, iso2, stance):
    ms = {m.id: m for m in find_mentions(_record(text), registry)}
    assert ms[iso2].stance == stance


def test_an_adjective_and_cp_name_the_party(registry):
    record = _record("", title="Solidarity with the people of Sudan and the Sudanese CP")
    got = [(s.id, s.stance) for s in find_subjects(record, registry)]
    assert got == [("SD", "solidarity"), ("sudanese-communist-party", "solidarity")]
