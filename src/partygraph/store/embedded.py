"""The embedded store: a pyoxigraph ``Store`` on disk (or in memory for tests).

Writes are Oxigraph transactions: :meth:`EmbeddedStore.replace_graphs` adds new graphs
with one ``Store.extend`` call and, when graphs must be dropped or rewritten, runs the
drops and the ``INSERT DATA`` as one multi-operation SPARQL Update, which Oxigraph
applies in one transaction. Either way a process killed mid-write leaves each graph
fully present or absent. (``bulk_load`` is faster but not transactional, so it is kept
for the benchmark's raw reference only.)
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from partygraph.errors import PartygraphError
from partygraph.store import summaries
from partygraph.store.base import (
    RDF_TYPE,
    Bindings,
    Table,
    check_graph_iri,
    has_dataset_clause,
    inject_values,
    parse_graphs,
    rdflib_graph_view,
)
from partygraph.store.export import export_oxigraph, repeated_triples
from partygraph.store.guard import UnsafeQueryError, check_local_query
from partygraph.terms import to_oxigraph, to_rdflib_cached
from partygraph.vocab import ID, PG, REGISTRY_GRAPH

# the classes `stats` counts, by the key it reports them under
STAT_CLASSES = {
    "statements": PG + "Statement",
    "meetings": PG + "Meeting",
    "signatures": PG + "Signature",
}
# a party counts when it signed or initiated something; the registry is counted apart
SIGNED = (PG + "signedBy", PG + "initiatedBy")
#: the keys of ``stats()``, in the order they are printed
STAT_KEYS = (
    "statements",
    "parties",
    "registry_parties",
    "meetings",
    "signatures",
    "triples",
    "quads",
    "graphs",
)


#: While a batch of new graphs goes through Oxigraph's bulk loader (fast, little memory,
#: not atomic), this graph lists them; the transaction that ends the batch removes it.
#: Found when the store is opened for writing, it means the loader was interrupted: the
#: graphs it lists are dropped, so each document is again fully present or absent.
LOADING_GRAPH = ID + "graph/loading"
_LOADING = ox.NamedNode(LOADING_GRAPH)
_LOADS = ox.NamedNode(PG + "loading")
# Below this many bytes of N-Quads a batch is one ordinary transaction.
BULK_MIN_BYTES = 4 << 20
# Above this many triples, a patch of a graph goes through the bulk loader.
_BULK_TRIPLES = 10_000


def _flush_quietly(store: ox.Store) -> None:
    with contextlib.suppress(OSError):
        store.flush()


class EmbeddedStore:
    """A :class:`~partygraph.store.base.GraphStore` on an Oxigraph store.

    Parameters
    ----------
    path
        Folder of the on-disk store (created if missing); ``None`` for a store in memory.

    Examples
    --------
    >>> s = EmbeddedStore()
    >>> g = "https://w3id.org/partygraph/id/source/abc"
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/partygraph/id/statement/s"),
    ...             ox.NamedNode(RDF_TYPE), ox.NamedNode(PG + "Statement"), ox.NamedNode(g))
    >>> s.replace_graphs({g: [q]})
    >>> from rdflib import URIRef
    >>> statement = URIRef(PG + "Statement")
    >>> s.select("SELECT ?s WHERE { ?s a ?_c }", {"_c": statement}).rows
    [(rdflib.term.URIRef('https://w3id.org/partygraph/id/statement/s'),)]
    >>> s.stats()["statements"], s.graph_names() == [g]
    (1, True)
    >>> s.drop_graphs([g]); s.stats()["triples"]
    0
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._store: ox.Store | None = ox.Store()
            summaries.check(self, sole_writer=True)  # (empty: nothing to compare yet)
            return
        if self.path.exists() and not self.path.is_dir():
            raise PartygraphError("not a store folder (it is a file)", source=str(self.path))
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path))
        except OSError as e:
            msg = str(e)
            if "lock" in msg.lower():
                msg = "the store is in use by another partygraph process"
            raise PartygraphError(f"cannot open the store: {msg}", source=str(self.path)) from None
        # flush at close, at garbage collection or at exit: an unflushed store replays its
        # write-ahead log when opened again (seconds after a large ingest)
        self._finalizer = weakref.finalize(self, _flush_quietly, self._store)
        if self._undo_interrupted_load():
            summaries.rebuild(self)
        # an ingest killed between two batches wrote graphs whose summary update (made
        # once at its end) never ran; the lock on the folder makes this process the only
        # writer from here on
        summaries.check(self, sole_writer=True)

    def _undo_interrupted_load(self) -> bool:
        """Drop the graphs of a bulk load that did not end (see :data:`LOADING_GRAPH`)."""
        st = self.oxigraph
        if not st.contains_named_graph(_LOADING):
            return False
        graphs = [q.object for q in st.quads_for_pattern(_LOADING, _LOADS, None, _LOADING)]
        st.update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in [*graphs, _LOADING]))
        return True

    @classmethod
    def read_only(cls, path: str | Path) -> EmbeddedStore:
        """Open the store at ``path`` for reading only, beside a process that may write it.

        Several read-only handles (one per ``partygraph serve`` worker) can be open at once;
        each sees the store as it was when opened.
        """
        self = cls.__new__(cls)
        self.path = Path(path)
        if not (self.path / "CURRENT").exists():
            raise PartygraphError("no store here", source=str(self.path))
        try:
            self._store = ox.Store.read_only(str(self.path))
        except OSError as e:
            raise PartygraphError(f"cannot open the store: {e}", source=str(self.path)) from None
        self._finalizer = weakref.finalize(self, lambda: None)
        if self._store.contains_named_graph(_LOADING):
            raise PartygraphError(
                "an ingest is loading a batch into this store, or was interrupted while "
                "loading one: open it again when the ingest has ended (any partygraph "
                "command that writes, such as ingest, repairs an interrupted load)",
                source=str(self.path),
            )
        if summaries.older_layout(self):
            # (queries that read them, such as co-signature-edges, would answer nothing)
            raise PartygraphError(
                "the derived summaries were written by an earlier partygraph: open the store "
                "once with any command that can write it (partygraph stats, say), which "
                "rebuilds them",
                source=str(self.path),
            )
        return self

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for raw access and benchmarks)."""
        if self._store is None:
            raise PartygraphError("the store is closed", source=str(self.path or "memory"))
        return self._store

    def rdflib_dataset(self) -> rdflib.Dataset:
        """An rdflib ``Dataset`` view over this store (oxrdflib), for rdflib users."""
        return rdflib_graph_view(self.oxigraph)

    # --- queries --------------------------------------------------------------------

    def _query(self, query: str, bindings: Bindings | None):
        # before the engine sees it: Oxigraph would send SERVICE requests itself
        try:
            check_local_query(query)
        except UnsafeQueryError:
            raise
        except PartygraphError:
            pass  # not recognisably a query: Oxigraph's syntax error says where
        subs = None
        if bindings:
            subs = {
                ox.Variable(k.lstrip("?$")): to_oxigraph(v, where=f"binding ?{k.lstrip('?$')}")
                for k, v in bindings.items()
            }
        # the union of all graphs is the default graph, unless the query names its own
        union = not has_dataset_clause(query)
        try:
            try:
                return self.oxigraph.query(
                    query, use_default_graph_as_union=union, substitutions=subs
                )
            except RuntimeError as e:
                # Oxigraph substitutes only variables of the SELECT projection; bind the
                # others as a VALUES block, as remote stores do
                if not subs or "projection" not in str(e):
                    raise
                text = inject_values(query, bindings)
                return self.oxigraph.query(text, use_default_graph_as_union=union)
        except SyntaxError as e:
            raise PartygraphError(f"SPARQL syntax error: {e}", where="query") from None
        except (OSError, ValueError, RuntimeError) as e:
            raise PartygraphError(f"query failed: {e}", where="query") from None

    def select(self, query: str, bindings: Bindings | None = None) -> Table:
        """Run a SELECT query on the union of all graphs; see :class:`Table`."""
        res = self._query(query, bindings)
        if not isinstance(res, ox.QuerySolutions):
            raise PartygraphError("expected a SELECT query", where="query")
        columns = [v.value for v in res.variables]
        conv = to_rdflib_cached
        return Table(columns, [tuple(map(conv, sol)) for sol in res])

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query on the union of all graphs."""
        res = self._query(query, bindings)
        if not isinstance(res, ox.QueryBoolean):
            raise PartygraphError("expected an ASK query", where="query")
        return bool(res)

    def construct(self, query: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; return pyoxigraph triples."""
        res = self._query(query, bindings)
        if not isinstance(res, ox.QueryTriples):
            raise PartygraphError("expected a CONSTRUCT or DESCRIBE query", where="query")
        return list(res)

    # --- writes ---------------------------------------------------------------------

    def replace_graphs(
        self, graphs: Mapping[str, Sequence[ox.Quad]], drop: Iterable[str] = ()
    ) -> None:
        """Replace named graphs and drop others, in one transaction.

        Parameters
        ----------
        graphs
            Graph IRI -> the quads it must hold afterwards (quads whose graph differs
            are moved into it).
        drop
            Graph IRIs to remove entirely.
        """
        drop = [check_graph_iri(g) for g in drop]
        summaries.maintain(self, graphs, drop, lambda: self._replace(graphs, drop))

    def _replace(self, graphs: Mapping[str, Sequence[ox.Quad]], drop: list[str]) -> None:
        st = self.oxigraph
        batches: list[tuple[ox.NamedNode, Sequence[ox.Quad]]] = []
        for g, quads in graphs.items():
            node = ox.NamedNode(check_graph_iri(g))
            if any(q.graph_name != node for q in quads):
                quads = [ox.Quad(q.subject, q.predicate, q.object, node) for q in quads]
            batches.append((node, quads))
        clear = [n for n, _ in batches if st.contains_named_graph(n)]
        clear += [ox.NamedNode(g) for g in drop if st.contains_named_graph(ox.NamedNode(g))]
        try:
            if not clear:
                # nothing to remove: one atomic extend is the fast path
                st.extend(q for _, quads in batches for q in quads)
                return
            ops = [f"DROP SILENT GRAPH {n}" for n in dict.fromkeys(clear)]
            body = []
            for node, quads in batches:
                if quads:
                    body.append(f"GRAPH {node} {{\n")
                    body.extend(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
                    body.append("}\n")
            if body:
                ops.append("INSERT DATA {\n" + "".join(body) + "}")
            st.update(" ;\n".join(ops))  # one update = one transaction
        except (OSError, SyntaxError) as e:
            raise PartygraphError(f"write failed: {e}", source=str(self.path or "memory")) from None

    def load_graphs(
        self,
        graphs: Mapping[str, bytes],
        drop: Iterable[str] = (),
        read: Mapping[str, summaries.SummaryInput] | None = None,
    ) -> None:
        """Replace named graphs given as N-Quads (each text's quads in its graph) and drop
        others; every graph is fully present or absent afterwards, even after a crash.

        A small write is one transaction. A large batch of new graphs goes through
        Oxigraph's bulk loader (several times faster, with memory bounded by the loader,
        not by the batch) under a journal (:data:`LOADING_GRAPH`): the transaction that
        ends the batch drops the graphs replaced and the journal together, and a load
        interrupted before it is undone when the store is next opened for writing.

        Parameters
        ----------
        graphs
            Graph IRI -> N-Quads text of the quads it must hold afterwards.
        drop
            Graph IRIs to remove entirely.
        read
            What the summaries read of some of ``graphs``, made with their quads (an
            ingest's readers do so); the others' texts are scanned for it.
        """
        for g in graphs:
            check_graph_iri(g)
        drop = [check_graph_iri(g) for g in drop]
        given = read or {}
        inputs = {g: given.get(g) or summaries.SummaryInput.of_text(t) for g, t in graphs.items()}
        summaries.maintain(
            self,
            {g: i.quads() for g, i in inputs.items()},
            drop,
            lambda: self._load(graphs, drop),
            {g: i.triples for g, i in inputs.items()},
        )

    def _load(self, graphs: Mapping[str, bytes], drop: list[str]) -> None:
        st = self.oxigraph
        fresh = [g for g in graphs if not st.contains_named_graph(ox.NamedNode(g))]
        if sum(len(graphs[g]) for g in fresh) < BULK_MIN_BYTES:
            fresh = []  # a small write: all of it one transaction
        rest = parse_graphs({g: d for g, d in graphs.items() if g not in fresh})
        if not fresh:
            self._replace(rest, drop)
            return
        try:
            st.extend(ox.Quad(_LOADING, _LOADS, ox.NamedNode(g), _LOADING) for g in fresh)
            st.bulk_load(b"".join(graphs[g] for g in fresh), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            with contextlib.suppress(OSError):
                self._undo_interrupted_load()
            raise PartygraphError(f"write failed: {e}", source=str(self.path or "memory")) from None
        # the graphs replaced, the journal and the graphs that existed go in one transaction
        self._replace(rest, [*drop, LOADING_GRAPH])

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs (absent ones are ignored), in one transaction."""
        names = [check_graph_iri(g) for g in graphs]
        if names:
            text = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names)
            summaries.maintain(self, {}, names, lambda: self.oxigraph.update(text))

    def patch_graph(
        self,
        graph: str,
        delete: Sequence[summaries.Triple],
        insert: Sequence[summaries.Triple] | bytes,
    ) -> None:
        """Remove then add triples of one named graph (the derived summaries use it).

        ``insert`` may be N-Triples text (one triple per line), which Oxigraph parses
        faster than Python makes terms. Not one transaction: the summaries mark the graph
        pending around the change, and a large insert goes through Oxigraph's bulk loader,
        several times faster.
        """
        st, node = self.oxigraph, ox.NamedNode(check_graph_iri(graph))
        for s, p, o in delete:
            st.remove(ox.Quad(s, p, o, node))
        if isinstance(insert, bytes):
            if insert.count(b"\n") > _BULK_TRIPLES:
                st.bulk_load(insert, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            elif insert:
                st.load(insert, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            return
        quads = [ox.Quad(s, p, o, node) for s, p, o in insert]
        if len(quads) > _BULK_TRIPLES:
            st.bulk_extend(quads)
        elif quads:
            st.extend(quads)

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs, sorted (the derived summaries left out)."""
        return sorted(
            g.value
            for g in self.oxigraph.named_graphs()
            if type(g) is ox.NamedNode and g.value != summaries.SUMMARY_GRAPH
        )

    def export(self, fmt: str, target: Path | BinaryIO) -> None:
        """Write the store in ``fmt`` (see :func:`~partygraph.store.export.export_oxigraph`)."""
        export_oxigraph(self.oxigraph, fmt, target)

    def stats(self) -> dict[str, int]:
        """Count statements, parties, meetings, signatures, triples and graphs.

        Classes are counted as distinct typed subjects across graphs (a meeting
        described in two documents counts once). ``parties`` are those that signed or
        initiated a statement, ``registry_parties`` the parties of the registry graph;
        ``triples`` counts the distinct triples of the union (what the Turtle export
        and ``validate`` hold), ``quads`` what is stored, graph by graph.
        """
        st = self.oxigraph
        out: dict[str, int] = {}
        for key, cls in STAT_CLASSES.items():
            # counted by the engine: a Python set of 100,000 signatures took seconds
            out[key] = self._count(f"?s <{RDF_TYPE}> <{cls}>", "?s")
        signed = " ".join(f"<{p}>" for p in SIGNED)
        out["parties"] = self._count(f"VALUES ?p {{ {signed} }} ?s ?p ?party", "?party")
        out["registry_parties"] = self._count(
            f"GRAPH <{REGISTRY_GRAPH}> {{ ?party <{RDF_TYPE}> <{PG}Party> }}", "?party"
        )
        # the derived summaries are not what the documents say: left out of the counts
        derived = ox.NamedNode(summaries.SUMMARY_GRAPH)
        out["quads"] = len(st) - sum(1 for _ in st.quads_for_pattern(None, None, None, derived))
        out["triples"] = out["quads"] - sum(
            sum(
                1
                for q in st.quads_for_pattern(t.subject, t.predicate, t.object)
                if q.graph_name != derived
            )
            - 1
            for t in repeated_triples(st)
        )
        out["graphs"] = sum(1 for g in st.named_graphs() if g != derived)
        return {k: out[k] for k in STAT_KEYS}

    def _count(self, pattern: str, var: str) -> int:
        """``COUNT(DISTINCT var)`` over a graph pattern, on the union of all graphs."""
        query = f"SELECT (COUNT(DISTINCT {var}) AS ?n) WHERE {{ {pattern} }}"
        solution = next(iter(self.oxigraph.query(query, use_default_graph_as_union=True)))
        return int(solution[0].value)

    def flush(self) -> None:
        """Write the in-memory part of the store to its files (reopening is then fast)."""
        if self._store is not None and self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the store (its lock is freed when the object goes)."""
        if self.path is not None and self._store is not None:
            self._finalizer()  # flushes once and drops its reference to the store
        self._store = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path) if self.path else None!r})"
