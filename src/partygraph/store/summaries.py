"""Derived summaries: co-signature pair counts and per-party counts and dates.

Questions that aggregate over every signature (how many statements each pair of parties
signed together, how many each party signed, its first and last dated signature) cost a
join over all signatures in SPARQL: at 10,000 statements of 60 signatories that is 36 M
pairs. The store keeps their answers in one named graph of its own,
:data:`SUMMARY_GRAPH`, marked as derived (``prov:wasGeneratedBy`` an activity whose
``rdfs:comment`` holds the SPARQL that derives them) and never mixed with what documents
say. It is updated with each write of source-document graphs:

* adding a document adds its statements' contributions (+1 to each pair of its signers,
  +1 to each signer's counts, its date folded into each signer's first and last date);
* removing or replacing one subtracts the old graph's contributions, read before the
  write, and recomputes first and last dates of the parties that lost a dated signature.

The graph lists the source graphs it covers (``pgs:covers``). A write whose summary
update did not finish (a crash) leaves ``pgs:pending`` or a covers list that differs
from the source graphs; the next write then rebuilds the whole graph from one scan of
the signatures. :func:`deferred` folds the changes of many writes into one update (an
ingest of many batches).

Comparing the covers list with the source graphs reads both lists, which grows with the
store (0.2-0.5 s at 10,000 documents). A store that is the only writer of its data (an
embedded store holds the lock of its folder) compares them once, when opened
(:func:`check` with ``sole_writer``), and afterwards trusts its own updates: a write then
costs what it changes. A store that others may write too (a SPARQL server) compares them
at every write. Writes made behind the summaries' back through the raw engine
(``EmbeddedStore.oxigraph``) are found when the store is next opened.

Vocabulary (``pgs:`` = ``https://w3id.org/partygraph/summary#``), all in the summary graph::

    <pair> pgs:source ?a ; pgs:target ?b ; pgs:weight ?n ;   # STR(?a) < STR(?b)
           pgs:rank ?r .          # heaviest first: see pair_rank()
    ?party pgs:signed ?n ; pgs:dated ?n ; pgs:first ?d ; pgs:last ?d ;
           pgs:firstStatement ?s .                            # every statement of ?first
    ?graph pgs:triples ?n .                                   # each source graph's size

A summary graph derived by another :data:`DERIVATION` (an older layout) is rebuilt by
the next write.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from partygraph.store.base import RDF_TYPE
from partygraph.vocab import ID, PG, XSD

SUMMARY_GRAPH = ID + "graph/summaries"
PGS = "https://w3id.org/partygraph/summary#"
SOURCE_PREFIX = ID + "source/"
_DCT = "http://purl.org/dc/terms/"
_SCHEMA = "https://schema.org/"
_PROV = "http://www.w3.org/ns/prov#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD_INT = XSD + "integer"
_XSD_DATE = XSD + "date"
_G = f"<{SUMMARY_GRAPH}>"

#: The SPARQL whose answers the summary graph holds (stored in the graph, and used by
#: the tests to check the incremental updates against a full computation).
DERIVATION = f"""PREFIX pg: <{PG}>
PREFIX dcterms: <{_DCT}>
PREFIX schema: <{_SCHEMA}>
# pgs:weight of each pair (source < target)
SELECT ?source ?target (COUNT(DISTINCT ?s) AS ?weight)
WHERE {{ ?s pg:signedBy ?source, ?target FILTER(STR(?source) < STR(?target)) }}
GROUP BY ?source ?target
# pgs:rank of each pair: 9999999 - weight (7 digits), then the first 8 characters of
# the hash that names its node
# pgs:signed, pgs:dated, pgs:first, pgs:last of each party (pgs:firstStatement: the
# statements dated ?first), where the date of a statement is
# COALESCE(dcterms:date, the schema:startDate of its pg:adoptedAt meeting, dcterms:issued)
# SELECT ?party (COUNT(DISTINCT ?s) AS ?signed) (COUNT(DISTINCT ?dated) AS ?dated)
#        (MIN(?d) AS ?first) (MAX(?d) AS ?last) ... GROUP BY ?party
# pgs:triples of each source graph
SELECT ?g (COUNT(*) AS ?triples) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g
"""

# The signatures of the statements of some source graphs (?g or ?p bound by VALUES) and
# each statement's date. The date is looked up in every graph, as the saved queries do: a
# meeting's start date may come from another document than the statement.
_CONTRIBUTIONS = f"""PREFIX pg: <{PG}>
PREFIX dcterms: <{_DCT}>
PREFIX schema: <{_SCHEMA}>
SELECT DISTINCT ?s ?p ?d WHERE {{
  %s
  GRAPH ?g {{ ?s pg:signedBy ?p }}
  FILTER(STRSTARTS(STR(?g), "{SOURCE_PREFIX}"))
  OPTIONAL {{ ?s dcterms:date ?a }}
  OPTIONAL {{ ?s pg:adoptedAt ?m . ?m schema:startDate ?ms }}
  OPTIONAL {{ ?s dcterms:issued ?i }}
  BIND(COALESCE(?a, ?ms, ?i) AS ?d)
}}"""

# the parties whose statements, outside the graphs being written (their contributions are
# taken from their quads), take their date from these meetings' start dates
_MEETING_SIGNERS = f"""PREFIX pg: <{PG}>
PREFIX dcterms: <{_DCT}>
SELECT DISTINCT ?p WHERE {{
  VALUES ?m {{ %s }}
  GRAPH ?g {{ ?s pg:adoptedAt ?m ; pg:signedBy ?p }}
  FILTER(STRSTARTS(STR(?g), "{SOURCE_PREFIX}") %s)
  FILTER NOT EXISTS {{ ?s dcterms:date ?a }}
}}"""

# what a statement contributes: its signers and its date (ISO text) or None
Contribution = dict[str, tuple[frozenset[str], str | None]]


_PAIR = f"{ID}summary/pair/"


def pair_iri(a: str, b: str) -> str:
    """The IRI of the summary node of the pair ``a`` < ``b``.

    Examples
    --------
    >>> pair_iri("http://e/a", "http://e/b")[-24:] == pair_iri("http://e/a", "http://e/b")[-24:]
    True
    """
    return f"{_PAIR}{hashlib.sha1(f'{a} {b}'.encode()).hexdigest()[:24]}"


def pair_rank(a: str, b: str, weight: int) -> str:
    """The pair's sort key (``pgs:rank``): heaviest pairs first, ties in the order of
    the hash that names them, as a string of 15 characters.

    Oxigraph keeps a string of up to 15 bytes inside the row (longer ones and IRIs are
    read from its dictionary at every comparison) and its index of ``pgs:rank`` holds
    the values in this order, so ``ORDER BY ?rank`` sorts 142 k pairs in 0.2 s where a
    sort by weight and the parties' IRIs took 2-3 s.

    Examples
    --------
    >>> pair_rank("http://e/a", "http://e/b", 3) < pair_rank("http://e/a", "http://e/c", 2)
    True
    >>> len(pair_rank("http://e/a", "http://e/b", 1))
    15
    """
    return _rank(pair_iri(a, b), weight)


def _rank(node: str, weight: int) -> str:
    return f"{_MAX_WEIGHT - weight:07d}{node[len(_PAIR) : len(_PAIR) + 8]}"


_MAX_WEIGHT = 9_999_999  # statements two parties signed together: 7 digits in pgs:rank


def _read_contributions(store: Any, graphs: Sequence[str] | None) -> Contribution:
    """The contributions of source graphs already in ``store`` (all of them for ``None``)."""
    values = ""
    if graphs is not None:
        if not graphs:
            return {}
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }"
    signers: dict[str, set[str]] = {}
    dates: dict[str, str] = {}
    for s, p, d in store.select(_CONTRIBUTIONS % values).rows:
        signers.setdefault(str(s), set()).add(str(p))
        if d is not None:  # (two start dates of one meeting: the earlier counts)
            dates[str(s)] = min(str(d), dates.get(str(s), str(d)))
    return {s: (frozenset(who), dates.get(s)) for s, who in signers.items()}


def _rows_for(store: Any, iris: Iterable[str], select: str, size: int) -> Iterator[tuple]:
    """The rows of ``select`` (a query whose ``%s`` is the IRIs of a ``VALUES`` list),
    for ``iris`` sent in chunks of ``size``."""
    for chunk in _chunks(sorted(iris), size):
        yield from store.select(select % " ".join(f"<{i}>" for i in chunk)).rows


def _meeting_dates(store: Any, meetings: Iterable[str]) -> list[tuple[str, str, str]]:
    """(meeting, start date, graph) of every start date the store holds for ``meetings``."""
    select = (
        f"SELECT ?m ?d ?g WHERE {{ VALUES ?m {{ %s }} GRAPH ?g {{ ?m <{_SCHEMA}startDate> ?d }} }}"
    )
    return [(str(m), str(d), str(g)) for m, d, g in _rows_for(store, meetings, select, 500)]


def _meeting_signers(store: Any, meetings: set[str], written: Iterable[str]) -> set[str]:
    """Parties whose statements outside ``written`` are dated by these meetings (their
    first and last dates may change)."""
    written = sorted(written)
    outside = f"&& ?g NOT IN ({', '.join(f'<{g}>' for g in written)})" if written else ""
    out: set[str] = set()
    for chunk in _chunks(sorted(meetings), 500):
        text = _MEETING_SIGNERS % (" ".join(f"<{m}>" for m in chunk), outside)
        out |= {str(p) for (p,) in store.select(text).rows}
    return out


_SIGNED_BY, _ADOPTED_AT, _START = PG + "signedBy", PG + "adoptedAt", _SCHEMA + "startDate"
_DATE, _ISSUED = _DCT + "date", _DCT + "issued"
#: the predicates whose quads make a graph's contributions: a writer that holds a graph
#: as N-Quads hands :func:`maintain` only these (:class:`SummaryInput`)
INPUT_PREDICATES = (_SIGNED_BY, _ADOPTED_AT, _START, _DATE, _ISSUED)
_INPUT_NODES = frozenset(ox.NamedNode(p) for p in INPUT_PREDICATES)
_INPUT_MARK = re.compile(b"|".join(re.escape(f"<{p}>".encode()) for p in INPUT_PREDICATES))


@dataclass(frozen=True)
class SummaryInput:
    r"""What the summaries read of one graph written as N-Quads: its quads of
    :data:`INPUT_PREDICATES` (``nquads``, a small share of the graph) and its number of
    distinct ``triples``.

    Made where the quads are made (:meth:`of_quads`: an ingest's reading processes), it
    spares the writer a scan of the whole text (:meth:`of_text`).

    Examples
    --------
    >>> text = (f'<http://e/s> <{_SIGNED_BY}> <http://e/a> <http://e/g> .\n'
    ...         '<http://e/s> <http://e/title> "x" <http://e/g> .\n').encode()
    >>> read = SummaryInput.of_text(text)
    >>> [q.object.value for q in read.quads()], read.triples
    (['http://e/a'], 2)
    >>> SummaryInput.of_quads(list(ox.parse(text, format=ox.RdfFormat.N_QUADS))) == read
    True
    """

    nquads: bytes
    triples: int

    @classmethod
    def of_quads(cls, quads: Sequence[ox.Quad]) -> SummaryInput:
        """From a graph's quads (all in one graph)."""
        kept = [q for q in quads if q.predicate in _INPUT_NODES]
        # (one graph: distinct quads are distinct triples)
        return cls(ox.serialize(kept, format=ox.RdfFormat.N_QUADS), len(set(quads)))

    @classmethod
    def of_text(cls, nquads: bytes) -> SummaryInput:
        """From a graph's N-Quads text (all in one graph, one quad per line)."""
        # the lines that hold a mark, found by searching the marks (a few lines of hundreds)
        found: list[bytes] = []
        last = -1  # (a line may hold two marks: the matches come in order)
        for mark in _INPUT_MARK.finditer(nquads):
            start = nquads.rfind(b"\n", 0, mark.start()) + 1
            if start != last:
                last, end = start, nquads.find(b"\n", mark.end())
                found.append(nquads[start : end if end >= 0 else len(nquads)] + b"\n")
        # a literal may quote a predicate's IRI: parsed and kept only on its predicate
        kept = [
            q
            for q in ox.parse(b"".join(found), format=ox.RdfFormat.N_QUADS)
            if q.predicate.value in INPUT_PREDICATES
        ]
        # the writer's canonical N-Quads: one line per quad, so distinct lines = triples
        distinct = len(set(nquads.splitlines()))
        return cls(ox.serialize(kept, format=ox.RdfFormat.N_QUADS), distinct)

    def quads(self) -> list[ox.Quad]:
        """The quads the summaries read."""
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))


