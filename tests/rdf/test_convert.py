import time
from datetime import datetime, timedelta, timezone

import pyoxigraph as ox
import pytest
import rdflib

from partygraph.errors import PartygraphError
from partygraph.extract.model import Meeting, Place
from partygraph.rdf import iris, registry_quads, statement_quads, to_rdflib_dataset
from partygraph.rdf.namespaces import DCTERMS, ID, PG, PROV, REGISTRY_GRAPH, SCHEMA, SKOS, XSD
from partygraph.resolve.model import Party

from .conftest import INGESTED, SEED_SHA, registry_for, seed_parties_and_resolved

PREFIX = f"""PREFIX pg: <{PG}> PREFIX id: <{ID}> PREFIX skos: <{SKOS}> PREFIX schema: <{SCHEMA}>
PREFIX dcterms: <{DCTERMS}> PREFIX prov: <{PROV}> PREFIX xsd: <{XSD}>
PREFIX party: <{ID}party/> PREFIX country: <{ID}country/> PREFIX series: <{ID}series/>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def store_of(quads):
    store = ox.Store()
    store.extend(quads)
    return store


def select(store, q):
    return [
        tuple(None if v is None else v.value for v in row)
        for row in store.query(PREFIX + q, use_default_graph_as_union=True)
    ]


def convert(resolved, **kw):
    return statement_quads(
        resolved, source_path="data/statements/doc.txt", ingested_at=INGESTED, **kw
    )


def test_deterministic_and_no_blank_nodes(seed):
    _, resolved = seed
    a, b = convert(resolved), convert(seed_parties_and_resolved()[1])
    assert a == b
    for q in a:
        for t in (q.subject, q.predicate, q.object, q.graph_name):
            assert not isinstance(t, ox.BlankNode)
    assert len(set(a)) == len(a)  # no duplicate quads


def test_everything_in_the_document_graph(seed):
    _, resolved = seed
    graphs = {q.graph_name for q in convert(resolved)}
    assert graphs == {ox.NamedNode(ID + "source/" + SEED_SHA)}


def test_seed_statement(seed):
    parties, resolved = seed
    store = store_of(convert(resolved) + registry_for(parties, resolved))
    (st,) = select(store, "SELECT ?s WHERE { ?s a pg:Statement }")
    assert (
        st[0]
        == ID + "statement/statement-of-solidarity-of-communist-and-workers-parties-in-d09a1316"
    )
    assert select(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s pg:signedBy ?p }") == [
        ("61",)
    ]
    assert select(store, "SELECT (COUNT(?g) AS ?n) WHERE { ?s pg:hasSignature ?g }") == [("61",)]
    rows = select(
        store,
        """SELECT ?title ?head ?date ?issued ?city ?cc ?lang WHERE {
             ?s a pg:Statement ; dcterms:title ?title ; schema:headline ?head ; dcterms:date ?date ;
                dcterms:issued ?issued ; schema:location ?city ; pg:placeCountry/skos:notation ?cc ;
                schema:inLanguage ?lang .
             FILTER(datatype(?date) = xsd:date && datatype(?issued) = xsd:date) }""",
    )
    assert rows == [
        (
            resolved.record.title,
            "Solidarity with the Korean people",
            "2018-11-25",
            "2018-12-11",
            "Athens",
            "GR",
            "en",
        )
    ]
    assert select(store, "SELECT ?p WHERE { ?s pg:initiatedBy ?p }") == [
        (ID + "party/hungarian-workers-party",)
    ]
    rows = select(
        store,
        """SELECT ?m ?label ?ord ?start ?end ?city ?cc ?series WHERE {
             ?s pg:adoptedAt ?m . ?m a pg:Meeting ; skos:prefLabel ?label ; pg:ordinal ?ord ;
             schema:startDate ?start ; schema:endDate ?end ; schema:location ?city ;
             pg:country/skos:notation ?cc ; pg:inSeries ?series }""",
    )
    assert rows == [
        (
            ID + "meeting/imcwp-20",
            "20th International Meeting of Communist and Workers' Parties",
            "20",
            "2018-11-23",
            "2018-11-25",
            "Athens",
            "GR",
            ID + "series/imcwp",
        )
    ]
    text = select(store, "SELECT (LANG(?t) AS ?l) WHERE { ?s schema:text ?t }")
    assert text == [("en",)]


def test_seed_signatures(seed):
    _, resolved = seed
    store = store_of(convert(resolved))
    # the duplicated Spanish line: one signature, first position, first printed line
    rows = select(
        store,
        """SELECT ?sig ?pos ?name ?match WHERE {
        ?sig pg:signatory party:communist-party-of-the-peoples-of-spain ;
             pg:listPosition ?pos ; pg:nameAsPrinted ?name ; pg:match ?match }""",
    )
    stmt_slug = iris.statement_slug(SEED_SHA, resolved.record.title)
    assert rows == [
        (
            iris.signature(stmt_slug, "communist-party-of-the-peoples-of-spain"),
            "54",
            "Communist Party of The Peoples of Spain",
            "exact",
        )
    ]
    # the initiator also signs (line 24): one signature with both roles, the signatory line wins
    rows = select(
        store,
        """SELECT ?role ?pos ?match WHERE {
        ?sig pg:signatory party:hungarian-workers-party ; pg:role ?role ;
             pg:listPosition ?pos ; pg:match ?match } ORDER BY ?role""",
    )
    assert rows == [(PG + "InitiatorRole", "24", "exact"), (PG + "SignatoryRole", "24", "exact")]
    positions = select(store, "SELECT ?p WHERE { ?s pg:listPosition ?p } ORDER BY xsd:integer(?p)")
    assert [int(p) for (p,) in positions] == [*range(1, 55), *range(56, 63)]
    # every signature points back to its statement
    assert select(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?st pg:hasSignature ?sig . ?sig pg:ofStatement ?st }""",
    ) == [("61",)]


