"""Storage: one :class:`GraphStore` interface over embedded Oxigraph and remote SPARQL servers.

Examples
--------
>>> from partygraph.store import open_store
>>> store = open_store()  # in memory
>>> store.stats()["triples"]
0
>>> open_store(endpoint="http://localhost:7878", profile="oxigraph").update_endpoint
'http://localhost:7878/update'
"""

from __future__ import annotations

import os
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.files import atomic_output
from partygraph.store.base import EXPORT_FORMATS, GraphStore, Table
from partygraph.store.embedded import EmbeddedStore
from partygraph.store.export import export_oxigraph, load_context
from partygraph.store.profiles import PROFILES, ServerProfile, get_profile
from partygraph.store.remote import RemoteStore
from partygraph.terms import to_oxigraph, to_rdflib

__all__ = [
    "EXPORT_FORMATS",
    "PROFILES",
    "EmbeddedStore",
    "GraphStore",
    "RemoteStore",
    "ServerProfile",
    "Table",
    "atomic_output",
    "default_store_path",
    "export_oxigraph",
    "get_profile",
    "load_context",
    "open_store",
    "to_oxigraph",
    "to_rdflib",
]


def default_store_path() -> Path:
    """``$PARTYGRAPH_STORE``, else ``.partygraph/store`` in the current folder."""
    return Path(os.environ.get("PARTYGRAPH_STORE") or Path(".partygraph") / "store")


def open_store(
    path: str | Path | None = None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    graph_store: str | None = None,
    profile: str | None = None,
    *,
    timeout: float = 30.0,
) -> EmbeddedStore | RemoteStore:
    """Open the embedded store at ``path`` or the remote server at ``endpoint``.

    Parameters
    ----------
    path
        Folder of an embedded store; ``None`` (and no endpoint) opens one in memory.
    endpoint
        Query endpoint (or, with ``profile``, the server's base URL).
    update_endpoint, graph_store
        SPARQL Update and Graph Store Protocol URLs; a profile supplies defaults.
    profile
        ``oxigraph``, ``fuseki``, ``virtuoso`` or ``graphdb``.
    timeout
        Seconds to wait for each answer of a remote server.

    Returns
    -------
    EmbeddedStore or RemoteStore
        Either satisfies :class:`GraphStore`.
    """
    if endpoint is not None:
        if path is not None:
            raise PartygraphError(
                "give either a store folder or an endpoint, not both", where="--store/--endpoint"
            )
        return RemoteStore(endpoint, update_endpoint, graph_store, profile=profile, timeout=timeout)
    if update_endpoint or graph_store or profile:
        raise PartygraphError(
            "--update-endpoint, --graph-store and --profile need --endpoint", where="--endpoint"
        )
    return EmbeddedStore(path)
