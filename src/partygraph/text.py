"""Text folding and slugs, shared by every stage (one copy: matching and IRIs agree).

:func:`fold` is the comparison form of a printed text (accents, dashes, apostrophes
and case unified); :func:`slugify` turns a text into the ASCII words of an IRI or an
id, transliterating the Greek and Cyrillic our documents print.

Examples
--------
>>> fold("Κομμουνιστικό Κόμμα") == fold("ΚΟΜΜΟΥΝΙΣΤΙΚΟ ΚΟΜΜΑ")
True
>>> slugify("Κομμουνιστικό Κόμμα Ελλάδας")
'kommounistiko-komma-elladas'
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032"
_TRANSLATE = str.maketrans(
    {
        **{c: "-" for c in _DASHES},
        **{c: "'" for c in _APOSTROPHES},
        "&": " and ",
        "+": " and ",
    }
)
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII, and the two scripts our documents use
# besides Latin (Greek, Cyrillic), so that their titles keep a readable slug.
_FOLD = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th",
    "ı": "i", "ħ": "h", "ŋ": "ng",
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "e", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "d", "џ": "dz",
}  # fmt: skip


def fold(text: str) -> str:
    """NFKC, unified dashes and apostrophes, ``&`` as *and*, accents removed, casefolded.

    Examples
    --------
    >>> fold("Partido Comunista de Azerbaiyán")
    'partido comunista de azerbaiyan'
    >>> fold("Workers’ Party ‐ X")
    "workers' party - x"
    >>> fold("Bohemia &  Moravia")
    'bohemia and moravia'
    """
    if text.isascii():  # the common case: nothing to decompose
        return _SPACES.sub(" ", text.translate(_TRANSLATE)).strip().lower()
    t = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return _SPACES.sub(" ", t).strip().casefold()


def latin(folded: str) -> str:
    """The Greek and Cyrillic letters (and ß, æ, ł...) of a folded text in Latin letters.

    Examples
    --------
    >>> latin(fold("КОЕ")), latin(fold("Κομμουνιστικό Κόμμα"))
    ('koe', 'kommounistiko komma')
    """
    bare = folded.replace("ου", "ou")  # the Greek digraph reads "ou", not "oy"
    return "".join(_FOLD.get(ch, ch) for ch in bare)


def slugify(text: str, max_length: int = 60) -> str:
    """Turn any text into a lowercase ASCII slug of words joined by hyphens.

    Folds the text (:func:`fold`), transliterates Greek and Cyrillic, removes
    apostrophes (``People's`` -> ``peoples``), and cuts at a word boundary so the
    slug is at most ``max_length`` characters long. Text with no Latin, Greek or
    Cyrillic letter or digit gives ``""``.

    Parameters
    ----------
    text
        Any text.
    max_length
        Upper bound on the length of the result (a single longer word is cut).

    Returns
    -------
    str
        The slug, possibly empty.

    Examples
    --------
    >>> slugify("Partido Comunista de España — Declaración")
    'partido-comunista-de-espana-declaracion'
    >>> slugify("Κομμουνιστικό Κόμμα Ελλάδας")
    'kommounistiko-komma-elladas'
    >>> slugify("Communist Party of Bohemia & Moravia")
    'communist-party-of-bohemia-and-moravia'
    >>> slugify("Workers' Party of Korea", max_length=14)
    'workers-party'
    >>> slugify("???")
    ''
    """
    ascii_text = latin(fold(text)).encode("ascii", "ignore").decode()
    slug = _NON_ALNUM.sub("-", ascii_text.replace("'", "")).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    # Prefer the last whole word; a single over-long word is cut hard.
    return cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
