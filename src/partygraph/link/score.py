"""Scoring Wikidata candidates for a registry party.

A candidate is an item that is a political party (``P31/P279* Q7278``) whose label or
alias equals one of the party's names in some language. Its score (0-1) weighs:

* **name** (0.5): the best similarity between the party's names and the candidate's
  labels, aliases and short names (``name_key`` equality = 1; a main label counts
  over an alias);
* **country** (0.3): same ISO2 as the registry (1), unknown on either side (0.5),
  different (0, and the score is capped at :data:`CAP_CONFLICT`);
* **years** (0.1): the party signed statements between ``first`` and ``last``; an
  item dissolved before ``first`` or founded after ``last`` is a namesake (0, capped
  at :data:`CAP_CONFLICT`), an item with dates that fit scores 1, unknown 0.5; a
  dissolved item, when the party's years are unknown, is capped at :data:`CAP_UNSURE`
  (below the auto-accept threshold: a person decides);
* **website** (0.1): the registry's ``website`` identifier and the item's official
  website (P856) on the same host (1), different (0), unknown (0.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from partygraph.resolve.normalize import name_key

WEIGHTS = {"name": 0.5, "country": 0.3, "years": 0.1, "website": 0.1}
CAP_CONFLICT = 0.5  # a namesake or another country's party never scores above this
CAP_UNSURE = 0.8  # a dissolved item, when the party's statement years are unknown
ALIAS_FACTOR = 0.95  # a match on an alias weighs a little less than one on the main label


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item that may be a registry party."""

    qid: str
    label: str
    matched: tuple[str, ...] = ()  # the party's names the item answered to
    on_label: bool = False  # one of them is the item's main label (not only an alias)
    country: str | None = None  # ISO2 through P17/P297
    inception: int | None = None  # year of P571
    dissolved: int | None = None  # year of P576
    websites: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and the evidence behind it, in words."""

    candidate: Candidate
    score: float
    evidence: tuple[str, ...]


def year_of(value: str | None) -> int | None:
    """The year of an ``xsd:dateTime``/``xsd:date`` lexical form (``None`` if unreadable).

    Examples
    --------
    >>> year_of("1918-11-17T00:00:00Z"), year_of("-0044-03-15"), year_of("soon")
    (1918, -44, None)
    """
    m = re.match(r"^(-?\d{1,4})-", value or "")
    return int(m.group(1)) if m else None


def host(url: str) -> str:
    """The host of a URL without ``www.`` (for website agreement).

    Examples
    --------
    >>> host("https://www.kke.gr/en/")
    'kke.gr'
    """
    h = (urlsplit(url.strip()).hostname or "").lower()
    return h[4:] if h.startswith("www.") else h


def name_similarity(a: str, b: str) -> float:
    """1 for the same name after normalisation, else the ratio of the normalised forms.

    Examples
    --------
    >>> name_similarity("The Workers' Party of Ireland", "Workers Party of Ireland")
    1.0
    >>> round(name_similarity("Communist Party of Britain", "Communist Party of Great Britain"), 2)
    0.9
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    return 1.0 if ka == kb else SequenceMatcher(None, ka, kb).ratio()


def score(
    candidate: Candidate,
    *,
    names: tuple[str, ...],
    country: str | None,
    abbreviation: str | None = None,
    years: tuple[int, int] | None = None,
    websites: tuple[str, ...] = (),
) -> Scored:
    """Score one candidate against one registry party (see the module docstring).

    Examples
    --------
    >>> kke = Candidate("Q1", "Communist Party of Greece", ("Communist Party of Greece",),
    ...                 True, "GR", 1918)
    >>> s = score(kke, names=("Communist Party of Greece",), country="GR", years=(2011, 2018))
    >>> s.score
    0.95
    >>> old = Candidate("Q2", "Communist Party of Greece", ("Communist Party of Greece",),
    ...                 True, "GR", 1918, 1930)
    >>> s = score(old, names=("Communist Party of Greece",), country="GR", years=(2011, 2018))
    >>> s.score, s.evidence[-1]
    (0.5, 'dissolved 1930, before its first statement (2011): a namesake?')
    """
    evidence: list[str] = []
    forms = (candidate.label, *candidate.matched, *candidate.short_names)
    name = max((name_similarity(a, b) for a in names for b in forms if b), default=0.0)
    if not candidate.on_label:
        name *= ALIAS_FACTOR
    if abbreviation and any(abbreviation.casefold() == s.casefold() for s in candidate.short_names):
        name = max(name, 0.9)
        evidence.append(f"short name {abbreviation}")
    evidence.append(
        f"name {name:.2f} ({'label' if candidate.on_label else 'alias'} "
        f"{(candidate.matched or (candidate.label,))[0]!r})"
    )
    capped = False
    total_cap = 1.0
    if country and candidate.country:
        same = country == candidate.country
        country_term = 1.0 if same else 0.0
        capped |= not same
        evidence.append(f"country {candidate.country}" + ("" if same else f", registry {country}"))
    else:
        country_term = 0.5
        evidence.append("country unknown")
    years_term = 0.5
    if years is not None and (candidate.inception or candidate.dissolved):
        first, last = years
        if candidate.dissolved is not None and candidate.dissolved < first:
            years_term, capped = 0.0, True
            evidence.append(
                f"dissolved {candidate.dissolved}, before its first statement ({first}): "
                "a namesake?"
            )
        elif candidate.inception is not None and candidate.inception > last:
            years_term, capped = 0.0, True
            evidence.append(f"founded {candidate.inception}, after its last statement ({last})")
        else:
            years_term = 1.0
            evidence.append(f"active in {first}-{last}")
    elif years is None and candidate.dissolved is not None:
        total_cap = CAP_UNSURE
        evidence.append(f"dissolved {candidate.dissolved}; the party's statement years unknown")
    web_term = 0.5
    ours, theirs = {host(w) for w in websites}, {host(w) for w in candidate.websites}
    if ours and theirs:
        web_term = 1.0 if ours & theirs else 0.0
        evidence.append("same website" if web_term else "another website")
    total = (
        WEIGHTS["name"] * name
        + WEIGHTS["country"] * country_term
        + WEIGHTS["years"] * years_term
        + WEIGHTS["website"] * web_term
    )
    total = min(total, CAP_CONFLICT if capped else total_cap)
    return Scored(candidate, round(total, 3), tuple(evidence))
