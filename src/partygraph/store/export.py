"""Serialize a whole store: Turtle, N-Triples, N-Quads, TriG and compact JSON-LD.

Everything streams through Oxigraph's serializers except JSON-LD, which Oxigraph writes
only in expanded form: :func:`write_jsonld` groups the quads by graph and subject
(Oxigraph's graph-subject index already delivers them in that order) and compacts keys
and values with the fixed ``@context`` of ``ontology/context.jsonld``.

Turtle and N-Triples hold one graph: they get the union of all named graphs (see
:func:`write_union`). N-Quads, TriG and JSON-LD keep every named graph.

A file target is written to a temporary file in the same folder and renamed, so an
interrupted export never leaves a truncated file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import IO, Any, BinaryIO

import pyoxigraph as ox

from partygraph.errors import PartygraphError
from partygraph.files import atomic_output
from partygraph.store.base import EXPORT_FORMATS, FALLBACK_PREFIXES, RDF_TYPE
from partygraph.store.summaries import SUMMARY_GRAPH
from partygraph.terms import XSD_STRING

_GEN_DELIMS = tuple(":/?#[]@")


def default_prefixes() -> dict[str, str]:
    """The prefixes written in Turtle and TriG: the ``@context``'s, else the built-in ones.

    Examples
    --------
    >>> default_prefixes()["pg"]
    'https://w3id.org/partygraph/ontology#'
    """
    ctx = _load_context_or_none()
    if ctx is not None and ctx.prefixes:
        return dict(ctx.prefixes)
    return dict(FALLBACK_PREFIXES)


#: The JSON-LD export that keeps the named graphs (``--format jsonld --graphs``).
JSONLD_GRAPHS = "jsonld-graphs"


def export_oxigraph(
    store: ox.Store, fmt: str, target: Path | str | BinaryIO, context: Path | None = None
) -> None:
    """Write the content of a pyoxigraph store in ``fmt`` to a path or a binary stream.

    Parameters
    ----------
    store
        The store (all its named graphs are written).
    fmt
        One of ``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld`` (these three
        hold the union of all graphs, as a set), or ``jsonld-graphs`` (JSON-LD with the
        named graphs; ``partygraph export --format jsonld --graphs``).
    target
        A file path (written atomically) or a binary stream (written as it goes).
    context
        The JSON-LD context file; default ``ontology/context.jsonld``.

    Examples
    --------
    >>> import io
    >>> s = ox.Store()
    >>> g = ox.NamedNode("https://w3id.org/partygraph/id/source/1")
    >>> for graph in (g, ox.NamedNode("https://w3id.org/partygraph/id/graph/registry")):
    ...     s.add(ox.Quad(ox.NamedNode("https://w3id.org/partygraph/id/party/kke"),
    ...           ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("KKE"),
    ...           graph))
    >>> out = io.BytesIO()
    >>> export_oxigraph(s, "ntriples", out)
    >>> len(set(ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES)))  # the union: one triple
    1
    """
    fmt = fmt.lower()
    if fmt not in (*EXPORT_FORMATS, JSONLD_GRAPHS):
        raise PartygraphError(
            f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}",
            where="--format",
        )
    writer: Callable[[IO[bytes]], None]
    if fmt in ("jsonld", JSONLD_GRAPHS):
        ctx = load_context(context)

        def writer(f: IO[bytes]) -> None:
            write_jsonld(store, f, ctx, graphs=fmt == JSONLD_GRAPHS)

    elif fmt in ("nquads", "trig"):
        rf = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG
        prefixes = default_prefixes() if fmt == "trig" else None

        def writer(f: IO[bytes]) -> None:
            store.dump(f, rf, prefixes=prefixes)

    else:
        rf = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES

        def writer(f: IO[bytes]) -> None:
            write_union(store, f, rf, default_prefixes() if fmt == "turtle" else None)

    if isinstance(target, str | Path):
        with atomic_output(target) as f:
            writer(f)
    else:
        writer(target)
        target.flush()


def repeated_triples(store: ox.Store) -> dict[ox.Triple, ox.NamedNode | ox.DefaultGraph]:
    """Triples stated in more than one graph of the union (the derived summaries left
    out), each with the first graph (in union order).

    Only a subject typed in several graphs can be described in several (a meeting in
    each of its documents; the converter always types what it describes), so only
    those subjects are looked at (found by one grouping query in the engine): the cost
    follows the shared descriptions, not the store's size.

    Examples
    --------
    >>> s = ox.Store()
    >>> t = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> for g in ("http://ex/g1", "http://ex/g2"):
    ...     s.add(ox.Quad(ox.NamedNode("http://ex/m"), t, ox.NamedNode("http://ex/M"),
    ...                   ox.NamedNode(g)))
    >>> [(str(t.subject), str(g)) for t, g in repeated_triples(s).items()]
    [('<http://ex/m>', '<http://ex/g1>')]
    """
    order = {g: n for n, g in enumerate(_union_graphs(store))}
    first: dict[ox.Triple, ox.NamedNode | ox.DefaultGraph] = {}
    repeated: set[ox.Triple] = set()
    for (subject,) in store.query(_TYPED_IN_SEVERAL_GRAPHS):
        quads = sorted(
            (
                q
                for q in store.quads_for_pattern(subject, None, None, None)
                if q.graph_name in order
            ),
            key=lambda q: order[q.graph_name],
        )
        for q in quads:
            if q.triple in first:
                repeated.add(q.triple)
            else:
                first[q.triple] = q.graph_name
    return {t: first[t] for t in repeated}


# the subjects typed in two or more graphs of the union (the default graph counted as one)
_TYPED_IN_SEVERAL_GRAPHS = f"""SELECT ?s WHERE {{
  {{ GRAPH ?g {{ ?s a ?type }} FILTER(?g != <{SUMMARY_GRAPH}>) }}
  UNION {{ ?s a ?type BIND("" AS ?g) }}
}} GROUP BY ?s HAVING (COUNT(DISTINCT ?g) > 1)"""


def _union_graphs(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    # the derived summaries are not what documents say: not mixed into the union
    derived = ox.NamedNode(SUMMARY_GRAPH)
    return [ox.DefaultGraph(), *sorted((g for g in store.named_graphs() if g != derived), key=str)]


def _restated(
    store: ox.Store, repeated: dict[ox.Triple, ox.NamedNode | ox.DefaultGraph]
) -> dict[Any, set[Any]]:
    """Each graph that states a triple an earlier graph stated, with the subjects of
    those triples."""
    out: dict[Any, set[Any]] = {}
    for t, g in repeated.items():
        for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None):
            if q.graph_name != g:
                out.setdefault(q.graph_name, set()).add(t.subject)
    return out


def union_parts(
    store: ox.Store,
) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, Iterator[ox.Quad] | None]]:
    """The union of all graphs as a set, graph by graph: ``(graph, quads)`` where
    ``quads`` leaves out the triples an earlier graph stated, or is ``None`` when the
    graph repeats nothing (then it can be dumped whole, fast)."""
    repeated = repeated_triples(store)
    repeating = _restated(store, repeated)
    for g in _union_graphs(store):
        if g in repeating:
            yield (
                g,
                (
                    q
                    for q in store.quads_for_pattern(None, None, None, g)
                    if repeated.get(q.triple, g) == g
                ),
            )
        else:
            yield g, None


def write_union(
    store: ox.Store, out: IO[bytes], fmt: ox.RdfFormat, prefixes: dict[str, str] | None
) -> None:
    """Write the union of all graphs as one Turtle or N-Triples document: a set.

    Each graph is dumped by Oxigraph's streaming serializer in turn (the prefixes are
    declared once, at the top). A triple stated in several graphs (a meeting described
    by each of its documents) is written once, with the first graph that states it
    (:func:`repeated_triples`): the export holds as many triples as ``stats`` and
    ``validate`` count. In a graph that restates such triples, the blocks of their
    subjects are cut from its dump and what the graph adds about them is written after
    it, so nearly every triple still goes through the serializer, not through Python.

    Examples
    --------
    >>> import io
    >>> s, a = ox.Store(), ox.NamedNode(RDF_TYPE)
    >>> for g in ("http://ex/g1", "http://ex/g2"):
    ...     s.add(ox.Quad(ox.NamedNode("http://ex/s"), a, ox.NamedNode("http://ex/C"),
    ...                   ox.NamedNode(g)))
    ...     s.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"),
    ...                   ox.Literal(g), ox.NamedNode(g)))
    >>> out = io.BytesIO()
    >>> write_union(s, out, ox.RdfFormat.N_TRIPLES, None)
    >>> len(out.getvalue().splitlines())  # the type once, a value from each graph
    3
    """
    repeated = repeated_triples(store)
    restated = _restated(store, repeated)

    @cache
    def block_start(subject: Any) -> bytes:
        # how the serializer writes the subject at the start of its block
        text = ox.serialize([ox.Triple(subject, _TYPE, _TYPE)], format=fmt, prefixes=prefixes)
        return _body(text).split(b" ", 1)[0]

    header = True
    for g in _union_graphs(store):
        data = store.dump(format=fmt, from_graph=g, prefixes=prefixes)
        subjects = sorted(restated.get(g, ()), key=str)
        if subjects:
            data = _without_blocks(data, {block_start(s) for s in subjects})
            kept = [
                q.triple
                for s in subjects
                for q in store.quads_for_pattern(s, None, None, g)
                if repeated.get(q.triple, g) == g
            ]
            if kept:
                data += _body(ox.serialize(kept, format=fmt, prefixes=prefixes))
        if not header:
            data = _body(data)
        if data:
            out.write(data)
            header = False


_TYPE = ox.NamedNode(RDF_TYPE)
# a line that starts a subject's block: Oxigraph's Turtle serializer indents the rest
# of the block and escapes line breaks in literals (N-Triples: a block is a line)
_BLOCK_START = re.compile(rb"\n(?=[^\s])")


def _body(data: bytes) -> bytes:
    """``data`` without its leading ``@prefix`` lines."""
    start = 0
    while data.startswith(b"@prefix", start):
        start = data.index(b"\n", start) + 1
    return data[start:]


def _without_blocks(data: bytes, starts: set[bytes]) -> bytes:
    r"""Serialized triples without the blocks whose subject is written as one of
    ``starts``.

    Examples
    --------
    >>> text = b'<a> <p> "1" ;\n\t<q> "x\\ny" .\n<b> <p> "2" .\n'
    >>> _without_blocks(text, {b"<a>"})
    b'<b> <p> "2" .\n'
    """
    blocks = _BLOCK_START.split(data.removesuffix(b"\n"))
    kept = [b for b in blocks if b and b.split(b" ", 1)[0] not in starts]
    return b"\n".join(kept) + b"\n" if kept else b""


# --- JSON-LD ----------------------------------------------------------------------------


class CompactContext:
    """The subset of a JSON-LD context used to compact IRIs, keys and values.

    Prefixes (simple definitions ending in ``/`` or ``#``, or ``@prefix: true``) compact
    IRIs; term definitions with an ``@id`` and an optional ``@type`` of ``@id`` or a
    datatype compact keys and values. Definitions with containers, reverse properties
    or languages are never chosen, so the output always expands to the same quads.

    Examples
    --------
    >>> c = CompactContext({"@context": {"pg": "https://w3id.org/partygraph/ontology#",
    ...     "xsd": "http://www.w3.org/2001/XMLSchema#",
    ...     "Party": "pg:Party", "ordinal": {"@id": "pg:ordinal", "@type": "xsd:integer"}}})
    >>> c.compact_iri("https://w3id.org/partygraph/ontology#Party", vocab=True)
    'Party'
    >>> c.compact_iri("https://w3id.org/partygraph/ontology#Meeting", vocab=True)
    'pg:Meeting'
    >>> c.terms["https://w3id.org/partygraph/ontology#ordinal"]
    ('ordinal', 'http://www.w3.org/2001/XMLSchema#integer')
    """

    def __init__(self, document: dict[str, Any]):
        raw = document.get("@context", document)
        if isinstance(raw, list):
            merged: dict[str, Any] = {}
            for part in raw:
                if not isinstance(part, dict):
                    raise PartygraphError("remote @context entries are not supported")
                merged.update(part)
            raw = merged
        if not isinstance(raw, dict):
            raise PartygraphError("@context must be an object")
        self.raw = raw
        self.language = raw.get("@language")
        self.prefixes: dict[str, str] = {}
        for k, v in raw.items():
            if k.startswith("@") or ":" in k:
                continue
            if isinstance(v, str) and v.endswith(_GEN_DELIMS):
                self.prefixes[k] = v
            elif isinstance(v, dict) and v.get("@prefix") is True and "@id" in v:
                self.prefixes[k] = self.expand(v["@id"])
        # longest namespace first, so the most specific prefix wins
        self._by_ns = sorted(((ns, p) for p, ns in self.prefixes.items()), key=lambda x: -len(x[0]))
        self.terms: dict[str, tuple[str, str | None]] = {}
        self.vocab_terms: dict[str, str] = {}
        for k, v in sorted(raw.items()):
            if k.startswith("@") or ":" in k or k in self.prefixes:
                continue
            if isinstance(v, str):
                iri, coerce = self.expand(v), None
            elif isinstance(v, dict) and set(v) <= {"@id", "@type"} and "@id" in v:
                iri = self.expand(v["@id"])
                t = v.get("@type")
                coerce = None if t is None else ("@id" if t == "@id" else self.expand(t))
                if coerce == "@vocab":
                    continue
            else:
                continue
            self.terms.setdefault(iri, (k, coerce))
            if coerce is None:
                self.vocab_terms.setdefault(iri, k)

    def expand(self, value: str) -> str:
        """Expand a compact IRI (``pg:Party``) with the context's prefixes."""
        if value.startswith("@"):
            return value
        prefix, sep, rest = value.partition(":")
        if sep and not rest.startswith("//"):
            ns = self.raw.get(prefix)
            if isinstance(ns, dict):
                ns = ns.get("@id")
            if isinstance(ns, str):
                return self.expand(ns) + rest
        return value

    @lru_cache(maxsize=65536)  # noqa: B019 - one context per export, IRIs repeat a lot
    def compact_iri(self, iri: str, vocab: bool = False) -> str:
        """Compact an IRI: a term (``vocab=True`` only), else ``prefix:local``, else as is."""
        if vocab:
            term = self.vocab_terms.get(iri)
            if term is not None:
                return term
        for ns, p in self._by_ns:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
                return f"{p}:{iri[len(ns) :]}"
        return iri


def load_context(path: Path | None = None) -> CompactContext:
    """Load the JSON-LD context (default ``ontology/context.jsonld``).

    Raises :class:`PartygraphError` naming the file when it is missing or not JSON.
    """
    if path is None:
        from partygraph.paths import ontology_dir

        path = ontology_dir() / "context.jsonld"
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PartygraphError("JSON-LD context not found", source=str(path)) from None
    except (OSError, ValueError) as e:
        raise PartygraphError(f"not a readable JSON-LD context ({e})", source=str(path)) from None
    try:
        return CompactContext(doc)
    except PartygraphError as e:
        raise PartygraphError(e.message, source=str(path)) from None


def _load_context_or_none() -> CompactContext | None:
    try:
        return load_context()
    except PartygraphError:
        return None


def _node_id(term: Any, ctx: CompactContext) -> str:
    if type(term) is ox.BlankNode:
        return "_:" + term.value
    return ctx.compact_iri(term.value)


def _value(obj: Any, coerce: str | None, ctx: CompactContext) -> Any:
    cls = type(obj)
    if cls is ox.NamedNode:
        if coerce == "@id":
            return ctx.compact_iri(obj.value)
        return {"@id": ctx.compact_iri(obj.value)}
    if cls is ox.BlankNode:
        return {"@id": "_:" + obj.value}
    lang = obj.language
    if lang:
        return {"@value": obj.value, "@language": lang}
    dt = obj.datatype.value
    if coerce == dt:
        return obj.value
    if dt == XSD_STRING:
        # a bare string would pick up a coercion or a default language
        if coerce is None and ctx.language is None:
            return obj.value
        return {"@value": obj.value}
    return {"@value": obj.value, "@type": ctx.compact_iri(dt, vocab=True)}


def _node(subject: Any, pairs: list[tuple[Any, Any]], ctx: CompactContext) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": _node_id(subject, ctx)}
    types: list[str] = []
    by_pred: dict[str, list[Any]] = {}
    for p, o in pairs:
        if p == RDF_TYPE and type(o) is ox.NamedNode:
            types.append(ctx.compact_iri(o.value, vocab=True))
        else:
            by_pred.setdefault(p, []).append(o)
    if types:
        node["@type"] = types[0] if len(types) == 1 else types
    for p, objs in by_pred.items():
        term = ctx.terms.get(p)
        if term is not None:
            key, coerce = term
        else:
            key, coerce = ctx.compact_iri(p), None
            if key in ctx.raw:  # a compact form that is itself a term: use the full IRI
                key = p
        vals = [_value(o, coerce, ctx) for o in objs]
        node[key] = vals[0] if len(vals) == 1 else vals
    return node


def _nodes(quads: Iterator[ox.Quad], ctx: CompactContext) -> Iterator[dict[str, Any]]:
    current = None
    pairs: list[tuple[Any, Any]] = []
    for q in quads:
        s = q.subject
        if s != current:
            if current is not None:
                yield _node(current, pairs, ctx)
            current, pairs = s, []
        pairs.append((q.predicate.value, q.object))
    if current is not None:
        yield _node(current, pairs, ctx)


def write_jsonld(
    store: ox.Store, out: IO[bytes], ctx: CompactContext, *, graphs: bool = True
) -> None:
    """Stream the store as one compact JSON-LD document with ``ctx`` as ``@context``.

    With ``graphs``, each named graph becomes ``{"@id": graph, "@graph": [nodes]}``
    (default-graph nodes sit at the top level): what a dataset reader wants. Without,
    the union of all graphs, as a set, in top-level nodes: what ``rdflib.Graph().parse``
    and other plain-graph readers load (they see nothing inside named graphs).

    Examples
    --------
    >>> import io
    >>> s = ox.Store()
    >>> g = ox.NamedNode("https://w3id.org/partygraph/id/source/1")
    >>> s.add(ox.Quad(ox.NamedNode("https://w3id.org/partygraph/id/meeting/m"),
    ...     ox.NamedNode("https://w3id.org/partygraph/ontology#ordinal"),
    ...     ox.Literal("20", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g))
    >>> ctx = CompactContext({"@context": {"pg": "https://w3id.org/partygraph/ontology#",
    ...     "id": "https://w3id.org/partygraph/id/", "xsd": "http://www.w3.org/2001/XMLSchema#",
    ...     "ordinal": {"@id": "pg:ordinal", "@type": "xsd:integer"}}})
    >>> out = io.BytesIO()
    >>> write_jsonld(s, out, ctx)
    >>> json.loads(out.getvalue())["@graph"]
    [{'@id': 'id:source/1', '@graph': [{'@id': 'id:meeting/m', 'ordinal': '20'}]}]
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write(b'{"@context":')
    out.write(json.dumps(ctx.raw, ensure_ascii=False, indent=1).encode())
    out.write(b',\n"@graph":[')
    first = True

    def emit(chunk: str) -> None:
        nonlocal first
        out.write((("\n" if first else ",\n") + chunk).encode())
        first = False

    if not graphs:
        for g, kept in union_parts(store):
            for n in _nodes(kept or store.quads_for_pattern(None, None, None, g), ctx):
                emit(dumps(n))
        out.write(b"\n]}\n")
        return
    for g in sorted(store.named_graphs(), key=lambda g: str(g)):
        quads = store.quads_for_pattern(None, None, None, g)
        head = '{"@id":' + dumps(_node_id(g, ctx)) + ',"@graph":['
        inner = ",\n ".join(dumps(n) for n in _nodes(quads, ctx))
        emit(head + "\n " + inner + "]}")
    for n in _nodes(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), ctx):
        emit(dumps(n))
    out.write(b"\n]}\n")