def quad_contributions(
    graphs: Mapping[str, Sequence[ox.Quad]], meeting_dates: Mapping[str, str]
) -> Contribution:
    """The contributions of the statements in ``graphs``, from their own quads.

    A statement's date is its ``dcterms:date``, else the start date of its meeting
    (``meeting_dates``: the earliest start date in the store once written, which may
    come from another document), else its ``dcterms:issued``; several values: the
    earliest, as :data:`DERIVATION` does.

    Examples
    --------
    >>> n, lit = ox.NamedNode, ox.Literal
    >>> s, m = n("http://e/s"), n("http://e/m")
    >>> quads = [ox.Quad(s, n(_SIGNED_BY), n("http://e/a")),
    ...          ox.Quad(s, n(_SIGNED_BY), n("http://e/b")),
    ...          ox.Quad(s, n(_ADOPTED_AT), m), ox.Quad(s, n(_ISSUED), lit("2021-01-01"))]
    >>> quad_contributions({"g": quads}, {"http://e/m": "2020-05-01"})["http://e/s"][1]
    '2020-05-01'
    """
    signers: dict[str, set[str]] = {}
    found: dict[str, dict[str, list[str]]] = {}  # statement -> predicate -> values
    for quads in graphs.values():
        for q in quads:
            pred = q.predicate.value
            if pred == _SIGNED_BY:
                signers.setdefault(q.subject.value, set()).add(q.object.value)
            elif pred in (_DATE, _ADOPTED_AT, _ISSUED):
                found.setdefault(q.subject.value, {}).setdefault(pred, []).append(q.object.value)
    out: Contribution = {}
    for statement, who in signers.items():
        facts = found.get(statement, {})
        met = [meeting_dates[m] for m in facts.get(_ADOPTED_AT, ()) if m in meeting_dates]
        dates = facts.get(_DATE) or met or facts.get(_ISSUED)
        out[statement] = (frozenset(who), min(dates) if dates else None)
    return out


