"""A real ``oxigraph serve`` behind a fault-injecting proxy: odd answers are one line,
and ``stats`` counts the same without a profile (issue 16, items 3 and 10)."""

from __future__ import annotations

import json

import pytest
from servers import FlakyProxy, run_oxigraph

from partygraph.pipeline import ingest_paths
from partygraph.store import open_store

from .conftest import SEED, cli, one_line_error

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    """``oxigraph serve`` without --union-default-graph, holding the seed statement."""
    with run_oxigraph(tmp_path_factory.mktemp("plain"), union=False) as base:
        store = open_store(endpoint=base, profile="oxigraph")
        ingest_paths(store, [SEED])
        yield base


def _odd_columns(method: str, path: str, body: bytes | None):
    """Every SELECT answered with valid SPARQL JSON of unexpected columns."""
    if path.startswith("/query"):
        doc = {"head": {"vars": ["x", "y", "z"]}, "results": {"bindings": [{"x": {
            "type": "literal", "value": "1"}}]}}  # fmt: skip
        return 200, json.dumps(doc).encode(), "application/sparql-results+json"
    return None


def _not_a_count(method: str, path: str, body: bytes | None):
    if path.startswith("/query"):
        doc = {"head": {"vars": ["g", "n", "c"]}, "results": {"bindings": [{
            "g": {"type": "uri", "value": "http://ex/g"}, "n": {"type": "literal", "value": "many"},
            "c": {"type": "uri", "value": "http://ex/C"}}]}}  # fmt: skip
        return 200, json.dumps(doc).encode(), "application/sparql-results+json"
    return None


@pytest.mark.parametrize("fault", [_odd_columns, _not_a_count])
@pytest.mark.parametrize("verb", [["stats"], ["export", "--format", "nquads"]])
def test_unexpected_json_is_one_line(plain_server, fault, verb):
    with FlakyProxy(plain_server, respond=fault) as proxy:
        proc = cli(*verb, "--endpoint", proxy.url, "--profile", "oxigraph")
    one_line_error(proc, proxy.url, "unexpected SPARQL result")


def test_stats_without_profile_counts_what_the_triples_hold(plain_server):
    with_profile = cli("stats", "--format=json", "--endpoint", plain_server, "--profile=oxigraph")
    assert with_profile.returncode == 0, with_profile.stderr
    bare = cli("stats", "--format", "json", "--endpoint", plain_server + "/query")
    assert bare.returncode == 0, bare.stderr
    counts = json.loads(bare.stdout)
    assert counts == json.loads(with_profile.stdout)
    assert counts["statements"] == 1 and counts["parties"] > 50 and counts["triples"] > 1000
