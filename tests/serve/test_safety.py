"""Safe by default: read-only, nothing fetched from elsewhere, limits, Host/Origin/CORS."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from partygraph.serve import App
from partygraph.store.guard import UnsafeQueryError, check_local_query

from .conftest import get, network_page


def sparql(app, query: str, method: str = "GET", **headers):
    if method == "GET":
        return get(app, "/sparql?" + urllib.parse.urlencode({"query": query}), **headers)
    body = urllib.parse.urlencode({"query": query}).encode()
    return get(
        app, "/sparql", "POST", body, content_type="application/x-www-form-urlencoded", **headers
    )


class Listener:
    """A loopback TCP listener that counts the connections made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener():
    lst = Listener()
    yield lst
    lst.close()


def remote_forms(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{url}/>\nSELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{url}/>\nSELECT * FROM r:g WHERE {{ ?s ?p ?o }}",
        f"BASE <{url}/>\nSELECT * FROM <g.ttl> WHERE {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
    ]


def test_remote_access_is_refused_before_the_engine(app, listener):
    url = f"http://127.0.0.1:{listener.port}"
    for query in remote_forms(url):
        for method in ("GET", "POST"):
            r = sparql(app, query, method)
            assert r.status == 400, query
            assert r.content_type.startswith("application/json")
            assert "SERVICE" in r.text or "FROM" in r.text
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://e/a> <http://e/b> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "PREFIX x: <http://e/>\nCLEAR SILENT GRAPH x:g",
    ],
)
def test_updates_are_refused(app, store, query):
    before = store.stats()["triples"]
    assert sparql(app, query).status == 400
    assert sparql(app, query, "POST").status == 400
    r = get(app, "/sparql", "POST", query.encode(), content_type="application/sparql-update")
    assert r.status == 400 and "read-only" in r.text
    body = urllib.parse.urlencode({"update": query}).encode()
    r = get(app, "/sparql", "POST", body, content_type="application/x-www-form-urlencoded")
    assert r.status == 400
    assert store.stats()["triples"] == before


def test_guard_reads_tokens_not_text():
    assert check_local_query('SELECT ?service WHERE { ?s ?p "SERVICE <http://x>" }') == "SELECT"
    assert check_local_query("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x>") == "SELECT"
    local = "https://w3id.org/partygraph/id/graph/registry"
    assert check_local_query(f"ASK FROM <{local}> {{ }}") == "ASK"
    with pytest.raises(UnsafeQueryError):
        check_local_query("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }")


def test_a_cross_join_bomb_is_stopped_and_others_are_served(app):
    bomb = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    replaced = app.pool.replaced
    with ThreadPoolExecutor(2) as ex:
        started = time.monotonic()
        slow = ex.submit(sparql, app, bomb)
        time.sleep(0.2)
        quick = sparql(app, "ASK { ?s ?p ?o }")
        quick_s = time.monotonic() - started
        r = slow.result()
        bomb_s = time.monotonic() - started
    assert quick.status == 200 and quick_s < 2.5  # the other worker kept serving
    assert r.status == 503 and "time limit" in json.loads(r.text)["error"]
    assert bomb_s < app.pool.timeout + 2
    assert app.pool.replaced == replaced + 1
    assert sparql(app, "ASK { ?s ?p ?o }").status == 200  # a new worker took its place


def test_a_values_product_is_refused_not_cut(app):
    values = " ".join(str(i) for i in range(200))
    product = (
        f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} "
        f"VALUES ?c {{ {values} }} }}"
    )
    r = sparql(app, product)
    assert r.status in (422, 503) and r.content_type.startswith("application/json")
    assert json.loads(r.text)["error"]


def test_too_many_rows_is_an_error(app):
    values = " ".join(str(i) for i in range(app.pool.max_rows + 1))
    r = sparql(app, f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }}")
    assert r.status == 422 and "more than 500 rows" in json.loads(r.text)["error"]
    r = sparql(app, f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} LIMIT 500")
    assert r.status == 200


def test_host_header_is_checked(app):
    assert get(app, "/", host="evil.example").status == 403
    assert get(app, "/", host="evil.example:8000").status == 403
    assert get(app, "/", host="localhost:8000").status == 200
    assert get(app, "/", host="[::1]:8000").status == 200


def test_cross_origin_posts_are_refused(app):
    q = "ASK {}"
    assert sparql(app, q, "POST", origin="http://evil.example").status == 403
    assert sparql(app, q, "POST", sec_fetch_site="cross-site").status == 403
    assert sparql(app, q, "POST", origin="http://127.0.0.1:8000").status == 200
    assert sparql(app, q, "POST", sec_fetch_site="same-origin").status == 200


def test_cors_only_when_asked(app):
    assert "Access-Control-Allow-Origin" not in get(app, "/sparql?query=ASK%7B%7D").headers
    open_app = App(app.store, app.catalogue, app.pool, cors=True)
    r = get(open_app, "/sparql?query=ASK%7B%7D", origin="http://elsewhere.example")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert get(open_app, "/sparql", "OPTIONS").status == 204


def test_pages_load_nothing_from_elsewhere(app):
    for target in ("/", "/sparql", "/queries", "/queries/statements-per-year",
                   "/id/party/communist-party-of-greece", "/search?q=kke", "/network"):  # fmt: skip
        r = network_page(app, target)
        assert r.status == 200
        assert "default-src 'self'" in r.headers["Content-Security-Policy"] or (
            "default-src 'none'" in r.headers["Content-Security-Policy"]
        )
        for attr in ("src", "href", "action"):
            for url in __import__("re").findall(rf'\b{attr}="([^"]*)"', r.text):
                assert not url.startswith(("http:", "https:", "//")), (target, url)


def test_serve_binds_loopback_by_default():
    from partygraph.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
