"""The server: a SPARQL 1.1 Protocol endpoint, an editor, saved-query pages and an API,
pages for things with content negotiation, search and the network pages.

:func:`create_app` builds an :class:`App` over any :class:`~partygraph.store.GraphStore`
and a query :class:`~partygraph.queries.Catalogue`; :meth:`App.handle` answers one
:class:`Request` (tests call it in-process); :func:`serve` puts it on a socket with the
standard library's threading HTTP server.

Safety: every request must name an allowed ``Host`` (DNS rebinding); a ``POST`` from
another origin is refused; CORS headers only with ``cors=True``; every query from a
client is checked by :func:`partygraph.store.guard.check_local_query` (read-only, no
``SERVICE``, no remote ``FROM``) and runs in a :class:`~partygraph.serve.worker.WorkerPool`
with a time and a row limit.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from rdflib.term import URIRef

from partygraph.errors import PartygraphError
from partygraph.queries import Catalogue, SavedQuery, bind_params, to_csv, to_json, to_records
from partygraph.queries.run import Page, select_rows
from partygraph.serve import pages
from partygraph.serve.formats import (
    GRAPH_TYPES,
    RESULT_TYPES,
    boolean_result,
    graph_bytes,
    negotiate,
    table_bytes,
)
from partygraph.serve.html import (
    esc,
    href,
    items,
    json_island,
    link,
    page,
    section,
    svg_chart,
    table_html,
)
from partygraph.serve.worker import (
    Background,
    QueryTimeout,
    ServerBusy,
    StoreOpener,
    TooManyRows,
    WorkerPool,
)
from partygraph.store.base import FALLBACK_PREFIXES, GraphStore, Table, has_dataset_clause
from partygraph.store.guard import UnsafeQueryError, check_local_query
from partygraph.vocab import ID

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
MAX_BODY = 1 << 20
NETWORK_CACHE = 16  # network pages kept (one per slice asked for)
STATIC_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
}


@dataclass
class Request:
    """One HTTP request as the app sees it (header names in lower case)."""

    method: str
    target: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.target).path)

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass
class Response:
    """Status, headers and body of an answer."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def error(status: int, message: str) -> Response:
    """A JSON error answer: ``{"error": message, "status": status}``."""
    body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode()
    return Response(status, body, "application/json; charset=utf-8")


