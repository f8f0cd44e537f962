"""The solidarity network and the saved subject queries, on the pipeline-built store."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from partygraph.extract import read_document
from partygraph.network.solidarity import (
    bridging_subjects,
    build_graph,
    load_rows,
    reciprocity,
    solidarity_network,
    strengths,
    write_all,
)
from partygraph.queries import run
from partygraph.queries.run import rows_plain
from partygraph.subjects import SubjectFinder

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
EXPECTED = json.loads(Path(__file__).with_name("expected_subjects.json").read_text("utf-8"))
SEED = "000_d09a13167ed8fed5"
WPK = "workers-party-of-korea"
CPU = "communist-party-of-ukraine"
KKE = "communist-party-of-greece"
PG = "https://w3id.org/partygraph/ontology#"


def _signers(stem: str, registry) -> set[str]:
    resolved = SubjectFinder(registry).annotate(
        registry.resolve(read_document(next(STATEMENTS.glob(f"{stem}.*"))))
    )
    return {r.party.id for r in [*resolved.signatories, *resolved.initiators]}


def test_seed_network_is_exactly_the_61_signatories_to_korea_and_the_wpk(
    subjects_store, statement_iris, subject_registry
):
    seed = statement_iris[SEED]
    g = build_graph([r for r in load_rows(subjects_store) if r.statement == seed])
    signers = _signers(SEED, subject_registry)
    assert len(signers) == 61 and WPK in signers  # 62 lines, one printed twice
    expected = {(p, "KP") for p in signers} | {(p, WPK) for p in signers - {WPK}}
    assert set(g.edges()) == expected
    assert g.number_of_edges() == 121
    assert not list(nx.selfloop_edges(g))  # the WPK does not support itself
    assert set(g.successors(WPK)) == {"KP"}
    assert g.nodes["KP"]["kind"] == "country" and g.nodes[WPK]["kind"] == "party"
    assert g.nodes[WPK]["label"] == "Workers' Party of Korea"
    assert all(d["weight"] == 1 for _, _, d in g.edges(data=True))
    assert g.edges["communist-party-of-cuba", WPK]["rank_weight"] == 0.5  # WPK is subject 2


def _expected_edges(registry) -> set[tuple[str, str]]:
    """Solidarity edges of the statements with a hand-made expectation: each signer to
    each country or party it supports (organisations are never targets; none to itself)."""
    return {
        (party, s["id"])
        for stem, exp in EXPECTED.items()
        if not stem.startswith("_")
        for s in exp["subjects"]
        if s["stance"] == "solidarity" and s["kind"] in ("country", "party")
        for party in _signers(stem, registry)
        if party != s["id"]
    }


@pytest.fixture(scope="module")
def expected_network(subjects_store, statement_iris):
    """The network of the statements that have an expectation (all of them)."""
    read = set(statement_iris.values())
    return build_graph([r for r in load_rows(subjects_store) if r.statement in read])


def test_whole_network(subjects_store, subject_registry, expected_network):
    g = solidarity_network(subjects_store)
    # organisations, condemned subjects and subjects only mentioned are never solidarity
    # targets: the Kosovo declaration opposes Kosovo's separation
    assert "nato" not in g and "IL" not in g and "US" not in g and "XK" not in g
    # the statements with an expectation give exactly the edges it implies
    assert set(expected_network.edges()) == _expected_edges(subject_registry)
    assert set(expected_network.edges()) <= set(g.edges())
    # the KKE signed many of them: Ukraine's party, Palestine, Venezuela...
    given = set(g.successors(KKE))
    assert {CPU, "PS", "VE"} <= given and not {"BY", "UA", "XK", "CO"} & given
    rows = {r["node"]: r for r in strengths(g)}
    assert rows["KP"]["in_strength"] == 61 and rows["KP"]["out_strength"] == 0
    assert rows[CPU]["in_strength"] == g.in_degree(CPU, weight="weight") >= 20
    assert rows[KKE]["out_strength"] == sum(d["weight"] for _, _, d in g.out_edges(KKE, data=True))


def test_reciprocity_between_parties():
    g = nx.DiGraph()
    for a, b in [("a", "b"), ("b", "a"), ("a", "c"), ("c", "KP")]:
        g.add_edge(a, b, weight=1)
    for n in "abc":
        g.nodes[n]["kind"] = "party"
    g.nodes["KP"]["kind"] = "country"
    rec = reciprocity(g)
    assert rec == {"edges": 3, "reciprocated": 2, "reciprocity": 2 / 3, "pairs": [("a", "b")]}


def test_reciprocity_of_the_bundled_network(subjects_store, subject_registry, expected_network):
    edges = _expected_edges(subject_registry)
    mutual = sorted({tuple(sorted(e)) for e in edges if e[::-1] in edges})
    assert reciprocity(expected_network)["pairs"] == mutual
    rec = reciprocity(solidarity_network(subjects_store))
    assert rec["edges"] > 0 and set(mutual) <= set(rec["pairs"])


def test_bridging_subjects(subjects_store):
    g = solidarity_network(subjects_store)
    parties = [n for n, k in g.nodes(data="kind") if k == "party"]
    by_country = {n: g.nodes[n]["country"] or n for n in parties}
    rows = bridging_subjects(g, by_country)
    assert rows[0]["subject"] == "KP"  # 61 parties from ~50 countries
    assert rows[0]["communities"] == len({by_country[p] for p in g.predecessors("KP")})
    assert 0 < rows[0]["participation"] < 1
    one = {p: 0 for p in parties}
    assert bridging_subjects(g, one) == []


def test_exports(tmp_path, subjects_store):
    g = solidarity_network(subjects_store)
    files = write_all(g, tmp_path, partition={n: 0 for n in g})
    with files["edges"].open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(edges) == g.number_of_edges()
    assert {"source", "target", "target_kind", "weight", "statements"} <= set(edges[0])
    again = nx.read_graphml(files["graphml"])
    assert again.is_directed() and again.number_of_edges() == g.number_of_edges()
    assert again.nodes["KP"]["kind"] == "country"
    root = ET.parse(files["gexf"]).getroot()
    assert root.find("{*}graph").get("defaultedgetype") == "directed"
    with files["strengths"].open(encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["out_strength"].isdigit()
    assert files["bridges"].is_file() and files["reciprocity"].is_file()
    assert not list(tmp_path.glob(".*.tmp"))


def _rows(store, name, **params):
    return [
        dict(zip(t.columns, r, strict=True))
        for t in [run(store, name, params)]
        for r in rows_plain(t)
    ]


def test_statements_about_ukraine_and_who_signed_them(
    subjects_store, statement_iris, subject_registry
):
    rows = _rows(subjects_store, "statements-about", country="Ukraine")
    got = {(r["statement"], r["kind"], r["subject"].rsplit("/", 1)[-1]) for r in rows}
    assert got == {
        (statement_iris["joint-statement-on-developments-in-ukraine-2014"], "country", "UA"),
        (statement_iris["20imcwp-hands-off-communist-party-of-ukraine"], "party", CPU),
        (statement_iris["we-denounce-attempts-to-ban-cp-of-ukraine-2017"], "party", CPU),
    }
    for r in rows:
        stem = next(k for k, v in statement_iris.items() if v == r["statement"])
        assert r["signatories"] == len(_signers(stem, subject_registry))
        assert r["rank"] == 1
        # "developments in Ukraine" says neither for nor against: mentioned
        assert r["stance"] == ("mentioned" if r["subject"].endswith("/UA") else "solidarity")
    hands_off = next(
        r
        for r in rows
        if r["statement"] == statement_iris["20imcwp-hands-off-communist-party-of-ukraine"]
    )
    assert "Communist Party of Greece" in hands_off["signedBy"].split("; ")
    by_party = _rows(subjects_store, "statements-about", party="Communist Party of Ukraine")
    assert len(by_party) == 2
    # one row per subject of each statement (those with an expectation are counted)
    read = set(statement_iris.values())
    assert sum(r["statement"] in read for r in _rows(subjects_store, "statements-about")) == sum(
        len(v["subjects"]) for k, v in EXPECTED.items() if not k.startswith("_")
    )


def test_causes_by_support(subjects_store):
    rows = _rows(subjects_store, "causes-by-support")
    assert rows[0]["subject"].endswith("/country/KP") and rows[0]["parties"] == 61
    assert rows[1]["subject"].endswith("/party/" + WPK) and rows[1]["parties"] == 60
    names = {r["subject"].rsplit("/", 1)[-1] for r in rows}
    assert "IL" not in names and "nato" not in names
    anything = {
        r["subject"].rsplit("/", 1)[-1]
        for r in _rows(subjects_store, "causes-by-support", stance="any")
    }
    assert {"IL", "nato"} <= anything
    parties_only = _rows(subjects_store, "causes-by-support", kind="party")
    supported = {
        s["id"]
        for k, v in EXPECTED.items()
        if not k.startswith("_")
        for s in v["subjects"]
        if s["kind"] == "party" and s["stance"] == "solidarity"
    }
    assert {WPK, CPU} <= supported <= {r["subject"].rsplit("/", 1)[-1] for r in parties_only}
    assert all(r["parties"] >= 20 for r in _rows(subjects_store, "causes-by-support", min="20"))


def test_solidarity_given_and_received(subjects_store, subject_registry):
    given = {
        r["subject"].rsplit("/", 1)[-1]: r
        for r in _rows(subjects_store, "solidarity-given", party="KKE")
    }
    assert {CPU, "PS", "VE"} <= set(given) and not {"BY", "UA", "XK", "CO"} & set(given)
    assert "IL" not in given and "nato" not in given and KKE not in given
    received = _rows(subjects_store, "solidarity-received", party=CPU)
    supporters = {r["supporter"].rsplit("/", 1)[-1] for r in received}
    expected = (
        _signers("20imcwp-hands-off-communist-party-of-ukraine", subject_registry)
        | _signers("we-denounce-attempts-to-ban-cp-of-ukraine-2017", subject_registry)
    ) - {CPU}
    assert supporters == expected
    both = {r["supporter"].rsplit("/", 1)[-1]: r["statements"] for r in received}
    assert both["new-communist-party-of-britain"] == 2
    korea = _rows(subjects_store, "solidarity-received", country="KP")
    assert len({r["supporter"] for r in korea}) == 61
    # without a parameter: every subject of a solidarity mention, none of another stance
    every = {r["subject"].rsplit("/", 1)[-1] for r in _rows(subjects_store, "solidarity-received")}
    assert {CPU, WPK, "KP"} <= every and not {"IL", "nato"} & every


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("UNIÓN europea", "14imcwp-partidos-comunistas-sobre-colombia"),
        ("union europea", "14imcwp-partidos-comunistas-sobre-colombia"),
        ("SOLIDARIETÀ", "pcp-initiative-condemning-bombing-of-syria-2018"),
        ("workers’ party of korea", SEED),
    ],
)
def test_search_text_ignores_case_and_accents(subjects_store, statement_iris, text, stem):
    rows = _rows(subjects_store, "search-text", text=text)
    assert [r["statement"] for r in rows] == [statement_iris[stem]]
    assert rows[0]["context"]


def test_search_text_language_filter(subjects_store):
    assert len(_rows(subjects_store, "search-text", text="minsk", language="en")) == 1
    assert _rows(subjects_store, "search-text", text="minsk", language="es") == []
    assert _rows(subjects_store, "search-text", text="no such words anywhere") == []


@pytest.mark.parametrize(
    "text",
    [
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "ΕΛΛΆΣ",
        "Türkiye İstanbul",
        "Partido Comunista de España — PCE’s call",
        "ŁÓDŹ Ærø",
        "Dziękujemy, Šťastný, Ōsaka, Nguyễn",
    ],
)
def test_search_text_folds_the_parameter_as_ingest_folds_the_text(text):
    from pyoxigraph import Literal, NamedNode, Quad

    from partygraph.store.embedded import EmbeddedStore
    from partygraph.subjects import search_fold

    store = EmbeddedStore()
    s = NamedNode("https://w3id.org/partygraph/id/statement/x-00000000")
    g = NamedNode("https://w3id.org/partygraph/id/source/" + "0" * 64)
    store.oxigraph.extend(
        [
            Quad(
                s,
                NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                NamedNode(PG + "Statement"),
                g,
            ),
            Quad(
                s,
                NamedNode(PG + "searchText"),
                Literal(search_fold("Before. " + text + " after.")),
                g,
            ),
        ]
    )
    # (Turkish ı and German ß do not survive upper-casing, in any tool: not tried)
    for query in (text, text.upper(), text.lower()):
        assert [r["statement"] for r in _rows(store, "search-text", text=query)] == [s.value], query
