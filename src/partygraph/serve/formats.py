"""Result formats of the SPARQL 1.1 Protocol and content negotiation.

SELECT and ASK results: SPARQL JSON, XML, CSV and TSV; CONSTRUCT and DESCRIBE: Turtle,
JSON-LD and N-Triples. A format is chosen by ``?format=`` (a short name) or by the
``Accept`` header (media types with ``q`` weights).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from partygraph.store.base import FALLBACK_PREFIXES, Table, sparql_term
from partygraph.vocab import ID, XSD

#: short name -> media type, for SELECT/ASK results
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: short name -> media type, for graphs
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
_ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "jsonld",
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media types of an ``Accept`` header, best first (stable for equal weights).

    Examples
    --------
    >>> parse_accept("text/html;q=0.9, text/turtle, */*;q=0.1")
    [('text/turtle', 1.0), ('text/html', 0.9), ('*/*', 0.1)]
    """
    out = []
    for i, part in enumerate((header or "").split(",")):
        fields = part.strip().split(";")
        mt = fields[0].strip().lower()
        if not mt:
            continue
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.strip().partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((mt, q, i))
    out.sort(key=lambda t: (-t[1], t[2]))
    return [(mt, q) for mt, q, _ in out]


def negotiate(
    fmt: str | None, accept: str | None, offered: Sequence[str], default: str
) -> str | None:
    """The short name of the format to answer in, or ``None`` when nothing offered fits.

    ``fmt`` (from ``?format=``) wins over ``Accept``; ``*/*`` (or no header) gets
    ``default``.

    Examples
    --------
    >>> negotiate(None, "text/csv", ["json", "xml", "csv", "tsv"], "json")
    'csv'
    >>> negotiate("tsv", "text/csv", ["json", "xml", "csv", "tsv"], "json")
    'tsv'
    >>> negotiate(None, "image/png", ["json"], "json") is None
    True
    """
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        return name if name in offered else None
    types = parse_accept(accept) or [("*/*", 1.0)]
    for mt, _ in types:
        name = _ALIASES.get(mt)
        if name in offered:
            return name
        if mt in ("*/*", "application/*", "text/*"):
            return default
    return None


# --- SELECT / ASK results ------------------------------------------------------------------


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != XSD + "string":
        out["datatype"] = str(term.datatype)
    return out


def results_json(table: Table) -> bytes:
    """SPARQL 1.1 Query Results JSON of a table."""
    bindings = [
        {c: _json_term(v) for c, v in zip(table.columns, row, strict=True) if v is not None}
        for row in table.rows
    ]
    doc = {"head": {"vars": list(table.columns)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and str(term.datatype) != XSD + "string":
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def results_xml(table: Table) -> bytes:
    """SPARQL Query Results XML of a table."""
    parts = [_XML_HEAD, "<head>"]
    parts += [f"<variable name={quoteattr(c)}/>" for c in table.columns]
    parts.append("</head>\n<results>\n")
    for row in table.rows:
        parts.append("<result>")
        for c, v in zip(table.columns, row, strict=True):
            if v is not None:
                parts.append(f"<binding name={quoteattr(c)}>{_xml_term(v)}</binding>")
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts).encode("utf-8")


def results_csv(table: Table) -> bytes:
    """SPARQL 1.1 CSV: plain values, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.columns)
    w.writerows(["" if v is None else str(v) for v in row] for row in table.rows)
    return buf.getvalue().encode("utf-8")


def _tsv_term(term: Node) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    return sparql_term(term)


def results_tsv(table: Table) -> bytes:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in SPARQL/N-Triples syntax."""
    lines = ["\t".join("?" + c for c in table.columns)]
    lines += ["\t".join("" if v is None else _tsv_term(v) for v in row) for row in table.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def boolean_result(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``json``, ``xml``, ``csv`` or ``tsv``."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        body = f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        return (_XML_HEAD + body).encode()
    return b"true\n" if value else b"false\n"


def table_bytes(table: Table, fmt: str) -> bytes:
    """A table in one of :data:`RESULT_TYPES`."""
    return {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv}[fmt](
        table
    )


# --- graphs --------------------------------------------------------------------------------

#: Turtle prefixes: the project's, and one per kind of resource (``party:kke``)
TURTLE_PREFIXES = {
    **FALLBACK_PREFIXES,
    **{k: f"{ID}{k}/" for k in ("party", "statement", "meeting", "country", "source", "series")},
}
_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
}


def graph_bytes(triples: Iterable[tuple[object, object, object]], fmt: str) -> bytes:
    """Triples (pyoxigraph terms) as Turtle (with the project's prefixes), JSON-LD or N-Triples.

    Examples
    --------
    >>> t = (ox.NamedNode("https://w3id.org/partygraph/id/party/kke"),
    ...      ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("KKE"))
    >>> print(graph_bytes([t], "ttl").decode().splitlines()[-1])
    party:kke skos:prefLabel "KKE" .
    """
    graph = [ox.Triple(s, p, o) for s, p, o in triples]  # type: ignore[arg-type]
    prefixes = TURTLE_PREFIXES if fmt == "ttl" else None
    out = ox.serialize(graph, format=_RDF_FORMATS[fmt], prefixes=prefixes)
    return out or b""