def html_response(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"), "text/html; charset=utf-8")


def _status_of(e: PartygraphError) -> int:
    if isinstance(e, _NotFound):
        return 404
    if isinstance(e, QueryTimeout):
        return 503
    if isinstance(e, TooManyRows):
        return 422
    if isinstance(e, ServerBusy):
        return 503
    return 400


def search_key(text: str) -> str:
    """Case- and accent-insensitive form of a text for search.

    Examples
    --------
    >>> search_key("Partido Comunista Português") == search_key("partido comunista portugues")
    True
    """
    from partygraph.subjects import search_fold

    return search_fold(text)


class App:
    """The whole server as one callable: ``app.handle(Request) -> Response``.

    Build it with :func:`create_app`.
    """

    def __init__(
        self,
        store: GraphStore,
        catalogue: Catalogue,
        pool: WorkerPool,
        *,
        cors: bool = False,
        allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
        registry: Any = None,
    ):
        self.store = store
        self.catalogue = catalogue
        self.pool = pool
        self.cors = cors
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.registry = registry
        self._lock = threading.Lock()
        self._search_index: list[tuple[str, str, str, str]] | None = None
        self.networks = Background(pool.opener, node_link="/id/party/{id}", keep=NETWORK_CACHE)
        self._home: str | None = None
        self._reconciler: Any = None
        self.routes: list[tuple[str, Callable[[Request, str], Response]]] = [
            ("/sparql", self.sparql),
            ("/editor", self.editor),
            ("/static/", self.static),
            ("/queries", self.queries),
            ("/api/", self.api),
            ("/id/", self.resource),
            ("/search", self.search),
            ("/network", self.network),
            ("/reconcile", self.reconcile),
        ]

    # --- dispatch ----------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """Answer one request (never raises for a client's mistake)."""
        refused = self._check_request(request)
        if refused is not None:
            return self._finish(request, refused)
        if request.method == "OPTIONS":
            return self._finish(request, Response(204))
        if request.method not in ("GET", "HEAD", "POST"):
            return self._finish(request, error(405, "only GET and POST are served"))
        path = request.path
        try:
            if path == "/":
                response = self.home(request, "")
            else:
                for prefix, handler in self.routes:
                    if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                        response = handler(request, path[len(prefix.rstrip("/")) :].lstrip("/"))
                        break
                else:
                    response = error(404, f"nothing at {path}")
        except PartygraphError as e:
            response = error(_status_of(e), str(e))
        return self._finish(request, response)

    def _check_request(self, request: Request) -> Response | None:
        host = (request.headers.get("host") or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if "*" not in self.allowed_hosts and name not in self.allowed_hosts:
            return error(403, f"Host {host!r} is not served here (see --allow-host)")
        if request.method == "POST" and not self.cors:
            site = request.headers.get("sec-fetch-site")
            if site and site not in ("same-origin", "none"):
                return error(403, f"cross-site POST refused (Sec-Fetch-Site: {site})")
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc.lower() != host:
                return error(403, f"POST from another origin refused ({origin})")
        return None

    def _finish(self, request: Request, response: Response) -> Response:
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "no-referrer")
        h.setdefault("Content-Security-Policy", CSP)
        if self.cors:
            h["Access-Control-Allow-Origin"] = "*"
            h["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            h["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        return response

    # --- SPARQL protocol ---------------------------------------------------------------

    def _sparql_text(self, request: Request) -> tuple[str | None, dict[str, list[str]]]:
        params = request.params
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if request.method == "POST":
            if len(request.body) > MAX_BODY:
                raise PartygraphError("request body too large", where="query")
            body = request.body.decode("utf-8", "replace")
            if ctype == "application/sparql-query":
                return body, params
            if ctype == "application/sparql-update":
                raise UnsafeQueryError("read-only: SPARQL Update is not allowed", where="query")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    raise UnsafeQueryError("read-only: SPARQL Update is not allowed", where="query")
                merged = {**params, **form}
                return (form.get("query") or [None])[0], merged
            raise PartygraphError(f"unsupported POST content type {ctype!r}", where="query")
        if "update" in params:
            raise UnsafeQueryError("read-only: SPARQL Update is not allowed", where="query")
        return (params.get("query") or [None])[0], params

    def sparql(self, request: Request, rest: str) -> Response:
        """The SPARQL 1.1 Protocol endpoint (query operation only)."""
        if rest:
            return error(404, f"nothing at /sparql/{rest}")
        query, params = self._sparql_text(request)
        accept = request.headers.get("accept")
        if query is None:
            if negotiate(None, accept, ["html", "ttl"], "ttl") == "html":
                return self.editor(request, "")
            return self.service_description(request)
        fmt = (params.get("format") or [None])[0]
        query = with_dataset(
            query, params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        )
        # listing the graphs costs ~20 ms on a large store: only for a query that names some
        graphs = self._graph_names() if has_dataset_clause(query) else ()
        form = check_local_query(query, local_graphs=graphs)
        value = self.pool.run(form, query)
        if form in ("SELECT", "ASK"):
            name = negotiate(fmt, accept, list(RESULT_TYPES), "json")
            if name is None:
                return error(406, "results are served as " + ", ".join(RESULT_TYPES.values()))
            body = boolean_result(value, name) if form == "ASK" else table_bytes(value, name)
            response = Response(200, body, RESULT_TYPES[name] + "; charset=utf-8")
        else:
            name = negotiate(fmt, accept, list(GRAPH_TYPES), "ttl")
            if name is None:
                return error(406, "graphs are served as " + ", ".join(GRAPH_TYPES.values()))
            response = Response(
                200, graph_bytes(value, name), GRAPH_TYPES[name] + "; charset=utf-8"
            )
        response.headers["Vary"] = "Accept"
        return response

    def _graph_names(self) -> list[str]:
        return self.store.graph_names()

    def service_description(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description of the endpoint, as Turtle."""
        host = request.headers.get("host") or "127.0.0.1"
        url = f"http://{host}/sparql"
        results = " ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in (
            "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
            "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples"))  # fmt: skip
        text = (
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
            f"<{url}#service> a sd:Service ;\n  sd:endpoint <{url}> ;\n"
            "  sd:supportedLanguage sd:SPARQL11Query ;\n"
            f"  sd:resultFormat {', '.join(results.split())} ;\n"
            "  sd:feature sd:UnionDefaultGraph ;\n"
            "  sd:defaultDataset [ a sd:Dataset ;\n"
            "    sd:defaultGraph [ a sd:Graph ] ;\n"
            + "".join(
                f"    sd:namedGraph [ sd:name <{g}> ] ;\n" for g in self._graph_names()[:1000]
            )
            + "  ] .\n"
        )
        return Response(200, text.encode(), "text/turtle; charset=utf-8", {"Vary": "Accept"})

    def editor(self, request: Request, rest: str) -> Response:
        """The YASGUI query editor, set to this endpoint, prefixes and saved queries."""
        config = {
            "endpoint": "/sparql",
            "prefixes": FALLBACK_PREFIXES,
            "examples": [
                {"name": q.name, "title": q.title, "query": q.sparql.strip()}
                for q in self.catalogue
            ],
        }
        examples = items(
            f'<button type="button" class="example" data-name="{esc(q.name)}">'
            f"{esc(q.title)}</button>"
            for q in self.catalogue
        )
        body = (
            "<p>Queries run read-only on this store, with a time and a row limit. "
            "Pick a saved query to load it:</p>"
            f'<details id="examples"><summary>Saved queries</summary>{examples}</details>'
            '<div id="yasgui"></div>' + json_island("editor-config", config)
        )
        head = '<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">'
        return html_response(
            page(
                "SPARQL editor",
                body,
                extra_head=head,
                scripts=["/static/yasgui/yasgui.min.js", "/static/editor.js"],
            )
        )

    def static(self, request: Request, rest: str) -> Response:
        """Files of the package's ``static`` folder (YASGUI, the style sheet, scripts)."""
        parts = [p for p in rest.split("/") if p]
        if not parts or any(p.startswith(".") for p in parts):
            return error(404, "no such file")
        node = resources.files("partygraph.serve").joinpath("static", *parts)
        if not node.is_file():
            return error(404, "no such file")
        suffix = "." + parts[-1].rsplit(".", 1)[-1]
        ctype = STATIC_TYPES.get(suffix, "application/octet-stream")
        if ctype.startswith("text/") or suffix == ".svg":
            ctype += "; charset=utf-8"
        return Response(200, node.read_bytes(), ctype, {"Cache-Control": "max-age=3600"})

    # --- saved queries -----------------------------------------------------------------

    def _saved(self, name: str) -> SavedQuery:
        if name not in self.catalogue:
            raise _NotFound(f"no saved query named {name!r}")
        return self.catalogue.get(name)

    def _run_saved(self, query: SavedQuery, values: Mapping[str, str], page: int = 1) -> Table:
        values = {k: v for k, v in values.items() if v != ""}
        bindings = bind_params(query, values, registry=self._registry())
        return select_rows(self.pool.select, query, bindings, page)

    def _registry(self) -> Any:
        if self.registry is None:
            from partygraph.resolve import Registry

            with self._lock:
                if self.registry is None:
                    self.registry = Registry.load()
        return self.registry

    def queries(self, request: Request, rest: str) -> Response:
        """``/queries`` (the catalogue), ``/queries/<name>`` (form and rows), ``<name>.rq``."""
        if not rest:
            rows = "".join(
                f'<tr><td><a href="/queries/{esc(q.name)}">{esc(q.title)}</a></td>'
                f"<td>{esc(q.summary)}</td><td><code>{esc(q.signature())}</code></td></tr>"
                for q in self.catalogue
            )
            body = (
                f"<p>{len(self.catalogue)} saved queries; each is also an API at "
                "<code>/api/&lt;name&gt;</code>.</p>"
                '<table class="rows"><thead><tr><th>query</th><th>summary</th>'
                f"<th>parameters</th></tr></thead><tbody>{rows}</tbody></table>"
            )
            return html_response(page("Saved queries", body))
        if rest.endswith(".rq"):
            q = self._saved(rest[:-3])
            return Response(200, q.sparql.encode(), "application/sparql-query; charset=utf-8")
        q = self._saved(rest)
        values = {p.name: request.param(p.name) or "" for p in q.params}
        submitted = any(p.name in request.params for p in q.params) or not any(
            p.required and p.default is None for p in q.params
        )
        fields = "".join(_field(p, values[p.name]) for p in q.params)
        form = (
            f'<form method="get" action="/queries/{esc(q.name)}" class="params">{fields}'
            '<button type="submit">Run</button></form>'
        )
        result = ""
        if submitted:
            run_values = {p.name: values[p.name] or (p.default or "") for p in q.params}
            try:
                number = page_number(request)
                table = self._run_saved(q, run_values, number)
            except PartygraphError as e:
                result = f'<p class="error" role="alert">{esc(e)}</p>'
            else:
                api, api_path = {k: v for k, v in run_values.items() if v}, "/api/" + q.name
                if isinstance(table, Page):
                    api["page"] = str(number)
                chart = svg_chart(table, q.default_view) if q.default_view != "Table" else ""
                result = (
                    f'<p class="links">{len(table.rows)} row(s) · '
                    f'<a href="{esc(href(api_path, {**api, "format": "csv"}))}">CSV</a> · '
                    f'<a href="{esc(href(api_path, {**api, "format": "json"}))}">JSON</a> · '
                    f'<a href="/queries/{esc(q.name)}.rq">SPARQL</a></p>'
                    + page_links(f"/queries/{q.name}", api, table)
                    + chart
                    + table_html(table)
                )
        description = f"<p>{esc(q.summary)}</p>" + (
            f'<p class="description">{esc(q.description)}</p>' if q.description else ""
        )
        return html_response(page(q.title, description + form + result))

    def api(self, request: Request, rest: str) -> Response:
        """``/api/<name>?param=...``: a saved query's rows as JSON (default) or CSV."""
        name, _, suffix = rest.partition(".")
        q = self._saved(name)
        values = {k: v[0] for k, v in request.params.items() if k not in ("format", "page")}
        fmt = request.param("format") or suffix or None
        # a browser's Accept (HTML first) gets JSON too
        chosen = negotiate(fmt, request.headers.get("accept"), ["json", "csv"], "json")
        if chosen is None:
            if fmt:
                return error(406, "the API answers in JSON or CSV")
            chosen = "json"
        table = self._run_saved(q, values, page_number(request))
        if not isinstance(table, Page):
            if chosen == "csv":
                return Response(200, to_csv(table).encode(), "text/csv; charset=utf-8")
            return Response(200, to_json(table).encode(), "application/json; charset=utf-8")
        # grlc's Link header, and a JSON object that tells the page and its neighbours
        asked = {k: v[0] for k, v in request.params.items() if k != "page"}
        near = neighbours(request.path, asked, table)
        link_header = {"Link": ", ".join(f'<{url}>; rel="{rel}"' for rel, url in near.items())}
        if chosen == "csv":
            return Response(200, to_csv(table).encode(), "text/csv; charset=utf-8", link_header)
        body = {
            "page": table.number,
            "pageSize": table.size,
            "pageCounts": table.unit,
            "more": table.more,
            "next": near.get("next"),
            "prev": near.get("prev"),
            "rows": to_records(table),
        }
        return Response(
            200,
            json.dumps(body, ensure_ascii=False, indent=2).encode(),
            "application/json; charset=utf-8",
            link_header,
        )

    def reconcile(self, request: Request, rest: str) -> Response:
        """``/reconcile``: the W3C Entity Reconciliation API (what OpenRefine speaks).

        GET or POST (form) fields ``queries``, ``query`` or ``extend`` go to
        :meth:`partygraph.link.reconcile.Reconciler.answer`; none gives the manifest;
        ``/reconcile/properties`` proposes the properties of a data extension.
        """
        if self._reconciler is None:
            from partygraph.link.reconcile import Reconciler

            registry = self._registry()  # takes the lock itself
            with self._lock:
                if self._reconciler is None:
                    self._reconciler = Reconciler(registry=registry)
        if rest == "properties":
            answer = self._reconciler.properties()
        elif rest:
            return error(404, f"nothing at /reconcile/{rest}")
        else:
            fields = {k: v[0] for k, v in request.params.items()}
            if request.method == "POST":
                form = request.body.decode("utf-8", "replace")
                fields.update({k: v[0] for k, v in parse_qs(form, keep_blank_values=True).items()})
            base = f"http://{request.headers.get('host') or '127.0.0.1'}"
            try:
                answer = self._reconciler.answer(fields, base)
            except ValueError as e:
                return error(400, f"reconcile: {e}")
        body = json.dumps(answer, ensure_ascii=False).encode()
        return Response(200, body, "application/json; charset=utf-8")

    # --- things --------------------------------------------------------------------------

    def resource(self, request: Request, rest: str) -> Response:
        """``/id/<kind>/<id>``: HTML, Turtle, JSON-LD or N-Triples by Accept or suffix."""
        suffix = None
        for ext in ("ttl", "jsonld", "nt", "csv", "json"):
            if rest.endswith("." + ext):
                rest, suffix = rest[: -len(ext) - 1], ext
                break
        kind = rest.split("/", 1)[0]
        iri = ID + rest
        try:
            URIRef(iri)
            exists = pages.exists(self.store, iri)
        except PartygraphError:
            exists = False
        if not exists:
            return _vary(
                html_response(page("Not found", f"<p>Nothing is known about {esc(iri)}.</p>"), 404)
            )
        accept = request.headers.get("accept")
        name = suffix or negotiate(None, accept, ["html", *GRAPH_TYPES], "ttl")
        if name in GRAPH_TYPES:
            body = graph_bytes(pages.describe(self.store, iri), name)
            return _vary(Response(200, body, GRAPH_TYPES[name] + "; charset=utf-8"))
        if name in ("csv", "json"):
            table = Table(
                ["predicate", "object"], [(URIRef(p), o) for p, o in pages.facts(self.store, iri)]
            )
            if name == "csv":
                return Response(200, to_csv(table).encode(), "text/csv; charset=utf-8")
            return Response(200, to_json(table).encode(), "application/json; charset=utf-8")
        if name != "html":
            return _vary(error(406, "served as HTML, Turtle, JSON-LD or N-Triples"))
        base = "/id/" + rest
        links = (
            '<p class="links">Data: '
            + " · ".join(
                f'<a href="{esc(base)}.{ext}">{label}</a>'
                for ext, label in (
                    ("ttl", "Turtle"),
                    ("jsonld", "JSON-LD"),
                    ("nt", "N-Triples"),
                    ("csv", "CSV"),
                    ("json", "JSON"),
                )
            )
            + f" · IRI <code>{esc(iri)}</code></p>"
        )
        title, body = pages.BODIES.get(kind, pages.other_body)(self.store, iri, links)
        return _vary(html_response(page(title, body)))

    # --- search, home, network -----------------------------------------------------------

    def _index(self) -> list[tuple[str, str, str, str]]:
        """(kind, iri, label, folded text) of every party and statement, built once."""
        with self._lock:
            if self._search_index is None:
                self._search_index = [
                    (kind, iri, label, search_key(text))
                    for kind, iri, label, text in pages.search_entries(self.store)
                ]
            return self._search_index

    def search(self, request: Request, rest: str) -> Response:
        """Parties and statements whose names, titles or text hold the words searched."""
        text = (request.param("q") or "").strip()
        found: dict[str, list[str]] = {"party": [], "statement": []}
        if text:
            words = search_key(text).split()
            for kind, iri, label, folded in self._index():
                if all(w in folded for w in words) and len(found[kind]) < 200:
                    found[kind].append(link(iri, label))
        body = (
            f'<form action="/search"><input type="search" name="q" value="{esc(text)}" '
            'aria-label="search again"><button>Search</button></form>'
            + (
                f"<p>No party or statement matches {esc(text)!s}.</p>"
                if text and not any(found.values())
                else ""
            )
            + section(f"Parties ({len(found['party'])})", items(found["party"]))
            + section(f"Statements ({len(found['statement'])})", items(found["statement"]))
        )
        return html_response(page(f"Search: {text}" if text else "Search", body))

    def home(self, request: Request, rest: str) -> Response:
        """What the graph holds, search, and links to everything else (built once)."""
        with self._lock:
            if self._home is None:
                self._home = self._home_page()
        return html_response(self._home)

    def _home_page(self) -> str:
        stats = self.store.stats()
        counts = items(
            f"{esc(stats.get(k, 0))} {esc(k)}"
            for k in ("statements", "parties", "meetings", "signatures", "triples", "graphs")
        )
        meetings = pages.meetings(self.store)
        countries = pages.countries(self.store)
        names = pages.labels(self.store, [m for m, _, _ in meetings] + [c for c, _ in countries])
        body = (
            section("What the graph holds", counts)
            + section(
                "Explore",
                items(
                    [
                        '<a href="/sparql">SPARQL editor</a> (endpoint <code>/sparql</code>)',
                        '<a href="/queries">Saved queries</a> and their API '
                        "(<code>/api/&lt;name&gt;</code>)",
                        '<a href="/network">Co-signature network</a>',
                        '<a href="/search">Search parties and statements</a>',
                    ]
                ),
            )
            + section(
                "Meetings",
                items(
                    f"{link(m, names.get(str(m)))} "
                    f"<small>{esc(d or '')} · {esc(n)} statements</small>"
                    for m, d, n in meetings
                ),
            )
            + section(
                "Countries",
                items(
                    f"{link(c, names.get(str(c)))} <small>({esc(n)} parties)</small>"
                    for c, n in countries
                ),
            )
        )
        return page("partygraph", body)

    def network(self, request: Request, rest: str) -> Response:
        """The co-signature network page of ``partygraph viz``; slices by URL parameters.

        ``?since=YEAR&until=YEAR&meeting=SLUG&series=SLUG``; ``search=`` starts a search.
        Clicking a node opens the party's page.
        """
        if rest:
            return error(404, f"nothing at /network/{rest}")
        p = request.params

        def year(name: str) -> int | None:
            v = (p.get(name) or [""])[0]
            if v and not v.isdigit():
                raise PartygraphError(f"expected a year, got {v!r}", where=name)
            return int(v) if v else None

        key = (
            tuple(p.get("meeting", [])),
            year("since"),
            year("until"),
            tuple(p.get("series", [])),
        )
        cached = self.networks.get(key, wait=max(self.pool.timeout, 10.0))
        if cached is None:
            response = error(503, "the network of this slice is being drawn; reload in a minute")
            response.headers["Retry-After"] = "30"
            return response
        response = html_response(cached)
        # the page's own CSP (inline script and style only) applies
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        )
        return response

    def warm(self) -> None:
        """Build what the first visitors would wait for: home page, search index, network.

        Pages show the store as it was then (a served store is a read-only snapshot).
        """
        headers = {"host": "127.0.0.1"}
        for target in ("/", "/network"):
            self.handle(Request("GET", target, headers))
        self._index()

    def close(self) -> None:
        """Stop the query workers and the network drawings."""
        self.pool.close()
        self.networks.close()


def page_number(request: Request) -> int:
    """The ``page`` a request asks for (1 when none).

    Examples
    --------
    >>> page_number(Request("GET", "/api/signatories?page=3", {})), page_number(
    ...     Request("GET", "/api/signatories", {}))
    (3, 1)
    >>> page_number(Request("GET", "/api/signatories?page=0", {}))
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: page: expected a page number >= 1, got '0'
    """
    text = (request.param("page") or "1").strip()
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        raise PartygraphError(f"expected a page number >= 1, got {text!r}", where="page")
    return int(text)


def neighbours(path: str, params: Mapping[str, str], table: Page) -> dict[str, str]:
    """Links to the pages next to ``table`` (``prev``, ``next``), of ``path`` with ``params``.

    Examples
    --------
    >>> neighbours("/api/q", {"min": "2"}, Page(["n"], [], number=2, size=10, more=True))
    {'prev': '/api/q?min=2&page=1', 'next': '/api/q?min=2&page=3'}
    """
    near = {"prev": table.number - 1} if table.number > 1 else {}
    if table.more:
        near["next"] = table.number + 1
    return {rel: href(path, {**params, "page": n}) for rel, n in near.items()}


def page_links(path: str, params: Mapping[str, str], table: Table) -> str:
    """The previous/next links of a page of rows on an HTML page (nothing for all rows)."""
    if not isinstance(table, Page):
        return ""
    first = (table.number - 1) * table.size + 1
    if table.key is None:
        shown = f"page {table.number}: rows {first:,}-{first + len(table.rows) - 1:,}"
    else:  # a page of statements (say), each with its rows
        count = len(set(map(table.key.getter(table.columns), table.rows)))
        last = first + count - 1
        shown = f"page {table.number}: {table.unit} {first:,}-{last:,} ({len(table.rows):,} rows)"
    names = {"prev": "previous page", "next": "next page"}
    near = neighbours(path, params, table).items()
    links = [f'<a href="{esc(url)}" rel="{rel}">{names[rel]}</a>' for rel, url in near]
    return f'<p class="pages">{" · ".join([shown, *links])}</p>'


class _NotFound(PartygraphError):
    pass


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


_INPUT_TYPES = {"integer": "number", "date": "date"}


def _field(p: Any, value: str) -> str:
    kind = _INPUT_TYPES.get(p.type, "text")
    hint = p.description or p.type
    placeholder = p.default or ""
    return (
        f"<label>{esc(p.name)}{' *' if p.required else ''} <small>({esc(p.type)})</small> "
        f'<input type="{kind}" name="{esc(p.name)}" value="{esc(value)}" '
        f'placeholder="{esc(placeholder)}" title="{esc(hint)}"></label>'
    )


def with_dataset(query: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """Add the protocol's ``default-graph-uri``/``named-graph-uri`` as ``FROM`` clauses.

    They go before the query's first ``WHERE`` (or its first ``{`` for forms without a
    template), which is where SPARQL puts the dataset clause.

    Examples
    --------
    >>> with_dataset("SELECT * WHERE { ?s ?p ?o }", ["http://e/g"], [])
    'SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }'
    """
    if not default_graphs and not named_graphs:
        return query
    from partygraph.store.base import _tokens, check_graph_iri

    clause = " ".join(
        [f"FROM <{check_graph_iri(g)}>" for g in default_graphs]
        + [f"FROM NAMED <{check_graph_iri(g)}>" for g in named_graphs]
    )
    seen_form = ""
    for kind, tok, pos in _tokens(query):
        if kind == "word" and tok.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            seen_form = seen_form or tok.upper()
        elif seen_form and kind == "word" and tok.upper() == "WHERE":
            return query[:pos] + clause + " " + query[pos:]
        elif seen_form and seen_form != "CONSTRUCT" and kind == "other" and "{" in tok:
            at = pos + tok.index("{")
            return query[:at] + clause + " " + query[at:]
    raise PartygraphError("cannot place the dataset clause in this query", where="query")


def create_app(
    store: GraphStore,
    catalogue: Catalogue | None = None,
    *,
    timeout: float = 5.0,
    max_rows: int = 10_000,
    cors: bool = False,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    workers: int = 2,
    registry: Any = None,
) -> App:
    """Build the server's :class:`App` over ``store`` and start its query workers.

    Parameters
    ----------
    store
        Any :class:`~partygraph.store.GraphStore`; workers open their own read-only handle
        on the same data (:class:`~partygraph.serve.worker.StoreOpener`).
    catalogue
        The saved queries (default: the project's ``queries/``).
    timeout, max_rows
        Per-query limits for every query a client sends or parameterises.
    cors
        Send ``Access-Control-Allow-Origin: *`` (and accept cross-origin POSTs).
    allowed_hosts
        Host names the ``Host`` header may carry (``*`` for any).
    workers
        Query worker processes.
    registry
        The party registry for ``party`` parameters (default: loaded on first use).

    Returns
    -------
    App
        Call :meth:`App.close` when done (stops the workers).
    """
    pool = WorkerPool(
        StoreOpener.for_store(store), workers=workers, timeout=timeout, max_rows=max_rows
    )
    return App(
        store,
        catalogue or Catalogue.load(),
        pool,
        cors=cors,
        allowed_hosts=allowed_hosts,
        registry=registry,
    )


class _Handler(BaseHTTPRequestHandler):
    app: App
    server_version = "partygraph"
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            response = error(413, "request body too large")
            self.close_connection = True
        else:
            body = self.rfile.read(length) if length else b""
            request = Request(
                self.command,
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
            response = self.app.handle(request)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for k, v in response.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


def make_server(app: App, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A threading HTTP server answering with ``app`` (port 0 picks a free port)."""
    handler = type("Handler", (_Handler,), {"app": app})
    # the default backlog of 5 drops connections of a burst of clients (SYN retried in 1 s)
    server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": 128})
    server = server_class((host, port), handler)
    server.daemon_threads = True
    return server


def serve(
    app: App,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``app`` until interrupted; ``ready`` gets the base URL once listening."""
    server = make_server(app, host, port)
    shown = f"[{host}]" if ":" in host else host
    if ready is not None:
        ready(f"http://{shown}:{server.server_address[1]}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
        app.close()
