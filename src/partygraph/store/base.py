"""What every store shares: the :class:`GraphStore` protocol, :class:`Table`, term conversion
between pyoxigraph and rdflib, and the small SPARQL text tools used by remote stores
(comment stripping, query classification, ``VALUES`` injection of bound terms).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from partygraph.errors import PartygraphError
from partygraph.terms import XSD_STRING, to_oxigraph
from partygraph.vocab import PREFIXES, RDF

if TYPE_CHECKING:  # (summaries builds on this module)
    from partygraph.store.summaries import SummaryInput

RDF_TYPE = RDF + "type"
#: prefixes for Turtle/TriG when ``ontology/context.jsonld`` is absent
FALLBACK_PREFIXES = PREFIXES

EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld")

Term = URIRef | Literal | BNode
Bindings = Mapping[str, object]


@dataclass
class Table:
    """The result of a SELECT query: column names and rows of rdflib terms.

    An unbound cell is ``None``. Literals typed ``xsd:string`` come back as plain rdflib
    literals (no datatype), the same from every store.

    Examples
    --------
    >>> t = Table(["party", "n"], [(URIRef("http://ex/p"), Literal(3))])
    >>> len(t), t.columns
    (1, ['party', 'n'])
    >>> t.as_dicts()[0]["n"].toPython()
    3
    >>> [str(x) for x in t.column("party")]
    ['http://ex/p']
    """

    columns: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Node | None]:
        """Return the values of one column, in row order."""
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def as_dicts(self) -> list[dict[str, Node | None]]:
        """Return the rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


@runtime_checkable
class GraphStore(Protocol):
    """One interface over the embedded Oxigraph store and remote SPARQL 1.1 servers.

    Queries run on the union of all named graphs. ``bindings`` map variable names
    (without ``?``) to rdflib terms; they are bound as RDF terms, never pasted as text.
    """

    def select(self, query: str, bindings: Bindings | None = None) -> Table: ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str, bindings: Bindings | None = None) -> list[ox.Triple]: ...

    def replace_graphs(
        self, graphs: Mapping[str, Sequence[ox.Quad]], drop: Iterable[str] = ()
    ) -> None: ...

    def load_graphs(
        self,
        graphs: Mapping[str, bytes],
        drop: Iterable[str] = (),
        read: Mapping[str, SummaryInput] | None = None,
    ) -> None: ...

    def patch_graph(
        self,
        graph: str,
        delete: Sequence[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]],
        insert: Sequence[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] | bytes,
    ) -> None: ...

    def drop_graphs(self, graphs: Iterable[str]) -> None: ...

    def graph_names(self) -> list[str]: ...

    def export(self, fmt: str, target: Path | BinaryIO) -> None: ...

    def stats(self) -> dict[str, int]: ...

    def close(self) -> None: ...


_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def sparql_term(term: object, where: str = "binding") -> str:
    """Serialize one term as SPARQL/N-Triples text, escaping every special character.

    Raises :class:`PartygraphError` for an IRI that is not a valid IRI and for blank
    nodes (SPARQL ``VALUES`` cannot hold them).

    Examples
    --------
    >>> sparql_term(URIRef("https://w3id.org/partygraph/id/party/kke"))
    '<https://w3id.org/partygraph/id/party/kke>'
    >>> print(sparql_term(Literal('say "hi"\\n} DROP ALL {')))
    "say \\"hi\\"\\n} DROP ALL {"
    >>> from partygraph.vocab import XSD
    >>> sparql_term(Literal("2018-11-25", datatype=URIRef(XSD + "date")))
    '"2018-11-25"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> sparql_term(URIRef("http://ex/a> } DROP ALL"))
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: binding: not a valid RDF term: ...
    """
    t = to_oxigraph(term, where)
    if isinstance(t, ox.NamedNode):
        if _BAD_IRI.search(t.value):
            raise PartygraphError(f"not a valid IRI: {t.value!r}", where=where)
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        raise PartygraphError("blank nodes cannot be bound", where=where)
    lex = '"' + t.value.translate(_ESCAPES) + '"'
    if t.language:
        return f"{lex}@{t.language}"
    if t.datatype.value == XSD_STRING:
        return lex
    return f"{lex}^^<{t.datatype.value}>"


def quad_ntriples(q: ox.Quad) -> str:
    """N-Triples line of a quad's triple (its graph dropped), for request bodies."""
    return f"{q.subject} {q.predicate} {q.object} .\n"


# --- SPARQL text tools -------------------------------------------------------------------

