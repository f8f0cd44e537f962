"""The triples resolve.subjects writes (issue 7) use declared terms and pass the shapes."""

import pytest
import rdflib
from conftest import INGESTED, three_party
from rdflib.namespace import RDF, RDFS

from partygraph.rdf import iris, registry_quads, statement_quads, validate
from partygraph.rdf.namespaces import PG

subjects = pytest.importorskip("partygraph.resolve.subjects")


@pytest.fixture
def quads():
    parties, resolved = three_party()
    record = resolved.record
    record.title = "Solidarity with the Cuban people against the blockade"
    record.text = "We stand with Cuba and the Cuban people. NATO and the blockade must end."
    base = statement_quads(resolved, source_path="doc.txt", ingested_at=INGESTED)
    statement = base[0].subject.value
    found = subjects.find_subjects(record, None)
    mentions = subjects.find_mentions(record, None)
    extra = subjects.subject_quads(
        statement,
        iris.source(record.sha256),
        found,
        mentions,
        record.text,
        record.language,
        title=record.title,
        headline=record.headline,
    )
    assert any(q.predicate.value == PG + "about" for q in extra)
    # the real registry graph: every gazetteer country, the organisations of the registry
    registry = registry_quads(parties, organisations=subjects.load_organisations())
    return base + extra + registry


def test_subject_terms_are_declared(quads):
    ont = rdflib.Graph().parse(iris.__file__.rsplit("/src/", 1)[0] + "/ontology/partygraph.ttl")
    used = {q.predicate.value for q in quads} | {
        q.object.value for q in quads if q.predicate.value == str(RDF.type)
    }
    used.discard(str(RDF.type))
    undeclared = sorted(t for t in used if ont.value(rdflib.URIRef(t), RDFS.comment) is None)
    assert undeclared == []


def test_subject_triples_conform(quads):
    report = validate(quads)
    assert report.conforms, report.text
    about = [q.object.value for q in quads if q.predicate.value == PG + "about"]
    assert iris.country("CU") in about
