"""Guarded fuzzy comparison of two party names, word by word.

A fuzzy match is accepted only when every identity-bearing word of the printed name
pairs with a word of the registry name and vice versa: equal words, or one spelling
slip (``Comunist``/``Communist``). Country words never pair with a different country
word (``Austria``/``Australia``), and a word on one side with no partner on the other
(``New`` Communist Party, Communist Party ``in`` Denmark, ``Unified``) rejects the pair.
So a fuzzy match can repair spelling, word order and dropped function words, but can
never merge two names that differ in a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from partygraph.resolve.gazetteer import countries_in, is_country_token
from partygraph.resolve.normalize import FUNCTION_WORDS, tokens

MIN_WORD_RATIO = 0.8
MIN_WORD_LENGTH = 5


@dataclass(frozen=True)
class Pairing:
    """How two token sequences pair up."""

    score: float  # 1.0 when all words are equal
    unpaired_left: tuple[str, ...]
    unpaired_right: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Every word on both sides has a partner."""
        return not self.unpaired_left and not self.unpaired_right


@lru_cache(maxsize=65536)
def word_ratio(a: str, b: str) -> float:
    """Similarity of two words in [0, 1]; 0 when they must not be confused.

    Examples
    --------
    >>> round(word_ratio("comunist", "communist"), 2)
    0.94
    >>> word_ratio("austria", "australia")
    0.0
    >>> word_ratio("new", "now")
    0.0
    """
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_WORD_LENGTH or a.isdigit() or b.isdigit() or "@" in a + b:
        return 0.0
    if is_country_token(a) or is_country_token(b):
        return 0.0
    if 2 * min(len(a), len(b)) < MIN_WORD_RATIO * (len(a) + len(b)):
        return 0.0  # too different in length to reach the threshold
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MIN_WORD_RATIO or matcher.quick_ratio() < MIN_WORD_RATIO:
        return 0.0
    return matcher.ratio()


def pair_tokens(left: tuple[str, ...], right: tuple[str, ...]) -> Pairing:
    """Pair the words of two names in order (see the module docstring).

    Words pair when equal or one slip apart, and paired words keep their order, so
    *Bulgarian Communist Party* does not pair with *Party of the Bulgarian Communists*.

    Examples
    --------
    >>> pair_tokens(("communist", "party", "britain"), ("new", "communist", "party", "britain"))
    Pairing(score=0.75, unpaired_left=(), unpaired_right=('new',))
    >>> pair_tokens(("comunist", "party", "cuba"), ("communist", "party", "cuba")).complete
    True
    >>> left, right = ("bulgarian", "communist", "party"), ("party", "bulgarian", "communists")
    >>> pair_tokens(left, right).complete
    False
    """
    used = [False] * len(right)
    last = -1
    total = 0.0
    unpaired_l: list[str] = []
    for word in left:
        pick, pick_ratio = -1, 0.0
        for j in range(last + 1, len(right)):
            if used[j]:
                continue
            r = 1.0 if right[j] == word else word_ratio(word, right[j])
            if r == 1.0:
                pick, pick_ratio = j, r
                break
            if r >= MIN_WORD_RATIO and r > pick_ratio:
                pick, pick_ratio = j, r
        if pick < 0:
            unpaired_l.append(word)
            continue
        used[pick] = True
        last = pick
        total += pick_ratio
    unpaired_r = tuple(w for j, w in enumerate(right) if not used[j])
    size = max(len(left), len(right)) or 1
    return Pairing(round(total / size, 4), tuple(unpaired_l), unpaired_r)


# The words of party names in es/pt/it/fr/de/nl/scandinavian lists, in English. Only
# words whose translation is unambiguous; demonyms stay as printed (Partido Comunista
# Brasileiro is the Brazilian Communist Party, not the Communist Party of Brazil).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        ["partido", "partito", "parti", "partei", "partij", "partia", "partiet", "partidul"],
        "party",
    ),
    **dict.fromkeys(
        [
            "comunista",
            "communiste",
            "kommunistische",
            "kommunistiske",
            "kommunistiska",
            "kommunistisk",
            "komunisticka",
            "komunistyczna",
            "comunist",
        ],
        "communist",
    ),
    **dict.fromkeys(["comunistas", "communistes", "kommunisten"], "communists"),
    **dict.fromkeys(
        [
            "obrero",
            "obrera",
            "obreros",
            "operaio",
            "operai",
            "ouvrier",
            "ouvriers",
            "arbeiter",
            "trabajadores",
            "trabalhadores",
            "lavoratori",
            "travailleurs",
        ],
        "workers",
    ),
    **dict.fromkeys(["trabajo", "trabalho", "lavoro", "travail", "arbeit"], "labour"),
    "labor": "labour",
    **dict.fromkeys(["socialista", "socialiste", "sozialistische", "socialistische"], "socialist"),
    **dict.fromkeys(
        ["nuevo", "nueva", "novo", "nova", "nuovo", "nuova", "nouveau", "nouvelle", "neue"], "new"
    ),
    **dict.fromkeys(["unificado", "unificato", "unifie", "unificada"], "unified"),
    **dict.fromkeys(
        ["revolucionario", "revolucionaria", "rivoluzionario", "revolutionnaire"], "revolutionary"
    ),
    **dict.fromkeys(["en", "im", "nel", "nella"], "in"),
}
# Romance order puts the noun first: "Partido Comunista" is "Communist Party".
_NOUN_FIRST = {"party": {"communist", "socialist", "workers", "labour", "revolutionary"}}


@lru_cache(maxsize=65536)
def fuzzy_tokens(text: str) -> tuple[str, ...]:
    """The identity-bearing words of a name in order, in English, countries as ``@ISO2``.

    Spelling variants of one country compare equal (*Luxemburg*, *Luxembourg*), two
    countries never do (*Austria*, *Australia*); common words of party names in other
    languages are put in English (*Partido Comunista de Cuba*).

    Examples
    --------
    >>> fuzzy_tokens("Communist Party of Luxemburg")
    ('communist', 'party', '@LU')
    >>> fuzzy_tokens("Workers Party of the Netherlands")
    ('workers', 'party', '@NL')
    >>> fuzzy_tokens("Partido Comunista de Cuba"), fuzzy_tokens("Partido Comunista Brasileiro")
    (('communist', 'party', '@CU'), ('communist', 'party', 'brasileiro'))
    """
    toks = tokens(text)
    spans = {start: (iso2, end) for iso2, start, end in countries_in(text)}
    out: list[str] = []
    i = 0
    while i < len(toks):
        if i in spans:
            iso2, end = spans[i]
            out.append("@" + iso2)
            i = end
            continue
        if toks[i] not in FUNCTION_WORDS:
            word = SYNONYMS.get(toks[i], toks[i])
            if out and out[-1] in _NOUN_FIRST and word in _NOUN_FIRST[out[-1]]:
                out.insert(len(out) - 1, word)
            else:
                out.append(word)
        i += 1
    return tuple(out)
