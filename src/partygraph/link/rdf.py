"""External identifiers in the registry graph, and the Wikidata enrichment graph.

In the registry graph (``graph/registry``), for each row of ``identifiers.csv``:

* ``wikidata``: ``schema:sameAs`` (and the older ``skos:exactMatch``) to
  ``http://www.wikidata.org/entity/Q…``;
* any other scheme: a literal with the property ``pg:<scheme>Id`` (``pg:partyfactsId``,
  ``pg:parlgovId``), declared in the ontology;
* provenance: ``schema:identifier`` to a ``schema:PropertyValue`` node
  ``<party>/identifier/<scheme>`` with ``schema:propertyID`` (the scheme),
  ``schema:value``, ``dcterms:source`` (the cited source), ``dcterms:date`` (when it
  was retrieved) and ``pg:needsReview true`` when the source is doubtful.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from partygraph.link.identifiers import Identifier, read_identifiers
from partygraph.rdf import iris
from partygraph.rdf.namespaces import ID, RDF_TYPE, dcterms, pg, schema, skos, xsd

WIKIDATA_GRAPH = ID + "graph/wikidata"
_TRUE = Literal("true", datatype=xsd("boolean"))


def identifier_property(scheme: str) -> NamedNode:
    """The property that carries an identifier of ``scheme`` as a literal.

    Examples
    --------
    >>> identifier_property("partyfacts").value
    'https://w3id.org/partygraph/ontology#partyfactsId'
    """
    return pg(f"{scheme}Id")


def identifier_quads(
    identifiers: Iterable[Identifier],
    graph: NamedNode | DefaultGraph,
    parties: Iterable[str] | None = None,
) -> list[Quad]:
    """The quads of external identifiers (see the module docstring), in a stable order.

    Parameters
    ----------
    identifiers
        Rows of ``identifiers.csv``.
    graph
        The named graph to put them in (the registry graph).
    parties
        Only identifiers of these party ids (those described in the graph).

    Examples
    --------
    >>> ids = [Identifier("kke", "wikidata", "Q192406", "Party Facts", "2026-12-02"),
    ...        Identifier("kke", "parlgov", "614", "ParlGov", "2026-12-02", "yes")]
    >>> qs = identifier_quads(ids, DefaultGraph())
    >>> [str(q.object) for q in qs if q.predicate.value.endswith(("sameAs", "parlgovId"))]
    ['"614"', '<http://www.wikidata.org/entity/Q192406>']
    """
    wanted = set(parties) if parties is not None else None
    out: list[Quad] = []
    for ident in sorted(identifiers):
        if wanted is not None and ident.registry_id not in wanted:
            continue
        party = NamedNode(iris.party(ident.registry_id))
        if ident.scheme == "wikidata":
            item = NamedNode(iris.wikidata(ident.value))
            out += [
                Quad(party, schema("sameAs"), item, graph),
                Quad(party, skos("exactMatch"), item, graph),
            ]
        else:
            out.append(Quad(party, identifier_property(ident.scheme), Literal(ident.value), graph))
        node = NamedNode(f"{party.value}/identifier/{ident.scheme}")
        out += [
            Quad(party, schema("identifier"), node, graph),
            Quad(node, RDF_TYPE, schema("PropertyValue"), graph),
            Quad(node, schema("propertyID"), Literal(ident.scheme), graph),
            Quad(node, schema("value"), Literal(ident.value), graph),
        ]
        if ident.source:
            out.append(Quad(node, dcterms("source"), Literal(ident.source), graph))
        if ident.retrieved:
            out.append(
                Quad(node, dcterms("date"), Literal(ident.retrieved, datatype=xsd("date")), graph)
            )
        if ident.review:
            out.append(Quad(node, pg("needsReview"), _TRUE, graph))
    return out


def registry_identifier_quads(
    folder: Path | str | None, graph: NamedNode | DefaultGraph, parties: Iterable[str]
) -> list[Quad]:
    """:func:`identifier_quads` of a registry folder's ``identifiers.csv`` (if any)."""
    if folder is None:
        return []
    return identifier_quads(read_identifiers(folder), graph, parties)
