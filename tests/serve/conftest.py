"""One store and one running server for every serve test (starting workers takes ~1 s).

The store is the saved-query fixture graph plus a party whose names are HTML and script
fragments (escaping tests) and a statement it signed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from queries.conftest import fixture_graphs

from partygraph.queries import Catalogue
from partygraph.serve import App, Request, Response, create_app, make_server
from partygraph.store.embedded import EmbeddedStore

ID = "https://w3id.org/partygraph/id/"
PG = "https://w3id.org/partygraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
EVIL_NAME = '</script><script>alert("x")</script><b>&amp; \u2028'
EVIL_PARTY = ID + "party/evil-party"
EVIL_STATEMENT = ID + "statement/evil-statement"
EVIL_GRAPH = ID + "source/evil"


def evil_quads() -> list[ox.Quad]:
    g = ox.NamedNode(EVIL_GRAPH)
    p, s = ox.NamedNode(EVIL_PARTY), ox.NamedNode(EVIL_STATEMENT)
    kke = ox.NamedNode(ID + "party/communist-party-of-greece")

    def q(a, b, c):
        return ox.Quad(a, ox.NamedNode(b), c, g)

    return [
        q(p, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(PG + "Party")),
        q(p, SKOS + "prefLabel", ox.Literal(EVIL_NAME)),
        q(p, PG + "abbreviation", ox.Literal("<img src=x onerror=alert(1)>")),
        q(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(PG + "Statement")),
        q(s, "http://purl.org/dc/terms/title", ox.Literal("Déclaration <i>commune</i> des Partis")),
        q(s, PG + "signedBy", p),
        q(s, PG + "signedBy", kke),
    ]


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    store = EmbeddedStore(path)
    graphs = fixture_graphs()
    graphs[EVIL_GRAPH] = evil_quads()
    store.replace_graphs(graphs)
    store.close()
    return path


@pytest.fixture(scope="session")
def store(store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore.read_only(store_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def app(store: EmbeddedStore) -> Iterator[App]:
    a = create_app(store, Catalogue.load(), timeout=3.0, max_rows=500, workers=2)
    yield a
    a.close()


@pytest.fixture(scope="session")
def base_url(app: App) -> Iterator[str]:
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(app: App, target: str, method: str = "GET", body: bytes = b"", **headers: str) -> Response:
    """Answer one request in-process (header names with ``_`` for ``-``)."""
    h = {"host": "127.0.0.1:8000", **{k.replace("_", "-").lower(): v for k, v in headers.items()}}
    return app.handle(Request(method, target, h, body))


def network_page(app: App, target: str = "/network") -> Response:
    """A network page, once drawn (the first request starts the drawing and may say 503)."""
    deadline = time.monotonic() + 120
    while True:
        r = get(app, target, accept="text/html")
        if r.status != 503 or time.monotonic() > deadline:
            return r
        time.sleep(0.5)
