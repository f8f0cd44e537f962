"""The fixed JSON-LD context compacts our data, and the output reads back isomorphic."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from partygraph.rdf import jsonld_context, serialize_jsonld, to_rdflib_dataset
from partygraph.rdf.namespaces import PREFIXES

from .conftest import all_quads

CONTEXT_FILE = Path(__file__).resolve().parents[2] / "ontology" / "context.jsonld"


def test_context_is_our_prefixes_only():
    ctx = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert ctx == PREFIXES
    assert jsonld_context() == PREFIXES


def _graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        out.setdefault(str(g.identifier if hasattr(g, "identifier") else g), rdflib.Graph()).add(
            (s, p, o)
        )
    return out


@pytest.mark.parametrize("which", ["seed", "small"])
def test_round_trip_with_rdflib(which):
    quads = all_quads(which)
    text = serialize_jsonld(quads)
    parsed = rdflib.Dataset()
    parsed.parse(data=text, format="json-ld")
    want, got = _graphs(to_rdflib_dataset(quads)), _graphs(parsed)
    assert set(got) == set(want)
    for name, graph in want.items():
        assert isomorphic(graph, got[name]), name


def test_round_trip_with_oxigraph():
    quads = all_quads("small")
    parsed = list(ox.parse(serialize_jsonld(quads).encode(), format=ox.RdfFormat.JSON_LD))
    assert sorted(map(str, parsed)) == sorted(map(str, quads))


def test_output_is_compact_and_deterministic():
    quads = all_quads("small")
    text = serialize_jsonld(quads)
    assert text == serialize_jsonld(list(reversed(quads)))
    doc = json.loads(text)
    assert doc["@context"] == PREFIXES
    full_iris = [v for v in _strings(doc["@graph"]) if v.startswith("https://w3id.org/partygraph/")]
    assert full_iris == []
    statement = next(
        n for g in doc["@graph"] for n in g.get("@graph", []) if n.get("@type") == "pg:Statement"
    )
    assert statement["dcterms:date"] == {"@value": "2019-03-08", "@type": "xsd:date"}
    assert statement["schema:text"] == {"@value": "Η ειρήνη.", "@language": "en"}
    assert {"@id": "id:party/communist-party-of-greece"} in statement["pg:signedBy"]
    assert [g["@id"] for g in doc["@graph"]] == ["id:graph/registry", "id:source/" + "ab" * 32]


def _strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield k
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)
