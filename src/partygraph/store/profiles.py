"""Endpoint layouts of the SPARQL servers users run (see ``docs/stores.md``).

A profile turns one server URL into the three endpoints partygraph needs (query,
update, Graph Store Protocol), tells which HTTP authentication the server asks for, how
to make the default graph the union of the named graphs, and which graphs are the
server's own (left out of ``graph_names`` and ``stats``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partygraph.errors import PartygraphError


@dataclass(frozen=True)
class ServerProfile:
    """Where a server keeps its endpoints, relative to its base URL."""

    name: str
    query: str
    update: str | None
    graph_store: str | None
    auth: str = "basic"  # "basic" or "digest"
    #: extra URL parameters on the query endpoint (e.g. to ask for the union default graph)
    query_params: tuple[tuple[str, str], ...] = ()
    #: graph IRI prefixes that belong to the server, not to the user's data
    system_graphs: tuple[str, ...] = ()
    #: name of the Graph Store Protocol parameter for the graph IRI
    graph_param: str = "graph"
    union_note: str = field(default="", compare=False)


PROFILES: dict[str, ServerProfile] = {
    "oxigraph": ServerProfile(
        "oxigraph",
        query="/query",
        update="/update",
        graph_store="/store",
        query_params=(("union-default-graph", ""),),
        union_note="per query with ?union-default-graph, or `oxigraph serve --union-default-graph`",
    ),
    "fuseki": ServerProfile(
        "fuseki",
        query="/sparql",
        update="/update",
        graph_store="/data",
        query_params=(("default-graph-uri", "urn:x-arq:UnionGraph"),),
        union_note="default-graph-uri=urn:x-arq:UnionGraph (TDB/TDB2), or tdb2:unionDefaultGraph",
    ),
    "virtuoso": ServerProfile(
        "virtuoso",
        query="/sparql",
        update="/sparql-auth",
        graph_store="/sparql-graph-crud-auth",
        auth="digest",
        system_graphs=(
            "http://www.openlinksw.com/",
            "http://www.w3.org/ns/ldp",
            "http://localhost:8890/",
            "http://localuriqaserver/",
            "http://www.w3.org/2002/07/owl",
            "urn:",
        ),
        union_note="the default graph is the union of all graphs (system graphs included)",
    ),
    "graphdb": ServerProfile(
        "graphdb",
        query="",
        update="/statements",
        graph_store="/rdf-graphs/service",
        union_note="the default graph is the union of all graphs (RDF4J semantics)",
    ),
}


def get_profile(name: str | None) -> ServerProfile | None:
    """Look a profile up by name (case-insensitive); ``None`` and ``generic`` give ``None``.

    ``generic`` means: use the given URLs as they are.

    Examples
    --------
    >>> get_profile("Virtuoso").graph_store
    '/sparql-graph-crud-auth'
    >>> get_profile("generic") is None
    True
    >>> get_profile("stardog")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: --profile: unknown server profile 'stardog'; expected ...
    """
    if name is None or name.lower() == "generic":
        return None
    p = PROFILES.get(name.lower())
    if p is None:
        raise PartygraphError(
            f"unknown server profile {name!r}; expected one of "
            f"{', '.join(sorted(PROFILES))} or generic",
            where="--profile",
        )
    return p


def endpoints(
    profile: ServerProfile | None,
    endpoint: str,
    update_endpoint: str | None = None,
    graph_store: str | None = None,
) -> tuple[str, str | None, str | None]:
    """Resolve (query, update, graph store) URLs from a server or query URL and a profile.

    ``endpoint`` may be the server's base URL or its query URL; explicit update and
    graph-store URLs win over the profile's.

    Examples
    --------
    >>> endpoints(PROFILES["oxigraph"], "http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> endpoints(PROFILES["virtuoso"], "http://h:8890")[2]
    'http://h:8890/sparql-graph-crud-auth'
    >>> endpoints(PROFILES["fuseki"], "http://h:3030/pg/sparql")[1]
    'http://h:3030/pg/update'
    >>> endpoints(PROFILES["graphdb"], "http://h:7200/repositories/pg")[1]
    'http://h:7200/repositories/pg/statements'
    >>> endpoints(None, "http://h/sparql")
    ('http://h/sparql', None, None)
    """
    if not endpoint.startswith(("http://", "https://")):
        raise PartygraphError(f"expected an http(s) URL, got {endpoint!r}", where="--endpoint")
    if profile is None:
        return endpoint, update_endpoint, graph_store
    base = endpoint.rstrip("/")
    if profile.query and base.endswith(profile.query):
        base = base[: -len(profile.query)]
    query = base + profile.query
    update = update_endpoint or (base + profile.update if profile.update is not None else None)
    gsp = graph_store or (base + profile.graph_store if profile.graph_store is not None else None)
    return query, update, gsp
