"""SHACL validation: valid data conforms, each kind of breakage is reported by node."""

import pyoxigraph as ox
import pytest
import rdflib

from partygraph.errors import PartygraphError
from partygraph.rdf import to_rdflib_dataset, validate
from partygraph.rdf.namespaces import ID, PG, SCHEMA, SKOS, XSD

from .conftest import INGESTED, SEED_SHA, all_quads, three_party

SMALL_SHA = "ab" * 32
SMALL_STATEMENT = ID + "statement/joint-statement-on-peace-abababab"
SMALL_SIGNATURE = ID + "signature/joint-statement-on-peace-abababab/portuguese-communist-party"


def n(iri):
    return ox.NamedNode(iri)


def without(quads, subject=None, predicate=None):
    return [
        q
        for q in quads
        if not (
            (subject is None or q.subject.value == subject)
            and (predicate is None or q.predicate.value == predicate)
        )
    ]


def replaced(quads, subject, predicate, new_object):
    out = []
    for q in quads:
        if q.subject.value == subject and q.predicate.value == predicate:
            q = ox.Quad(q.subject, q.predicate, new_object, q.graph_name)
        out.append(q)
    return out


@pytest.mark.parametrize("which", ["seed", "small"])
def test_valid_graphs_conform(which):
    report = validate(all_quads(which))
    assert report.conforms, report.text
    assert report.violations == []
    assert report.text.startswith("Conforms")


def test_accepts_rdflib_dataset_store_and_graph():
    quads = all_quads("small")
    assert validate(to_rdflib_dataset(quads)).conforms
    store = ox.Store()
    store.extend(quads)
    assert validate(store).conforms
    g = rdflib.Graph()
    for s, p, o, _ in to_rdflib_dataset(quads).quads((None, None, None, None)):
        g.add((s, p, o))
    report = validate(g)
    assert report.conforms and report.triples == len(
        set((q.subject, q.predicate, q.object) for q in quads)
    )


def test_needs_the_registry_graph():
    """Statements alone do not validate: their parties live in the registry graph."""
    from partygraph.rdf import statement_quads

    _, resolved = three_party()
    report = validate(statement_quads(resolved, source_path="x", ingested_at=INGESTED))
    assert not report.conforms
    assert any(
        r.path == "pg:signatory" and r.focus.endswith("/communist-party-of-greece")
        for r in report.violations
    )


def test_signature_without_party():
    quads = without(all_quads("small"), SMALL_SIGNATURE, PG + "signatory")
    report = validate(quads)
    assert not report.conforms
    lines = [r.line() for r in report.violations]
    assert (
        "Violation id:signature/joint-statement-on-peace-abababab/portuguese-communist-party "
        "pg:signatory: A signature has exactly one signatory, a pg:Party." in lines
    ), report.text
    assert (
        "id:signature/joint-statement-on-peace-abababab/portuguese-communist-party" in report.text
    )


def test_bad_iso2():
    quads = replaced(all_quads("small"), ID + "country/GR", SKOS + "notation", ox.Literal("GRC"))
    report = validate(quads)
    assert not report.conforms
    focus = {(r.focus, r.path) for r in report.violations}
    assert ("id:country/GR", "skos:notation") in focus, report.text
    assert "ISO 3166-1 alpha-2" in report.text


def test_meeting_end_before_start():
    meeting = ID + "meeting/ecm-2019-03-07-lisbon"
    quads = replaced(
        all_quads("small"),
        meeting,
        SCHEMA + "endDate",
        ox.Literal("2019-03-01", datatype=n(XSD + "date")),
    )
    report = validate(quads)
    assert not report.conforms
    (r,) = [r for r in report.violations if r.focus == "id:meeting/ecm-2019-03-07-lisbon"]
    assert r.path == "schema:startDate" and "not after its schema:endDate" in r.message


def test_statement_without_source():
    quads = without(all_quads("small"), SMALL_STATEMENT, "http://www.w3.org/ns/prov#wasDerivedFrom")
    report = validate(quads)
    assert not report.conforms
    (r,) = report.violations
    assert r.focus == "id:statement/joint-statement-on-peace-abababab"
    assert r.path == "prov:wasDerivedFrom"
    assert "exactly one pg:SourceDocument" in r.message


def test_statement_without_any_signature():
    quads = [
        q
        for q in all_quads("small")
        if q.predicate.value not in (PG + "hasSignature", PG + "signedBy")
    ]
    report = validate(quads)
    assert any(
        r.focus == "id:statement/joint-statement-on-peace-abababab"
        and "at least one signature" in r.message
        for r in report.violations
    ), report.text


