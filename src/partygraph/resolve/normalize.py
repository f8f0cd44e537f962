"""Text normalisation for matching printed party names against the registry.

Two views of a name are used:

* :func:`name_key` — an ordered lookup key: NFKC, casefolded, accents removed,
  dashes/apostrophes/quotes/guillemets unified, punctuation and hyphens dropped, the article
  *the* dropped, and the common list abbreviations ``CP``, ``WP``, ``NCP`` expanded.
  Two names with the same key are the same printed name.
* :func:`content_tokens` — the key's words without function words (*of*, *the*,
  *and*, *de*...), for the guarded fuzzy comparison. Prepositions that tell parties
  apart (*in* in *Communist Party in Denmark*) are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from partygraph.text import fold
from partygraph.text import slugify as text_slugify

# Everything that is not a letter, digit, hyphen or space becomes a space.
_PUNCT = re.compile(r"[^\w\s-]|_", re.UNICODE)
_DOTTED = re.compile(r"(?<!\w)\w(?:\.\w)+\.?(?!\w)")

# Abbreviations that lists print in place of words (13th IMCWP: "CP of Britain").
EXPANSIONS: dict[str, tuple[str, ...]] = {
    "cp": ("communist", "party"),
    "wp": ("workers", "party"),
    "ncp": ("new", "communist", "party"),
    "cps": ("communist", "parties"),
}
# Words that carry no identity; never "in" (Communist Party in/of Denmark).
FUNCTION_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "a",
        "an",
        "de",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "la",
        "las",
        "le",
        "les",
        "los",
        "el",
        "y",
        "e",
        "et",
        "und",
        "der",
        "die",
        "das",
        "du",
        "des",
    ]
)


def tokens(text: str) -> list[str]:
    """The words of a name: folded, apostrophes and punctuation removed, abbreviations expanded.

    Examples
    --------
    >>> tokens("The Worker's Party of Ireland")
    ['workers', 'party', 'of', 'ireland']
    >>> tokens("K.K.E. (Greece)")
    ['kke', 'greece']
    >>> tokens("NCP of Britain")
    ['new', 'communist', 'party', 'of', 'britain']
    >>> tokens("Communist Party of Bohemia & Moravia")
    ['communist', 'party', 'of', 'bohemia', 'and', 'moravia']
    >>> tokens("Russian Communist Workers' Party ‐ CPSU (RCWP‐CPSU)")
    ['russian', 'communist', 'workers', 'party', 'cpsu', 'rcwp', 'cpsu']
    """
    return list(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    t = fold(text).replace("'", "")
    t = _DOTTED.sub(lambda m: m[0].replace(".", ""), t)  # K.K.E. -> kke
    t = _PUNCT.sub(" ", t).replace("-", " ")
    out: list[str] = []
    for word in t.split():
        if word == "the":
            continue
        out.extend(EXPANSIONS.get(word, (word,)))
    return tuple(out)


def name_key(text: str) -> str:
    """The ordered lookup key of a name (see the module docstring).

    Examples
    --------
    >>> name_key("Communist Party of The Peoples of Spain")
    'communist party of peoples of spain'
    >>> name_key("Communist Workers` party of Russia")
    'communist workers party of russia'
    >>> name_key("Communist Party in Denmark") == name_key("Communist Party of Denmark")
    False
    """
    return " ".join(_tokens(text))


def content_tokens(text: str) -> tuple[str, ...]:
    """The identity-bearing words of a name, sorted.

    Examples
    --------
    >>> content_tokens("Workers Party Ireland") == content_tokens("The Workers' Party of Ireland")
    True
    >>> content_tokens("Communist Party in Denmark")
    ('communist', 'denmark', 'in', 'party')
    """
    return tuple(sorted(t for t in tokens(text) if t not in FUNCTION_WORDS))


def slugify(text: str, max_length: int = 80) -> str:
    """A party id made from a name: :func:`partygraph.text.slugify`, never empty.

    Examples
    --------
    >>> slugify("Communist Party of Bohemia & Moravia")
    'communist-party-of-bohemia-and-moravia'
    >>> slugify("«»")
    'party'
    """
    return text_slugify(text, max_length) or "party"


def is_abbreviation(text: str) -> bool:
    """Whether a short printed form looks like an acronym (``PCdoB``, ``PKP-1930``, ``KKE``).

    Examples
    --------
    >>> [is_abbreviation(x) for x in ["PCdoB", "PKP-1930", "KKE", "Marxist", "unified", "EMEP"]]
    [True, True, True, False, False, True]
    """
    t = text.strip()
    if not t or " " in t or len(t) > 16:
        return False
    upper = sum(1 for c in t if c.isupper())
    lower = sum(1 for c in t if c.islower())
    return upper >= 2 and lower <= upper
