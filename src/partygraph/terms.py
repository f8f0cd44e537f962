"""The one converter between pyoxigraph terms and rdflib terms.

pyoxigraph stores and queries the graph; rdflib serves SHACL (pyshacl), parameter
binding and result formatting. ``xsd:string`` literals become plain rdflib literals,
as rdflib's own parsers make them.

Examples
--------
>>> to_rdflib(to_oxigraph(URIRef("http://ex/a"))) == URIRef("http://ex/a")
True
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from partygraph.errors import PartygraphError
from partygraph.vocab import XSD

XSD_STRING = XSD + "string"


_DT_CACHE: dict[str, URIRef] = {}


def to_rdflib(term: object) -> Node | None:
    """Convert a pyoxigraph term to the equal rdflib term (``None`` stays ``None``).

    Examples
    --------
    >>> to_rdflib(ox.NamedNode("http://ex/a"))
    rdflib.term.URIRef('http://ex/a')
    >>> to_rdflib(ox.Literal("chat", language="fr"))
    rdflib.term.Literal('chat', lang='fr')
    >>> to_rdflib(ox.Literal("x")) == Literal("x")
    True
    >>> to_rdflib(ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))).toPython()
    7
    """
    cls = type(term)
    if cls is ox.NamedNode:
        return URIRef(term.value)  # type: ignore[attr-defined]
    if cls is ox.Literal:
        lang = term.language  # type: ignore[attr-defined]
        if lang:
            return Literal(term.value, lang=lang)  # type: ignore[attr-defined]
        dt = term.datatype.value  # type: ignore[attr-defined]
        if dt == XSD_STRING:
            return Literal(term.value)  # type: ignore[attr-defined]
        dtn = _DT_CACHE.get(dt)
        if dtn is None:
            dtn = _DT_CACHE[dt] = URIRef(dt)
        return Literal(term.value, datatype=dtn)  # type: ignore[attr-defined]
    if cls is ox.BlankNode:
        return BNode(term.value)  # type: ignore[attr-defined]
    if term is None:
        return None
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


_CONVERTED: dict[object, Node] = {}
_CONVERTED_MAX = 200_000


def to_rdflib_cached(term: object) -> Node | None:
    """:func:`to_rdflib` through a bounded cache keyed by the pyoxigraph term.

    Query results repeat the same parties, dates and positions many times; building an
    rdflib literal costs 5-25 µs, a cache hit well under 1 µs.

    Examples
    --------
    >>> a = to_rdflib_cached(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    >>> a is to_rdflib_cached(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    True
    """
    hit = _CONVERTED.get(term)
    if hit is not None:
        return hit
    if term is None:
        return None
    if len(_CONVERTED) >= _CONVERTED_MAX:
        _CONVERTED.clear()
    hit = _CONVERTED[term] = to_rdflib(term)  # type: ignore[assignment]
    return hit


def to_oxigraph(term: object, where: str = "term") -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """Convert an rdflib term (or a pyoxigraph term, or a plain Python value) to pyoxigraph.

    Raises :class:`PartygraphError` (naming ``where``) for an invalid IRI or language tag.

    Examples
    --------
    >>> to_oxigraph(URIRef("http://ex/a"))
    <NamedNode value=http://ex/a>
    >>> to_oxigraph(Literal("2018-11-25", datatype=URIRef(XSD + "date"))).datatype.value
    'http://www.w3.org/2001/XMLSchema#date'
    >>> to_oxigraph(20).value
    '20'
    """
    try:
        return _to_oxigraph(term)
    except ValueError as e:
        raise PartygraphError(f"not a valid RDF term: {str(term)!r} ({e})", where=where) from None


def _to_oxigraph(term: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        term = Literal(term)  # Python value: rdflib picks the XSD datatype
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))
