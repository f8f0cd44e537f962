"""Refuse SPARQL requests that would write or make the engine fetch from the network.

SPARQL engines fetch remote URLs themselves: ``SERVICE`` federates to another endpoint,
``FROM``/``FROM NAMED`` with a web IRI makes some engines dereference it, and ``LOAD``
downloads a document. :func:`check_local_query` refuses all of them (and every SPARQL
Update) by reading the query's tokens, before any engine sees the text. It is the one
check used by ``partygraph serve``, and meant for the CLI and the library too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from urllib.parse import urljoin

from partygraph.errors import PartygraphError
from partygraph.store.base import _tokens, query_form
from partygraph.vocab import ID

#: graph IRIs a query may name in FROM / FROM NAMED: the project's own resources
LOCAL_GRAPH_PREFIXES = (ID,)


class UnsafeQueryError(PartygraphError):
    """A query that writes, or that would make the engine reach another machine."""


def _resolve(iri_token: str, base: str) -> str:
    return urljoin(base, iri_token[1:-1]) if base else iri_token[1:-1]


def check_local_query(
    query: str,
    *,
    local_graphs: Iterable[str] = (),
    local_prefixes: Iterable[str] = LOCAL_GRAPH_PREFIXES,
) -> str:
    """Return the query form if ``query`` only reads this store; raise otherwise.

    Refused (:class:`UnsafeQueryError`, a :class:`PartygraphError`): any SPARQL Update
    (``INSERT``, ``DELETE``, ``LOAD``, ``DROP``...), any ``SERVICE`` (in any case, with
    ``SILENT``, with a variable IRI), and ``FROM``/``FROM NAMED`` with an IRI that is
    neither one of ``local_graphs`` nor under ``local_prefixes`` (``BASE`` and
    ``PREFIX`` declarations are applied first). Keywords inside strings, IRIs and
    comments are text, not keywords.

    Parameters
    ----------
    query
        The SPARQL request text.
    local_graphs
        Graph IRIs held by the store (``GraphStore.graph_names()``).
    local_prefixes
        IRI prefixes that name local graphs (default: the project's ``/id/`` namespace).

    Returns
    -------
    str
        ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    Examples
    --------
    >>> check_local_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x>' }")
    'SELECT'
    >>> check_local_query("select * { service silent ?ep { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.store.guard.UnsafeQueryError: query: SERVICE is not allowed here ...
    >>> check_local_query("SELECT * FROM <http://ex.org/g> {}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.store.guard.UnsafeQueryError: query: FROM <http://ex.org/g> is not a graph ...
    >>> check_local_query("SELECT * FROM NAMED <https://w3id.org/partygraph/id/graph/registry> {}")
    'SELECT'
    >>> check_local_query("LOAD <http://example.org/x>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.store.guard.UnsafeQueryError: query: read-only: SPARQL Update ... is not allowed
    """
    return _checked(query, frozenset(local_graphs), tuple(local_prefixes))


@functools.lru_cache(maxsize=256)
def _checked(query: str, graphs: frozenset[str], allowed: tuple[str, ...]) -> str:
    # (a saved query is checked again at each run: the answer is kept, errors are not)
    form = query_form(query)
    if form == "UPDATE":
        raise UnsafeQueryError(
            "read-only: SPARQL Update (INSERT, DELETE, LOAD...) is not allowed", where="query"
        )
    prefixes: dict[str, str] = {}
    base = ""
    tokens = [(k, t) for k, t, _ in _tokens(query) if k != "comment" and t.strip()]
    for i, (kind, text) in enumerate(tokens):
        if kind != "word":
            continue
        up = text.upper()
        if up == "SERVICE":
            raise UnsafeQueryError(
                "SERVICE is not allowed here (it makes the engine query another server)",
                where="query",
            )
        if up == "BASE" and i + 1 < len(tokens) and tokens[i + 1][0] == "iri":
            base = _resolve(tokens[i + 1][1], base)
        elif up == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].rstrip(":")] = _resolve(tokens[i + 2][1], base)
        elif up == "FROM":
            j = i + 2 if i + 1 < len(tokens) and tokens[i + 1][1].upper() == "NAMED" else i + 1
            kind_j, text_j = tokens[j] if j < len(tokens) else ("other", "")
            iri = None
            if kind_j == "iri":
                iri = _resolve(text_j, base)
            elif kind_j == "word" and text_j.endswith(":") and text_j[:-1] in prefixes:
                # a prefixed name: the tokenizer gives "ex:" and the local part apart
                kind_l, local = tokens[j + 1] if j + 1 < len(tokens) else ("other", "")
                iri = prefixes[text_j[:-1]] + (local if kind_l == "word" else "")
            if iri is None or (iri not in graphs and not iri.startswith(allowed)):
                shown = f"<{iri}>" if iri else text_j
                raise UnsafeQueryError(f"FROM {shown} is not a graph of this store", where="query")
    return form
