"""The same saved queries give the same rows on the embedded store and on a real server.

Starts its own ``oxigraph serve --union-default-graph`` (from the ``oxigraph`` package)
on a free loopback port, loads the fixture graph into it through the Graph Store
Protocol, and compares every query's answer with the embedded store's.
"""

from __future__ import annotations

import subprocess

import pytest
from servers import _stop, _wait_http, free_port, oxigraph_binary

from partygraph.errors import PartygraphError
from partygraph.queries import run_query, to_records
from partygraph.resolve import Registry
from partygraph.store.remote import RemoteStore

from .conftest import fixture_graphs
from .test_queries_fixture import SUBJECT_QUERIES
from .test_queries_params import INJECTIONS

pytestmark = pytest.mark.server

PARAMS = {
    "co-signers": [{}, {"party": "KKE", "min": "2"}],
    "co-signature-edges": [{}, {"min": "2"}],
    "find-party": [{}, {"text": "britain"}],
    "initiators": [{}, {"party": "German Communist Party"}],
    "meeting-core-signers": [{}, {"meeting": "meeting/imcwp-20"}],
    "meeting-statements": [{}, {"meeting": "meeting/imcwp-20"}, {"ordinal": "20"}],
    "meeting-participants": [{}, {"meeting": "meeting/imcwp-20"}],
    "meetings-by-year": [{}, {"year": "2018"}],
    "new-parties-by-year": [{}, {"year": "2008"}],
    "parties-by-country": [{}, {"country": "United Kingdom"}],
    "party-activity": [{}, {"party": "AKEL"}],
    "party-identifiers": [{}, {"country": "Greece"}],
    "party-profile": [{}, {"party": "party/yugoslav-communists"}],
    "party-statements": [{}, {"party": "NCPB"}],
    "resolution-review": [{}, {"match": "fuzzy"}],
    "signatories": [
        {},
        {"statement": "statement/declaration-on-kosovo-cccc3333"},
        {"title": "ukraine"},
    ],
    "signatures-by-ideology": [{}, {"min": "1"}],
    "source-warnings": [{}, {"text": "new party"}],
    "statements": [{}, {"since": "2010-01-01", "until": "2018-11-24"}],
    "statements-by-signatories": [{}, {"min": "4", "max": "4"}],
    "unlinked-parties": [{}, {"country": "GB"}],
}


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph-queries")
    port = free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(folder / "data"),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
        store = RemoteStore(base, profile="oxigraph")
        store.replace_graphs(fixture_graphs())
        yield store
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def registry():
    return Registry.load()


def remote_quads(store) -> list[tuple]:
    t = store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(tuple(map(str, r)) for r in t.rows)


def test_every_saved_query_is_compared(catalogue):
    assert sorted(ALL) == [n for n in catalogue.names() if n not in SUBJECT_QUERIES]


def test_remote_holds_the_fixture(remote):
    assert len(remote_quads(remote)) == sum(len(q) for q in fixture_graphs().values())


ALL = [*sorted(PARAMS), "countries-by-signatures", "sources", "statements-per-year"]


@pytest.mark.parametrize("name", ALL)
def test_same_rows_on_both_stores(name, remote, fixture_store, catalogue, registry):
    q = catalogue.get(name)
    # required parameters have no default: the example value where a case leaves it out
    example = {p.name: p.default for p in q.params if p.required}
    for params in PARAMS.get(name, [{}]):
        params = {**example, **params}
        embedded = to_records(run_query(fixture_store, q, params, registry=registry))
        served = to_records(run_query(remote, q, params, registry=registry))
        if name in ("statements", "party-profile", "sources"):
            # GROUP_CONCAT order and xsd:dateTime lexical forms are the servers' own
            for rows in (embedded, served):
                for r in rows:
                    for k in ("initiators", "aliases", "printedAs", "ingestedAt"):
                        if isinstance(r.get(k), str):
                            r[k] = sorted(r[k].replace("+00:00", "Z").split("; "))
        assert served == embedded, (name, params)
        assert embedded, (name, params)  # every case has an answer on the fixture


def test_injection_on_the_server(remote, catalogue, registry):
    before = remote_quads(remote)
    for value in INJECTIONS[:4]:  # the rest run on the embedded store
        for q in catalogue:
            for p in q.params:
                values = {r.name: r.default for r in q.params if r.required and r is not p}
                try:
                    table = run_query(remote, q, {**values, p.name: value}, registry=registry)
                except PartygraphError as e:
                    assert f"param {p.name}" in str(e)
                    continue
                if p.type == "string":
                    assert table.rows == [], (q.name, value)
    assert remote_quads(remote) == before


def test_cli_on_the_server(remote, fixture_store, catalogue, registry):
    """``partygraph query --endpoint URL`` prints what the embedded store answers."""
    import json

    from click.testing import CliRunner

    from partygraph.cli import main

    args = ["query", "co-signers", "-p", "party=KKE", "--format", "json"]
    r = CliRunner().invoke(main, [*args, "--endpoint", remote.endpoint], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    expected = to_records(run_query(fixture_store, catalogue.get("co-signers"), {"party": "KKE"}))
    assert json.loads(r.stdout) == expected
    bad = CliRunner().invoke(main, [*args[:2], "-p", "party=Nobody Party", "--endpoint",
                                    remote.endpoint])  # fmt: skip
    assert bad.exit_code == 1 and "unknown or ambiguous party" in bad.stderr
