"""One printed party line: its party part, stated country and abbreviation; party-likeness.

Country is only what the line itself states (``AKEL, Cyprus``, ``[Austria]``,
``Albania - ...``, ``(Belgium)``, ``DPT Bahrain``), never what a name implies
(*Communist Party of Britain* states no country here; the registry knows it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from partygraph.extract.countries import country_code

_DASH = r"[-–—‐‑]"
# (?<!\s) keeps a leading \s from being retried inside runs of white space
_SPACED_DASH = re.compile(r"(?<!\s)\s+[-–—‐‑]+\s+|(?<!\s)\s*[–—]\s*")
# "Albania - ...", "Brazil – PCdoB – ...", "Greece: ..." (on white-space-folded text)
_PREFIX = re.compile(r"^([^\-–—‐‑,(\[:\s][^\-–—‐‑,(\[:]{1,59}?) ?[-–—‐‑:]+ ?(\S.*)$")
_TRAIL_PAREN = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
_TRAIL_BRACKET = re.compile(r"\s*\[([^\[\]]{1,60})\]\s*$")
_ABBR_PUNCT = frozenset(".&'’/+-‐")
_ABBR = re.compile(r"^[A-ZÀ-ÝΑ-Ω0-9][A-Za-zÀ-ÿΑ-Ωα-ω0-9.&'’/+\-‐]{0,15}$")
_SPACES = re.compile(r"\s+")
_ROMAN_RE = re.compile(r"[IVXLC]+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’`][^\W\d_]+)?")

PARTY_WORDS = re.compile(
    r"(?i)(?<![^\W\d_])(?:part(?:y|ies|ido|idos|ito|iti|i|is|ei|eien)|κόμμα|κομμα|κκε|"
    r"communis|comunis|kommunis|κομμουνιστ|worker|obrer|operai|ouvri|arbeiter|labou?r|trabaj|"
    r"trabalh|lavorat|travail|socialis|sozialis|σοσιαλιστ|union|unión|uni[aã]o|unione|front|"
    r"frente|fronte|league|liga|lega|ligue|movement|movimient|moviment|mouvement|bewegung|"
    r"κίνημα|tribun|alliance|alian|allean|organi[sz]|congress|congres|people|popular|popolar|"
    r"populaire|pueblo|povo|left|izquierda|esquerda|sinistra|gauche|linke|αριστερ|resistan|"
    r"resisten|rebirth|refound|rifondaz|refundac|revival|renaissance|platform|plataforma|pole|"
    r"polo|pôle|progressi|progresis|democra|démocra|revolution|revoluci|rivoluz|révolution|"
    r"marxis|leninis|bloc|coalition|coalici|federa|committee|comité|comitato|council|consejo|"
    r"assembl|youth|juventud|juventude|gioventù|jeunesse|jugend|patriot|national|nacional|"
    r"nazionale|green|verde|ecolog|agrarian|peasant|"
    r"campesin|zapatist|sandinist|bolivarian|chavist|baath|ba'ath|tudeh|akel|kke|sinn|"
    r"парти|коммунист|комуніст|komünist|komunist|işçi|emek)",
)
# Abbreviations that name no party: states, blocs, agencies.
_NON_PARTY_ABBR = {
    "NATO",
    "OTAN",
    "EU",
    "UE",
    "US",
    "USA",
    "UK",
    "UN",
    "ONU",
    "UNO",
    "IMF",
    "FMI",
    "DPRK",
    "PM",
    "AM",
    "PS",
    "NB",
    "OK",
    "TV",
    "ID",
    "URL",
    "WHO",
    "WTO",
    "OSCE",
    "OAS",
    "OEA",
    "ASEAN",
    "BRICS",
    "GDP",
    "CEO",
    "II",
    "III",
    "IV",
    "VI",
    "XX",
    "EEUU",
    "UAE",
    "JPC",
}
_CAPS_TOKEN = re.compile(
    r"(?<![\w])([A-ZΑ-Ω][A-ZΑ-Ω0-9&\-‐]*[A-ZΑ-Ω0-9]|[A-Z][a-z]?[A-Z]+)(?![\w])"
)


def abbreviation_like(token: str) -> bool:
    """True for tokens such as ``KKE``, ``PCdoB``, ``PKP-1930``, ``RCWP‐CPSU``, ``PTB-PVDA``.

    Examples
    --------
    >>> [abbreviation_like(t) for t in ("KKE", "PCdoB", "Marxist", "unified", "PKP-1930")]
    [True, True, False, False, True]
    >>> abbreviation_like("KSČM"), abbreviation_like("ΚΚΕ"), abbreviation_like("Party")
    (True, True, False)
    """
    t = token.strip()
    if not t or len(t) > 16 or " " in t or not (t[0].isupper() or t[0].isdigit()):
        return False
    if not all(c.isalnum() or c in _ABBR_PUNCT for c in t):
        return False
    caps = sum(1 for c in t if c.isupper())
    return caps >= 2 and caps * 2 >= sum(1 for c in t if c.isalpha())


def caps_tokens(text: str) -> list[str]:
    """All-capital tokens that may be party abbreviations (states and blocs excluded).

    Examples
    --------
    >>> caps_tokens("CP of Albania; NATO and the EU; DPT Bahrain")
    ['CP', 'DPT']
    """
    return [t for t in _CAPS_TOKEN.findall(text) if t not in _NON_PARTY_ABBR]


@lru_cache(maxsize=65536)
def party_score(text: str) -> float:
    """How much a short line looks like the name of a party (0 = not at all, 1 = clearly).

    Examples
    --------
    >>> party_score("Communist Party of Britain"), party_score("CP of Albania")
    (1.0, 0.8)
    >>> party_score("Working Group"), party_score("Cuba")
    (0.0, 0.0)
    """
    t = text.strip()
    if not t:
        return 0.0
    if country_code(t):
        return 0.0
    if PARTY_WORDS.search(t):
        return 1.0
    if caps_tokens(t):
        return 0.8
    _, country, _ = split_party(t)
    if country:
        return 0.6
    return 0.0


def _clean(s: str) -> str:
    return _SPACES.sub(" ", s).strip(" \t,;:-–—")


def _flag_code(s: str) -> str | None:
    """ISO2 of a leading flag emoji (two regional indicator symbols), if any."""
    if len(s) >= 2 and all("\U0001f1e6" <= c <= "\U0001f1ff" for c in s[:2]):
        return "".join(chr(ord(c) - 0x1F1E6 + 65) for c in s[:2])
    return None


@lru_cache(maxsize=65536)
def split_party(line: str) -> tuple[str, str | None, str | None]:
    """Split a printed line into ``(name, country ISO2 or None, abbreviation or None)``.

    Parameters
    ----------
    line
        A signatory line with the list marker removed.

    Returns
    -------
    tuple
        The party part, the country the line states, the abbreviation it prints.

    Examples
    --------
    >>> split_party("AKEL, Cyprus")
    ('AKEL', 'CY', 'AKEL')
    >>> split_party("Communist Party of Styria [Austria]")
    ('Communist Party of Styria', 'AT', None)
    >>> split_party("Belgium - PTB-PVDA - Workers Party of Belgium")
    ('Workers Party of Belgium', 'BE', 'PTB-PVDA')
    >>> split_party("Democratic Progressive Tribune (Bahrain)")
    ('Democratic Progressive Tribune', 'BH', None)
    >>> split_party("Communist Party of the Russian Federation (CPRF)")
    ('Communist Party of the Russian Federation', None, 'CPRF')
    >>> split_party("Communist Party of India (Marxist)")
    ('Communist Party of India (Marxist)', None, None)
    >>> split_party("(EMEP), Turkey")
    ('EMEP', 'TR', 'EMEP')
    >>> split_party("Partido Comunista del Kurdistán - Irak")
    ('Partido Comunista del Kurdistán', 'IQ', None)
    >>> split_party("DPT Bahrain")
    ('DPT', 'BH', 'DPT')
    >>> split_party("Communist Party of Macedonia / North Macedonia")
    ('Communist Party of Macedonia', 'MK', None)
    """
    s = _clean(line)
    country: str | None = None
    abbr: str | None = None
    flag = _flag_code(s)
    if flag:  # "🇬🇷 Communist Party of Greece": a flag states the country
        country, s = flag, _clean(s[2:])
    dashed = any(ch in s for ch in "-–—‐‑")
    for _ in range(3):  # suffixes may stack: "Party (ABBR), Country"
        m = _TRAIL_BRACKET.search(s) if s.endswith("]") else None
        if m and not country and (cc := country_code(m.group(1))):
            country, s = cc, _clean(s[: m.start()])
            continue
        m = _TRAIL_PAREN.search(s) if s.endswith(")") else None
        if m:
            inner = m.group(1).strip()
            if not country and (cc := country_code(inner)):
                country, s = cc, _clean(s[: m.start()])
                continue
            if not abbr and abbreviation_like(inner):
                abbr = inner
                rest = _clean(s[: m.start()])
                s = rest if rest else inner
                continue
        if "," in s and not country:
            head, _, tail = s.rpartition(",")
            if (cc := country_code(tail)) and head.strip():
                country, s = cc, _clean(head)
                continue
        if " / " in s and not country:
            # "Communist Party of Greece / Greece", "Greece / Communist Party of Greece"
            head, _, tail = s.rpartition(" / ")
            first, _, rest = s.partition(" / ")
            if (cc := country_code(tail)) and head.strip():
                country, s = cc, _clean(head)
                continue
            if (cc := country_code(first)) and rest.strip():
                country, s = cc, _clean(rest)
                continue
        parts = _SPACED_DASH.split(s) if dashed else [s]
        if (
            len(parts) >= 2
            and not country
            and (cc := country_code(parts[-1]))
            and _clean(" - ".join(parts[:-1]))
        ):
            country = cc
            s = _clean(s[: s.rfind(parts[-1])]).rstrip("-–—‐ ")
            continue
        break
    if not country and (dashed or ":" in s):
        m = _PREFIX.match(s)
        if m and (cc := country_code(m.group(1))):
            country, s = cc, _clean(m.group(2))
    if not country and "," in s:
        # "Albania, Communist Party of Albania"
        head, _, tail = s.partition(",")
        if (cc := country_code(head)) and PARTY_WORDS.search(tail):
            country, s = cc, _clean(tail)
    if not abbr and "," in s:
        # "Communist Party of Greece, KKE"
        head, _, tail = s.rpartition(",")
        if abbreviation_like(tail.strip()) and tail.strip() not in _NON_PARTY_ABBR and head:
            abbr, s = tail.strip(), _clean(head)
    # "ABBR – Name" after a country prefix, or on its own
    parts = [p for p in _SPACED_DASH.split(s) if p.strip()] if dashed else [s]
    if len(parts) >= 2 and abbreviation_like(parts[0]) and not abbreviation_like(parts[-1]):
        abbr = abbr or parts[0].strip()
        s = _clean(" – ".join(parts[1:]) if len(parts) > 2 else parts[1])
    elif (
        len(parts) == 2
        and abbreviation_like(parts[1])
        and not abbreviation_like(parts[0])
        and not country_code(parts[1])
    ):
        # "Communist Party of Greece – KKE"
        abbr = abbr or parts[1].strip()
        s = _clean(parts[0])
    # "ALBANIA Communist Party of Albania": a capitalised country before the name
    if not country and s[:1].isupper():
        head = s.split(" ", 3)
        for n in (1, 2, 3):
            if len(head) > n and " ".join(head[:n]).isupper():
                cand = " ".join(head[:n])
                if len(cand) > 2 and (cc := country_code(cand)) and head[n][:1].isupper():
                    country, s = cc, _clean(s[len(cand) :])
                    break
    # "DPT Bahrain": an abbreviation followed by a country
    words = s.split(" ")
    if not country and len(words) >= 2 and abbreviation_like(words[0]):
        cc = country_code(" ".join(words[1:]))
        if cc:
            country, s = cc, words[0]
    if s.startswith("(") and s.endswith(")") and abbreviation_like(s[1:-1]):
        s = s[1:-1]
    if not abbr and abbreviation_like(s) and s not in _NON_PARTY_ABBR:
        abbr = s
    if not abbr:
        # "Union of Revolutionary Communists of France URCF"
        words = s.split(" ")
        last = words[-1]
        if (
            len(words) >= 3
            and abbreviation_like(last)
            and len(last) >= 3
            and last.isupper()
            and not country_code(last)
            and last not in _NON_PARTY_ABBR
            and not _ROMAN_RE.fullmatch(last)
        ):
            abbr = last
    return s or _clean(line), country, abbr
