"""A small dataset of several named graphs, shaped like partygraph's, and a query suite.

Every store (embedded, Oxigraph server, Virtuoso) loads the same quads and must answer
the same queries with the same rows.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef

PG = "https://w3id.org/partygraph/ontology#"
ID = "https://w3id.org/partygraph/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
REGISTRY = ID + "graph/registry"

PARTIES = {
    # slug: (name, country, abbreviation, Greek/other alt label)
    "kke": ("Communist Party of Greece", "GR", "KKE", ("Κομμουνιστικό Κόμμα Ελλάδας", "el")),
    "pcp": ("Portuguese Communist Party", "PT", "PCP", None),
    "akel": ('Progressive Party of Working People "AKEL"', "CY", None, None),
    "cpb": ("Communist Party of Britain", "GB", "CPB", None),
    "ncp": ("New Communist Party of Britain", "GB", None, None),
    "wpb": ("Workers' Party of Belgium", "BE", "PTB", ("Partij van de Arbeid", "nl")),
}

STATEMENTS = {
    # slug: (title, date, meeting, signers in printed order, printed lines)
    "athens-2018": (
        "Statement on the 20th IMCWP",
        "2018-11-25",
        "imcwp-20",
        ["kke", "pcp", "akel", "cpb"],
    ),
    "lisbon-2008": ("Declaration on Kosovo", "2008-03-01", "imcwp-wg-2008", ["pcp", "kke", "ncp"]),
    "brussels-2011": ('On "Belarus"\nresolution', "2011-04-11", None, ["wpb", "cpb", "kke"]),
}

MEETINGS = {"imcwp-20": (20, "2018-11-23"), "imcwp-wg-2008": (None, "2008-02-28")}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: str, dt: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if dt:
        return ox.Literal(value, datatype=_n(XSD + dt))
    return ox.Literal(value)


def graphs() -> dict[str, list[ox.Quad]]:
    """Graph IRI -> quads: the registry graph and one graph per source document."""
    out: dict[str, list[ox.Quad]] = {}
    g = _n(REGISTRY)
    reg = out[REGISTRY] = []
    for slug, (name, country, abbr, alt) in PARTIES.items():
        p = _n(f"{ID}party/{slug}")
        reg.append(ox.Quad(p, _n(RDF_TYPE), _n(PG + "Party"), g))
        reg.append(ox.Quad(p, _n(SKOS + "prefLabel"), _lit(name), g))
        reg.append(ox.Quad(p, _n(PG + "country"), _n(f"{ID}country/{country}"), g))
        if abbr:
            reg.append(ox.Quad(p, _n(PG + "abbreviation"), _lit(abbr), g))
        if alt:
            reg.append(ox.Quad(p, _n(SKOS + "altLabel"), _lit(alt[0], lang=alt[1]), g))
    for i, (slug, (title, date, meeting, signers)) in enumerate(STATEMENTS.items()):
        src = f"{ID}source/{i:064x}"
        g = _n(src)
        quads = out[src] = []
        s = _n(f"{ID}statement/{slug}")
        quads += [
            ox.Quad(s, _n(RDF_TYPE), _n(PG + "Statement"), g),
            ox.Quad(s, _n(DCT + "title"), _lit(title), g),
            ox.Quad(s, _n(DCT + "date"), _lit(date, "date"), g),
            ox.Quad(s, _n("http://www.w3.org/ns/prov#wasDerivedFrom"), g, g),
            ox.Quad(g, _n(RDF_TYPE), _n(PG + "SourceDocument"), g),
            ox.Quad(g, _n(PG + "sourcePath"), _lit(f"data/statements/{slug}.txt"), g),
        ]
        if meeting:
            m = _n(f"{ID}meeting/{meeting}")
            ordinal, start = MEETINGS[meeting]
            quads += [
                ox.Quad(s, _n(PG + "adoptedAt"), m, g),
                ox.Quad(m, _n(RDF_TYPE), _n(PG + "Meeting"), g),
                ox.Quad(m, _n("https://schema.org/startDate"), _lit(start, "date"), g),
            ]
            if ordinal is not None:
                quads.append(ox.Quad(m, _n(PG + "ordinal"), _lit(str(ordinal), "integer"), g))
        for pos, party in enumerate(signers, 1):
            p = _n(f"{ID}party/{party}")
            sig = _n(f"{ID}signature/{slug}/{party}")
            printed = PARTIES[party][0] + (" – " + PARTIES[party][1] if pos % 2 else "")
            quads += [
                ox.Quad(s, _n(PG + "signedBy"), p, g),
                ox.Quad(s, _n(PG + "hasSignature"), sig, g),
                ox.Quad(sig, _n(RDF_TYPE), _n(PG + "Signature"), g),
                ox.Quad(sig, _n(PG + "signatory"), p, g),
                ox.Quad(sig, _n(PG + "listPosition"), _lit(str(pos), "integer"), g),
                ox.Quad(sig, _n(PG + "nameAsPrinted"), _lit(printed), g),
            ]
    return out


PREFIXES = f"""PREFIX pg: <{PG}>
PREFIX skos: <{SKOS}>
PREFIX dcterms: <{DCT}>
PREFIX schema: <https://schema.org/>
"""


def _party(slug: str) -> URIRef:
    return URIRef(f"{ID}party/{slug}")


#: name -> (form, query, bindings, fully_ordered)
SUITE: dict[str, tuple[str, str, dict | None, bool]] = {
    "cosignatures": (
        "SELECT",
        PREFIXES + "# CONSTRUCT { } would fool a keyword guess; ASK too\n"
        "SELECT ?party (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st pg:signedBy ?party }\n"
        "GROUP BY ?party ORDER BY DESC(?n) ?party",
        None,
        True,
    ),
    "statements-of-party": (
        "SELECT",
        PREFIXES + "SELECT ?st ?title ?date WHERE {\n"
        "  ?st pg:signedBy ?_party ; dcterms:title ?title ; dcterms:date ?date .\n"
        "} ORDER BY ?date",
        {"_party": _party("cpb")},
        True,
    ),
    "parties-of-country": (
        "SELECT",
        PREFIXES + "SELECT ?name ?abbr WHERE { ?p skos:prefLabel ?name ; pg:country ?_c .\n"
        "  OPTIONAL { ?p pg:abbreviation ?abbr } } ORDER BY ?name",
        {"_c": URIRef(f"{ID}country/GB")},
        True,
    ),
    "alt-labels": (
        "SELECT",
        PREFIXES + "SELECT ?p ?alt WHERE { ?p skos:altLabel ?alt } ORDER BY ?p",
        None,
        True,
    ),
    "printed-exact": (
        "SELECT",
        PREFIXES + "SELECT ?sig ?pos WHERE { ?sig pg:nameAsPrinted ?_printed ; "
        "pg:listPosition ?pos }",
        {"_printed": Literal('Progressive Party of Working People "AKEL" – CY')},
        False,
    ),
    "meeting-by-ordinal": (
        "SELECT",
        PREFIXES + "SELECT ?st ?start WHERE { ?m pg:ordinal ?_ord ; schema:startDate ?start .\n"
        "  ?st pg:adoptedAt ?m }",
        {"_ord": Literal(20)},
        False,
    ),
    "signatures-per-statement": (
        "SELECT",
        PREFIXES + "SELECT ?st (COUNT(?sig) AS ?n) (MAX(?pos) AS ?last) WHERE {\n"
        "  ?st pg:hasSignature ?sig . ?sig pg:listPosition ?pos } GROUP BY ?st ORDER BY ?st",
        None,
        True,
    ),
    "sources": (
        "SELECT",
        PREFIXES + "SELECT ?g ?path WHERE { ?g a pg:SourceDocument ; pg:sourcePath ?path }"
        " ORDER BY ?path",
        None,
        True,
    ),
    "ask-date-true": (
        "ASK",
        PREFIXES + "ASK { ?st dcterms:date ?_d }",
        {"_d": Literal("2011-04-11", datatype=URIRef(XSD + "date"))},
        True,
    ),
    "ask-date-false": (
        "ASK",
        PREFIXES + "# SELECT nothing\nASK { ?st dcterms:date ?_d }",
        {"_d": Literal("2011-04-12", datatype=URIRef(XSD + "date"))},
        True,
    ),
    "construct-signers": (
        "CONSTRUCT",
        PREFIXES
        + "CONSTRUCT { ?st pg:signedBy ?p } WHERE { ?st pg:adoptedAt ?_m ; pg:signedBy ?p }",
        {"_m": URIRef(f"{ID}meeting/imcwp-20")},
        False,
    ),
}
