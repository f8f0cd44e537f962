"""The shape of ``identifiers.csv``: external identifiers of registry parties.

One row per identifier, columns ``registry_id, scheme, value, source, retrieved,
review``. ``scheme`` is a lowercase word: ``wikidata`` (a QID), ``partyfacts`` and
``parlgov`` (integers), ``website`` (a URL); any other scheme is accepted as it is (a
column convention, not code). The registry reads the file (:class:`Registry`), the
linker (:mod:`partygraph.link`) writes it; both check rows with :func:`check_row`.
"""

from __future__ import annotations

import re

IDENTIFIER_COLUMNS = ("registry_id", "scheme", "value", "source", "retrieved", "review")
FILE_NAME = "identifiers.csv"

_SCHEME = re.compile(r"^[a-z][a-z0-9]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMATS = {
    "wikidata": (re.compile(r"^Q[1-9][0-9]*$"), "a QID like Q42"),
    "partyfacts": (re.compile(r"^[1-9][0-9]*$"), "a positive integer"),
    "parlgov": (re.compile(r"^[1-9][0-9]*$"), "a positive integer"),
    "website": (re.compile(r"^https?://\S+$"), "an http(s) URL"),
}
_ANY_VALUE = (re.compile(r"^\S(?:.*\S)?$"), "a value")


def check_value(scheme: str, value: str) -> str | None:
    """What is wrong with ``value`` as an identifier of ``scheme`` (``None``: nothing).

    Examples
    --------
    >>> check_value("wikidata", "Q192406") is None
    True
    >>> check_value("wikidata", "192406")
    "scheme wikidata: expected a QID like Q42, got '192406'"
    >>> check_value("Party Facts", "48")
    "expected a lowercase scheme word (wikidata, partyfacts, ...), got 'Party Facts'"
    """
    if not _SCHEME.match(scheme):
        return f"expected a lowercase scheme word (wikidata, partyfacts, ...), got {scheme!r}"
    pattern, expected = _FORMATS.get(scheme, _ANY_VALUE)
    if not pattern.match(value):
        return f"scheme {scheme}: expected {expected}, got {value!r}"
    return None


def check_row(cells: dict[str, str]) -> str | None:
    """What is wrong with one row of ``identifiers.csv`` (``None``: nothing).

    Examples
    --------
    >>> check_row({"scheme": "parlgov", "value": "614", "retrieved": "2026-12-02"}) is None
    True
    >>> check_row({"scheme": "parlgov", "value": "614", "retrieved": "last week"})
    "field retrieved: expected a date YYYY-MM-DD, got 'last week'"
    """
    problem = check_value(cells["scheme"], cells["value"])
    if problem is None and cells.get("retrieved"):
        problem = check_date(cells["retrieved"])
    return problem


def check_date(retrieved: str) -> str | None:
    """What is wrong with ``retrieved`` as a lookup date (``None``: nothing)."""
    if _DATE.match(retrieved):
        return None
    return f"field retrieved: expected a date YYYY-MM-DD, got {retrieved!r}"
