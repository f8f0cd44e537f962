"""Typed parameter values: validated in Python, then bound as RDF terms.

A value typed by a user (``--param party=kke``) is checked against its declared type
and turned into one rdflib term. The store binds the term to ``?_name`` (SEP-0007
substitution in the embedded store, a ``VALUES`` block of escaped terms on a remote
one); the text of the value never becomes query text.

=========  ===============================================  ==========================
type       accepts                                          bound as
=========  ===============================================  ==========================
iri        an absolute IRI, or a path under /id/            IRI
party      registry id, alias, name, or party IRI           IRI ``…/id/party/<id>``
country    ISO 3166-1 alpha-2 code or a country name        literal ``"GR"``
date       ``YYYY-MM-DD`` (a real day)                      ``xsd:date``
integer    an integer (``YYYY`` for years)                  ``xsd:integer``
string     any text (up to 1000 characters)                 ``xsd:string`` literal
=========  ===============================================  ==========================
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from partygraph.errors import PartygraphError
from partygraph.queries.catalogue import Param, SavedQuery
from partygraph.vocab import ID, PARTY, XSD

MAX_STRING = 1000

XSD_DATE = URIRef(XSD + "date")
XSD_INTEGER = URIRef(XSD + "integer")

# RFC 3987 forbids these in an IRI; rejecting them also keeps any serialization safe
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
_ISO2 = re.compile(r"^[A-Za-z]{2}$")


def _fail(param: Param, message: str, source: str | None = None) -> PartygraphError:
    return PartygraphError(message, source=source, where=f"param {param.name}")


def _iri(text: str, param: Param, source: str | None) -> URIRef:
    value = text.strip()
    if not value:
        raise _fail(param, "expected an IRI, got an empty value", source)
    if _BAD_IRI.search(value):
        raise _fail(
            param, f"not a valid IRI: {value!r} (spaces, quotes, <>{{}}|^` not allowed)", source
        )
    if not _SCHEME.match(value):
        # a path under the partygraph id space: "meeting/imcwp-20"
        value = ID + value.lstrip("/")
    try:
        ox.NamedNode(value)  # the full RFC 3987 check the stores apply
    except ValueError as e:
        raise _fail(param, f"not a valid IRI: {value!r} ({e})", source) from None
    return URIRef(value)


def _party(text: str, param: Param, source: str | None, registry: Any) -> URIRef:
    value = text.strip()
    if not value:
        raise _fail(param, "expected a party (registry id, alias, name or IRI)", source)
    is_iri = bool(_SCHEME.match(value)) or value.startswith("party/")
    iri = _iri(value, param, source) if is_iri else None
    if iri is not None and not (str(iri).startswith(PARTY) and len(str(iri)) > len(PARTY)):
        raise _fail(param, f"not a party IRI (expected {PARTY}<id>): {value!r}", source)
    if registry is None:
        from partygraph.resolve import Registry

        registry = Registry.load()
    party = registry.find(str(iri) if iri is not None else value)
    if party is not None:
        return URIRef(PARTY + party.id)
    if iri is not None:
        # provisional parties live in document graphs, not in the registry
        return iri
    raise _fail(
        param,
        f"unknown or ambiguous party {value!r} (give a registry id, alias, full name or IRI; "
        "'partygraph query find-party --param text=...' lists candidates)",
        source,
    )


def _country_lookup() -> tuple[Callable[[str], str | None], Callable[[str], str | None]]:
    from partygraph.extract.countries import country_code, country_name

    return country_code, country_name


def _country(text: str, param: Param, source: str | None) -> Literal:
    value = unicodedata.normalize("NFC", text.strip())
    if not value:
        raise _fail(param, "expected a country (ISO code or name)", source)
    code_of, name_of = _country_lookup()
    if _ISO2.match(value) and name_of(value.upper()):
        return Literal(value.upper())
    code = code_of(value)
    if code is None:
        raise _fail(
            param,
            f"unknown country {value!r} (expected an ISO 3166-1 alpha-2 code or a country name)",
            source,
        )
    return Literal(code)


def _date(text: str, param: Param, source: str | None) -> Literal:
    value = text.strip()
    if not _DATE.match(value):
        raise _fail(param, f"expected a date YYYY-MM-DD, got {value!r}", source)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(param, f"not a real day: {value!r}", source) from None
    return _typed(value, XSD_DATE)


@functools.lru_cache(maxsize=1024)
def _typed(lexical: str, datatype: URIRef) -> Literal:
    # (a saved query run again binds the same values: rdflib makes a literal slowly)
    return Literal(lexical, datatype=datatype)


def _integer(text: str, param: Param, source: str | None) -> Literal:
    value = text.strip()
    if not _INTEGER.match(value):
        raise _fail(param, f"expected an integer, got {value!r}", source)
    return _typed(str(int(value)), XSD_INTEGER)


def _string(text: str, param: Param, source: str | None) -> Literal:
    if len(text) > MAX_STRING:
        raise _fail(param, f"longer than {MAX_STRING} characters", source)
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise _fail(param, "contains unpaired surrogate characters", source)
    return Literal(text)


def convert(param: Param, text: str, *, registry: Any = None, source: str | None = None):
    """Validate one raw value against ``param``'s type and return its RDF term.

    Parameters
    ----------
    param
        The declared parameter.
    text
        The value as typed by the user.
    registry
        A :class:`partygraph.resolve.Registry` for ``party`` values (loaded on demand).
    source
        The query's file name, for error messages.

    Returns
    -------
    rdflib.URIRef or rdflib.Literal

    Examples
    --------
    >>> convert(Param("since", "date"), "2018-11-25")
    rdflib.term.Literal('2018-11-25', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> convert(Param("meeting", "iri"), "meeting/imcwp-20")
    rdflib.term.URIRef('https://w3id.org/partygraph/id/meeting/imcwp-20')
    >>> convert(Param("country", "country"), "gr"), convert(Param("country", "country"), "Greece")
    (rdflib.term.Literal('GR'), rdflib.term.Literal('GR'))
    >>> convert(Param("since", "date"), "2018-02-30")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: param since: not a real day: '2018-02-30'
    >>> convert(Param("m", "iri"), "x> } ; DROP ALL ; #")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: param m: not a valid IRI: 'x> } ; DROP ALL ; #' (...)
    """
    if not isinstance(text, str):
        text = str(text)
    if param.type == "iri":
        return _iri(text, param, source)
    if param.type == "party":
        return _party(text, param, source, registry)
    if param.type == "country":
        return _country(text, param, source)
    if param.type == "date":
        return _date(text, param, source)
    if param.type == "integer":
        return _integer(text, param, source)
    return _string(text, param, source)


def bind_params(
    query: SavedQuery,
    values: Mapping[str, str],
    *,
    registry: Any = None,
    use_defaults: bool = True,
) -> dict[str, URIRef | Literal]:
    """Check ``values`` against ``query``'s parameters and return the store bindings.

    Unknown parameter names and missing required ones raise :class:`PartygraphError`:
    a required parameter never falls back to its ``default`` (that value is only the
    example ``partygraph demo`` runs, see :func:`~partygraph.queries.run.example_params`).
    An optional parameter without a value takes its ``default`` (when ``use_defaults``)
    or stays unbound.

    Returns
    -------
    dict
        ``{"_name": term}``, ready for ``GraphStore.select(query, bindings)``.

    Examples
    --------
    >>> from partygraph.queries.catalogue import Catalogue
    >>> q = Catalogue.load().get("meetings-by-year")
    >>> bind_params(q, {"year": "2018"})
    {'_year': rdflib.term.Literal('2018', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))}
    >>> bind_params(q, {"yaer": "2018"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: ...: param yaer: no such parameter (expected: year)
    >>> bind_params(Catalogue.load().get("co-signers"), {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: co-signers.rq: param party: required ...=KKE
    """
    source = query.path.name if query.path is not None else f"{query.name}.rq"
    declared = {p.name: p for p in query.params}
    for name in values:
        if name not in declared:
            expected = ", ".join(declared) or "none"
            raise PartygraphError(
                f"no such parameter (expected: {expected})", source=source, where=f"param {name}"
            )
    bindings: dict[str, URIRef | Literal] = {}
    for p in query.params:
        raw = values.get(p.name)
        if raw is None and p.required:
            example = f", for example {p.name}={p.default}" if p.default is not None else ""
            raise PartygraphError(
                f"required ({p.type}: {p.description or 'no description'}); "
                f"give {p.name}=VALUE{example}",
                source=source,
                where=f"param {p.name}",
            )
        if raw is None and use_defaults:
            raw = p.default
        if raw is None:
            continue
        bindings[p.variable] = convert(p, raw, registry=registry, source=source)
    return bindings