class PairCounts:
    """Signed counts of the pairs of parties that signed a statement together.

    A statement of k signers makes k(k-1)/2 pairs: 17 M at 10,000 statements of 60. They
    are counted as arrays of 64-bit keys (two party numbers), sorted and summed by numpy
    in large steps, where a dict of pairs cost a hash lookup per pair (13 s at 10,000).

    Examples
    --------
    >>> c = PairCounts()
    >>> c.add(["a", "b", "c"], +1); c.add(["a", "b"], +1); c.add(["b", "c"], -1)
    >>> sorted(c.items())
    [(('a', 'b'), 2), (('a', 'c'), 1)]
    """

    _FOLD_AT = 4_000_000  # keys waiting to be summed (32 MB): then they are folded in

    def __init__(self) -> None:
        self._number: dict[str, int] = {}
        self._names: list[str] = []
        self._waiting: list[tuple[Any, int]] = []  # (keys, sign)
        self._waiting_size = 0
        self._keys: Any = None  # distinct keys, sorted, and their counts
        self._counts: Any = None

    def add(self, ordered: Sequence[str], sign: int) -> None:
        """Count every pair of ``ordered`` (sorted parties) ``sign`` times (+1 or -1)."""
        import numpy as np  # (not needed by the stores' readers: imported when counting)

        k = len(ordered)
        if k < 2:
            return
        number = self._number
        for p in ordered:
            if p not in number:
                number[p] = len(self._names)
                self._names.append(p)
        ids = np.fromiter((number[p] for p in ordered), dtype=np.int64, count=k)
        first, second = _upper_pairs(k)
        self._waiting.append(((ids[first] << 32) | ids[second], sign))
        self._waiting_size += len(first)
        if self._waiting_size >= self._FOLD_AT:
            self._fold()

    def _fold(self) -> None:
        import numpy as np

        if not self._waiting:
            return
        keys = [k for k, _ in self._waiting]
        signs = [np.full(len(k), sign, dtype=np.int64) for k, sign in self._waiting]
        if self._keys is not None:
            keys.append(self._keys)
            signs.append(self._counts)
        distinct, where = np.unique(np.concatenate(keys), return_inverse=True)
        sums = np.bincount(where, weights=np.concatenate(signs), minlength=len(distinct))
        self._keys, self._counts = distinct, np.rint(sums).astype(np.int64)
        self._waiting, self._waiting_size = [], 0

    def items(self) -> Iterator[tuple[tuple[str, str], int]]:
        """Each pair whose count is not 0, with its count."""
        self._fold()
        if self._keys is None:
            return
        names, low = self._names, (1 << 32) - 1
        for key, count in zip(self._keys.tolist(), self._counts.tolist(), strict=True):
            if count:
                yield (names[key >> 32], names[key & low]), count


