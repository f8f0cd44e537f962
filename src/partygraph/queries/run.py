"""Run saved queries on a graph store, and turn their results into CSV, JSON or tables."""

from __future__ import annotations

import csv
import difflib
import functools
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from partygraph.errors import PartygraphError
from partygraph.files import write_text
from partygraph.queries.catalogue import Catalogue, SavedQuery
from partygraph.queries.params import bind_params
from partygraph.store.base import (
    GraphStore,
    Table,
    inject_values,
    inject_values_in_subqueries,
    query_form,
    strip_comments,
)
from partygraph.vocab import ID, XSD

# A trailing LIMIT/OFFSET already in the query: --limit then only cuts the rows.
_TRAILING_LIMIT = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*(OFFSET\s+\d+\s*|LIMIT\s+\d+\s*)?$", re.I)

_NUMERIC = {
    URIRef(XSD + t)
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "decimal",
        "double",
        "float",
    )
}
_BOOLEAN = URIRef(XSD + "boolean")


def _checked(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise PartygraphError(f"expected a limit >= 0, got {limit}", where="--limit")
    return limit


def with_limit(sparql: str, limit: int | None) -> str:
    """Append ``LIMIT n`` to a query that has no trailing LIMIT/OFFSET of its own.

    Examples
    --------
    >>> with_limit("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", 5)
    'SELECT * WHERE { ?s ?p ?o } ORDER BY ?s\\nLIMIT 5\\n'
    >>> with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 2", 5)
    'SELECT * WHERE { ?s ?p ?o } LIMIT 2'
    """
    if _checked(limit) is None:
        return sparql
    text = strip_comments(sparql).rstrip()
    if _TRAILING_LIMIT.search(text) or re.search(r"\bVALUES\b[^{}]*\{[^{}]*\}\s*$", text, re.I):
        return sparql
    return f"{text}\nLIMIT {int(limit)}\n"


def bound_query(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with its bindings as a ``VALUES`` block opening the outermost ``WHERE``,
    and each subquery (``{ SELECT ... }``) that mentions one of them.

    The terms are serialized by :func:`partygraph.store.base.sparql_term` (IRIs
    validated, literals escaped), so a value can never end the block or the query.
    The block binds the parameters before any filter, grouping or ordering of the
    group it opens: the same rows on every store, and the rows grlc gives when it
    pastes the values in the same places. A subquery cannot see the outer block, so
    the block opens it too where it uses a parameter, which lets a value start the
    joins inside it (a lookup instead of a scan).

    Examples
    --------
    >>> q = "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?_v) }"
    >>> print(bound_query(q, {"_v": Literal('a"} #')}))
    SELECT ?s WHERE { VALUES (?_v) { ("a\\"} #") } ?s ?p ?o FILTER(?o = ?_v) }
    >>> q = "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?_v } } { SELECT ?o { ?s ?p ?o } } }"
    >>> print(bound_query(q, {"_v": URIRef("http://e/v")}))  # doctest: +NORMALIZE_WHITESPACE
    SELECT * WHERE { VALUES (?_v) { (<http://e/v>) } { SELECT ?s WHERE { VALUES (?_v)
    { (<http://e/v>) } ?s ?p ?_v } } { SELECT ?o { ?s ?p ?o } } }
    """
    if not bindings:
        return sparql
    return _bound_query(sparql, tuple(bindings.items()))


@functools.lru_cache(maxsize=256)
def _bound_query(sparql: str, items: tuple[tuple[str, Any], ...]) -> str:
    # (the same query with the same values is bound again at each run: a web page, a
    # benchmark, a notebook cell run twice)
    bindings = dict(items)
    return inject_values_in_subqueries(inject_values(sparql, bindings), bindings)


#: What a query gives: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
Result = Table | bool | list[ox.Triple]

#: ``--format`` names of the RDF formats a CONSTRUCT or DESCRIBE result is printed in.
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass
class Page(Table):
    """One page of the rows of a paged query (``#+ pagination: N``): a :class:`Table`
    that also tells which page it is and whether another follows.

    Examples
    --------
    >>> p = Page(["n"], [(Literal(1),)], number=1, size=1, more=True)
    >>> len(p), p.number, p.more
    (1, 1, True)
    """

    number: int = 1
    size: int = 0
    more: bool = False
    #: what a page counts: rows (``None``), or the values of some columns (see
    #: :func:`page_key`)
    key: PageKey | None = None

    @property
    def unit(self) -> str:
        """What ``size`` counts, in words: ``rows`` or e.g. ``statements``."""
        return self.key.unit if self.key else "rows"

    @classmethod
    def of(
        cls,
        table: Table,
        size: int,
        number: int,
        limit: int | None = None,
        key: PageKey | None = None,
    ) -> Page:
        """The page from the rows of :func:`paged_text` (one more than a page, if any).

        With ``key``, a page is the rows of ``size`` values of its columns (the first
        ones in row order), and the rows of one value more tell that another follows.

        Examples
        --------
        >>> t = Table(["statement", "n"], [("a", 1), ("a", 2), ("b", 3), ("c", 4)])
        >>> p = Page.of(t, 2, 1, key=PageKey(("statement",), "statements"))
        >>> p.rows, p.more, p.unit
        ([('a', 1), ('a', 2), ('b', 3)], True, 'statements')
        """
        rows = list(table.rows)
        if key is None:
            more, rows = len(rows) > size, rows[:size]
        else:
            value = key.getter(table.columns)
            kept = list(dict.fromkeys(value(r) for r in rows))
            more, chosen = len(kept) > size, set(kept[:size])
            rows = [r for r in rows if value(r) in chosen]
        if _checked(limit) is not None:
            rows = rows[:limit]
        return cls(list(table.columns), rows, number, size, more, key)


def page_of(query: SavedQuery, page: int | None) -> int | None:
    """The page a run of ``query`` answers: ``page`` for a paged SELECT, else ``None``
    (every row). A query without pages has only page 1.

    Examples
    --------
    >>> cat = Catalogue.load()
    >>> page_of(cat.get("signatories"), 2), page_of(cat.get("statements"), 1)
    (2, None)
    >>> page_of(cat.get("statements"), 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: page: statements answers in one piece ...: there is no page 2
    """
    if page is not None and page < 1:
        raise PartygraphError(f"expected a page >= 1, got {page}", where="page")
    if query.pagination is not None and query_form(query.sparql) == "SELECT":
        return page
    if page not in (None, 1):
        raise PartygraphError(
            f"{query.name} answers in one piece (no '#+ pagination' header): "
            f"there is no page {page}",
            where="page",
        )
    return None


# The sub-select a page limits: a comment line ``# pages`` (its rows) or
# ``# pages: ?var ... (unit)`` (the values of the variables) after its ORDER BY
_PAGE_MARK = re.compile(
    r"^[ \t]*#[ \t]*pages(?:[ \t]*:((?:[ \t]*\?[A-Za-z_][A-Za-z0-9_]*)+)"
    r"(?:[ \t]*\(([^()\n]+)\))?)?[ \t]*$",
    re.M,
)


@dataclass(frozen=True)
class PageKey:
    """What a page of a query counts: the values of ``variables`` (a statement, or a
    kind of match and a printed name), called ``unit`` in messages."""

    variables: tuple[str, ...]
    unit: str

    def getter(self, columns: Sequence[str]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        """A function of a row to its key values, for a table of ``columns``."""
        missing = [v for v in self.variables if v not in columns]
        if missing:
            raise PartygraphError(
                f"a page counts ?{missing[0]}, which the query does not select", where="query"
            )
        at = [list(columns).index(v) for v in self.variables]
        return lambda row: tuple(row[i] for i in at)


def page_key(sparql: str) -> PageKey | None:
    """What a page counts, or ``None`` (a page counts rows).

    grlc pages by rows: ``LIMIT``/``OFFSET`` after the whole query, which still joins
    and sorts every row before it keeps a page. A query may instead end the sub-select
    that picks and sorts what it lists with a comment line where partygraph puts the
    page's ``LIMIT``/``OFFSET``, so only one page of it is joined with the rest:
    ``# pages: ?statement`` when each statement gives several rows (a page is the rows
    of so many statements; several variables when together they name one thing, and
    the words for them in parentheses), ``# pages`` when each row of the sub-select
    gives one row. For other SPARQL tools it stays a comment (every row).

    Examples
    --------
    >>> page_key("SELECT * { { SELECT ?s { ?s a ?c } ORDER BY ?s\\n  # pages: ?s\\n } }")
    PageKey(variables=('s',), unit='ss')
    >>> page_key("SELECT * { { SELECT ?k ?n { ?s ?k ?n } ORDER BY ?n\\n# pages: ?k ?n (names)")
    PageKey(variables=('k', 'n'), unit='names')
    >>> page_key("SELECT * { { SELECT ?s { ?s a ?c } ORDER BY ?s\\n  # pages\\n } }") is None
    True
    """
    found = _PAGE_MARK.search(sparql)
    if not found or not found.group(1):
        return None
    names = tuple(v.lstrip("?") for v in found.group(1).split())
    return PageKey(names, found.group(2).strip() if found.group(2) else f"{names[0]}s")


def paged_text(sparql: str, size: int, page: int) -> str:
    """The query with grlc's ``LIMIT``/``OFFSET`` of ``page`` (from 1) appended, and one
    row more than a page to tell whether another follows (:meth:`Page.of`); or, in a
    query with a ``# pages`` line (:func:`page_key`), in place of that line.

    Examples
    --------
    >>> paged_text("SELECT * { ?s ?p ?o } ORDER BY ?s", 1000, 3)
    'SELECT * { ?s ?p ?o } ORDER BY ?s\\nLIMIT 1001 OFFSET 2000\\n'
    >>> paged_text("SELECT * { { SELECT ?s { ?s a ?c } ORDER BY ?s\\n# pages: ?s\\n} }", 20, 2)
    'SELECT * { { SELECT ?s { ?s a ?c } ORDER BY ?s\\nLIMIT 21 OFFSET 20\\n} }'
    """
    clause = f"LIMIT {size + 1} OFFSET {(page - 1) * size}"
    found = _PAGE_MARK.search(sparql)
    if found:
        return strip_comments(sparql[: found.start()] + clause + sparql[found.end() :])
    return f"{strip_comments(sparql).rstrip()}\n{clause}\n"


def run_query(
    store: GraphStore,
    query: SavedQuery,
    params: Mapping[str, str] | None = None,
    limit: int | None = None,
    *,
    page: int | None = 1,
    registry: Any = None,
) -> Result:
    """Run a :class:`SavedQuery` with typed parameters; see :func:`run`.

    A SELECT gives a :class:`Table`, an ASK a ``bool``, a CONSTRUCT or DESCRIBE the
    list of its triples (``limit`` caps rows and solutions; an ASK has none).

    A paged query (``#+ pagination: N``, grlc's header) answers one ``page`` of N rows
    (a :class:`Page`, page 1 by default); ``page=None`` gives every row.
    """
    bindings = bind_params(query, params or {}, registry=registry)
    check_names(store, query, bindings, given=params or {})
    form = query_form(query.sparql)
    if form == "ASK":
        return store.ask(bound_query(query.sparql, bindings))
    if form in ("CONSTRUCT", "DESCRIBE"):
        page_of(query, page)  # refuses a page other than 1
        return store.construct(bound_query(with_limit(query.sparql, limit), bindings))
    return select_rows(store.select, query, bindings, page, limit)


def select_rows(
    select: Callable[[str], Table],
    query: SavedQuery,
    bindings: Mapping[str, Any],
    page: int | None = 1,
    limit: int | None = None,
) -> Table:
    """The rows of a SELECT saved query with its ``bindings``, through ``select`` (a
    store's, or the server's worker pool's): one :class:`Page` of a paged query, or
    every row (``page=None``, or a query without pages); at most ``limit`` of them.
    """
    number = page_of(query, page)
    if number is not None and query.pagination is not None:
        text = paged_text(query.sparql, query.pagination, number)
        table = select(bound_query(text, bindings))
        return Page.of(table, query.pagination, number, limit, page_key(query.sparql))
    table = select(bound_query(with_limit(query.sparql, limit), bindings))
    if limit is not None and len(table.rows) > limit:
        table = Table(list(table.columns), list(table.rows[:limit]))
    return table


def check_names(
    store: GraphStore, query: SavedQuery, bindings: Mapping[str, Any], given: Mapping[str, str]
) -> None:
    """Refuse an ``iri`` value the user gave that names nothing in the graph, with the
    closest names the graph has (an empty answer would look like "none").

    Examples
    --------
    >>> from partygraph.store.embedded import EmbeddedStore
    >>> q = Catalogue.load().get("meeting-statements")
    >>> b = bind_params(q, {"meeting": "meeting/imcwp-99"})
    >>> check_names(EmbeddedStore(), q, b, {"meeting": "meeting/imcwp-99"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: ...: nothing in the graph is called 'meeting/imcwp-99'
    """
    for p in query.params:
        term = bindings.get(p.variable)
        if p.type != "iri" or p.name not in given or not isinstance(term, URIRef):
            continue
        if store.ask("ASK { { ?_t ?p ?o } UNION { ?s ?p ?_t } }", {"_t": term}):
            continue
        iri = str(term)
        folder = iri.rsplit("/", 1)[0] + "/" if iri.startswith(ID) else ID
        known = store.select(
            "SELECT DISTINCT ?s WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), ?_base)) }",
            {"_base": Literal(folder)},
        )
        names = {str(s).removeprefix(ID): str(s).rsplit("/", 1)[-1] for (s,) in known.rows}
        last = iri.rsplit("/", 1)[-1]
        close = difflib.get_close_matches(last, set(names.values()), n=3, cutoff=0.6)
        closest = [full for full, end in sorted(names.items()) if end in close][:3]
        hint = f" (closest: {', '.join(closest)})" if closest else ""
        raise PartygraphError(
            f"nothing in the graph is called {given[p.name]!r}{hint}",
            source=query.path.name if query.path is not None else f"{query.name}.rq",
            where=f"param {p.name}",
        )


def graph_text(triples: Sequence[ox.Triple], fmt: str = "turtle") -> str:
    """CONSTRUCT or DESCRIBE triples as Turtle (with the project's prefixes) or another
    format of :data:`GRAPH_FORMATS`.

    Examples
    --------
    >>> t = ox.Triple(ox.NamedNode("http://ex/kke"),
    ...     ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("KKE"))
    >>> print(graph_text([t], "ntriples"), end="")
    <http://ex/kke> <http://www.w3.org/2004/02/skos/core#prefLabel> "KKE" .
    """
    from partygraph.store.export import default_prefixes

    rdf_format = GRAPH_FORMATS.get(fmt)
    if rdf_format is None:
        raise PartygraphError(
            "a CONSTRUCT or DESCRIBE result is a graph: expected one of "
            + ", ".join(GRAPH_FORMATS),
            where="--format",
        )
    prefixes = default_prefixes() if rdf_format != ox.RdfFormat.N_TRIPLES else None
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    return (data or b"").decode("utf-8")


def result_text(result: Result, fmt: str) -> str:
    """A query result as text: rows as ``csv``/``tsv``/``json``, an ASK as ``true`` or
    ``false``, a graph in an RDF format (``json`` is JSON-LD, CSV and tables Turtle).

    Examples
    --------
    >>> print(result_text(True, "json"), end="")
    true
    >>> print(result_text(Table(["n"], [(Literal(2),)]), "csv"), end="")
    n
    2
    """
    if isinstance(result, bool):
        return "true\n" if result else "false\n"
    if isinstance(result, list):
        graph_fmt = {"json": "jsonld", "csv": "turtle", "tsv": "turtle", "table": "turtle"}
        return graph_text(result, graph_fmt.get(fmt, fmt))
    if fmt in GRAPH_FORMATS:
        raise PartygraphError(
            f"{fmt} is for CONSTRUCT and DESCRIBE results; a SELECT gives csv, tsv or json",
            where="--format",
        )
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result) + "\n"
    return to_csv(result)


def run(
    store: GraphStore,
    name_or_path: str | Path,
    params: Mapping[str, str] | None = None,
    limit: int | None = None,
    *,
    page: int | None = 1,
    catalogue: Catalogue | None = None,
    registry: Any = None,
) -> Result:
    """Run a saved query by name (or a ``.rq`` file by path) on ``store``.

    Parameters
    ----------
    store
        Any :class:`~partygraph.store.base.GraphStore` (embedded or remote).
    name_or_path
        A saved query name (``partygraph query --list``) or the path of a ``.rq`` file.
    params
        Raw parameter values by name, as typed (``{"party": "kke"}``); validated and
        bound as RDF terms (:func:`~partygraph.queries.params.bind_params`).
    limit
        Return at most this many rows.
    page
        Which page of a paged query (``#+ pagination: N``), from 1; ``None`` for every
        row.
    catalogue
        Where saved queries are looked up (default: the project's ``queries/``).
    registry
        The party registry for ``party`` parameters (default: loaded on demand).

    Returns
    -------
    Table, bool or list of pyoxigraph.Triple
        For a SELECT, columns and rows of rdflib terms (``None`` where unbound), a
        :class:`Page` of them for a paged query; for an ASK, its answer; for a
        CONSTRUCT or DESCRIBE, its triples.

    Examples
    --------
    >>> from partygraph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore()   # empty: every count is zero
    >>> run(store, "statements-per-year").rows
    []
    >>> run(store, "meetings-by-year", {"year": "20l8"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: ...: param year: expected an integer, got '20l8'
    """
    catalogue = catalogue or Catalogue.load()
    query = catalogue.find(name_or_path)
    return run_query(store, query, params, limit, page=page, registry=registry)


def example_params(query: SavedQuery) -> dict[str, str]:
    """The parameter values ``run_all`` uses: each parameter's declared default.

    Required parameters always have a default in the bundled catalogue (a test checks it).

    Examples
    --------
    >>> example_params(Catalogue.load().get("party-profile"))
    {'party': 'KKE'}
    """
    return {p.name: p.default for p in query.params if p.default is not None}


def run_all(
    store: GraphStore,
    out_dir: str | Path,
    *,
    catalogue: Catalogue | None = None,
    registry: Any = None,
) -> list[Path]:
    """Run every saved query with its default parameters and write ``<name>.csv`` files
    (``<name>.txt`` holding true or false for an ASK, ``<name>.ttl`` for a CONSTRUCT).
    A paged query's file holds every row, not its first page.

    Each file is written to a temporary name and renamed, so a failed run never leaves
    half a CSV behind.

    Returns
    -------
    list of Path
        The files written, in catalogue order.

    Examples
    --------
    >>> import tempfile
    >>> from partygraph.store.embedded import EmbeddedStore
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = run_all(EmbeddedStore(), d)
    ...     header = (Path(d) / "co-signature-edges.csv").read_text().splitlines()[0]
    >>> len(files) >= 15, header
    (True, 'source,sourceName,target,targetName,weight')
    """
    catalogue = catalogue or Catalogue.load()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for query in catalogue:
        result = run_query(store, query, example_params(query), page=None, registry=registry)
        # rows as CSV, an ASK as true/false, a graph as Turtle
        suffix = (
            ".txt" if isinstance(result, bool) else ".ttl" if isinstance(result, list) else ".csv"
        )
        target = out / f"{query.name}{suffix}"
        write_text(target, result_text(result, "csv"))
        written.append(target)
    return written


# --- formatting ---------------------------------------------------------------------------


def plain(term: Any) -> Any:
    """A JSON-friendly Python value for one cell: numbers and booleans as such, else text.

    Examples
    --------
    >>> plain(Literal(3)), plain(Literal(True)), plain(URIRef("http://e/a")), plain(None)
    (3, True, 'http://e/a', None)
    >>> plain(Literal("2018-11-25", datatype=URIRef(XSD + "date")))
    '2018-11-25'
    >>> plain(Literal("0.5", datatype=URIRef(XSD + "decimal")))
    0.5
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC or term.datatype == _BOOLEAN:
            value = term.toPython()
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, bool | int | float):
                return value
        return str(term)
    if isinstance(term, URIRef | BNode):
        return str(term)
    return term


def to_records(table: Table) -> list[dict[str, Any]]:
    """Rows as dictionaries of plain values (see :func:`plain`)."""
    return [{c: plain(v) for c, v in zip(table.columns, row, strict=True)} for row in table.rows]


def _delimited(table: Table, delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(
            [
                ""
                if v is None
                else str(plain(v)).lower()
                if isinstance(plain(v), bool)
                else str(plain(v))
                for v in row
            ]
        )
    return buf.getvalue()


def to_csv(table: Table) -> str:
    """The table as CSV text, a header line first (booleans as ``true``/``false``).

    Examples
    --------
    >>> t = Table(["a", "n"], [(Literal("x, y"), Literal(2)), (None, Literal(True))])
    >>> print(to_csv(t), end="")
    a,n
    "x, y",2
    ,true
    """
    return _delimited(table, ",")


def to_tsv(table: Table) -> str:
    """The table as tab-separated text (the CSV rules, with tabs)."""
    return _delimited(table, "\t")


def to_json(table: Table) -> str:
    """The table as a JSON array of objects (unbound cells are ``null``).

    Examples
    --------
    >>> to_json(Table(["n"], [(Literal(2),)]))
    '[\\n  {\\n    "n": 2\\n  }\\n]'
    """
    return json.dumps(to_records(table), ensure_ascii=False, indent=2)


def to_dataframe(table: Table):  # -> pandas.DataFrame
    """The table as a pandas ``DataFrame`` of plain values (needs pandas installed)."""
    try:
        import pandas as pd
    except ImportError:
        raise PartygraphError(
            "pandas is not installed (pip install pandas)", where="to_dataframe"
        ) from None
    return pd.DataFrame(to_records(table), columns=list(table.columns))


def rows_plain(table: Table) -> list[tuple[Any, ...]]:
    """Rows of plain values, for printing."""
    return [tuple(plain(v) for v in row) for row in table.rows]


__all__: Sequence[str] = (
    "GRAPH_FORMATS",
    "Page",
    "PageKey",
    "Result",
    "check_names",
    "example_params",
    "graph_text",
    "page_key",
    "page_of",
    "paged_text",
    "plain",
    "result_text",
    "rows_plain",
    "run",
    "run_all",
    "run_query",
    "select_rows",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_records",
    "to_tsv",
    "with_limit",
)
