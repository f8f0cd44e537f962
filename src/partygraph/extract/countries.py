"""A small gazetteer of countries and cities for reading statements.

The tables live beside this module in ``data/countries.tsv`` (ISO 3166-1 names and
their translations, plus old and short names such as *Britain*, *Swaziland*,
*Moldavia*, *Yugoslavia*) and ``data/cities.tsv`` (capitals and meeting cities).
Matching ignores case, accents, a leading *the* and surrounding punctuation, but is
otherwise exact: ``country_code`` answers for a whole name, never for a name buried in a
longer text, so that *Communist Party of Britain* is not mistaken for a country.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "\u2010": "-", "\u2013": "-"})


_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    """Fold a name for lookup: NFKD without accents, casefolded, single spaces."""
    t = text.translate(_QUOTES)
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t)
        t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = _SPACES.sub(" ", t).strip(" \t.,;:!?\"'()[]«»").casefold()
    if t.startswith("the "):
        t = t[4:]
    return t


def _read(name: str) -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        others = parts[2].split("|") if len(parts) > 2 and parts[2] else []
        rows.append((parts[0].strip(), parts[1].strip(), [o.strip() for o in others if o]))
    return rows


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    by_key: dict[str, str] = {}
    ambiguous: set[str] = set()
    names: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    for iso2, english, others in _read("countries.tsv"):
        names[iso2] = english
        for n in [english, *others]:
            pairs.append((n, iso2))
            k = _key(n)
            if k in by_key and by_key[k] != iso2:
                ambiguous.add(k)
            by_key.setdefault(k, iso2)
    for k in ambiguous:  # a name two countries share tells nothing
        del by_key[k]
    return by_key, names, pairs


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    by_key: dict[str, tuple[str, str]] = {}
    pairs: list[tuple[str, str]] = []
    for iso2, english, others in _read("cities.tsv"):
        for n in [english, *others]:
            by_key.setdefault(_key(n), (english, iso2))
            pairs.append((n, iso2))
    return by_key, pairs


@lru_cache(maxsize=65536)
def country_code(text: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name, or ``None``.

    Parameters
    ----------
    text
        A whole country name in English, es/pt/it/fr/de/el, or an old or short name.

    Returns
    -------
    str or None
        The ISO2 code, or ``None`` when the text is not (only) a country name.

    Examples
    --------
    >>> country_code("Britain"), country_code("Líbano"), country_code("the Netherlands")
    ('GB', 'LB', 'NL')
    >>> country_code("Swaziland"), country_code("Moldavia"), country_code("Ελλάδα")
    ('SZ', 'MD', 'GR')
    >>> country_code("Communist Party of Britain") is None
    True
    """
    if not text or len(text) > 80:
        return None
    return _countries()[0].get(_key(text))


def country_name(iso2: str | None) -> str | None:
    """Return the English short name of an ISO2 code.

    Examples
    --------
    >>> country_name("GR"), country_name("gb"), country_name("XX")
    ('Greece', 'United Kingdom', None)
    """
    if not iso2:
        return None
    return _countries()[1].get(iso2.upper())


def country_names() -> Iterable[tuple[str, str]]:
    """Return every known ``(name, iso2)`` pair, names as written in the table.

    Examples
    --------
    >>> ("Swaziland", "SZ") in set(country_names())
    True
    """
    return list(_countries()[2])


@lru_cache(maxsize=65536)
def city_lookup(text: str | None) -> tuple[str, str] | None:
    """Return ``(English city name, ISO2)`` for a known city name, or ``None``.

    Examples
    --------
    >>> city_lookup("Atenas"), city_lookup("Beirut")
    (('Athens', 'GR'), ('Beirut', 'LB'))
    >>> city_lookup("Greece") is None
    True
    """
    if not text or len(text) > 60:
        return None
    return _cities()[0].get(_key(text))


def city_names() -> Iterable[tuple[str, str]]:
    """Return every known ``(city name, iso2)`` pair.

    Examples
    --------
    >>> ("Lisboa", "PT") in set(city_names())
    True
    """
    return list(_cities()[1])


def fold(text: str) -> str:
    """The lookup key used by the gazetteer (exposed for matching elsewhere).

    Examples
    --------
    >>> fold("  The Bahréin. ")
    'bahrein'
    """
    return _key(text)