@functools.lru_cache(maxsize=512)
def _upper_pairs(k: int) -> tuple[Any, Any]:
    """The positions (i, j), i < j, of every pair of k items (numpy arrays)."""
    import numpy as np

    return np.triu_indices(k, 1)


@dataclass
class Delta:
    """Changes to fold into the summaries: contributions added and removed."""

    pairs: PairCounts = field(default_factory=PairCounts)
    signed: Counter = field(default_factory=Counter)
    dated: Counter = field(default_factory=Counter)
    # party -> (earliest added date, its statements), latest added date
    first: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    last: dict[str, str] = field(default_factory=dict)
    recompute: set[str] = field(default_factory=set)  # lost a dated signature
    covers_add: set[str] = field(default_factory=set)
    sizes: dict[str, int] = field(default_factory=dict)  # triples of each graph written
    covers_del: set[str] = field(default_factory=set)
    stale: bool = False

    def add(self, contribution: Contribution, sign: int) -> None:
        """Fold in the statements of ``contribution``, added (+1) or removed (-1)."""
        for statement, (who, date) in contribution.items():
            ordered = sorted(who)
            self.pairs.add(ordered, sign)
            if sign > 0:
                self.signed.update(ordered)
            else:
                self.signed.subtract(ordered)
            if date is None:
                continue
            for p in ordered:
                self.dated[p] += sign
                if sign < 0:
                    self.recompute.add(p)
                    continue
                first = self.first.get(p)
                if first is None or date < first[0]:
                    self.first[p] = (date, {statement})
                elif date == first[0]:
                    first[1].add(statement)
                if date > self.last.get(p, ""):
                    self.last[p] = date

    def __bool__(self) -> bool:
        return bool(self.covers_add or self.covers_del)


Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
_GRAPH = ox.NamedNode(SUMMARY_GRAPH)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: int | str, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(datatype))