def test_source_document_provenance(seed):
    _, resolved = seed
    quads = statement_quads(
        resolved,
        source_path="data/statements/000.txt",
        ingested_at=datetime(2026, 11, 28, 1, 2, 3, 999, tzinfo=timezone(timedelta(hours=2))),
        tool_version="9.9.9",
    )
    store = store_of(quads)
    rows = select(
        store,
        """SELECT ?src ?sha ?file ?path ?fmt ?at ?v WHERE {
        ?s prov:wasDerivedFrom ?src .
        ?src a pg:SourceDocument ; pg:sha256 ?sha ; pg:fileName ?file ;
        pg:sourcePath ?path ; dcterms:format ?fmt ; pg:ingestedAt ?at ; pg:toolVersion ?v .
        FILTER(datatype(?at) = xsd:dateTime) }""",
    )
    assert rows == [
        (
            ID + "source/" + SEED_SHA,
            SEED_SHA,
            "000_d09a13167ed8fed5.txt",
            "data/statements/000.txt",
            "text/plain",
            "2026-11-27T23:02:03Z",
            "9.9.9",
        )
    ]
    warnings = select(store, "SELECT ?w WHERE { ?s pg:warning ?w } ORDER BY ?w")
    assert warnings == [
        ("line 55 repeats line 54 (Communist Party of The Peoples of Spain)",),
        ("resolver note",),
    ]


def test_small_statement_roles_fuzzy_and_provisional(small):
    _parties, resolved = small
    quads = convert(resolved)
    store = store_of(quads)
    rows = select(
        store,
        """SELECT ?p ?pos ?match ?score ?section WHERE {
        ?sig pg:signatory ?p ; pg:match ?match .
        OPTIONAL { ?sig pg:listPosition ?pos } OPTIONAL { ?sig pg:matchScore ?score }
        OPTIONAL { ?sig pg:listSection ?section } } ORDER BY ?p""",
    )
    assert rows == [
        (ID + "party/communist-party-of-greece", "1", "exact", None, None),
        (ID + "party/communist-party-usa", None, "alias", None, None),
        (ID + "party/portuguese-communist-party", "2", "fuzzy", "0.941", "Europe"),
        (ID + "party/workers-front-of-atlantis", "3", "new", None, None),
    ]
    # the initiator-only party is initiatedBy, not signedBy
    assert select(store, "SELECT ?p WHERE { ?s pg:initiatedBy ?p }") == [
        (ID + "party/communist-party-usa",)
    ]
    assert len(select(store, "SELECT ?p WHERE { ?s pg:signedBy ?p }")) == 3
    # the provisional party is described in the document graph; registry parties are not
    described = select(
        store,
        "SELECT ?p ?name ?prov WHERE { ?p a pg:Party ; skos:prefLabel ?name ;"
        " pg:provisional ?prov }",
    )
    assert described == [
        (ID + "party/workers-front-of-atlantis", "Workers' Front of Atlantis", "true")
    ]
    # no series known by ordinal: the meeting slug carries series, start date and city
    assert select(store, "SELECT ?m WHERE { ?s pg:adoptedAt ?m }") == [
        (ID + "meeting/ecm-2019-03-07-lisbon",)
    ]
    assert select(store, "SELECT ?f WHERE { ?s dcterms:format ?f }") == [("text/html",)]
    assert select(store, "SELECT ?f WHERE { ?s pg:fileName ?f }") == [("joint-statement.html",)]


