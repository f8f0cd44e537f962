"""A remote SPARQL 1.1 server as a :class:`~partygraph.store.base.GraphStore`.

Queries go through SPARQLWrapper (a User-Agent, a timeout, POST for long queries, JSON
results). The query text is sent with its comments stripped and its form classified
here, because SPARQLWrapper guesses the form from keywords and is fooled by comments.
Bindings travel as a ``VALUES`` block of serialized terms.

Loads use the SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT`` per named graph, which
replaces that graph on the server. Without a graph store (or when the server refuses
``PUT``), ``DROP SILENT GRAPH`` + ``INSERT DATA`` requests to the update endpoint do
the same. Credentials come from ``$PARTYGRAPH_USER`` / ``$PARTYGRAPH_PASSWORD``
(HTTP basic, or digest for Virtuoso; ``$PARTYGRAPH_AUTH`` overrides). Connection
errors and 5xx answers are retried a bounded number of times with backoff; every
failure surfaces as a :class:`~partygraph.errors.PartygraphError` naming the URL.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef
from SPARQLWrapper import DIGEST, INSERT, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from partygraph import __version__
from partygraph.errors import PartialWriteError, PartygraphError
from partygraph.store import summaries
from partygraph.store.base import (
    RDF_TYPE,
    Bindings,
    Table,
    check_graph_iri,
    inject_values,
    parse_graphs,
    quad_ntriples,
)
from partygraph.store.embedded import SIGNED, STAT_CLASSES, STAT_KEYS
from partygraph.store.export import export_oxigraph
from partygraph.store.guard import check_local_query
from partygraph.store.profiles import ServerProfile, endpoints, get_profile
from partygraph.terms import XSD_STRING
from partygraph.vocab import PG, REGISTRY_GRAPH

USER_AGENT = f"partygraph/{__version__} (+https://w3id.org/partygraph)"
#: queries longer than this go by POST (URLs of several KB are refused by some servers)
GET_LIMIT = 1500
#: triples per SPARQL Update request in the fallback path
UPDATE_CHUNK = 5000

T = TypeVar("T")


class _Retryable(Exception):
    """A failure worth another try (connection refused or reset, HTTP 5xx)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Unsupported(Exception):
    """The server does not offer the Graph Store Protocol at this URL."""


