"""The SPARQL 1.1 Protocol on a real server on 127.0.0.1, with SPARQLWrapper as client."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from partygraph.cli import main

ROWS = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
SELECT ?s ?party WHERE { ?s pg:signedBy ?party } ORDER BY ?s ?party"""


def fetch(url: str, data: bytes | None = None, **headers: str) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wrapper(base_url: str, fmt: str) -> SPARQLWrapper:
    w = SPARQLWrapper(base_url + "/sparql")
    w.setReturnFormat(fmt)
    return w


def test_select_json_matches_the_embedded_store(base_url, store):
    w = wrapper(base_url, JSON)
    w.setQuery(ROWS)
    got = w.query().convert()
    assert got["head"]["vars"] == ["s", "party"]
    rows = [(b["s"]["value"], b["party"]["value"]) for b in got["results"]["bindings"]]
    expected = [(str(s), str(p)) for s, p in store.select(ROWS).rows]
    assert rows == expected and len(rows) > 20


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_other_formats(base_url, fmt):
    w = wrapper(base_url, fmt)
    w.setQuery(ROWS + " LIMIT 2")
    result = w.query()
    body = result.convert()
    if fmt == XML:
        assert len(body.getElementsByTagName("result")) == 2
    else:
        text = body.decode() if isinstance(body, bytes) else body
        lines = text.strip().splitlines()
        assert len(lines) == 3
        assert lines[0] == ("s,party" if fmt == CSV else "?s\t?party")
        if fmt == TSV:
            assert lines[1].startswith("<https://w3id.org/partygraph/id/statement/")


def test_ask_and_post_forms(base_url):
    w = wrapper(base_url, JSON)
    w.setMethod("POST")
    w.setQuery("ASK { ?s a <https://w3id.org/partygraph/ontology#Party> }")
    assert w.query().convert()["boolean"] is True
    status, headers, body = fetch(
        base_url + "/sparql",
        b"SELECT (1 AS ?one) {}",
        **{"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines() == ["one", "1"]


@pytest.mark.parametrize(
    "accept,fmt,ctype",
    [
        ("text/turtle", None, "text/turtle"),
        ("application/ld+json", None, "application/ld+json"),
        ("application/n-triples", None, "application/n-triples"),
        ("*/*", "nt", "application/n-triples"),
    ],
)
def test_construct_formats(base_url, accept, fmt, ctype):
    q = (
        "CONSTRUCT { ?p ?x ?o } WHERE { ?p ?x ?o "
        "FILTER(?p = <https://w3id.org/partygraph/id/party/akel>) }"
    )
    params = {"query": q} | ({"format": fmt} if fmt else {})
    url = base_url + "/sparql?" + urllib.parse.urlencode(params)
    status, headers, body = fetch(url, Accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    assert headers["Vary"] == "Accept"
    parse = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD}
    triples = list(ox.parse(body, format=parse.get(ctype, ox.RdfFormat.N_TRIPLES)))
    assert any(t.object == ox.Literal("AKEL") for t in triples)


def test_describe_as_turtle(base_url):
    q = "DESCRIBE <https://w3id.org/partygraph/id/party/akel>"
    status, headers, body = fetch(base_url + "/sparql?" + urllib.parse.urlencode({"query": q}))
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"AKEL" in body


def test_named_graphs_are_addressable(base_url, store):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    w = wrapper(base_url, JSON)
    w.setQuery(q)
    graphs = [b["g"]["value"] for b in w.query().convert()["results"]["bindings"]]
    assert graphs == store.graph_names()
    evil = "https://w3id.org/partygraph/id/source/evil"
    w.addParameter("default-graph-uri", evil)
    w.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    n = int(w.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n == 7  # only the one graph's triples


def test_errors_are_json_with_a_status(base_url):
    url = base_url + "/sparql?" + urllib.parse.urlencode({"query": "SELEKT nothing"})
    status, headers, body = fetch(url)
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    assert "not a SPARQL query" in json.loads(body)["error"]
    url = base_url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o"})
    status, _, body = fetch(url)
    assert status == 400 and "syntax" in json.loads(body)["error"].lower()
    url = base_url + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert fetch(url, Accept="image/png")[0] == 406


def test_service_description(base_url):
    status, headers, body = fetch(base_url + "/sparql", Accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert ox.NamedNode(sd + "UnionDefaultGraph") in {t.object for t in triples}


def test_cli_query_endpoint_gives_the_embedded_rows(base_url, store_dir):
    runner = CliRunner()
    args = ["query", "co-signers", "-p", "party=KKE", "--format", "json"]
    remote = runner.invoke(main, [*args, "--endpoint", base_url + "/sparql"])
    local = runner.invoke(main, [*args, "--store", str(store_dir)])
    assert remote.exit_code == 0, remote.output
    assert local.exit_code == 0, local.output
    assert json.loads(remote.output) == json.loads(local.output) != []