def test_registry_graph(small):
    parties, resolved = small
    quads = registry_for(parties, resolved)
    assert {q.graph_name.value for q in quads} == {REGISTRY_GRAPH}
    store = store_of(quads)
    rows = select(
        store,
        """SELECT ?name ?abbr ?cc ?wd WHERE { party:communist-party-of-greece a pg:Party ;
        skos:prefLabel ?name ; pg:abbreviation ?abbr ; pg:country/skos:notation ?cc ;
        skos:exactMatch ?wd }""",
    )
    assert rows == [
        ("Communist Party of Greece", "KKE", "GR", "http://www.wikidata.org/entity/Q220386")
    ]
    assert select(
        store,
        "SELECT ?a WHERE { party:communist-party-of-greece skos:altLabel ?a }",
    ) == [("KKE",)]
    assert select(
        store,
        "SELECT ?n WHERE { country:GR a pg:Country ; skos:notation ?n }",
    ) == [("GR",)]
    roles = select(
        store, "SELECT ?r WHERE { ?r a skos:Concept ; skos:inScheme pg:SignatureRoles } ORDER BY ?r"
    )
    assert roles == [(PG + "InitiatorRole",), (PG + "ParticipantRole",), (PG + "SignatoryRole",)]
    assert select(
        store,
        "SELECT ?l WHERE { series:ecm a pg:MeetingSeries ; skos:prefLabel ?l }",
    ) == [("European Communist Meeting",)]
    assert select(store, "SELECT ?o WHERE { ?o a pg:Organisation }") == [
        (ID + "organisation/nato",)
    ]
    # same registry in any order gives the same quads
    assert registry_quads(list(reversed(parties)), {"GR": "Greece"}) == registry_quads(
        parties, {"GR": "Greece"}
    )


def test_registry_renames_and_unnamed_country():
    p = [Party("a", "Old Name", "fr"), Party("b", "New Name", "FR")]
    store = store_of(registry_quads(p, {}, renames=[("a", "b", "1990-02-01")]))
    assert select(
        store,
        """SELECT ?e ?d WHERE { ?e a org:ChangeEvent ;
        org:originalOrganization party:a ;
        org:resultingOrganization party:b ; dcterms:date ?d }""",
    ) == [(ID + "change/a--b", "1990-02-01")]
    # the parties' country is typed even though the mapping lacks it
    assert select(store, "SELECT ?c WHERE { ?c a pg:Country }") == [(ID + "country/FR",)]


@pytest.mark.parametrize(
    ("make", "where"),
    [
        (lambda: registry_quads([Party("x", "X", "Greece")], {}), "party x"),
        (lambda: registry_quads([Party("x", "X", wikidata="not-a-qid")], {}), "party x: wikidata"),
        (lambda: registry_quads([], {"GRC": "Greece"}), "country GRC"),
        (lambda: registry_quads([Party("a b", "X")], {}), "party a b"),
    ],
)
def test_registry_errors_name_the_field(make, where):
    with pytest.raises(PartygraphError) as e:
        make()
    assert e.value.where == where and e.value.source == "registry"


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("date", "2018-11", "date"),
        ("date", "2018-02-30", "date"),
        ("publication_date", "11 December 2018", "publication_date"),
        ("place", Place("Athens", "XXX"), "place.country"),
        ("meeting", Meeting(ordinal=1, start="2018/11/23"), "meeting.start"),
        ("sha256", "abc", "sha256"),
    ],
)
def test_bad_record_fields_raise(small, field, value, where):
    _, resolved = small
    setattr(resolved.record, field, value)
    with pytest.raises(PartygraphError) as e:
        convert(resolved)
    assert e.value.where == where
    assert e.value.source == resolved.record.source


def test_language_tag_and_no_language(small):
    _, resolved = small
    (text,) = [q.object for q in convert(resolved) if q.predicate.value == SCHEMA + "text"]
    assert text.language == "en" and text.value == "Η ειρήνη."
    resolved.record.language = "not a language"
    (text,) = [q.object for q in convert(resolved) if q.predicate.value == SCHEMA + "text"]
    assert text.language is None and text.datatype.value == XSD + "string"
    assert not [q for q in convert(resolved) if q.predicate.value == SCHEMA + "inLanguage"]