@pytest.mark.parametrize(
    ("subject", "predicate", "obj", "focus", "path"),
    [
        (
            SMALL_SIGNATURE,
            PG + "listPosition",
            ox.Literal("0", datatype=n(XSD + "integer")),
            "id:signature/joint-statement-on-peace-abababab/portuguese-communist-party",
            "pg:listPosition",
        ),
        (
            SMALL_SIGNATURE,
            PG + "role",
            n(PG + "AuthorRole"),
            "id:signature/joint-statement-on-peace-abababab/portuguese-communist-party",
            "pg:role",
        ),
        (
            SMALL_SIGNATURE,
            PG + "match",
            ox.Literal("maybe"),
            "id:signature/joint-statement-on-peace-abababab/portuguese-communist-party",
            "pg:match",
        ),
        (
            SMALL_STATEMENT,
            "http://purl.org/dc/terms/date",
            ox.Literal("2019-03-08"),
            "id:statement/joint-statement-on-peace-abababab",
            "dcterms:date",
        ),
        (
            ID + "meeting/ecm-2019-03-07-lisbon",
            PG + "country",
            n(ID + "party/communist-party-of-greece"),
            "id:meeting/ecm-2019-03-07-lisbon",
            "pg:country",
        ),
        (
            ID + "source/" + SMALL_SHA,
            PG + "sha256",
            ox.Literal("ABC"),
            "id:source/" + SMALL_SHA,
            "pg:sha256",
        ),
    ],
)
def test_broken_values(subject, predicate, obj, focus, path):
    report = validate(replaced(all_quads("small"), subject, predicate, obj))
    assert not report.conforms
    assert (focus, path) in {(r.focus, r.path) for r in report.violations}, report.text


def test_party_with_two_names_and_a_bad_country():
    kke = ID + "party/communist-party-of-greece"
    g = n(ID + "graph/registry")
    quads = [
        *all_quads("small"),
        ox.Quad(n(kke), n(SKOS + "prefLabel"), ox.Literal("KKE"), g),
        ox.Quad(n(kke), n(PG + "country"), n(ID + "country/PT"), g),
    ]
    report = validate(quads)
    (r,) = report.violations
    assert r.focus == "id:party/communist-party-of-greece"
    assert "exactly one skos:prefLabel" in r.message
    # a party whose country is no pg:Country
    quads = [*all_quads("small"), ox.Quad(n(kke), n(PG + "country"), n(ID + "party/x"), g)]
    report = validate(quads)
    assert ("id:party/communist-party-of-greece", "pg:country") in {
        (r.focus, r.path) for r in report.violations
    }


def test_provisional_party_named_twice_is_a_warning():
    atlantis = n(ID + "party/workers-front-of-atlantis")
    g = n(ID + "source/" + "cd" * 32)
    quads = [*all_quads("small"), ox.Quad(atlantis, n(SKOS + "prefLabel"), ox.Literal("WFA"), g)]
    report = validate(quads)
    assert report.conforms, report.text
    assert [(r.focus, r.severity) for r in report.warnings] == [
        ("id:party/workers-front-of-atlantis", "Warning")
    ]
    assert "provisional party" in report.warnings[0].message


def test_duplicate_sha_mismatch_is_reported():
    src = ID + "source/" + SMALL_SHA
    quads = replaced(all_quads("small"), src, PG + "sha256", ox.Literal("cd" * 32))
    report = validate(quads)
    assert any(
        r.focus == "id:source/" + SMALL_SHA and "must end with its pg:sha256" in r.message
        for r in report.violations
    ), report.text


def test_warnings_do_not_break_conformance():
    quads = [
        q
        for q in all_quads("small")
        if not (q.subject.value == ID + "country/US" and q.predicate.value == SKOS + "prefLabel")
    ]
    report = validate(quads)
    assert report.conforms
    assert [r.line() for r in report.warnings] == [
        "Warning id:country/US skos:prefLabel: The country has no name in the registry."
    ]
    assert "1 warning(s)" in report.text


def test_rdfs_inference_mode():
    assert validate(all_quads("small"), inference="rdfs").conforms


