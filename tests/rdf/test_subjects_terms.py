"""The subject and mention triples (issue 7) use declared terms and pass the shapes.

They are written by :func:`partygraph.rdf.statement_quads` from the resolved
statement's ``subjects`` and ``mentions`` (:mod:`partygraph.rdf.subjects`).
"""

from dataclasses import replace

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from partygraph.rdf import iris, registry_quads, statement_quads, subject_quads, validate
from partygraph.rdf.namespaces import PG
from partygraph.rdf.subjects import target_iri
from partygraph.subjects import find_mentions, find_subjects, load_organisations

from .conftest import INGESTED, three_party

TITLE = "Solidarity with the Cuban people against the blockade"
BODY = "We stand with Cuba and the Cuban people. NATO and the blockade must end."


@pytest.fixture
def resolved():
    _, resolved = three_party()
    record = replace(resolved.record, title=TITLE, text=BODY)
    signers = {r.party.id for r in [*resolved.signatories, *resolved.initiators]}
    mentions = find_mentions(record, None)
    subjects = find_subjects(record, None, signers=signers, mentions=mentions)
    return replace(resolved, record=record, subjects=subjects, mentions=mentions)


@pytest.fixture
def quads(resolved):
    parties, _ = three_party()
    base = statement_quads(resolved, source_path="doc.txt", ingested_at=INGESTED)
    assert any(q.predicate.value == PG + "about" for q in base)
    # the real registry graph: every gazetteer country, the organisations of the registry
    registry = registry_quads(parties, organisations=load_organisations())
    return base + registry


def test_statement_quads_write_subjects_and_mentions(resolved, quads):
    statement = quads[0].subject.value
    about = [q.object.value for q in quads if q.predicate.value == PG + "about"]
    assert about == [iris.country("CU")]
    mentioned = {q.object.value for q in quads if q.predicate.value == PG + "mentions"}
    assert mentioned == {iris.country("CU"), iris.organisation("nato")}
    nodes = {q.subject.value for q in quads if q.predicate.value == PG + "mentioned"}
    assert nodes == {
        iris.mention(statement.rsplit("/", 1)[1], "country", "CU"),
        iris.mention(statement.rsplit("/", 1)[1], "organisation", "nato"),
    }
    count = next(
        q.object.value
        for q in quads
        if q.predicate.value == PG + "mentionCount" and q.subject.value.endswith("country-CU")
    )
    assert count == "3"  # "Cuban" in the title, "Cuba" and "Cuban" in the body
    # the body is written once, by statement_quads, never again by the subjects code
    assert sum(q.predicate.value == "https://schema.org/text" for q in quads) == 1
    alone = subject_quads(statement, iris.source("ab" * 32), resolved.subjects, resolved.mentions)
    assert {(q.subject, q.predicate, q.object) for q in alone} <= {
        (q.subject, q.predicate, q.object) for q in quads
    }
    assert not any(q.predicate.value == "https://schema.org/text" for q in alone)


def test_no_subjects_no_subject_quads():
    _, resolved = three_party()
    quads = statement_quads(resolved, source_path="doc.txt", ingested_at=INGESTED)
    preds = {q.predicate.value for q in quads}
    assert not preds & {PG + "about", PG + "mentions", PG + "hasMention"}


def test_subject_quads_reject_a_non_statement_iri(resolved):
    with pytest.raises(ValueError, match="not a statement IRI"):
        subject_quads("https://example.org/x", iris.source("ab" * 32), [], resolved.mentions)
    with pytest.raises(ValueError, match="unknown mention kind"):
        target_iri("region", "x")


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