def test_rdflib_dataset(seed):
    parties, resolved = seed
    quads = convert(resolved) + registry_for(parties, resolved)
    ds = to_rdflib_dataset(quads)
    assert len(ds.graph(rdflib.URIRef(REGISTRY_GRAPH))) == sum(
        q.graph_name.value == REGISTRY_GRAPH for q in quads
    )
    assert sum(
        len(g) for g in ds.graphs() if g.identifier != rdflib.URIRef(REGISTRY_GRAPH) and len(g)
    ) == sum(q.graph_name.value != REGISTRY_GRAPH for q in quads)
    n = ds.query(
        f"PREFIX pg: <{PG}> "
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?s pg:signedBy ?p }} }}"
    )
    assert [int(r[0]) for r in n] == [61]
    # a date is an xsd:date literal in rdflib too
    d = next(o for _, p, o, _ in ds.quads((None, rdflib.URIRef(DCTERMS + "date"), None, None)))
    assert d.datatype == rdflib.XSD.date and d.toPython().isoformat() == "2018-11-25"


def test_conversion_speed_against_bulk_load(seed):
    """Converting a statement costs less than Oxigraph parsing and loading the same N-Quads."""
    _, resolved = seed
    quads = convert(resolved)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def best(fn, n=15):
        times = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    t_convert = best(lambda: convert(resolved))
    t_bulk = best(lambda: ox.Store().bulk_load(nquads, format=ox.RdfFormat.N_QUADS))
    per_triple_us = t_convert / len(quads) * 1e6
    assert per_triple_us < 10, per_triple_us
    assert t_convert < 3 * t_bulk, (t_convert, t_bulk)


def test_registry_from_the_real_registry_object():
    from partygraph.resolve import Registry

    registry = Registry.load()
    quads = registry_quads(registry)
    assert quads == registry_quads(registry)
    store = store_of(quads)
    n_parties = select(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Party }")
    assert n_parties == [(str(len(registry.parties())),)]
    # every gazetteer country, the known series and the organisations are there
    assert select(store, "SELECT ?l WHERE { country:KP skos:prefLabel ?l }") != []
    assert select(store, "SELECT ?l WHERE { series:imcwp skos:prefLabel ?l }") == [
        ("International Meeting of Communist and Workers' Parties",)
    ]
    nato = select(store, f"SELECT ?a WHERE {{ <{ID}organisation/nato> pg:abbreviation ?a }}")
    assert nato == [("NATO",)]


def test_unknown_series_is_described_in_the_document(small):
    _, resolved = small
    resolved.record.meeting = Meeting(
        series="regional-balkan", name="Meeting of Balkan Parties", ordinal=2
    )
    store = store_of(convert(resolved))
    assert select(store, "SELECT ?s ?l WHERE { ?s a pg:MeetingSeries ; skos:prefLabel ?l }") == [
        (ID + "series/regional-balkan", "Meeting of Balkan Parties")
    ]
    resolved.record.meeting = Meeting(series="imcwp", ordinal=2)
    store = store_of(convert(resolved))
    assert select(store, "SELECT ?s WHERE { ?s a pg:MeetingSeries }") == []


def test_a_meeting_report_names_participants_of_the_meeting():
    # a press release of a meeting: the parties took part in the meeting and their joint
    # text is signed by them (pg:ParticipantRole beside pg:SignatoryRole)
    from partygraph.extract import read_bytes
    from partygraph.resolve import Registry

    text = (
        "Meeting of Communist Parties in Athens\n\n"
        "Athens, 12 March 2016. The 4th meeting of the Balkan communist parties took "
        "place in Athens with the participation of the Communist Party of Greece, the "
        "Communist Party of Turkey and the Party of the Bulgarian Communists.\n\n"
        "The parties condemned the war.\n"
    )
    rec = read_bytes(text.encode(), "report.txt")
    assert {p.role for p in rec.signatories} == {"participant"}
    store = store_of(convert(Registry.load().resolve(rec)))
    participants = select(store, "SELECT ?p WHERE { ?m pg:participant ?p } ORDER BY ?p")
    assert participants == [
        (ID + "party/communist-party-of-greece",),
        (ID + "party/communist-party-of-turkey",),
        (ID + "party/party-of-the-bulgarian-communists",),
    ]
    roles = select(
        store,
        "SELECT DISTINCT ?r WHERE { ?s pg:hasSignature/pg:role ?r } ORDER BY ?r",
    )
    assert roles == [(PG + "ParticipantRole",), (PG + "SignatoryRole",)]
    assert len(select(store, "SELECT ?p WHERE { ?s pg:signedBy ?p }")) == 3
