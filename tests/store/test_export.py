"""Exports: every format parses back to the same data; JSON-LD is compact; writes are atomic."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
import rdflib

from partygraph.errors import PartygraphError
from partygraph.files import atomic_output
from partygraph.store import EmbeddedStore
from partygraph.store.export import JSONLD_GRAPHS, CompactContext, export_oxigraph, write_jsonld
from partygraph.store.summaries import SUMMARY_GRAPH

from .dataset import ID, PG, SKOS, XSD, graphs

CONTEXT = {
    "@context": {
        "pg": PG,
        "id": ID,
        "skos": SKOS,
        "xsd": XSD,
        "dcterms": "http://purl.org/dc/terms/",
        "schema": "https://schema.org/",
        "Party": "pg:Party",
        "Statement": "pg:Statement",
        "prefLabel": "skos:prefLabel",
        "signedBy": {"@id": "pg:signedBy", "@type": "@id"},
        "listPosition": {"@id": "pg:listPosition", "@type": "xsd:integer"},
        "date": {"@id": "dcterms:date", "@type": "xsd:date"},
        # a term this writer must not use for values it cannot express
        "altLabels": {"@id": "skos:altLabel", "@container": "@language"},
    }
}


@pytest.fixture
def store():
    s = EmbeddedStore()
    s.replace_graphs(graphs())
    return s


def _quads(store) -> set[str]:
    return {str(q) for q in store.oxigraph}


def _union_triples(store) -> set[str]:
    """The triples of the union of the graphs, the derived summaries left out."""
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in store.oxigraph
        if q.graph_name != ox.NamedNode(SUMMARY_GRAPH)
    }


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dataset_formats_round_trip(store, fmt, tmp_path):
    target = tmp_path / f"out.{fmt}"
    store.export(fmt, target)
    rf = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG
    back = {str(q) for q in ox.parse(path=target, format=rf)}
    assert back == _quads(store)
    ds = rdflib.Dataset()
    ds.parse(target, format="nquads" if fmt == "nquads" else "trig")
    rd = {(s.n3(), p.n3(), o.n3(), str(g)) for s, p, o, g in ds.quads((None, None, None, None))}
    assert len(rd) == len(back)
    # every graph, and the derived summaries in a graph of their own
    assert {g for *_, g in rd} == {*store.graph_names(), SUMMARY_GRAPH}


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_graph_formats_hold_the_union(store, fmt, tmp_path):
    target = tmp_path / "out.ttl"
    store.export(fmt, target)
    rf = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    back = {f"{t.subject} {t.predicate} {t.object}" for t in ox.parse(path=target, format=rf)}
    assert back == _union_triples(store)
    g = rdflib.Graph().parse(target, format="turtle" if fmt == "turtle" else "nt")
    assert len(g) == len(_union_triples(store))
    if fmt == "turtle":
        assert target.read_text().startswith("@prefix")


def test_jsonld_is_compact_and_round_trips(store, tmp_path):
    ctx_file = tmp_path / "context.jsonld"
    ctx_file.write_text(json.dumps(CONTEXT))
    target = tmp_path / "out.jsonld"
    # the named graphs (--format jsonld --graphs); plain jsonld is the union
    export_oxigraph(store.oxigraph, JSONLD_GRAPHS, target, context=ctx_file)
    doc = json.loads(target.read_text())
    assert doc["@context"] == CONTEXT["@context"]
    text = target.read_text()
    assert '"signedBy":["id:party/' in text or '"signedBy":"id:party/' in text
    assert '"@type":"Party"' in text and '"listPosition":"1"' in text
    assert "altLabels" not in text.split('"@graph"')[1]  # never uses a language container
    # parses back, with pyoxigraph and with rdflib, into the same quads
    back = {str(q) for q in ox.parse(path=target, format=ox.RdfFormat.JSON_LD)}
    assert back == _quads(store)
    ds = rdflib.Dataset()
    ds.parse(target, format="json-ld")
    rd = {(str(s), str(p), o.n3(), str(g)) for s, p, o, g in ds.quads((None, None, None, None))}
    assert len(rd) == len(back)
    assert (
        f"{ID}statement/brussels-2011",
        "http://purl.org/dc/terms/title",
        rdflib.Literal('On "Belarus"\nresolution').n3(),
        f"{ID}source/{2:064x}",
    ) in rd
    union = tmp_path / "union.jsonld"
    export_oxigraph(store.oxigraph, "jsonld", union, context=ctx_file)
    triples = {str(t.triple) for t in ox.parse(path=union, format=ox.RdfFormat.JSON_LD)}
    assert triples == _union_triples(store)  # a set, the derived summaries left out
    assert len(rdflib.Graph().parse(union, format="json-ld")) == len(triples)


def test_jsonld_value_shapes():
    ctx = CompactContext(CONTEXT)
    s = ox.Store()
    g = ox.NamedNode(ID + "source/x")
    subj = ox.NamedNode(ID + "statement/a")
    for p, o in [
        (PG + "listPosition", ox.Literal("x7")),  # a string under an integer-typed term
        (PG + "signedBy", ox.Literal("not an IRI")),
        (SKOS + "prefLabel", ox.Literal("Κόμμα", language="el")),
        ("http://example.org/other#p", ox.NamedNode("http://example.org/o")),
    ]:
        s.add(ox.Quad(subj, ox.NamedNode(p), o, g))
    out = io.BytesIO()
    write_jsonld(s, out, ctx)
    node = json.loads(out.getvalue())["@graph"][0]["@graph"][0]
    assert node["listPosition"] == {"@value": "x7"}
    assert node["signedBy"] == {"@value": "not an IRI"}
    assert node["prefLabel"] == {"@value": "Κόμμα", "@language": "el"}
    assert node["http://example.org/other#p"] == {"@id": "http://example.org/o"}
    back = {str(q) for q in ox.parse(out.getvalue(), ox.RdfFormat.JSON_LD)}
    assert back == {str(q) for q in s}


def test_missing_context_is_a_user_error(store, tmp_path):
    with pytest.raises(PartygraphError, match="context"):
        export_oxigraph(store.oxigraph, "jsonld", tmp_path / "x.jsonld", tmp_path / "none.jsonld")
    assert not (tmp_path / "x.jsonld").exists()


def test_unknown_format(store, tmp_path):
    with pytest.raises(PartygraphError, match="format"):
        store.export("rdfxml", tmp_path / "x")


def test_interrupted_export_leaves_the_old_file(tmp_path):
    target = tmp_path / "graph.nt"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as f:
        f.write(b"half of a new fi")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_export_to_missing_folder(store, tmp_path):
    with pytest.raises(PartygraphError, match="folder"):
        store.export("nquads", tmp_path / "no" / "such.nq")


def test_stream_target(store):
    buf = io.BytesIO()
    store.export("nquads", buf)
    assert buf.getvalue().count(b"\n") == len(_quads(store))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_subjects_described_in_many_graphs_are_written_once_each_triple(fmt, tmp_path):
    import random

    rng = random.Random(5)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    shared = [ox.NamedNode(f"{ID}meeting/m-{i}") for i in range(4)] + [
        ox.NamedNode("http://example.org/elsewhere/thing")
    ]
    values = ["plain", "two\nlines", "a \u2028 separator", 'quote " and \\ slash', "x ;\n. y"]
    graphs_ = {}
    for n in range(12):
        g = f"{ID}source/{n:02d}"
        own = ox.NamedNode(f"{ID}statement/s-{n}")
        quads = [ox.Quad(own, rdf_type, ox.NamedNode(PG + "Statement"))]
        for m in rng.sample(shared, 3):  # a shared subject: its type, and some values
            quads.append(ox.Quad(own, ox.NamedNode(PG + "adoptedAt"), m))
            quads.append(ox.Quad(m, rdf_type, ox.NamedNode(PG + "Meeting")))
            for v in rng.sample(values, 2):
                quads.append(ox.Quad(m, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(v)))
        graphs_[g] = quads
    store = EmbeddedStore()
    store.replace_graphs(graphs_)
    target = tmp_path / "out"
    store.export(fmt, target)
    rf = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    back = [f"{t.subject} {t.predicate} {t.object}" for t in ox.parse(path=target, format=rf)]
    assert len(back) == len(set(back))  # each triple once
    assert set(back) == _union_triples(store)