def _covered(store: Any) -> tuple[set[str], bool]:
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH {_G} {{ {_G} <{PGS}covers> ?g }} }}").rows
    pending = store.ask(f"ASK {{ GRAPH {_G} {{ {_G} <{PGS}pending> ?x }} }}")
    return {str(g) for (g,) in rows}, pending


def _sources(store: Any) -> set[str]:
    return {g for g in store.graph_names() if g.startswith(SOURCE_PREFIX)}


def _derivation(store: Any) -> str | None:
    rows = store.select(
        f"SELECT ?q WHERE {{ GRAPH {_G} {{ {_G} <{_PROV}wasGeneratedBy> ?a . "
        f"?a <{_RDFS}comment> ?q }} }}"
    ).rows
    return str(rows[0][0]) if rows else None


def _graph_sizes(store: Any, graphs: Sequence[str] | None) -> dict[str, int]:
    """``pgs:triples`` of ``graphs`` as the summary graph holds them (``None``: counted
    in the source graphs themselves)."""
    if graphs is None:
        rows = store.select(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{SOURCE_PREFIX}")) }} GROUP BY ?g'
        ).rows
        return {str(g): int(n) for g, n in rows}
    select = f"SELECT ?g ?n WHERE {{ VALUES ?g {{ %s }} GRAPH {_G} {{ ?g <{PGS}triples> ?n }} }}"
    return {str(g): int(n) for g, n in _rows_for(store, graphs, select, 1000)}


def _metadata() -> list[Triple]:
    act = _n(SUMMARY_GRAPH + "#derivation")
    description = (
        "Derived summaries (co-signature pairs, per-party counts and dates), computed "
        "from the source-document graphs; not stated by any document."
    )
    return [
        (_GRAPH, _n(RDF_TYPE), _n(_PROV + "Entity")),
        (_GRAPH, _n(_DCT + "description"), ox.Literal(description)),
        (_GRAPH, _n(_PROV + "wasGeneratedBy"), act),
        (act, _n(RDF_TYPE), _n(_PROV + "Activity")),
        (act, _n(_RDFS + "comment"), ox.Literal(DERIVATION)),
    ]


def _party_state(store: Any, parties: Iterable[str]) -> dict[str, dict[str, Any]]:
    parties = sorted(parties)
    if not parties:
        return {}
    state: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(parties, 1000):
        values = " ".join(f"<{p}>" for p in chunk)
        rows = store.select(
            f"SELECT ?p ?k ?v WHERE {{ VALUES ?p {{ {values} }} GRAPH {_G} {{ ?p ?k ?v }} "
            f'FILTER(STRSTARTS(STR(?k), "{PGS}")) }}'
        ).rows
        for p, k, v in rows:
            entry = state.setdefault(str(p), {"firstStatement": set()})
            key = str(k)[len(PGS) :]
            if key == "firstStatement":
                entry[key].add(str(v))
            elif key in ("signed", "dated"):
                entry[key] = int(v)
            else:
                entry[key] = str(v)
    return state


