"""The ontology and the shapes parse, and declare every term the data uses."""

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from partygraph.rdf import ontology_quads
from partygraph.rdf.namespaces import PG, PREFIXES, SCHEMA

from .conftest import all_quads

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
pg = rdflib.Namespace(PG)
schema = rdflib.Namespace(SCHEMA)
ORG = rdflib.Namespace(PREFIXES["org"])
PROV = rdflib.Namespace(PREFIXES["prov"])
SKOS = rdflib.Namespace(PREFIXES["skos"])
DCTERMS = rdflib.Namespace(PREFIXES["dcterms"])


@pytest.fixture(scope="module")
def ont():
    return rdflib.Graph().parse(ONTOLOGY / "partygraph.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


def test_header(ont):
    head = rdflib.URIRef("https://w3id.org/partygraph/ontology")
    assert (head, RDF.type, OWL.Ontology) in ont
    assert str(ont.value(head, OWL.versionInfo)) == "0.1.0"
    assert ont.value(head, DCTERMS.title) is not None
    assert str(ont.value(head, DCTERMS.creator)) == "partygraph"
    assert ont.value(head, DCTERMS.license) is not None


def test_single_schema_namespace(ont, shapes):
    for g in (ont, shapes):
        for t in g:
            for term in t:
                assert not str(term).startswith("http://schema.org/"), term


def test_alignment(ont):
    expected = {
        pg.Party: {ORG.FormalOrganization, schema.PoliticalParty},
        pg.Meeting: {schema.Event},
        pg.Statement: {schema.CreativeWork, PROV.Entity},
        pg.SourceDocument: {PROV.Entity},
        pg.Organisation: {ORG.FormalOrganization, schema.Organization},
        pg.SignatureRole: {SKOS.Concept},
    }
    for cls, supers in expected.items():
        assert supers <= set(ont.objects(cls, RDFS.subClassOf)), cls
    assert (pg.SignatoryRole, SKOS.inScheme, pg.SignatureRoles) in ont
    assert (pg.InitiatorRole, SKOS.inScheme, pg.SignatureRoles) in ont
    assert (pg.hasSignature, OWL.inverseOf, pg.ofStatement) in ont


def test_every_pg_term_has_label_comment_and_types(ont):
    pg_terms = {s for s in ont.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(PG)}
    assert len(pg_terms) > 40
    for term in pg_terms:
        assert ont.value(term, RDFS.label) is not None, term
        assert ont.value(term, RDFS.comment) is not None, term
        types = set(ont.objects(term, RDF.type))
        assert types & {
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            SKOS.Concept,
            SKOS.ConceptScheme,
        }, term
        if OWL.ObjectProperty in types or OWL.DatatypeProperty in types:
            assert ont.value(term, RDFS.domain) is not None, term
            assert ont.value(term, RDFS.range) is not None, term


@pytest.mark.parametrize("which", ["seed", "small"])
def test_every_term_used_in_data_is_declared(ont, which):
    ds_terms = set()
    for q in all_quads(which):
        ds_terms.add(q.predicate.value)
        if q.predicate.value == str(RDF.type):
            ds_terms.add(q.object.value)
    ds_terms.discard(str(RDF.type))
    for iri in ds_terms:
        term = rdflib.URIRef(iri)
        assert ont.value(term, RDFS.label) is not None, f"{iri} has no rdfs:label in the ontology"
        assert ont.value(term, RDFS.comment) is not None, (
            f"{iri} has no rdfs:comment in the ontology"
        )


def test_every_class_has_a_shape(ont, shapes):
    classes = {c for c in ont.subjects(RDF.type, OWL.Class) if str(c).startswith(PG)}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes <= targeted, classes - targeted


def test_shapes_are_valid_shacl():
    import pyshacl

    # pyshacl validates shapes graphs against SHACL's own shapes (SHACL-SHACL)
    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    if not shacl_shacl.exists():
        pytest.skip("pyshacl ships no shacl-shacl.ttl")
    conforms, _, text = pyshacl.validate(
        rdflib.Graph().parse(ONTOLOGY / "shapes.ttl"), shacl_graph=rdflib.Graph().parse(shacl_shacl)
    )
    assert conforms, text


def test_ontology_quads_load_in_oxigraph():
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(ontology_quads())
    rows = list(store.query(f"SELECT ?l WHERE {{ GRAPH ?g {{ <{PG}Party> <{RDFS.label}> ?l }} }}"))
    assert [r["l"].value for r in rows] == ["Party"]


def test_readme_describes_every_term(ont):
    readme = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    pg_terms = {str(s)[len(PG) :] for s in ont.subjects() if str(s).startswith(PG)}
    missing = sorted(t for t in pg_terms if f"pg:{t}" not in readme)
    assert missing == []
