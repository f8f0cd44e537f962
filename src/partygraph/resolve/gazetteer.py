"""Countries for resolution, on top of the extraction gazetteer.

The country table is :mod:`partygraph.extract.countries` (``countries.tsv``, with old
and short names such as *Britain*, *Swaziland*, *Moldavia*, *Yugoslavia*); resolution
adds only a way to find country names *inside* a party name (``Communist Party of
Albania`` names Albania), which the extraction lookup deliberately does not do, and
reads the demonyms of ``data/registry/demonyms.csv`` (shared with
:mod:`partygraph.subjects`) so that *Sudanese Communist Party* names Sudan.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

from partygraph.extract.countries import country_code, country_name, country_names
from partygraph.paths import registry_dir
from partygraph.resolve.normalize import tokens

__all__ = [
    "countries_in",
    "country_code",
    "country_name",
    "implied_countries",
    "is_country_token",
]

# Country names that are also ordinary words inside party names.
_NOT_IN_NAMES = frozenset({("us",), ("man",), ("chad",)})


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, ...], str], int, frozenset[str]]:
    found: dict[tuple[str, ...], set[str]] = {}
    for name, iso2 in country_names():
        key = tuple(tokens(name))
        if key and key not in _NOT_IN_NAMES:
            found.setdefault(key, set()).add(iso2)
    index = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    longest = max((len(k) for k in index), default=1)
    words = frozenset(k[0] for k in index if len(k) == 1)
    return index, longest, words


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """Country names found inside a text, as ``(iso2, first token, end token)``.

    Longest names win (``South Africa`` before ``Africa``); tokens are those of
    :func:`partygraph.resolve.normalize.tokens`.

    Examples
    --------
    >>> [c for c, _, _ in countries_in("Communist Party of Albania")]
    ['AL']
    >>> [c for c, _, _ in countries_in("DPT Bahrain")]
    ['BH']
    >>> countries_in("Communist Party of Soviet Union")
    []
    """
    index, longest, _ = _index()
    toks = tokens(text)
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            iso2 = index.get(tuple(toks[i : i + n]))
            if iso2:
                out.append((iso2, i, i + n))
                i += n
                break
        else:
            i += 1
    return out


def is_country_token(word: str) -> bool:
    """Whether a folded word is, on its own, a country name.

    Examples
    --------
    >>> is_country_token("austria"), is_country_token("communist")
    (True, False)
    """
    return word in _index()[2]


@lru_cache(maxsize=4)
def _demonyms(path: str) -> tuple[dict[tuple[str, ...], str | None], int]:
    """Demonyms and other forms -> ISO2 (``None`` for blockers such as *Latin American*)."""
    index: dict[tuple[str, ...], str | None] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # no demonyms: names inside names still work
        return {}, 1
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        form, iso2, kind = row.get("form") or "", row.get("iso2") or "", row.get("kind") or ""
        key = tuple(tokens(form))
        if not key:
            continue
        value = iso2.upper() or None if kind != "blocker" else None
        for k in (key, (*key[:-1], key[-1] + "s")) if kind == "demonym" else (key,):
            if k in index and index[k] != value:
                index[k] = None  # a form two countries share names neither
            else:
                index.setdefault(k, value)
    return index, max((len(k) for k in index), default=1)


def implied_countries(text: str, demonyms: Path | None = None) -> set[str]:
    """Countries a name points to: country names and demonyms inside it.

    ``demonyms`` is the ``demonyms.csv`` to read (default: the project registry's).

    Examples
    --------
    >>> sorted(implied_countries("Sudanese Communist Party"))
    ['SD']
    >>> sorted(implied_countries("Communist Party of Albania"))
    ['AL']
    >>> sorted(implied_countries("Latin American Communists"))
    []
    """
    found = {iso2 for iso2, _, _ in countries_in(text)}
    index, longest = _demonyms(str(demonyms or registry_dir() / "demonyms.csv"))
    toks = tokens(text)
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = tuple(toks[i : i + n])
            if key in index:
                if index[key]:
                    found.add(index[key])  # type: ignore[arg-type]
                i += n
                break
        else:
            i += 1
    return found
