"""A query file cannot make the embedded store reach the network (issue 16, item 4):
SERVICE and remote FROM are refused, in the CLI and the library, before the engine sees
the query. A local listener counts every request that would have left."""

from __future__ import annotations

import pytest
from servers import FlakyProxy

from partygraph.errors import PartygraphError
from partygraph.store import open_store

from .conftest import cli, one_line_error

QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "lower": "select * { service <{url}/sparql> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { BIND(<{url}/sparql> AS ?ep) SERVICE ?ep { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "ask": "ASK { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "from": "SELECT * FROM <{url}/graph.ttl> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <{url}/graph.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
}


@pytest.fixture
def listener():
    """A local HTTP server that answers slowly: a request that leaves would hang here."""
    with FlakyProxy(None, delay=30) as proxy:
        yield proxy


@pytest.mark.parametrize("case", sorted(QUERIES))
def test_query_file_cannot_reach_out(bundled_store_dir, tmp_path, listener, case):
    rq = tmp_path / f"{case}.rq"
    rq.write_text(QUERIES[case].replace("{url}", listener.url))
    proc = cli("query", rq, "--store", bundled_store_dir, timeout=25)
    one_line_error(proc, "not allowed" if "from" not in case else "not a graph of this store")
    assert listener.requests == []


@pytest.mark.parametrize("case", sorted(QUERIES))
def test_library_refuses_before_the_engine(bundled_store_dir, listener, case):
    store = open_store(path=bundled_store_dir)
    text = QUERIES[case].replace("{url}", listener.url)
    run = store.construct if case == "construct" else store.ask if case == "ask" else store.select
    try:
        with pytest.raises(PartygraphError):
            run(text)
    finally:
        store.close()
    assert listener.requests == []


def test_words_in_strings_and_local_graphs_are_fine(bundled_store_dir):
    store = open_store(path=bundled_store_dir)
    try:
        t = store.select(
            "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/partygraph/id/graph/registry> "
            "WHERE { ?s ?p 'SERVICE <http://example.org/>' }"
        )
        assert len(t) == 1
    finally:
        store.close()
