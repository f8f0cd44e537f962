"""Remote ingest when the server fails midway: the report says, per document, what
landed, and a second run completes the rest and says so (issue 16, item 5)."""

from __future__ import annotations

import json

import pytest
from servers import FlakyProxy, run_oxigraph

from partygraph.store import open_store

from .conftest import ROOT, cli

pytestmark = pytest.mark.server
STATEMENTS = ROOT / "data" / "statements"


@pytest.fixture
def server(tmp_path):
    with run_oxigraph(tmp_path, union=True) as base:
        yield base


def _fail_after_puts(n: int):
    seen = {"puts": 0}

    def respond(method: str, path: str, body: bytes | None):
        if method == "PUT":
            seen["puts"] += 1
            if seen["puts"] > n:
                return 500, b"disk on fire", "text/plain"
        return None

    return respond


def _source_graphs(base: str) -> set[str]:
    store = open_store(endpoint=base, profile="oxigraph")
    return {g for g in store.graph_names() if "/id/source/" in g}


def test_a_failing_server_gets_a_report_per_document(server):
    docs = list(STATEMENTS.iterdir())
    with FlakyProxy(server, respond=_fail_after_puts(4)) as proxy:
        proc = cli(
            "ingest", "--format", "json", "--endpoint", proxy.url, "--profile", "oxigraph",
            STATEMENTS,
        )  # fmt: skip
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    reports = json.loads(proc.stdout)
    assert len(reports) == len(docs)
    landed = [r for r in reports if r["status"] in ("added", "replaced")]
    failed = [r for r in reports if r["status"] == "error"]
    assert len(landed) + len(failed) == len(docs)
    assert 0 < len(landed) <= 4 and failed
    assert all("not written" in r["error"] for r in failed)
    on_server = _source_graphs(server)
    assert len(on_server) == len(landed)
    assert {"https://w3id.org/partygraph/id/source/" + r["sha256"] for r in landed} == on_server
    # the error line names the server's answer, once
    assert proc.stderr.strip().count("\n") == 0 and "HTTP 500" in proc.stderr

    again = cli("ingest", "--format", "json", "--endpoint", server, "--profile", "oxigraph",
                STATEMENTS)  # fmt: skip
    assert again.returncode == 0, again.stderr
    status = {r["source"]: r["status"] for r in json.loads(again.stdout)}
    assert sorted(status.values()).count("unchanged") == len(landed)
    assert sorted(status.values()).count("added") == len(docs) - len(landed)
    assert len(_source_graphs(server)) == len(docs)