class RemoteStore:
    """A SPARQL 1.1 server (query, update and Graph Store endpoints).

    Parameters
    ----------
    endpoint
        Query endpoint URL, or the server's base URL when ``profile`` is given.
    update_endpoint, graph_store
        SPARQL Update and Graph Store Protocol URLs (the profile's by default).
    profile
        ``oxigraph``, ``fuseki``, ``virtuoso`` or ``graphdb`` (see ``docs/stores.md``).
    user, password, auth
        Credentials (default ``$PARTYGRAPH_USER`` / ``$PARTYGRAPH_PASSWORD``) and scheme,
        ``basic`` or ``digest`` (default ``$PARTYGRAPH_AUTH``, else the profile's).
    timeout
        Seconds to wait for each answer.
    retries, backoff
        Extra attempts after a connection error or HTTP 5xx, and the first pause
        (doubled each time).

    Examples
    --------
    >>> s = RemoteStore("http://127.0.0.1:7878", profile="oxigraph")
    >>> s.endpoint, s.graph_store
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/store')
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        *,
        profile: str | ServerProfile | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.25,
    ):
        prof = get_profile(profile) if isinstance(profile, str) else profile
        self.profile = prof
        self.endpoint, self.update_endpoint, self.graph_store = endpoints(
            prof, endpoint, update_endpoint, graph_store
        )
        self.user = user if user is not None else os.environ.get("PARTYGRAPH_USER") or None
        pw = password if password is not None else os.environ.get("PARTYGRAPH_PASSWORD")
        self.password = pw or ""
        scheme = auth or os.environ.get("PARTYGRAPH_AUTH") or (prof.auth if prof else "basic")
        if scheme.lower() not in ("basic", "digest"):
            raise PartygraphError(f"expected basic or digest, got {scheme!r}", where="auth")
        self.auth = scheme.lower()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._gsp_works = self.graph_store is not None

    # --- HTTP plumbing --------------------------------------------------------------

    def _retrying(self, url: str, attempt: Callable[[], T]) -> T:
        last = ""
        for i in range(self.retries + 1):
            try:
                return attempt()
            except _Retryable as e:
                last = e.message
                if i < self.retries:
                    time.sleep(self.backoff * 2**i)
        raise PartygraphError(f"{last} (gave up after {self.retries + 1} attempts)", source=url)

    def _network_error(self, url: str, e: BaseException) -> Exception:
        """Map a low-level failure to a retryable marker or a user-facing error."""
        reason = e.reason if isinstance(e, urllib.error.URLError) else e
        if isinstance(reason, TimeoutError | socket.timeout):
            return PartygraphError(f"no answer within {self.timeout:g} s (timeout)", source=url)
        if isinstance(reason, ConnectionError | http.client.HTTPException | OSError):
            return _Retryable(f"cannot reach the server ({reason})")
        return PartygraphError(f"request failed ({reason})", source=url)

    def _http_status_error(self, url: str, code: int, body: str) -> Exception:
        detail = " ".join(body.split())[:200]
        if code >= 500:
            return _Retryable(f"server error (HTTP {code}: {detail})")
        if code == 401 or code == 403:
            return PartygraphError(
                f"authentication failed (HTTP {code}); check $PARTYGRAPH_USER and "
                "$PARTYGRAPH_PASSWORD",
                source=url,
            )
        if code == 404:
            return PartygraphError("not found (HTTP 404): is this the right endpoint?", source=url)
        return PartygraphError(
            f"the server refused the request (HTTP {code}: {detail})", source=url
        )

    def _sparql(self, url: str, text: str, form: str, fmt: str, union: bool) -> tuple[bytes, str]:
        """Send a query or update through SPARQLWrapper; return (body, content type)."""

        def attempt() -> tuple[bytes, str]:
            if form == "UPDATE":
                w = SPARQLWrapper(self.endpoint, updateEndpoint=url, agent=USER_AGENT)
            else:
                w = SPARQLWrapper(url, agent=USER_AGENT)
            w.timeout = self.timeout  # type: ignore[assignment]  # setTimeout() truncates to int
            w.setQuery(text)
            # our classification, not SPARQLWrapper's guess (any update keyword marks an update)
            w.queryType = INSERT if form == "UPDATE" else form
            if form == "UPDATE" or len(text) > GET_LIMIT:
                w.setMethod(POST)
            w.setReturnFormat(fmt)
            if union and self.profile is not None:
                for k, v in self.profile.query_params:
                    w.addParameter(k, v)
            if self.user:
                if self.auth == "digest":
                    w.setHTTPAuth(DIGEST)
                w.setCredentials(self.user, self.password)
            try:
                res = w.query()
                body = res.response.read()
                return body, res.response.headers.get("Content-Type", "")
            except Unauthorized:
                raise self._http_status_error(url, 401, "") from None
            except EndPointNotFound:
                raise self._http_status_error(url, 404, "") from None
            except (QueryBadFormed, URITooLong) as e:
                msg = str(e).split("Response:")[-1]
                raise PartygraphError(
                    f"the server rejected the query: {' '.join(msg.split())[:300]}", source=url
                ) from None
            except EndPointInternalError as e:
                detail = " ".join(str(e).split())[:200]
                raise _Retryable(f"server error (HTTP 500: {detail})") from None
            except urllib.error.HTTPError as e:
                raise self._http_status_error(url, e.code, _read(e)) from None
            except SPARQLWrapperException as e:
                raise PartygraphError(f"request failed ({e})", source=url) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                raise self._network_error(url, e) from None

        return self._retrying(url, attempt)

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        ok404: bool = False,
    ) -> tuple[int, bytes, str]:
        """A plain HTTP request (Graph Store Protocol) with auth, timeout and retries."""

        def attempt() -> tuple[int, bytes, str]:
            req = urllib.request.Request(url, data=body, method=method)
            req.add_header("User-Agent", USER_AGENT)
            for k, v in (headers or {}).items():
                req.add_header(k, v)
            handlers: list[urllib.request.BaseHandler] = []
            if self.user:
                if self.auth == "digest":
                    mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                    mgr.add_password(None, url, self.user, self.password)
                    handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
                else:
                    token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
                    req.add_header("Authorization", "Basic " + token)
            try:
                with urllib.request.build_opener(*handlers).open(req, timeout=self.timeout) as r:
                    return r.status, r.read(), r.headers.get("Content-Type", "")
            except urllib.error.HTTPError as e:
                if e.code == 404 and ok404:
                    return 404, b"", ""
                if e.code in (405, 415, 501) or (e.code == 404 and method == "PUT"):
                    raise _Unsupported(f"HTTP {e.code}") from None
                raise self._http_status_error(url, e.code, _read(e)) from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                raise self._network_error(url, e) from None

        return self._retrying(url, attempt)

    def _gsp_url(self, graph: str) -> str:
        assert self.graph_store is not None
        param = self.profile.graph_param if self.profile else "graph"
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}{param}={urllib.parse.quote(graph, safe='')}"

    # --- queries --------------------------------------------------------------------

    def _run(self, query: str, bindings: Bindings | None, want: set[str], fmt: str):
        text = inject_values(query, bindings)
        form = check_local_query(text)  # no SERVICE, no remote FROM, no update
        if form not in want:
            raise PartygraphError(f"expected a {' or '.join(sorted(want))} query", where="query")
        return self._sparql(self.endpoint, text, form, fmt, union=True)

    def select(self, query: str, bindings: Bindings | None = None) -> Table:
        """Run a SELECT query on the server's union default graph."""
        body, _ = self._run(query, bindings, {"SELECT"}, JSON)
        return _table(body, self.endpoint)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query on the server's union default graph."""
        body, _ = self._run(query, bindings, {"ASK"}, JSON)
        try:
            return bool(json.loads(body)["boolean"])
        except (ValueError, KeyError, TypeError):
            raise PartygraphError(
                "not a SPARQL JSON boolean result", source=self.endpoint
            ) from None

    def construct(self, query: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; return pyoxigraph triples."""
        body, ctype = self._run(query, bindings, {"CONSTRUCT", "DESCRIBE"}, TURTLE)
        return list(_parse_rdf(body, ctype, self.endpoint))

    def _select_raw(self, text: str) -> Table:
        body, _ = self._sparql(self.endpoint, text, "SELECT", JSON, union=False)
        return _table(body, self.endpoint)

    # --- writes ---------------------------------------------------------------------

    def _need_update(self) -> str:
        if self.update_endpoint is None:
            raise PartygraphError(
                "this endpoint is read-only for partygraph: give --update-endpoint or "
                "--graph-store",
                source=self.endpoint,
            )
        return self.update_endpoint

    def replace_graphs(
        self, graphs: Mapping[str, Sequence[ox.Quad]], drop: Iterable[str] = ()
    ) -> None:
        """Replace named graphs (one Graph Store ``PUT`` each) and drop others.

        Each graph is replaced atomically by the server; several graphs are only one
        transaction on the SPARQL Update path when they fit in one request.
        """
        names = [check_graph_iri(g) for g in graphs]
        drop = [check_graph_iri(g) for g in drop]
        summaries.maintain(self, graphs, drop, lambda: self._replace(graphs, names, drop))

    def _replace(
        self, graphs: Mapping[str, Sequence[ox.Quad]], names: list[str], drop: list[str]
    ) -> None:
        if self._gsp_works:
            written: list[str] = []
            try:
                for g in names:
                    quads = graphs[g]
                    if quads:
                        body = "".join(map(quad_ntriples, quads)).encode()
                        self._request(
                            "PUT", self._gsp_url(g), body, {"Content-Type": "text/turtle"}
                        )
                    else:
                        self._request("DELETE", self._gsp_url(g), ok404=True)
                    written.append(g)
                if drop:
                    self._drop(drop)
                return
            except PartygraphError as e:
                if not written:
                    raise
                # say which graphs landed: the caller reports them per document
                raise PartialWriteError(e.message, written=written, source=e.source) from None
            except _Unsupported:
                if self.update_endpoint is None:
                    raise PartygraphError(
                        "the server refuses Graph Store PUT and no update endpoint is set",
                        source=self.graph_store,
                    ) from None
                self._gsp_works = False  # fall back to SPARQL Update from now on
        url = self._need_update()
        ops = [f"DROP SILENT GRAPH <{g}>" for g in dict.fromkeys([*names, *drop])]
        requests: list[list[str]] = [ops]
        size = 0
        for g in names:
            lines = [quad_ntriples(q) for q in graphs[g]]
            for i in range(0, len(lines), UPDATE_CHUNK):
                chunk = lines[i : i + UPDATE_CHUNK]
                if size + len(chunk) > UPDATE_CHUNK:
                    requests.append([])
                    size = 0
                requests[-1].append(f"INSERT DATA {{ GRAPH <{g}> {{\n{''.join(chunk)}}} }}")
                size += len(chunk)
        for ops_ in requests:
            if ops_:
                self._sparql(url, " ;\n".join(ops_), "UPDATE", JSON, union=False)

    def load_graphs(
        self,
        graphs: Mapping[str, bytes],
        drop: Iterable[str] = (),
        read: Mapping[str, summaries.SummaryInput] | None = None,
    ) -> None:
        """:meth:`replace_graphs` for graphs given as N-Quads (each text's quads in its
        graph); ``read`` is not needed: the quads are parsed to be sent."""
        self.replace_graphs(parse_graphs(graphs), drop)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs from the server (absent ones are ignored)."""
        names = [check_graph_iri(g) for g in graphs]
        if names:
            summaries.maintain(self, {}, names, lambda: self._drop(names))

    def patch_graph(
        self,
        graph: str,
        delete: Sequence[summaries.Triple],
        insert: Sequence[summaries.Triple] | bytes,
    ) -> None:
        """Remove then add triples of one named graph (SPARQL ``DELETE/INSERT DATA``);
        ``insert`` may be N-Triples text."""
        url, g = self._need_update(), check_graph_iri(graph)
        if isinstance(insert, bytes):
            lines = insert.decode().splitlines(keepends=True)
        else:
            lines = [f"{s} {p} {o} .\n" for s, p, o in insert]
        deleted = [f"{s} {p} {o} .\n" for s, p, o in delete]
        for verb, body in (("DELETE", deleted), ("INSERT", lines)):
            for i in range(0, len(body), UPDATE_CHUNK):
                text = f"{verb} DATA {{ GRAPH <{g}> {{\n{''.join(body[i : i + UPDATE_CHUNK])}}} }}"
                self._sparql(url, text, "UPDATE", JSON, union=False)

    def _drop(self, names: list[str]) -> None:
        if self.update_endpoint is not None:
            text = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names)
            self._sparql(self.update_endpoint, text, "UPDATE", JSON, union=False)
        elif self.graph_store is not None:
            for g in names:
                self._request("DELETE", self._gsp_url(g), ok404=True)
        else:
            self._need_update()

    # --- reading the whole store ---------------------------------------------------------

    def _is_system(self, graph: str) -> bool:
        return self.profile is not None and graph.startswith(self.profile.system_graphs)

    def _graph_sizes(self) -> dict[str, int]:
        t = self._select_raw(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        return {
            str(g): _count(n, self.endpoint)
            for g, n in _columns(t, ("g", "n"), self.endpoint)
            if isinstance(g, URIRef) and not self._is_system(str(g))
        }

    def graph_names(self) -> list[str]:
        """IRIs of the server's non-empty named graphs (system graphs and the derived
        summaries left out), sorted."""
        return sorted(g for g in self._graph_sizes() if g != summaries.SUMMARY_GRAPH)

    def stats(self) -> dict[str, int]:
        """Count what the server holds, as :meth:`EmbeddedStore.stats` does."""
        values = " ".join(f"<{c}>" for c in STAT_CLASSES.values())
        # GRAPH ?g, not the default graph: whether that is the union of the named graphs
        # depends on the server and its profile, the triples counted below do not
        t = self._select_raw(
            f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?c {{ {values} }} "
            f"GRAPH ?g {{ ?s <{RDF_TYPE}> ?c }} }} GROUP BY ?c"
        )
        counts = {
            str(c): _count(n, self.endpoint) for c, n in _columns(t, ("c", "n"), self.endpoint)
        }
        out = {k: counts.get(c, 0) for k, c in STAT_CLASSES.items()}
        signed = " ".join(f"<{p}>" for p in SIGNED)
        sizes = self._graph_sizes()  # without the server's system graphs
        sizes.pop(summaries.SUMMARY_GRAPH, None)  # derived, not what documents say
        graphs = " ".join(f"<{g}>" for g in sizes)
        union = self.select(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
            f"VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
        parties = self.select(
            f"SELECT (COUNT(DISTINCT ?party) AS ?n) WHERE {{ VALUES ?p {{ {signed} }} "
            "GRAPH ?g { ?st ?p ?party } }"
        )
        registry = self.select(
            f"SELECT (COUNT(DISTINCT ?party) AS ?n) WHERE {{ GRAPH <{REGISTRY_GRAPH}> "
            f"{{ ?party <{RDF_TYPE}> <{PG}Party> }} }}"
        )
        out["parties"] = int(parties.rows[0][0] or 0)  # type: ignore[arg-type]
        out["registry_parties"] = int(registry.rows[0][0] or 0)  # type: ignore[arg-type]
        out["triples"] = int(union.rows[0][0] or 0)  # type: ignore[arg-type]
        out["quads"] = sum(sizes.values())
        out["graphs"] = len(sizes)
        return {k: out[k] for k in STAT_KEYS}

    def fetch_graph(self, graph: str, into: ox.Store) -> None:
        """Copy one named graph of the server into a local pyoxigraph store."""
        node = ox.NamedNode(check_graph_iri(graph))
        if self._gsp_works:
            try:
                accept = "application/n-triples, text/turtle;q=0.9"
                _, body, ctype = self._request(
                    "GET", self._gsp_url(graph), headers={"Accept": accept}
                )
                into.extend(
                    ox.Quad(t.subject, t.predicate, t.object, node)
                    for t in _parse_rdf(body, ctype, self.graph_store or "")
                )
                return
            except _Unsupported:
                pass
        body, ctype = self._sparql(
            self.endpoint,
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            "CONSTRUCT",
            TURTLE,
            union=False,
        )
        into.extend(
            ox.Quad(t.subject, t.predicate, t.object, node)
            for t in _parse_rdf(body, ctype, self.endpoint)
        )

    def export(self, fmt: str, target: Path | BinaryIO) -> None:
        """Download every named graph and write them in ``fmt`` (temp file + rename)."""
        local = ox.Store()
        for g in self.graph_names():
            self.fetch_graph(g, local)
        export_oxigraph(local, fmt, target)

    def close(self) -> None:
        """Nothing to release: each request opens its own connection."""

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"


def _read(e: urllib.error.HTTPError) -> str:
    try:
        return e.read().decode("utf-8", "replace")
    except OSError:
        return ""


_DT: dict[str, URIRef] = {}


def _json_term(b: Mapping[str, str] | None) -> Node | None:
    if b is None:
        return None
    kind = b.get("type")
    value = b.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind in ("literal", "typed-literal"):
        lang = b.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        dt = b.get("datatype")
        if not dt or dt == XSD_STRING:
            return Literal(value)
        node = _DT.get(dt)
        if node is None:
            node = _DT[dt] = URIRef(dt)
        return Literal(value, datatype=node)
    if kind == "bnode":
        return BNode(value)
    raise ValueError(f"unknown term type {kind!r}")


def _columns(table: Table, names: Sequence[str], url: str) -> list[tuple[Node | None, ...]]:
    """The rows of ``table`` cut to the columns ``names``, which the server must have sent.

    Examples
    --------
    >>> t = Table(["n", "g", "extra"], [(Literal(3), URIRef("http://ex/g"), None)])
    >>> _columns(t, ("g", "n"), "http://h/q")
    [(rdflib.term.URIRef('http://ex/g'), rdflib.term.Literal('3', ...))]
    >>> _columns(Table(["x"], []), ("g", "n"), "http://h/q")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: http://h/q: unexpected SPARQL result: columns ?x, ...
    """
    missing = [c for c in names if c not in table.columns]
    if missing:
        got = " ".join("?" + c for c in table.columns) or "none"
        want = " ".join("?" + c for c in names)
        raise PartygraphError(
            f"unexpected SPARQL result: columns {got}, expected {want}", source=url
        )
    index = [table.columns.index(c) for c in names]
    return [tuple(row[i] for i in index) for row in table.rows]


def _count(value: Node | None, url: str) -> int:
    """A count the server sent, as an int; one clear error if it is not a number."""
    try:
        n = int(str(value))
    except ValueError:
        raise PartygraphError(
            f"unexpected SPARQL result: {value!r} is not a count", source=url
        ) from None
    if n < 0:
        raise PartygraphError(f"unexpected SPARQL result: negative count {n}", source=url)
    return n


def _table(body: bytes, url: str) -> Table:
    cache: dict[tuple[str, ...], Node | None] = {}  # result cells repeat parties, dates...

    def cell(b: Mapping[str, str] | None) -> Node | None:
        if b is None:
            return None
        key = tuple(b.values())
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = _json_term(b)
        return hit

    try:
        data = json.loads(body)
        cols = list(data["head"]["vars"])
        rows = [tuple(cell(b.get(c)) for c in cols) for b in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as e:
        raise PartygraphError(f"not a SPARQL JSON result ({e})", source=url) from None
    return Table(cols, rows)


def _parse_rdf(body: bytes, ctype: str, url: str):
    media = ctype.split(";")[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media) if media else None
    if fmt is None or fmt.supports_datasets:
        fmt = ox.RdfFormat.TURTLE
    try:
        return list(ox.parse(body, fmt))
    except (SyntaxError, ValueError) as e:
        raise PartygraphError(
            f"could not parse the server's {media or 'RDF'} ({e})", source=url
        ) from None
