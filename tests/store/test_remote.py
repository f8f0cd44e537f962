"""RemoteStore against real servers: same answers as the embedded store; faults handled."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from servers import FlakyProxy, free_port

from partygraph.errors import PartygraphError
from partygraph.store import EmbeddedStore, RemoteStore, open_store
from partygraph.store.summaries import SUMMARY_GRAPH

from .dataset import ID, REGISTRY, graphs
from .suite_check import check_values, run_suite

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def embedded_answers():
    s = EmbeddedStore()
    s.replace_graphs(graphs())
    return run_suite(s), s.stats()


def _fresh(store: RemoteStore) -> RemoteStore:
    store.drop_graphs(store.graph_names())
    store.replace_graphs(graphs())
    return store


@pytest.fixture(scope="module")
def oxigraph_remote(oxigraph_server):
    return _fresh(RemoteStore(oxigraph_server, profile="oxigraph", timeout=10))


@pytest.fixture(scope="module")
def virtuoso_remote(virtuoso_server):
    return _fresh(
        RemoteStore(virtuoso_server, profile="virtuoso", user="dba", password="dba", timeout=20)
    )


@pytest.mark.parametrize("which", ["oxigraph_remote", "virtuoso_remote"])
def test_same_answers_as_embedded(which, request, embedded_answers):
    store = request.getfixturevalue(which)
    answers = run_suite(store)
    check_values(answers)
    ref, ref_stats = embedded_answers
    for name in ref:
        assert answers[name] == ref[name], name
    assert store.stats() == ref_stats
    assert set(store.graph_names()) == set(graphs())


@pytest.mark.parametrize("which", ["oxigraph_remote", "virtuoso_remote"])
def test_replace_and_drop_on_server(which, request):
    store = request.getfixturevalue(which)
    data = graphs()
    old = sorted(g for g in data if "/source/" in g)[0]
    new = ID + "source/" + "e" * 64
    moved = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(new)) for q in data[old]]
    try:
        store.replace_graphs({new: moved}, drop=[old])
        names = store.graph_names()
        assert new in names and old not in names
        assert store.stats()["statements"] == 3
        # PUT replaces: writing a graph twice does not double it
        store.replace_graphs({new: moved})
        t = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{new}> {{ ?s ?p ?o }} }}")
        assert int(t.rows[0][0]) == len(moved)
    finally:
        store.drop_graphs([new])
        store.replace_graphs({old: data[old]})


def test_update_fallback_without_graph_store(oxigraph_server):
    store = RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update")
    g = "http://example.org/fallback"
    q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal('a "b"\n'))
    try:
        store.replace_graphs({g: [q, q]})
        store.replace_graphs({g: [q]})
        assert store.ask('ASK { GRAPH <http://example.org/fallback> { ?s ?p "a \\"b\\"\\n" } }')
        t = store.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/fallback> { ?s ?p ?o } }"
        )
        assert int(t.rows[0][0]) == 1
    finally:
        store.drop_graphs([g])
    assert g not in store.graph_names()


def test_export_from_server_matches_embedded(oxigraph_remote, tmp_path):
    oxigraph_remote.export("nquads", tmp_path / "remote.nq")
    local = EmbeddedStore()
    local.replace_graphs(graphs())
    local.export("nquads", tmp_path / "local.nq")

    def read(p):  # the remote export lists graph_names, which leaves the summaries out
        quads = ox.parse(path=p, format=ox.RdfFormat.N_QUADS)
        return {str(q) for q in quads if q.graph_name.value != SUMMARY_GRAPH}

    assert read(tmp_path / "remote.nq") == read(tmp_path / "local.nq")


def test_virtuoso_wrong_password_is_401(virtuoso_server, virtuoso_remote):
    bad = RemoteStore(virtuoso_server, profile="virtuoso", user="dba", password="nope", retries=0)
    with pytest.raises(PartygraphError, match=r"sparql-graph-crud-auth.*401"):
        bad.replace_graphs({REGISTRY: graphs()[REGISTRY]})


# --- faults -----------------------------------------------------------------------------


def test_server_down_names_the_url():
    url = f"http://127.0.0.1:{free_port()}"
    store = RemoteStore(url, profile="oxigraph", retries=2, backoff=0.05)
    t0 = time.monotonic()
    with pytest.raises(PartygraphError) as err:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert url + "/query" in str(err.value) and "3 attempts" in str(err.value)
    assert time.monotonic() - t0 < 5
    with pytest.raises(PartygraphError, match=r"/store|/query"):  # (summaries read first)
        store.replace_graphs(graphs())


def test_one_http_500_is_retried(oxigraph_server, oxigraph_remote):
    with FlakyProxy(oxigraph_server, fail_first=1) as proxy:
        store = RemoteStore(proxy.url, profile="oxigraph", backoff=0.05)
        t = store.select(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/partygraph/ontology#Party> }"
        )
        assert int(t.rows[0][0]) == 6
        assert len(proxy.requests) == 2
        # a GSP PUT through the same path survives one failure too
        proxy.fail_first = 3
        g = "http://example.org/flaky"
        q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
        store.replace_graphs({g: [q]})
        assert [m for m, *_ in proxy.requests[2:]] == ["PUT", "PUT"]
        store.drop_graphs([g])


def test_persistent_500_gives_up(oxigraph_server):
    with FlakyProxy(oxigraph_server, fail_first=100) as proxy:
        store = RemoteStore(proxy.url, profile="oxigraph", retries=2, backoff=0.01)
        with pytest.raises(PartygraphError, match=r"HTTP 500.*3 attempts"):
            store.ask("ASK { ?s ?p ?o }")
        assert len(proxy.requests) == 3


def test_timeout(oxigraph_server):
    with FlakyProxy(oxigraph_server, delay=3) as proxy:
        store = RemoteStore(proxy.url, profile="oxigraph", timeout=0.5, retries=3)
        t0 = time.monotonic()
        with pytest.raises(PartygraphError, match="timeout") as err:
            store.ask("ASK { ?s ?p ?o }")
        assert proxy.url in str(err.value)
        assert time.monotonic() - t0 < 2.5  # a timeout is not retried
        proxy.delay = 0


def test_basic_auth_wrong_and_right(oxigraph_server, oxigraph_remote, monkeypatch):
    with FlakyProxy(oxigraph_server, credentials=("ana", "s3cret")) as proxy:
        monkeypatch.setenv("PARTYGRAPH_USER", "ana")
        monkeypatch.setenv("PARTYGRAPH_PASSWORD", "wrong")
        store = open_store(endpoint=proxy.url, profile="oxigraph")
        with pytest.raises(PartygraphError, match="401") as err:
            store.ask("ASK { ?s ?p ?o }")
        assert proxy.url in str(err.value)
        monkeypatch.setenv("PARTYGRAPH_PASSWORD", "s3cret")
        store = open_store(endpoint=proxy.url, profile="oxigraph")
        assert store.ask("ASK { ?s a <https://w3id.org/partygraph/ontology#Statement> }")
        assert proxy.requests[-1][2]["User-Agent"].startswith("partygraph/")


def test_comment_keywords_do_not_change_the_request(oxigraph_server, oxigraph_remote):
    with FlakyProxy(oxigraph_server) as proxy:
        store = RemoteStore(proxy.url, profile="oxigraph")
        q = "# CONSTRUCT { ?s ?p ?o } -- not this\nASK { ?s ?p ?o } # SELECT"
        assert store.ask(q) is True
        method, path, headers = proxy.requests[-1]
        assert method == "GET" and "CONSTRUCT" not in path and "sparql-results" in headers["Accept"]
        long_q = 'ASK { ?s ?p ?o FILTER(?o != "' + "x" * 3000 + '") }'
        assert store.ask(long_q) is True
        assert proxy.requests[-1][0] == "POST"
