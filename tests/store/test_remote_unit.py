"""RemoteStore behaviour that needs no server: endpoints, query text, argument errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from partygraph.errors import PartygraphError
from partygraph.store import RemoteStore, open_store
from partygraph.store.base import inject_values, query_form, strip_comments


def test_read_only_endpoint_refuses_writes():
    store = RemoteStore("http://127.0.0.1:9/sparql")
    q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    with pytest.raises(PartygraphError, match="read-only"):
        store.replace_graphs({"http://e/g": [q]})
    with pytest.raises(PartygraphError, match="read-only"):
        store.drop_graphs(["http://e/g"])


def test_profiles_resolve_endpoints():
    s = open_store(endpoint="http://h:8890/sparql", profile="virtuoso")
    assert (s.endpoint, s.update_endpoint, s.graph_store) == (
        "http://h:8890/sparql",
        "http://h:8890/sparql-auth",
        "http://h:8890/sparql-graph-crud-auth",
    )
    assert s.auth == "digest"
    s = open_store(
        endpoint="http://h:3030/pg", profile="fuseki", graph_store="http://h:3030/pg/gsp"
    )
    assert s.endpoint == "http://h:3030/pg/sparql" and s.graph_store == "http://h:3030/pg/gsp"
    with pytest.raises(PartygraphError, match="profile"):
        open_store(endpoint="http://h/", profile="nope")
    with pytest.raises(PartygraphError, match="URL"):
        open_store(endpoint="ftp://h/")


def test_auth_scheme_from_environment(monkeypatch):
    monkeypatch.setenv("PARTYGRAPH_AUTH", "digest")
    monkeypatch.setenv("PARTYGRAPH_USER", "u")
    s = RemoteStore("http://h/sparql")
    assert s.auth == "digest" and s.user == "u"
    monkeypatch.setenv("PARTYGRAPH_AUTH", "kerberos")
    with pytest.raises(PartygraphError, match="basic or digest"):
        RemoteStore("http://h/sparql")


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("# SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ('PREFIX construct: <http://e/>\nASK { ?s construct:p "DESCRIBE" }', "ASK"),
        ("select ?x where { ?x ?y ?z }", "SELECT"),
        ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("DESCRIBE <http://e/a>", "DESCRIBE"),
    ],
)
def test_query_form(query, form):
    assert query_form(query) == form


def test_values_injection_keeps_strings_and_iris_intact():
    q = 'SELECT ?s WHERE { ?s <http://e/p#x> "a { b # c" . ?s ?p ?_v } # { trailing'
    out = inject_values(q, {"_v": Literal("}")})
    assert out.startswith('SELECT ?s WHERE { VALUES (?_v) { ("}") } ?s <http://e/p#x> "a { b # c"')
    assert "trailing" not in out
    # subqueries: the block opens the outermost group only
    q = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } ?s ?q ?_v }"
    out = inject_values(q, {"_v": URIRef("http://e/v")})
    assert out.count("VALUES") == 1 and out.index("VALUES") < out.index("{ SELECT")
    # DESCRIBE without a WHERE group gets a trailing VALUES clause
    assert (
        inject_values("DESCRIBE ?_x", {"_x": URIRef("http://e/x")})
        .rstrip()
        .endswith("VALUES (?_x) { (<http://e/x>) }")
    )


def test_strip_comments_keeps_long_strings():
    q = 'ASK { ?s ?p """multi # not\nline""" } # gone'
    assert strip_comments(q) == 'ASK { ?s ?p """multi # not\nline""" } '


def test_bad_variable_name():
    with pytest.raises(PartygraphError, match="variable"):
        inject_values("ASK { ?s ?p ?o }", {"a b": Literal("x")})