def _chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _pair_weights(store: Any, nodes: Sequence[str]) -> dict[str, int]:
    """The current weights of the pairs whose nodes are ``nodes``, by node IRI."""
    if not nodes:
        return {}
    if len(nodes) > 5000:  # one read of every pair beats a long VALUES list
        rows = store.select(f"SELECT ?e ?w WHERE {{ GRAPH {_G} {{ ?e <{PGS}weight> ?w }} }}").rows
        return {str(e): int(w) for e, w in rows}
    # the pair's node is named by its ends: one lookup of its weight each
    out: dict[str, int] = {}
    for chunk in _chunks(nodes, 2000):
        values = " ".join(f"<{e}>" for e in chunk)
        rows = store.select(
            f"SELECT ?e ?w WHERE {{ VALUES ?e {{ {values} }} GRAPH {_G} {{ "
            f"?e <{PGS}weight> ?w }} }}"
        ).rows
        out.update({str(e): int(w) for e, w in rows})
    return out


def _recomputed(store: Any, parties: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Signed/dated counts, first and last dates of ``parties``, from the documents."""
    parties = sorted(parties)
    out: dict[str, dict[str, Any]] = {
        p: {"signed": 0, "dated": 0, "firstStatement": set()} for p in parties
    }
    for chunk in _chunks(parties, 200):
        values = " ".join(f"<{p}>" for p in chunk)
        text = _CONTRIBUTIONS % f"VALUES ?p {{ {values} }}"
        for s, p, d in store.select(text).rows:
            e = out[str(p)]
            e["signed"] += 1
            if d is None:
                continue
            d = str(d)
            e["dated"] += 1
            if "first" not in e or d < e["first"]:
                e["first"], e["firstStatement"] = d, {str(s)}
            elif d == e["first"]:
                e["firstStatement"].add(str(s))
            e["last"] = max(e.get("last", d), d)
    return out


def _party_triples(p: str, e: Mapping[str, Any]) -> list[Triple]:
    if not e.get("signed"):
        return []
    s = _n(p)
    out: list[Triple] = [
        (s, _n(PGS + "signed"), _lit(e["signed"], _XSD_INT)),
        (s, _n(PGS + "dated"), _lit(e.get("dated", 0), _XSD_INT)),
    ]
    if e.get("first"):
        out.append((s, _n(PGS + "first"), _lit(e["first"], _XSD_DATE)))
        out.append((s, _n(PGS + "last"), _lit(e["last"], _XSD_DATE)))
        out.extend((s, _n(PGS + "firstStatement"), _n(x)) for x in sorted(e["firstStatement"]))
    return out


_WEIGHT, _RANK = _n(PGS + "weight"), _n(PGS + "rank")
_SOURCE, _TARGET = _n(PGS + "source"), _n(PGS + "target")


def _pair_triples(node: str, a: str, b: str, w: int, with_ends: bool) -> list[Triple]:
    e = _n(node)
    out: list[Triple] = [
        (e, _WEIGHT, _lit(w, _XSD_INT)),
        (e, _RANK, ox.Literal(_rank(node, w))),
    ]
    if with_ends:
        out += [(e, _SOURCE, _n(a)), (e, _TARGET, _n(b))]
    return out


def _pair_lines(node: str, a: str, b: str, w: int, with_ends: bool) -> str:
    """:func:`_pair_triples` as N-Triples (the IRIs are the store's: nothing to escape).

    Examples
    --------
    >>> node = pair_iri("http://e/a", "http://e/b")
    >>> text = _pair_lines(node, "http://e/a", "http://e/b", 3, True).encode()
    >>> sorted(map(str, ox.parse(text, format=ox.RdfFormat.N_TRIPLES))) == sorted(
    ...     str(ox.Triple(*t)) for t in _pair_triples(node, "http://e/a", "http://e/b", 3, True))
    True
    """
    text = (
        f'<{node}> <{PGS}weight> "{w}"^^<{_XSD_INT}> .\n<{node}> <{PGS}rank> "{_rank(node, w)}" .\n'
    )
    if with_ends:
        text += f"<{node}> <{PGS}source> <{a}> .\n<{node}> <{PGS}target> <{b}> .\n"
    return text


def _write(store: Any, parts: Iterable[tuple[list[Triple], list[Triple] | bytes]]) -> None:
    """Delete then insert summary triples, part after part (each part's triples are made
    only when it is written: memory follows a part, not the store); ``pgs:pending`` is
    set first and cleared last, so an interrupted update is seen (and the graph rebuilt)
    by the next write."""
    flag = [(_GRAPH, _n(PGS + "pending"), ox.Literal(True))]
    trusted = _trusted(store)
    store._summaries_trusted = False  # until the flag is cleared again
    store.patch_graph(SUMMARY_GRAPH, [], flag)
    for delete, insert in parts:
        store.patch_graph(SUMMARY_GRAPH, delete, insert)
    store.patch_graph(SUMMARY_GRAPH, flag, [])
    store._summaries_trusted = trusted


_PAIRS_A_PART = 20_000  # pairs whose triples are built and written together


def _pair_parts(store: Any, delta: Delta) -> Iterator[tuple[list[Triple], bytes]]:
    """The changes of the pairs' weights, in parts of :data:`_PAIRS_A_PART` pairs (the
    triples added as N-Triples text)."""
    changed = sorted(delta.pairs.items())
    nodes = [pair_iri(a, b) for (a, b), _ in changed]  # (a hash each: made once)
    current = _pair_weights(store, nodes)
    for part in _chunks(list(zip(changed, nodes, strict=True)), _PAIRS_A_PART):
        delete: list[Triple] = []
        insert: list[str] = []
        for ((a, b), change), node in part:
            old = current.get(node, 0)
            new = old + change
            if old:
                delete += _pair_triples(node, a, b, old, with_ends=new <= 0)
            if new > 0:
                insert.append(_pair_lines(node, a, b, new, with_ends=not old))
        yield delete, "".join(insert).encode()


def _trusted(store: Any) -> bool:
    """Whether ``store`` is the only writer of its data and its summaries were checked
    (see the module docstring)."""
    return getattr(store, "_summaries_trusted", False)


def _existing(store: Any, graphs: Sequence[str]) -> list[str]:
    """Those of ``graphs`` that are in ``store``, in the given order."""
    if not graphs:
        return []
    values = " ".join(f"<{g}>" for g in graphs)
    rows = store.select(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ }} }}").rows
    found = {str(g) for (g,) in rows}
    return [g for g in graphs if g in found]


def apply(store: Any, delta: Delta) -> None:
    """Fold ``delta`` into the summary graph of ``store`` (or rebuild it if stale)."""
    if not delta:
        return
    # no summary graph yet is not stale: the delta holds every change since the store
    # was empty (checked at open when trusted, by the covers list below otherwise)
    if delta.stale or older_layout(store):
        rebuild(store)
        return
    if not _trusted(store):
        covered, pending = _covered(store)
        if pending or (covered | delta.covers_add) - delta.covers_del != _sources(store):
            rebuild(store)
            return
    _write(store, itertools.chain(_pair_parts(store, delta), [_other_changes(store, delta)]))


def _other_changes(store: Any, delta: Delta) -> tuple[list[Triple], list[Triple]]:
    """The summary triples ``delta`` changes besides the pairs': parties, graph sizes,
    covered graphs and the metadata."""
    delete: list[Triple] = []
    insert: list[Triple] = _metadata()
    # parties
    affected = {p for p, v in delta.signed.items() if v} | set(delta.first) | delta.recompute
    state = _party_state(store, affected)
    fresh = _recomputed(store, delta.recompute)
    for p in sorted(affected):
        old = state.get(p, {"firstStatement": set()})
        if p in fresh:
            new = fresh[p]
        else:
            new = {
                "signed": old.get("signed", 0) + delta.signed[p],
                "dated": old.get("dated", 0) + delta.dated[p],
                "first": old.get("first"),
                "last": old.get("last"),
                "firstStatement": set(old["firstStatement"]),
            }
            if p in delta.first:
                date, statements = delta.first[p]
                if new["first"] is None or date < new["first"]:
                    new["first"], new["firstStatement"] = date, set(statements)
                elif date == new["first"]:
                    new["firstStatement"] |= statements
                new["last"] = max(new["last"] or "", delta.last[p])
        before, after = _party_triples(p, old), _party_triples(p, new)
        delete += [t for t in before if t not in after]
        insert += [t for t in after if t not in before]
    # graph sizes: the written graphs' new sizes replace their old ones
    triples = _n(PGS + "triples")
    old_sizes = _graph_sizes(store, sorted(set(delta.sizes) | delta.covers_del))
    delete += [(_n(g), triples, _lit(n, _XSD_INT)) for g, n in sorted(old_sizes.items())]
    insert += [(_n(g), triples, _lit(n, _XSD_INT)) for g, n in sorted(delta.sizes.items())]
    covers = _n(PGS + "covers")
    delete += [(_GRAPH, covers, _n(g)) for g in sorted(delta.covers_del)]
    insert += [(_GRAPH, covers, _n(g)) for g in sorted(delta.covers_add)]
    return delete, insert


def older_layout(store: Any) -> bool:
    """Whether ``store`` holds summaries derived by another :data:`DERIVATION` (written
    by an earlier version), which the next write rebuilds."""
    if _derivation(store) == DERIVATION:
        return False
    return store.ask(f"ASK {{ GRAPH {_G} {{ ?s ?p ?o }} }}")  # (none yet: nothing older)


def check(store: Any, *, sole_writer: bool = False) -> None:
    """Rebuild the summaries when they do not cover exactly the source graphs (a writer
    stopped between its writes and its summary update), a rebuild did not finish, or
    they have an older layout (another :data:`DERIVATION`).

    With ``sole_writer`` (nothing else writes the store while it is open), the later
    writes of this process trust the summaries instead of comparing the lists again.
    """
    covered, pending = _covered(store)
    if pending or covered != _sources(store) or older_layout(store):
        rebuild(store)
    if sole_writer:
        store._summaries_trusted = True


def rebuild(store: Any) -> None:
    """Recompute the whole summary graph from one scan of the source graphs."""
    delta = Delta()
    delta.add(_read_contributions(store, None), +1)
    delta.covers_add = _sources(store)
    delta.sizes = _graph_sizes(store, None)
    store.drop_graphs([SUMMARY_GRAPH])
    if delta.covers_add:
        _write(store, [([], _metadata())])  # an empty, consistent graph: apply() adds the rest
        apply(store, delta)


def maintain(
    store: Any,
    graphs: Mapping[str, Sequence[ox.Quad]],
    drop: Iterable[str],
    write: Callable[[], None],
    sizes: Mapping[str, int] | None = None,
) -> None:
    """Run ``write`` (the store's write of ``graphs`` and ``drop``) and keep the summaries.

    ``graphs`` needs only the quads of :data:`INPUT_PREDICATES`, and then ``sizes``: the
    number of distinct triples of each graph written.

    Only source-document graphs count. Inside :func:`deferred` the changes are
    collected and applied once at its end.
    """
    added = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    dropped = [g for g in drop if g.startswith(SOURCE_PREFIX)]
    if not added and not dropped:
        write()
        return
    trusted = _trusted(store)
    present = None if trusted else _sources(store)
    written = list(dict.fromkeys([*added, *dropped]))
    gone = _existing(store, written) if present is None else [g for g in written if g in present]
    # only what the replaced or dropped graphs contributed is read back from the store;
    # the new graphs' contributions come from their own quads
    old = _read_contributions(store, gone)
    # the meetings whose start date dates a statement written now, or may change
    meetings = {
        q.object.value if q.predicate.value == _ADOPTED_AT else q.subject.value
        for g in added
        for q in graphs[g]
        if q.predicate.value in (_ADOPTED_AT, _START)
    }
    if gone:
        gone_values = " ".join(f"<{g}>" for g in gone)
        meetings |= {
            str(m)
            for (m,) in store.select(
                f"SELECT DISTINCT ?m WHERE {{ VALUES ?g {{ {gone_values} }} "
                f"GRAPH ?g {{ ?m <{_START}> ?d }} }}"
            ).rows
        }
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for m, d, g in _meeting_dates(store, meetings):
        before[m] = min(d, before.get(m, d))
        if g not in gone:
            after[m] = min(d, after.get(m, d))
    for g in added:
        for q in graphs[g]:
            if q.predicate.value == _START:
                m, d = q.subject.value, q.object.value
                after[m] = min(d, after.get(m, d))
    changed = {m for m in set(before) | set(after) if before.get(m) != after.get(m)}
    delta: Delta = getattr(store, "_summary_delta", None) or Delta()
    if present is not None:
        covered, pending = _covered(store)
        if pending or (covered | delta.covers_add) - delta.covers_del != present:
            delta.stale = True  # written behind the summaries' back: rebuild at the end
    write()
    delta.add(old, -1)
    delta.add(quad_contributions({g: graphs[g] for g in added}, after), +1)
    if changed:
        delta.recompute |= _meeting_signers(store, changed, added)
    removed = set(dropped) - set(added)
    for g in added:  # (the store keeps each triple once per graph)
        delta.sizes[g] = (
            sizes[g]
            if sizes is not None
            else len({(q.subject, q.predicate, q.object) for q in graphs[g]})
        )
    for g in removed:
        delta.sizes.pop(g, None)
    delta.covers_add = (delta.covers_add - removed) | set(added)
    delta.covers_del = (delta.covers_del - set(added)) | removed
    if getattr(store, "_summary_delta", None) is None:
        apply(store, delta)
    else:
        store._summary_delta = delta


@contextlib.contextmanager
def deferred(store: Any) -> Iterator[None]:
    """Collect the summary changes of every write inside, and apply them once at the end.

    The changes of the writes that succeeded are applied even when the block fails.
    """
    if getattr(store, "_summary_delta", None) is not None:  # already deferred
        yield
        return
    store._summary_delta = Delta()
    try:
        yield
    finally:
        delta, store._summary_delta = store._summary_delta, None
        apply(store, delta)
