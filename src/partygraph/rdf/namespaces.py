"""Namespaces of the partygraph graph, as plain strings and pyoxigraph node helpers.

Every stage builds IRIs from these strings, so that Turtle prefixes, the JSON-LD
``@context`` (``ontology/context.jsonld``) and SPARQL prologues agree. The
``schema:`` namespace is ``https://schema.org/`` everywhere.

Examples
--------
>>> PG
'https://w3id.org/partygraph/ontology#'
>>> pg("Party")
<NamedNode value=https://w3id.org/partygraph/ontology#Party>
>>> sparql_prologue(["pg", "skos"]).splitlines()[0]
'PREFIX pg: <https://w3id.org/partygraph/ontology#>'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import NamedNode

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


@lru_cache(maxsize=4096)
def _node(iri: str) -> NamedNode:
    return NamedNode(iri)


def pg(local: str) -> NamedNode:
    """Return the ``pg:`` term ``local`` as a NamedNode."""
    return _node(PG + local)


def schema(local: str) -> NamedNode:
    """Return the ``schema:`` term ``local`` as a NamedNode."""
    return _node(SCHEMA + local)


def dcterms(local: str) -> NamedNode:
    """Return the ``dcterms:`` term ``local`` as a NamedNode."""
    return _node(DCTERMS + local)


def skos(local: str) -> NamedNode:
    """Return the ``skos:`` term ``local`` as a NamedNode."""
    return _node(SKOS + local)


def prov(local: str) -> NamedNode:
    """Return the ``prov:`` term ``local`` as a NamedNode."""
    return _node(PROV + local)


def org(local: str) -> NamedNode:
    """Return the ``org:`` term ``local`` as a NamedNode."""
    return _node(ORG + local)


def xsd(local: str) -> NamedNode:
    """Return the ``xsd:`` datatype ``local`` as a NamedNode.

    Examples
    --------
    >>> xsd("date").value
    'http://www.w3.org/2001/XMLSchema#date'
    """
    return _node(XSD + local)


RDF_TYPE = _node(RDF + "type")


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
