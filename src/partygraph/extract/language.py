"""A small stop-word language guesser: every language file's ``stop_words``."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from partygraph.extract.langdata import languages

_TOKEN = re.compile(r"[^\W\d_]+")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


@lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    """Language -> its commonest function words (``stop_words`` of its file)."""
    out = {}
    for lang, data in languages().items():
        words = data.get("stop_words")
        if isinstance(words, list) and words:
            out[lang] = frozenset(str(w).casefold() for w in words)
    return out


def detect_language(text: str, sample: int = 4000) -> str | None:
    """Guess the ISO 639-1 language of ``text`` from its commonest function words.

    Returns ``None`` when the text is too short or no language stands out.

    Examples
    --------
    >>> detect_language("We call on the peoples of the world to support the struggle.")
    'en'
    >>> detect_language("Los partidos que suscriben manifiestan lo siguiente sobre la situación.")
    'es'
    >>> detect_language("I partiti firmatari condannano con forza l'aggressione della Siria.")
    'it'
    >>> detect_language("Τα κόμματα που υπογράφουν καταδικάζουν την επίθεση.")
    'el'
    >>> detect_language("Toplantı, mültecilerle dayanışmanın komünistler için öncelikli bir "
    ...     "görev olduğunu ve savaşa karşı mücadelenin gerekli olduğunu vurguladı.")
    'tr'
    >>> detect_language("Мы заявляем, что это не война народов, и мы были против неё.")
    'ru'
    """
    t = text[:sample].casefold()
    words = _TOKEN.findall(t)
    if len(words) < 4:
        return None
    greek = len(_GREEK.findall(t))
    if greek > len(t) * 0.3:
        return "el"
    seen = Counter(words)
    present = seen.keys()
    counts = {lang: sum(seen[w] for w in s & present) for lang, s in _stop_words().items()}
    best = max(counts, key=lambda k: counts[k])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] == ranked[1]:
        return None
    return best
