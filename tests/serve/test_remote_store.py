"""``partygraph serve`` over a remote SPARQL server: the same pages as over the embedded store."""

from __future__ import annotations

import subprocess

import pytest
from servers import _stop, _wait_http, free_port, oxigraph_binary

from partygraph.serve import create_app
from partygraph.store import RemoteStore

from .conftest import get

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def remote_app(store_dir, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("serve-remote") / "oxigraph.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location", str(store_dir),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
        app = create_app(RemoteStore(base + "/query"), workers=1, timeout=5)
        yield app
        app.close()
    finally:
        _stop(proc)


@pytest.mark.parametrize(
    "target",
    [
        "/id/party/communist-party-of-greece",
        "/id/statement/solidarity-with-the-korean-people-aaaa1111",
        "/id/meeting/imcwp-20",
        "/queries/co-signers?party=KKE",
    ],
)
def test_pages_are_the_same_over_a_remote_server(app, remote_app, target):
    local = get(app, target, accept="text/html")
    remote = get(remote_app, target, accept="text/html")
    assert remote.status == local.status == 200
    assert remote.text == local.text


def test_endpoint_over_a_remote_server(remote_app):
    r = get(remote_app, "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fs%20%3Fp%20%3Fo%7D")
    assert r.status == 200 and '"value": "' in r.text
    r = get(remote_app, "/sparql?query=SELECT%20*%20%7B%20SERVICE%20%3Chttp://x/%3E%20%7B%7D%20%7D")
    assert r.status == 400
