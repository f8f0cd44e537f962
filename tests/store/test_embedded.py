"""EmbeddedStore: queries with bound terms, atomic graph replacement, stats, errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from partygraph.errors import PartygraphError
from partygraph.store import EmbeddedStore, GraphStore, open_store

from .dataset import ID, PG, REGISTRY, graphs
from .suite_check import check_values, run_suite


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "store")
    s.replace_graphs(graphs())
    yield s
    s.close()


def test_is_a_graph_store(store):
    assert isinstance(store, GraphStore)


def test_query_suite_values(store):
    check_values(run_suite(store))


def test_stats_counts(store):
    assert store.stats() == {
        "statements": 3,
        "parties": 6,
        "registry_parties": 6,
        "meetings": 2,
        "signatures": 10,
        "triples": len({q.triple for qs in graphs().values() for q in qs}),
        "quads": sum(len(q) for q in graphs().values()),
        "graphs": 4,
    }


def test_replace_graph_swaps_content_and_drops_old_version(store):
    data = graphs()
    old = next(g for g in data if "/source/" in g)
    new = ID + "source/" + "f" * 64
    st = ox.NamedNode(ID + "statement/athens-2018")
    quads = [
        ox.Quad(
            st, ox.NamedNode(PG + "signedBy"), ox.NamedNode(ID + "party/kke"), ox.NamedNode(new)
        )
    ]
    store.replace_graphs({new: quads}, drop=[old])
    names = store.graph_names()
    assert new in names and old not in names
    rows = store.select(f"SELECT ?p WHERE {{ <{st.value}> <{PG}signedBy> ?p }}").rows
    assert rows == [(URIRef(ID + "party/kke"),)]
    # replacing an existing graph in place (same IRI) leaves only the new quads
    store.replace_graphs({REGISTRY: data[REGISTRY][:3]})
    n = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{REGISTRY}> {{ ?s ?p ?o }} }}")
    assert int(n.rows[0][0]) == 3


def test_quads_move_into_the_named_graph():
    s = EmbeddedStore()
    q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    s.replace_graphs({"http://e/g": [q]})
    assert s.graph_names() == ["http://e/g"]
    assert s.stats()["triples"] == 1


def test_drop_graphs(store):
    victims = [g for g in store.graph_names() if "/source/" in g][:2]
    store.drop_graphs([*victims, "http://example.org/absent"])
    assert not set(victims) & set(store.graph_names())
    assert store.stats()["statements"] == 1


def test_reopen_keeps_data(tmp_path):
    s = EmbeddedStore(tmp_path / "db")
    s.replace_graphs(graphs())
    s.close()
    again = open_store(tmp_path / "db")
    assert again.stats()["signatures"] == 10


def test_injection_in_a_binding_stays_a_literal(store):
    evil = Literal('x" } ; DROP ALL ; INSERT DATA { <a:a> <a:a> "')
    t = store.select(f"SELECT ?s WHERE {{ ?s <{PG}nameAsPrinted> ?_n }}", {"_n": evil})
    assert t.rows == []
    assert store.stats()["triples"] > 100


def test_bad_binding_iri_is_a_user_error(store):
    with pytest.raises(PartygraphError, match="binding"):
        store.select("SELECT ?s WHERE { ?s ?p ?_o }", {"_o": URIRef("http://e/a b")})


def test_syntax_error_and_wrong_form(store):
    with pytest.raises(PartygraphError, match="syntax"):
        store.select("SELEKT * WHERE { ?s ?p ?o }")
    with pytest.raises(PartygraphError, match="SELECT"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(PartygraphError, match="ASK"):
        store.ask("SELECT * { ?s ?p ?o }")


def test_bad_graph_name(store):
    with pytest.raises(PartygraphError, match="graph"):
        store.replace_graphs({"not an iri": []})


def test_second_opener_gets_a_clear_error(tmp_path):
    s = EmbeddedStore(tmp_path / "db")
    with pytest.raises(PartygraphError, match="db"):
        EmbeddedStore(tmp_path / "db")
    s.close()


def test_store_path_that_is_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(PartygraphError, match="file"):
        EmbeddedStore(f)


def test_open_store_argument_errors(tmp_path):
    with pytest.raises(PartygraphError):
        open_store(tmp_path, endpoint="http://localhost:1/sparql")
    with pytest.raises(PartygraphError):
        open_store(profile="oxigraph")


def test_rdflib_view_sees_the_quads(store):
    ds = store.rdflib_dataset()
    assert len(list(ds.quads((None, None, None, None)))) == store.stats()["triples"]