_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
       |'''(?:[^'\\]|\\.|'(?!''))*'''
       |"(?:[^"\\\n\r]|\\.)*"
       |'(?:[^'\\\n\r]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-]*:?)
    |(?P<other>[^\#"'<?$A-Za-z_]+|.)
    """,
    re.X | re.S,
)

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _tokens(query: str) -> Iterator[tuple[str, str, int]]:
    return iter(_token_list(query))


@functools.lru_cache(maxsize=128)
def _token_list(query: str) -> tuple[tuple[str, str, int], ...]:
    # a run tokenizes the same text several times (form, guard, VALUES), and saved
    # queries are run again and again: 1 ms of a run of a small query before
    return tuple((m.lastgroup or "other", m.group(), m.start()) for m in _TOKENS.finditer(query))


def strip_comments(query: str) -> str:
    """Remove ``#`` comments (not inside strings or IRIs), keeping line breaks.

    Examples
    --------
    >>> strip_comments('# SELECT in a comment\\nASK { ?s ?p "# not a comment" } # end')
    '\\nASK { ?s ?p "# not a comment" } '
    >>> strip_comments("SELECT * { <http://ex/a#b> ?p ?o }")
    'SELECT * { <http://ex/a#b> ?p ?o }'
    """
    return "".join(text for kind, text, _ in _tokens(query) if kind != "comment")


def query_form(query: str) -> str:
    """Classify a SPARQL request: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` or ``UPDATE``.

    Keywords inside comments, strings, IRIs, variables and prefixed names are ignored,
    which is where SPARQLWrapper's own guess goes wrong.

    Examples
    --------
    >>> query_form("# CONSTRUCT a table\\nPREFIX ask: <http://ex/>\\nSELECT ?ask { ?s ask:p ?o }")
    'SELECT'
    >>> query_form("ASK { ?s ?p 'SELECT' }")
    'ASK'
    >>> query_form("DROP SILENT GRAPH <http://ex/g>")
    'UPDATE'
    >>> query_form("hello")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: query: not a SPARQL query ...
    """
    for kind, text, _ in _tokens(query):
        if kind == "word" and not text.endswith(":"):
            up = text.upper()
            if up in _FORMS:
                return up
            if up in _UPDATES:
                return "UPDATE"
    raise PartygraphError(
        "not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)", where="query"
    )


@functools.lru_cache(maxsize=256)
def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (``FROM`` or ``FROM NAMED``).

    Examples
    --------
    >>> has_dataset_clause("SELECT * FROM <http://e/g> { ?s ?p ?o }")
    True
    >>> has_dataset_clause("SELECT * { ?s ?p 'FROM' } # FROM")
    False
    """
    return any(kind == "word" and text.upper() == "FROM" for kind, text, _ in _tokens(query))


def values_block(bindings: Bindings) -> str:
    """Build a one-row ``VALUES`` block from bindings (names with or without ``?``).

    Examples
    --------
    >>> values_block({"_party": URIRef("http://ex/p"), "n": Literal(3)})
    'VALUES (?_party ?n) { (<http://ex/p> "3"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    """
    names = [_var_name(k) for k in bindings]
    terms = [
        sparql_term(v, where=f"binding ?{n}") for n, v in zip(names, bindings.values(), strict=True)
    ]
    return "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(terms) + ") }"


_VAR_OK = re.compile(r"^[A-Za-z0-9_]+$")


def _var_name(name: str) -> str:
    n = name[1:] if name[:1] in "?$" else name
    if not _VAR_OK.match(n):
        raise PartygraphError(f"not a SPARQL variable name: {name!r}", where="binding")
    return n


def inject_values(query: str, bindings: Bindings | None) -> str:
    """Return ``query`` (comments stripped) with bindings as a ``VALUES`` block.

    The block opens the outermost ``WHERE`` group, so the values are joined before
    filters, grouping and aggregates, like pre-bound variables. Forms without a group
    pattern to open (``CONSTRUCT WHERE``, ``DESCRIBE <x>``) get a trailing ``VALUES``.

    Examples
    --------
    >>> q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?_o } GROUP BY ?s"
    >>> inject_values(q, {"_o": Literal("x")})
    'SELECT (COUNT(*) AS ?n) WHERE { VALUES (?_o) { ("x") } ?s ?p ?_o } GROUP BY ?s'
    >>> inject_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://e/a")})
    'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://e/a>) } ?s ?p ?o }'
    >>> inject_values("ASK { ?s ?p ?o } # done", None)
    'ASK { ?s ?p ?o } '
    """
    text = strip_comments(query)
    if not bindings:
        return text
    block = values_block(bindings)
    form = query_form(text)
    depth = 0
    skipping_template = False
    seen_form = False
    for kind, tok, pos in _tokens(text):
        if kind == "word" and not seen_form and tok.upper() in _FORMS:
            seen_form = True
            if tok.upper() == "CONSTRUCT":
                # CONSTRUCT { template } WHERE { ... }: skip the template group
                rest = text[pos + len(tok) :].lstrip()
                skipping_template = rest.startswith("{")
                if not skipping_template:
                    break  # short form CONSTRUCT WHERE { triples }
            continue
        if not seen_form or kind != "other":
            continue
        for i, ch in enumerate(tok):
            if ch == "{":
                if depth == 0 and not skipping_template:
                    at = pos + i + 1
                    return text[:at] + " " + block + text[at:]
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0 and skipping_template:
                    skipping_template = False
    del form
    return text.rstrip() + "\n" + block + "\n"


def inject_values_in_subqueries(query: str, bindings: Bindings) -> str:
    """Return ``query`` with a ``VALUES`` block of ``bindings`` opening each subquery
    (``{ SELECT ... }``) that mentions one of them (only those it mentions).

    A subquery cannot see a block of the outer group (:func:`inject_values`); this one
    lets a value start the joins inside it, the rows grlc gives by pasting the value
    there. ``query`` should be without comments (as :func:`inject_values` returns it).

    Examples
    --------
    >>> q = "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?_v } } { SELECT ?o { ?s ?p ?o } } }"
    >>> print(inject_values_in_subqueries(q, {"_v": URIRef("http://e/v")}))
    ... # doctest: +NORMALIZE_WHITESPACE
    SELECT * WHERE { { SELECT ?s WHERE { VALUES (?_v) { (<http://e/v>) } ?s ?p ?_v } }
    { SELECT ?o { ?s ?p ?o } } }
    """
    names = {"?" + k.lstrip("?$") for k in bindings} | {"$" + k.lstrip("?$") for k in bindings}
    # (position after the subquery's opening brace, its depth, the names it mentions)
    open_groups: list[tuple[int, int, set[str]]] = []
    inserts: list[tuple[int, str]] = []
    depth, in_subquery = 0, False
    for kind, tok, pos in _tokens(query):
        if kind == "word" and tok.upper() == "SELECT" and depth > 0:
            in_subquery = True
        elif kind == "var" and tok in names:
            for _, _, used in open_groups:
                used.add(tok[1:])
        elif kind == "other":
            for i, ch in enumerate(tok):
                if ch == "{":
                    depth += 1
                    if in_subquery:
                        open_groups.append((pos + i + 1, depth, set()))
                        in_subquery = False
                elif ch == "}":
                    if open_groups and open_groups[-1][1] == depth:
                        at, _, used = open_groups.pop()
                        if used:
                            block = values_block(
                                {k: v for k, v in bindings.items() if k.lstrip("?$") in used}
                            )
                            inserts.append((at, " " + block))
                    depth -= 1
    for at, block in sorted(inserts, reverse=True):
        query = query[:at] + block + query[at:]
    return query


def parse_graphs(graphs: Mapping[str, bytes]) -> dict[str, list[ox.Quad]]:
    """The quads of graphs given as N-Quads texts (``GraphStore.load_graphs``' input).

    Examples
    --------
    >>> text = b'<http://e/s> <http://e/p> "o" <http://e/g> .\\n'
    >>> [str(q.object) for q in parse_graphs({"http://e/g": text})["http://e/g"]]
    ['"o"']
    """
    return {g: list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) for g, data in graphs.items()}


def check_graph_iri(iri: str) -> str:
    """Validate a graph name (an absolute IRI) and return it.

    Examples
    --------
    >>> check_graph_iri("https://w3id.org/partygraph/id/source/abc")
    'https://w3id.org/partygraph/id/source/abc'
    >>> check_graph_iri("not an iri")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: graph: not an absolute IRI: 'not an iri'
    """
    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise PartygraphError(f"not an absolute IRI: {iri!r}", where="graph")
    return iri


def rdflib_graph_view(store: ox.Store) -> rdflib.Dataset:
    """An rdflib ``Dataset`` over a pyoxigraph store (through oxrdflib), for rdflib users.

    Examples
    --------
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"),
    ...               ox.NamedNode("http://e/g")))
    >>> ds = rdflib_graph_view(s)
    >>> len(list(ds.quads((None, None, None, None))))
    1
    """
    from oxrdflib import OxigraphStore

    return rdflib.Dataset(store=OxigraphStore(store=store))
