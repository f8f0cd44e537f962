"""HTML building blocks of the served pages: every text goes through :func:`esc`.

Pages load only ``/static/...`` files of this server; data handed to scripts goes in a
JSON island written by :func:`json_island`.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from rdflib.term import Literal, URIRef

from partygraph.store.base import Table
from partygraph.vocab import ID

NAV = (
    ("/", "Home"),
    ("/sparql", "SPARQL editor"),
    ("/queries", "Saved queries"),
    ("/network", "Network"),
)


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute.

    Examples
    --------
    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def json_island(element_id: str, data: object) -> str:
    """A ``<script type="application/json">`` element whose text cannot end the element.

    ``<``, ``>``, ``&`` and U+2028/U+2029 are written as ``\\u`` escapes.

    Examples
    --------
    >>> island = json_island("d", {"name": "</script><b>&\u2028"})
    >>> print(island[island.index(">") + 1 : -len("</script>")])
    {"name": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}
    """
    text = json.dumps(data, ensure_ascii=False)
    for ch, rep in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, rep)
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def local_path(iri: str) -> str | None:
    """The path of this server's page for a resource IRI, or ``None`` for other IRIs.

    Examples
    --------
    >>> local_path("https://w3id.org/partygraph/id/party/kke")
    '/id/party/kke'
    >>> local_path("http://www.wikidata.org/entity/Q1") is None
    True
    """
    if iri.startswith(ID):
        return "/id/" + quote(iri[len(ID) :], safe="/-_.~%")
    return None


def link(iri: object, text: object = None) -> str:
    """A link to a resource: its local page when it has one, else the IRI as text."""
    iri = str(iri)
    path = local_path(iri)
    label = esc(text if text not in (None, "") else iri)
    if path is None:
        return f'<span class="iri">{label}</span>'
    return f'<a href="{esc(path)}">{label}</a>'


def cell(value: object) -> str:
    """One table cell: resources as links, literals as text, unbound as empty."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return link(value)
    if isinstance(value, Literal):
        return esc(str(value))
    return esc(value)


def table_html(table: Table, limit: int | None = None) -> str:
    """A table's rows as an HTML table (at most ``limit`` rows shown)."""
    rows = table.rows if limit is None else table.rows[:limit]
    head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f'<table class="rows"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def href(path: str, params: Mapping[str, object] | None = None) -> str:
    """A URL path with a query string of the non-empty ``params``.

    Examples
    --------
    >>> href("/api/q", {"party": "Communist Party of Greece", "format": "csv", "x": ""})
    '/api/q?party=Communist+Party+of+Greece&format=csv'
    """
    items = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return path + ("?" + urlencode(items) if items else "")


def page(title: str, body: str, *, extra_head: str = "", scripts: Sequence[str] = ()) -> str:
    """A complete page: header navigation, search box, the body (already HTML)."""
    nav = " ".join(f'<a href="{p}">{esc(t)}</a>' for p, t in NAV)
    tags = "".join(f'<script src="{esc(s)}"></script>' for s in scripts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · partygraph</title>"
        '<link rel="stylesheet" href="/static/serve.css">'
        f'{extra_head}</head><body data-ready="true">'
        f'<header><nav>{nav}</nav><form action="/search" method="get" role="search">'
        '<input type="search" name="q" placeholder="search parties and statements" '
        'aria-label="search"></form></header>'
        f"<main><h1>{esc(title)}</h1>{body}</main>{tags}</body></html>\n"
    )


def section(title: str, content: str) -> str:
    """A titled section (empty content gives nothing)."""
    return f"<section><h2>{esc(title)}</h2>{content}</section>" if content else ""


def items(entries: Iterable[str]) -> str:
    """An unordered list of entries already in HTML (empty list gives nothing)."""
    body = "".join(f"<li>{e}</li>" for e in entries)
    return f"<ul>{body}</ul>" if body else ""


def _number(v: Any) -> float | None:
    if isinstance(v, Literal):
        try:
            f = float(v.toPython())
        except (TypeError, ValueError):
            return None
        return f if math.isfinite(f) else None
    return None


def svg_chart(table: Table, view: str, top: int = 30) -> str:
    """A bar or line chart of a saved query's rows, as inline SVG (no script, no fetch).

    The first column labels the bars, the first numeric column after it gives their
    length. Returns ``""`` when no such column exists.

    Examples
    --------
    >>> t = Table(["year", "n"], [(Literal("2018"), Literal(3)), (Literal("2019"), Literal(5))])
    >>> svg = svg_chart(t, "BarChart"); svg.startswith("<svg") and svg.count("<rect") == 2
    True
    """
    if not table.rows:
        return ""
    # the first column labels the bars; the first numeric column after it is the value
    numeric = [
        i
        for i in range(1, len(table.columns))
        if all(_number(r[i]) is not None for r in table.rows)
    ]
    if not numeric:
        return ""
    value_col, label_col = numeric[0], 0
    rows = table.rows[:top]
    values = [_number(r[value_col]) or 0.0 for r in rows]
    labels = ["" if r[label_col] is None else str(r[label_col]) for r in rows]
    peak = max(max(values), 1e-9)
    width, bar, gap, left = 720, 18, 4, 260
    height = len(rows) * (bar + gap) + 10
    out = [
        f'<svg class="chart" role="img" aria-label="{esc(view)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    points = []
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = i * (bar + gap) + 5
        w = (width - left - 60) * v / peak
        out.append(
            f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{esc(lab[:40])}</text>'
        )
        if view == "LineChart":
            points.append(f"{left + w:.1f},{y + bar / 2:.1f}")
        else:
            out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}"/>')
        out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 4}">{esc(f"{v:g}")}</text>')
    if points:
        out.append(f'<polyline fill="none" stroke="currentColor" points="{" ".join(points)}"/>')
    out.append("</svg>")
    return "".join(out)
