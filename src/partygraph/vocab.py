"""The vocabulary every stage shares: namespaces, IRI bases and prefixes, as plain strings.

This module imports nothing, so that any stage (extract, resolve, rdf, store, queries,
network) may use it. Turtle prefixes, the JSON-LD ``@context``
(``ontology/context.jsonld``) and SPARQL prologues are all built from these strings.
The ``schema:`` namespace is ``https://schema.org/`` everywhere.

Examples
--------
>>> PG
'https://w3id.org/partygraph/ontology#'
>>> PARTY
'https://w3id.org/partygraph/id/party/'
>>> PREFIXES["id"] == ID
True
"""

from __future__ import annotations

from collections.abc import Iterable

PG = "https://w3id.org/partygraph/ontology#"
ID = "https://w3id.org/partygraph/id/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"

#: The prefixes partygraph binds in every serialisation, in a fixed order.
PREFIXES: dict[str, str] = {
    "pg": PG,
    "id": ID,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "wd": WD,
}

#: IRI of the named graph that holds the registry (parties, countries, series, roles).
REGISTRY_GRAPH = ID + "graph/registry"
#: IRI of the named graph the ontology itself may be loaded into.
ONTOLOGY_GRAPH = ID + "graph/ontology"
#: IRI base of the parties (the registry's ids follow it).
PARTY = ID + "party/"
#: IRI base of the source documents' named graphs.
SOURCE = ID + "source/"


def sparql_prologue(prefixes: Iterable[str] | None = None) -> str:
    """Return ``PREFIX`` lines for the given prefix names (all of :data:`PREFIXES` by default).

    Parameters
    ----------
    prefixes
        Names from :data:`PREFIXES`; unknown names raise ``KeyError``.

    Returns
    -------
    str
        One ``PREFIX name: <iri>`` line per prefix, newline-terminated.
    """
    names = list(PREFIXES) if prefixes is None else list(prefixes)
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in names)
