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

from functools import lru_cache

from pyoxigraph import NamedNode

from partygraph.vocab import (  # noqa: F401 - re-exported: the rdf stage's view
    DCTERMS,
    ID,
    ONTOLOGY_GRAPH,
    ORG,
    OWL,
    PG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    REGISTRY_GRAPH,
    SCHEMA,
    SH,
    SKOS,
    WD,
    XSD,
    sparql_prologue,
)


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
