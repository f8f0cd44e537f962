"""Take a printed party line apart: party name, stated country, abbreviations.

Extraction already splits most lines (:class:`~partygraph.extract.model.PrintedParty`),
but resolution must also cope with a line it could not split (``name == as_printed``)
and with registry aliases written the way lists print them (``Socialist Party,
Lithuania``). :func:`parse_line` handles the shapes seen in real lists:

* ``Country - Party``, ``Country – ABBR – Party``, ``Country- ABBR - Party``
* ``Party, Country``, ``Party (Country)``, ``Party [Country]``, ``Party - Country``
* ``Party (ABBR)``, ``ABBR - Party``, ``Party - ABBR``, ``Party ABBR``, ``(ABBR), Country``
* a bare country before or after the name (``DPT Bahrain``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from partygraph.resolve.gazetteer import country_code
from partygraph.resolve.normalize import fold, is_abbreviation

_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]"
_BRACKET_TAIL = re.compile(r"^(.*?)[\s,]*[\[(]([^\[\]()]+)[\])]\s*\.?$")
_COMMA_TAIL = re.compile(r"^(.*?)\s*,\s*([^,]+?)\s*\.?$")
_DASH_TAIL = re.compile(rf"^(.+?)(?:\s+{_DASH}+\s*|\s*{_DASH}+\s+)([^-\u2010-\u2015]+?)\s*\.?$")
_DASH_HEAD = re.compile(rf"^(.+?)(?:\s+{_DASH}+\s*|\s*{_DASH}+\s+)(.+)$")
_COLON_HEAD = re.compile(r"^([^:]+):\s+(.+)$")
# Words after which a country name is part of the party's name, not a stated country.
_BINDING = frozenset(
    [
        "of",
        "in",
        "for",
        "from",
        "and",
        "de",
        "del",
        "della",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "du",
        "des",
        "en",
        "y",
        "e",
        "et",
        "und",
        "der",
        "the",
    ]
)


@dataclass(frozen=True)
class ParsedLine:
    """What :func:`parse_line` found in one printed line."""

    text: str  # the line as given
    name: str  # the party part, without stated country and abbreviations ("" if none)
    country: str | None  # ISO2 stated on the line, if any
    abbreviations: tuple[str, ...] = ()
    # the line after each step that removed a country or an abbreviation, fullest first
    forms: tuple[str, ...] = ()
    # abbreviations printed in parentheses: the party's own, unlike "X - CPSU" compounds
    bracketed: tuple[str, ...] = ()
    # the country was a bare word before or after the name ("DPT Bahrain"), not set off
    bare_country: bool = False


def _strip(s: str) -> str:
    return s.strip(" \t,;:.\u00a0")


def _country(segment: str) -> str | None:
    seg = _strip(segment)
    if not seg or len(seg) > 60:
        return None
    return country_code(seg)


def _bare_country_tail(s: str) -> tuple[str, str] | None:
    words = s.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        head, tail = words[:-n], " ".join(words[-n:])
        iso2 = _country(tail)
        if iso2 and fold(head[-1]).strip(".,") not in _BINDING:
            return " ".join(head), iso2
    return None


def _bare_country_head(s: str) -> tuple[str, str] | None:
    words = s.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        head, tail = " ".join(words[:n]), words[n:]
        iso2 = _country(head)
        if iso2 and tail[0][:1].isupper() and fold(tail[0]) not in _BINDING:
            return " ".join(tail), iso2
    return None


@lru_cache(maxsize=65536)
def parse_line(text: str) -> ParsedLine:
    """Split a printed line into party name, stated country and abbreviations.

    Parameters
    ----------
    text
        The printed line, list marker already removed.

    Returns
    -------
    ParsedLine

    Examples
    --------
    >>> p = parse_line("Belgium - PTB-PVDA - Workers Party of Belgium")
    >>> p.name, p.country, p.abbreviations
    ('Workers Party of Belgium', 'BE', ('PTB-PVDA',))
    >>> def show(text):
    ...     p = parse_line(text)
    ...     return p.name, p.country, p.abbreviations
    >>> show("Communist Party of Styria [Austria]")
    ('Communist Party of Styria', 'AT', ())
    >>> show("(EMEP), Turkey")
    ('', 'TR', ('EMEP',))
    >>> show("DPT Bahrain")
    ('DPT', 'BH', ())
    >>> show("Partido Comunista del Kurdistán - Irak")
    ('Partido Comunista del Kurdistán', 'IQ', ())
    >>> show("Communist Party of India (Marxist)")
    ('Communist Party of India (Marxist)', None, ())
    >>> show("Russian Communist Workers' Party ‐ Communist Party of Soviet Union (RCWP‐CPSU)")[2]
    ('RCWP‐CPSU',)
    >>> show("South Africa – SACP")
    ('SACP', 'ZA', ())
    >>> show("Cuba- CPC – Communist Party of Cuba")
    ('Communist Party of Cuba', 'CU', ('CPC',))
    """
    s = _strip(" ".join(text.split()))
    country: str | None = None
    abbreviations: list[str] = []
    forms: list[str] = []
    bracketed: list[str] = []

    def take_country(iso2: str) -> None:
        nonlocal country
        country = country or iso2

    for _ in range(3):  # a line may state country and abbreviation in several places
        changed = False
        m = _BRACKET_TAIL.match(s)
        if m and (iso2 := _country(m[2])):
            take_country(iso2)
            s, changed = _strip(m[1]), True
        elif m and is_abbreviation(m[2].strip()):
            abbreviations.append(m[2].strip())
            bracketed.append(m[2].strip())
            s, changed = _strip(m[1]), True
        if not changed and (m := _COMMA_TAIL.match(s)) and (iso2 := _country(m[2])):
            take_country(iso2)
            s, changed = _strip(m[1]), True
        if not changed and (m := _DASH_TAIL.match(s)):
            if iso2 := _country(m[2]):
                take_country(iso2)
                s, changed = _strip(m[1]), True
            elif is_abbreviation(m[2].strip()) and " " in m[1].strip() and not _country(m[1]):
                abbreviations.append(m[2].strip())
                s, changed = _strip(m[1]), True
        if not changed and (m := _DASH_HEAD.match(s) or _COLON_HEAD.match(s)):
            if iso2 := _country(m[1]):
                take_country(iso2)
                s, changed = _strip(m[2]), True
            elif is_abbreviation(m[1].strip()):
                abbreviations.append(m[1].strip())
                s, changed = _strip(m[2]), True
        if not changed:
            break
        forms.append(s)
    bare = False
    if s and country is None and (tail := _bare_country_tail(s)):
        forms.append(s)
        (s, country), bare = tail, True
    if s and country is None and (head := _bare_country_head(s)):
        forms.append(s)
        (s, country), bare = head, True
    words = s.split()
    if (
        len(words) > 2
        and is_abbreviation(words[-1])
        and words[-1].isupper()
        and _country(words[-1]) is None
        and fold(words[-2]) not in _BINDING
        and any(c.islower() for c in " ".join(words[:-1]))
    ):
        abbreviations.append(words[-1])
        s = " ".join(words[:-1])
    if s.startswith("(") and s.endswith(")") and is_abbreviation(s[1:-1]):
        abbreviations.append(s[1:-1])
        bracketed.append(s[1:-1])
        s = ""
    forms.append(s)
    return ParsedLine(
        text=text,
        name=_strip(s),
        country=country,
        abbreviations=tuple(abbreviations),
        forms=tuple(dict.fromkeys(f for f in map(_strip, forms) if f)),
        bracketed=tuple(bracketed),
        bare_country=bare,
    )
