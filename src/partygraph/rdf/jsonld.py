"""Compact JSON-LD for partygraph data, with the fixed ``@context`` of ``ontology/context.jsonld``.

The context holds our prefixes only (no remote context), so the output reads
``"pg:signedBy": {"@id": "id:party/kke"}`` and works offline. Writing it directly
from quads is deterministic (graphs, nodes and keys sorted) and much faster than
rdflib's compaction.

Examples
--------
>>> from pyoxigraph import Literal, NamedNode, Quad
>>> from partygraph.rdf.namespaces import ID, PG, RDF_TYPE, xsd
>>> s = NamedNode(ID + "meeting/imcwp-20")
>>> twenty = Literal("20", datatype=xsd("integer"))
>>> quads = [Quad(s, RDF_TYPE, NamedNode(PG + "Meeting")),
...          Quad(s, NamedNode(PG + "ordinal"), twenty)]
>>> doc = json.loads(serialize_jsonld(quads))
>>> doc["@graph"]
[{'@id': 'id:meeting/imcwp-20', '@type': 'pg:Meeting', 'pg:ordinal': 20}]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from partygraph.errors import PartygraphError
from partygraph.paths import ontology_dir
from partygraph.rdf.namespaces import PREFIXES, RDF, XSD

__all__ = ["compact_iri", "jsonld_context", "serialize_jsonld"]

_TYPE = RDF + "type"
_STRING, _INTEGER, _BOOLEAN = XSD + "string", XSD + "integer", XSD + "boolean"
_CANONICAL_INT = re.compile(r"^-?(0|[1-9][0-9]*)$")
# Longest namespace first, so that the most specific prefix wins.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@lru_cache(maxsize=1)
def _context_file(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            ctx = json.load(f)["@context"]
    except FileNotFoundError:
        raise PartygraphError("file not found", source=path) from None
    except (ValueError, KeyError, TypeError) as e:
        raise PartygraphError(f"not a JSON-LD context file: {e}", source=path) from None
    if not isinstance(ctx, dict):
        raise PartygraphError("expected an object under @context", source=path)
    return ctx


def jsonld_context(path: Path | None = None) -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld``.

    Examples
    --------
    >>> jsonld_context()["pg"]
    'https://w3id.org/partygraph/ontology#'
    """
    return dict(_context_file(str(path or ontology_dir() / "context.jsonld")))


@lru_cache(maxsize=65536)
def compact_iri(iri: str) -> str:
    """Shorten an IRI with our prefixes (``id:party/kke``); other IRIs stay absolute.

    Examples
    --------
    >>> compact_iri("https://w3id.org/partygraph/id/party/kke")
    'id:party/kke'
    >>> compact_iri("https://example.org/x")
    'https://example.org/x'
    """
    for prefix, ns in _BY_LENGTH:
        # A suffix starting with "//" would be read back as an absolute IRI.
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _node_id(term: Any) -> str:
    if isinstance(term, NamedNode):
        return compact_iri(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    raise TypeError(f"not a node: {term!r}")


def _value(term: Any) -> Any:
    if isinstance(term, NamedNode | BlankNode):
        return {"@id": _node_id(term)}
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        dt = term.datatype.value
        if dt == _STRING:
            return term.value
        if dt == _INTEGER and _CANONICAL_INT.match(term.value):
            return int(term.value)
        if dt == _BOOLEAN and term.value in ("true", "false"):
            return term.value == "true"
        return {"@value": term.value, "@type": compact_iri(dt)}
    raise TypeError(f"unsupported RDF term (RDF-star is not supported in JSON-LD): {term!r}")


def _sort_key(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def _nodes(triples: list[tuple[Any, Any, Any]]) -> list[dict[str, Any]]:
    by_subject: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in triples:
        props = by_subject.setdefault(_node_id(s), {})
        if p.value == _TYPE and isinstance(o, NamedNode | BlankNode):
            props.setdefault("@type", []).append(_node_id(o))
        else:
            props.setdefault(compact_iri(p.value), []).append(_value(o))
    out = []
    for sid in sorted(by_subject):
        node: dict[str, Any] = {"@id": sid}
        props = by_subject[sid]
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = sorted({_sort_key(v): v for v in props[key]}.items())
            vs = [v for _, v in values]
            node[key] = vs[0] if len(vs) == 1 else vs
        out.append(node)
    return out


def serialize_jsonld(
    quads: Iterable[Quad | Triple], *, context: dict[str, Any] | None = None, indent: int | None = 1
) -> str:
    """Serialise quads (or triples) as compact JSON-LD with our fixed context.

    Named graphs become ``{"@id": graph, "@graph": [...]}`` objects, sorted by IRI,
    followed by the nodes of the default graph.

    Parameters
    ----------
    quads
        pyoxigraph Quads (any graph) or Triples (default graph).
    context
        The ``@context`` to embed (default :func:`jsonld_context`); it must define the
        prefixes of :data:`partygraph.rdf.namespaces.PREFIXES` as they are.
    indent
        JSON indentation (None for one line).

    Returns
    -------
    str
        The JSON-LD document.
    """
    graphs: dict[str | None, list[tuple[Any, Any, Any]]] = {}
    for q in quads:
        g = getattr(q, "graph_name", None)
        key = None if g is None or isinstance(g, DefaultGraph) else _node_id(g)
        graphs.setdefault(key, []).append((q.subject, q.predicate, q.object))
    body: list[dict[str, Any]] = [
        {"@id": name, "@graph": _nodes(graphs[name])}
        for name in sorted(k for k in graphs if k is not None)
    ]
    body += _nodes(graphs.get(None, []))
    doc = {"@context": context if context is not None else jsonld_context(), "@graph": body}
    return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"