def test_missing_shapes_file_is_a_user_error(tmp_path):
    with pytest.raises(PartygraphError, match="file not found"):
        validate([], shapes=tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(PartygraphError, match="not valid Turtle"):
        validate([], shapes=bad)


def test_seed_sha_in_report_focus():
    quads = without(all_quads("seed"), ID + "source/" + SEED_SHA, PG + "ingestedAt")
    report = validate(quads)
    assert [(r.focus, r.path) for r in report.violations] == [
        ("id:source/" + SEED_SHA, "pg:ingestedAt")
    ]


def test_signatory_signature_needs_a_position():
    report = validate(without(all_quads("small"), SMALL_SIGNATURE, PG + "listPosition"))
    assert not report.conforms
    (r,) = report.violations
    assert (
        r.focus.endswith("/portuguese-communist-party") and "needs its pg:listPosition" in r.message
    )


def test_shortcut_and_qualified_signatures_agree():
    pcp = ID + "party/portuguese-communist-party"
    quads = [
        q
        for q in all_quads("small")
        if not (q.predicate.value == PG + "signedBy" and q.object.value == pcp)
    ]
    report = validate(quads)
    assert not report.conforms
    (r,) = report.violations
    assert r.focus == "id:statement/joint-statement-on-peace-abababab"
    assert SMALL_SIGNATURE in r.message and "no matching pg:signedBy" in r.message
    # the other way round (a shortcut without its signature) is only a warning
    quads = [
        q
        for q in all_quads("small")
        if q.subject.value != SMALL_SIGNATURE
        and not (q.predicate.value == PG + "hasSignature" and q.object.value == SMALL_SIGNATURE)
    ]
    report = validate(quads)
    assert report.conforms
    assert [r.focus for r in report.warnings] == ["id:statement/joint-statement-on-peace-abababab"]
    assert pcp in report.warnings[0].message


def test_mentions_and_subjects_shapes():
    st, g = n(SMALL_STATEMENT), n(ID + "source/" + SMALL_SHA)
    m = n(ID + "mention/joint-statement-on-peace-abababab/country-PT")
    pt = n(ID + "country/PT")
    integer = n(XSD + "integer")
    mention = [
        ox.Quad(st, n(PG + "mentions"), pt, g),
        ox.Quad(st, n(PG + "hasMention"), m, g),
        ox.Quad(m, n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n(PG + "Mention"), g),
        ox.Quad(m, n(PG + "mentioned"), pt, g),
        ox.Quad(m, n(PG + "mentionCount"), ox.Literal("2", datatype=integer), g),
        ox.Quad(m, n(PG + "mentionLocation"), ox.Literal("title"), g),
        ox.Quad(m, n(PG + "subjectRank"), ox.Literal("1", datatype=integer), g),
        ox.Quad(m, n(PG + "stance"), ox.Literal("solidarity"), g),
    ]
    about = ox.Quad(st, n(PG + "about"), pt, g)
    assert validate([*all_quads("small"), *mention, about]).conforms
    # a ranked subject without pg:about, a bad location, a bad stance
    report = validate([*all_quads("small"), *mention])
    assert [r.focus for r in report.violations] == [
        "id:statement/joint-statement-on-peace-abababab"
    ]
    assert "not pg:about" in report.violations[0].message
    bad = [
        *all_quads("small"),
        *mention[:-3],
        about,
        ox.Quad(m, n(PG + "mentionLocation"), ox.Literal("footer"), g),
        ox.Quad(m, n(PG + "stance"), ox.Literal("neutral"), g),
    ]
    report = validate(bad)
    assert {r.path for r in report.violations} == {"pg:mentionLocation", "pg:stance"}
    # pg:about to something that is no country, party or organisation
    report = validate([*all_quads("small"), ox.Quad(st, n(PG + "about"), n(ID + "meeting/x"), g)])
    assert [(r.focus, r.path) for r in report.violations] == [
        ("id:statement/joint-statement-on-peace-abababab", "pg:about")
    ]


def test_documents_disagreeing_on_a_meeting_give_warnings():
    meeting = n(ID + "meeting/ecm-2019-03-07-lisbon")
    g = n(ID + "source/" + "cd" * 32)
    date = n(XSD + "date")
    quads = [
        *all_quads("small"),
        ox.Quad(meeting, n(SCHEMA + "startDate"), ox.Literal("2019-03-06", datatype=date), g),
        ox.Quad(meeting, n(SCHEMA + "location"), ox.Literal("Porto"), g),
    ]
    report = validate(quads)
    assert report.conforms, report.text
    assert sorted(r.path for r in report.warnings) == ["schema:location", "schema:startDate"]
