"""What a statement is about, as quads: ``pg:about``, ``pg:mentions`` and mention nodes.

The resolve stage finds the subjects and mentions (:mod:`partygraph.subjects`,
kept on :class:`~partygraph.resolve.ResolvedStatement`); this module only writes them.
:func:`partygraph.rdf.statement_quads` calls :func:`subject_quads` for every statement.
The targets (countries, parties, organisations) are described once, in the registry
graph (:func:`partygraph.rdf.registry_quads`); the body (``schema:text``) and its
folded copy (``pg:searchText``) are written by ``statement_quads`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Literal, NamedNode, Quad

from partygraph.rdf import iris
from partygraph.rdf.namespaces import ID, RDF_TYPE, pg, xsd
from partygraph.resolve.model import Mention, Subject

__all__ = ["subject_quads", "target_iri"]

_ABOUT, _MENTIONS, _HAS, _MENTION, _MENTIONED, _COUNT, _PLACE, _RANK, _STANCE = (
    pg(x)
    for x in (
        "about",
        "mentions",
        "hasMention",
        "Mention",
        "mentioned",
        "mentionCount",
        "mentionLocation",
        "subjectRank",
        "stance",
    )
)
_INT = xsd("integer")


def target_iri(kind: str, ident: str) -> str:
    """The IRI of what a mention names: a country, a party or an organisation.

    Examples
    --------
    >>> target_iri("country", "KP")
    'https://w3id.org/partygraph/id/country/KP'
    >>> target_iri("organisation", "nato")
    'https://w3id.org/partygraph/id/organisation/nato'
    """
    if kind == "country":
        return iris.country(ident)
    if kind == "party":
        return iris.party(ident)
    if kind == "organisation":
        return iris.organisation(ident)
    raise ValueError(f"unknown mention kind: {kind!r}")


def subject_quads(
    statement_iri: str,
    graph_iri: str,
    subjects: Sequence[Subject],
    mentions: Sequence[Mention],
) -> list[Quad]:
    """The quads of a statement's subjects and mentions, in its named graph.

    For each mention: ``pg:mentions`` and a qualified ``pg:Mention`` node
    (``mention/<statement-slug>/<kind>-<id>``) with ``pg:mentioned``, ``pg:mentionCount``
    and ``pg:mentionLocation`` ("title" for title and headline, "body"); for each subject
    also ``pg:about``, ``pg:subjectRank`` and ``pg:stance`` ("solidarity",
    "opposition" or "mentioned") on the same node. A subject is always one of the mentions.

    Parameters
    ----------
    statement_iri, graph_iri : str
        The statement and the named graph (the source document) the quads go into.
    subjects, mentions : sequence
        ``ResolvedStatement.subjects`` and ``.mentions``.

    Returns
    -------
    list of pyoxigraph.Quad
        In the order of the mentions; no blank nodes.

    Raises
    ------
    ValueError
        If ``statement_iri`` is not a statement IRI.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> from partygraph.subjects import find_mentions, find_subjects
    >>> r = StatementRecord(source="x", sha256="0", title="Solidarity with Cuba", text="Viva Cuba!")
    >>> ms = find_mentions(r, None)
    >>> qs = subject_quads("https://w3id.org/partygraph/id/statement/s-1234abcd",
    ...     "https://w3id.org/partygraph/id/source/" + "0" * 64,
    ...     find_subjects(r, None, signers=(), mentions=ms), ms)
    >>> [q.object.value for q in qs if q.predicate.value.endswith("#about")]
    ['https://w3id.org/partygraph/id/country/CU']
    >>> sorted(q.object.value for q in qs if q.predicate.value.endswith("#mentionLocation"))
    ['body', 'title']
    """
    prefix = ID + "statement/"
    if not statement_iri.startswith(prefix):
        raise ValueError(f"not a statement IRI: {statement_iri!r}")
    slug = statement_iri[len(prefix) :]
    g = NamedNode(graph_iri)
    s = NamedNode(statement_iri)
    by_key = {(x.kind, x.id): x for x in subjects}
    out: list[Quad] = []
    for m in mentions:
        target = NamedNode(target_iri(m.kind, m.id))
        node = NamedNode(iris.mention(slug, m.kind, m.id))
        out += [
            Quad(s, _MENTIONS, target, g),
            Quad(s, _HAS, node, g),
            Quad(node, RDF_TYPE, _MENTION, g),
            Quad(node, _MENTIONED, target, g),
            Quad(node, _COUNT, Literal(str(m.count), datatype=_INT), g),
        ]
        for place in sorted({"body" if p == "body" else "title" for p in m.places}):
            out.append(Quad(node, _PLACE, Literal(place), g))
        sub = by_key.get((m.kind, m.id))
        if sub is not None:
            out += [
                Quad(s, _ABOUT, target, g),
                Quad(node, _RANK, Literal(str(sub.rank), datatype=_INT), g),
                Quad(node, _STANCE, Literal(sub.stance), g),
            ]
    return out
