"""Meetings named in a statement: series, ordinal, city, country and days.

Series known here (slug: canonical name): ``imcwp`` International Meeting of Communist
and Workers' Parties (also its names in es/pt/it/fr/de/el and the abbreviations IMCWP,
PP CC y OO), ``imcwp-wg`` its Working Group, ``ecm`` European Communist Meeting,
``ics`` International Communist Seminar, and regional meetings (``regional-<region>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from partygraph.extract.countries import city_lookup, country_code
from partygraph.extract.dates import RangeHit, find_ranges, trie_regex
from partygraph.extract.langdata import words

SERIES_NAMES = {
    "imcwp": "International Meeting of Communist and Workers' Parties",
    "imcwp-wg": "Working Group of the International Meeting of Communist and Workers' Parties",
    "ecm": "European Communist Meeting",
    "ics": "International Communist Seminar",
}

_AP = r"['’`´]?"
_IMCWP = (
    r"international\s+meeting\s+of\s+(?:the\s+)?communist\s+and\s+workers"
    + _AP
    + r"(?:s"
    + _AP
    + r")?\s+parties"
    r"|\bi\.?m\.?c\.?w\.?p\b"
    r"|encuentro\s+internacional\s+de\s+(?:los\s+)?(?:partidos\s+comunistas\s+y\s+obreros"
    r"|pp\.?\s*cc\.?\s+y\s+oo\b\.?)"
    r"|encontro\s+internacional\s+d[eo]s?\s+partidos\s+comunistas\s+e\s+oper[áa]rios"
    r"|incontro\s+internazionale\s+dei\s+partiti\s+comunisti\s+e\s+operai"
    r"|rencontre\s+internationale\s+des\s+partis\s+communistes\s+et\s+ouvriers"
    r"|internationale[ns]?\s+treffen[s]?\s+(?:der\s+)?kommunistischen\s+und\s+arbeiterparteien"
    r"|διεθν(?:ής|ούς|ης|ους)\s+συνάντηση[ς]?\s+(?:των\s+)?κομμουνιστικών\s+και\s+εργατικών"
    r"\s+κομμάτων"
)
_WG = (
    r"working\s+group|grupo\s+de\s+trabajo|grupo\s+de\s+trabalho|gruppo\s+di\s+lavoro"
    r"|groupe\s+de\s+travail|arbeitsgruppe|ομάδα[ς]?\s+εργασίας"
)
_ECM = (
    r"european\s+communist\s+meeting|meeting\s+of\s+(?:the\s+)?european\s+communist"
    r"|encuentro\s+comunista\s+europeo|encontro\s+comunista\s+europeu"
    r"|incontro\s+comunista\s+europeo|rencontre\s+communiste\s+européenne"
    r"|europäische[sn]?\s+kommunistische[sn]?\s+treffen|ευρωπαϊκή\s+κομμουνιστική\s+συνάντηση"
)
_ICS = r"international\s+communist\s+seminar|séminaire\s+communiste\s+international"
_REGIONAL = (
    r"(?:regional\s+)?meeting\s+of\s+(?:the\s+)?communist(?:\s+and\s+workers"
    + _AP
    + r")?\s+parties\s+(?:of|from|in)\s+(?:the\s+)?"
    r"(?P<region>[A-Z][\w\-]+(?:(?:\s+|,\s+|\s+and\s+)[A-Z][\w\-]+){0,4})"
)
_SERIES_RE = re.compile(
    rf"(?P<imcwp>{_IMCWP})|(?P<ecm>{_ECM})|(?P<ics>{_ICS})|(?P<regional>{_REGIONAL})",
    re.IGNORECASE,
)
_SERIES_CS = re.compile(_SERIES_RE.pattern.replace("[A-Z]", "[a-z]"))
_WG_BEFORE = re.compile(
    rf"(?:{_WG})(?:\s+meeting)?\s+(?:of|del|do|da|des|du|der|dell['’])"
    r"(?:\s+(?:the|los|las|la|il|le|die|των))?\s*$",
    re.IGNORECASE,
)
_WG_AFTER = re.compile(rf"^\s*(?:{_WG})", re.IGNORECASE)
WG_RE = re.compile(_WG, re.IGNORECASE)

_ORD_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "primer": 1,
    "primero": 1,
    "primera": 1,
    "segundo": 2,
    "segunda": 2,
    "tercer": 3,
    "tercero": 3,
    "cuarto": 4,
    "quinto": 5,
    "sexto": 6,
    "séptimo": 7,
    "octavo": 8,
    "noveno": 9,
    "décimo": 10,
    "vigésimo": 20,
    "primo": 1,
    "secondo": 2,
    "terzo": 3,
    "ventesimo": 20,
    "premier": 1,
    "première": 1,
    "deuxième": 2,
    "vingtième": 20,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_ORD_BEFORE = re.compile(
    r"(?:(?P<num>\d{1,2})\s*\.?\s*(?:st|nd|rd|th|ª|º|°|o|a|ής|ης|ή|η|ος|ου|ème|e|er)?\.?"
    r"|(?P<rom>[IVXL]{1,7})(?:\.|ª|º)?"
    r"|(?P<tens>twenty|thirty|forty)[\s-](?P<unit>first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth)"
    r"|(?P<word>[a-zéèíó]+))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ORD_AFTER = re.compile(r"\s?[-#]?\s?(\d{1,2})(?!\d|[.,:/-]\d)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
# capital letters of the scripts the language files cover (Latin, Greek, Cyrillic)
_UP = "A-ZÀ-ÖØ-ÞĀ-ſΆ-ΏΑ-ΩЀ-Я"
_PLACE_WORD = rf"[{_UP}][\w'’\-]*"


@lru_cache(maxsize=1)
def _prep_city() -> re.Pattern[str]:
    """A preposition of a language file (``place_prepositions``), then capitalised words
    (with the small words of names between them: "Ciudad de México"): the place, and
    perhaps its country after a comma."""
    w = words()
    preps = trie_regex(set(w.place_prepositions))
    glue = trie_regex({g for g in w.glue | w.articles if g.isalpha()})
    place = rf"{_PLACE_WORD}(?:\s+(?:{glue}\s+)?{_PLACE_WORD}){{0,2}}"
    return re.compile(rf"(?<!\w)(?i:{preps})\s+(?P<place>{place})(?:\s*,?\s*(?P<country>{place}))?")


def roman(s: str) -> int | None:
    """Value of a Roman numeral (I-L range), or ``None``.

    Examples
    --------
    >>> roman("XIV"), roman("XX"), roman("IIII"), roman("ABC")
    (14, 20, None, None)
    """
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    canon = ""
    n = total
    for val, sym in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= val:
            canon += sym
            n -= val
    return total if canon == s and total > 0 else None


@dataclass
class MeetingHit:
    """One mention of a meeting in the text."""

    series: str
    name: str
    ordinal: int | None
    start: int
    end: int


def _ordinal_before(prefix: str) -> int | None:
    m = _ORD_BEFORE.search(prefix[-40:])
    if not m:
        return None
    if m["num"]:
        n = int(m["num"])
        return n if 0 < n <= 60 else None
    if m["rom"]:
        r = roman(m["rom"]) if m["rom"].isupper() else None
        return r if r and r <= 60 else None
    if m["tens"]:
        return _TENS[m["tens"].lower()] + _ORD_WORDS[m["unit"].lower()]
    return _ORD_WORDS.get((m["word"] or "").lower())


def find_meetings(text: str) -> list[MeetingHit]:
    """Find meetings named in ``text``, with the ordinal printed before the name.

    Examples
    --------
    >>> [(h.series, h.ordinal) for h in find_meetings("the 20th International Meeting of "
    ...   "Communist and Workers' Parties held in Athens")]
    [('imcwp', 20)]
    >>> [(h.series, h.ordinal) for h in find_meetings("XIV Encuentro Internacional de PP CC y OO")]
    [('imcwp', 14)]
    >>> [(h.series, h.ordinal) for h in find_meetings("13 IMCWP Resolution")]
    [('imcwp', 13)]
    >>> [(h.series, h.ordinal) for h in find_meetings("the Working Group meeting of the IMCWP")]
    [('imcwp-wg', None)]
    >>> [(h.series, h.ordinal) for h in find_meetings("the twentieth International Meeting "
    ...   "of Communist and Workers Parties")]
    [('imcwp', 20)]
    >>> [(h.series, h.ordinal) for h in find_meetings("European Communist Meeting 2011")]
    [('ecm', None)]
    """
    out: list[MeetingHit] = []
    # a case-sensitive pattern on lower-cased text is several times faster than IGNORECASE
    low = text.lower()
    src, pat = (low, _SERIES_CS) if len(low) == len(text) else (text, _SERIES_RE)
    for m in pat.finditer(src):
        prefix = text[max(0, m.start() - 80) : m.start()]
        if m["imcwp"]:
            series = "imcwp"
            after = text[m.end() : m.end() + 30]
            if _WG_BEFORE.search(prefix) or _WG_AFTER.match(after):
                series = "imcwp-wg"
        elif m["ecm"]:
            series = "ecm"
        elif m["ics"]:
            series = "ics"
        else:
            region_words = []
            for w in text[m.start("region") : m.end("region")].split():
                if not w[:1].isupper() and w not in ("and", "of", "the"):
                    break
                region_words.append(w)
            region = " ".join(region_words).strip(" ,")
            if not region:
                continue  # "parties of the world": no region named
            slug = re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-")
            series = f"regional-{slug}"
            # one name per series, whatever the wording ("Meeting of the Communist Parties
            # from the Balkan countries" / "meeting of communist and workers' parties from ...")
            name = f"Meeting of Communist and Workers' Parties: {fold_name(region)}"
            out.append(MeetingHit(series, name, _ordinal_before(prefix), m.start(), m.end()))
            continue
        ordinal = None if series == "imcwp-wg" else _ordinal_before(prefix)
        if ordinal is None and series == "imcwp" and "." not in src[m.start() : m.end()]:
            # "IMCWP 21", "#IMCWP-21": the number after the abbreviation
            after_m = _ORD_AFTER.match(text, m.end())
            if after_m and m.end() - m.start() <= 8:
                ordinal = int(after_m.group(1))
        out.append(MeetingHit(series, SERIES_NAMES[series], ordinal, m.start(), m.end()))
    return out


def fold_name(s: str) -> str:
    """Fold white space and capitalise the first letter of a printed meeting name."""
    s = re.sub(r"\s+", " ", s).strip()
    return s[:1].upper() + s[1:]


def place_near(text: str, pos: int) -> tuple[str | None, str | None]:
    """The city and country printed after a preposition nearest to ``pos`` in ``text``.

    Examples
    --------
    >>> place_near("participants held in Athens, Greece on November 23-25", 0)
    ('Athens', 'GR')
    >>> place_near("que se reúne en Beirut, Líbano, manifiestan", 0)
    ('Beirut', 'LB')
    >>> place_near("met in Kathmandu, Nepal", 0)
    ('Kathmandu', 'NP')
    >>> place_near("si è svolto ad Atene", 0), place_near("réunis au Caire", 0)
    (('Athens', 'GR'), ('Cairo', 'EG'))
    >>> place_near("que tuvo lugar en Ciudad de México", 0), place_near("в Москве", 0)
    (('Mexico City', 'MX'), ('Moscow', 'RU'))
    """
    best: tuple[int, str | None, str | None] | None = None
    for m in _prep_city().finditer(text):
        city, country = _known_place(m["place"].split())
        if m["country"] and (cc := country_code(m["country"].split(",")[0])):
            if city is None and country is None:
                city = m["place"].split()[0]
            country = cc
        if city is None and country is None:
            continue
        # a city beats a bare country ("in Venezuela" is usually what the text is about)
        dist = abs(m.start() - pos) + (0 if city else 10_000)
        if best is None or dist < best[0]:
            best = (dist, city, country)
    return (best[1], best[2]) if best else (None, None)


def _known_place(toks: list[str]) -> tuple[str | None, str | None]:
    """The longest leading run of ``toks`` that is a known city or country; a city whose
    name starts with an article is also found after a preposition that swallowed it
    ("au Caire": *Le Caire*, "nel Cairo": *Il Cairo*)."""
    for n in range(len(toks), 0, -1):
        chunk = " ".join(toks[:n])
        if cc := country_code(chunk):
            return None, cc
        if c := city_lookup(chunk):
            return c
    for art in sorted(words().articles):
        if c := city_lookup(f"{art} {toks[0]}" if art[-1:].isalpha() else art + toks[0]):
            return c
    return None, None


def days_near(text: str, pos: int, default_year: int | None) -> RangeHit | None:
    """The day range (or single day) printed nearest to ``pos``.

    Examples
    --------
    >>> r = days_near("held in Athens, Greece on November 23-25, 2018 express", 0, None)
    >>> (r.start, r.end)
    ('2018-11-23', '2018-11-25')
    """
    ranges = find_ranges(text, default_year)
    if not ranges:
        return None
    return min(ranges, key=lambda r: abs(r.start_pos - pos))


_ORD_TOKEN = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|\.|ème|eme|e|er|º|ª|°|η|ης|ος|-?я|-?та|-?ти)$")


def _ordinal_token(tok: str) -> int | None:
    t = tok.strip("\"'“”«»(),:;").casefold()
    m = _ORD_TOKEN.match(t)
    if m:
        n = int(m.group(1))
        return n if 0 < n <= 60 else None
    if tok.isupper() and len(tok) >= 2 and (r := roman(tok)) is not None and r <= 60:
        return r
    return words().ordinals.get(t)


def find_numbered_meeting(text: str) -> tuple[int, str] | None:
    """``(ordinal, printed name)`` of a numbered meeting of any series: an ordinal (a
    number with its suffix, a Roman numeral or an ordinal word of the language files)
    before a meeting noun ("XI Plenary Session", "5. Weltkonferenz", "Втората
    конференция").

    Examples
    --------
    >>> find_numbered_meeting("the XI International Conference of Marxist-Leninist Parties")
    (11, 'International Conference of Marxist-Leninist Parties')
    >>> find_numbered_meeting("Am 1. und 2. April fand die zwölfte Vier-Parteien-Konferenz statt")
    (12, 'Vier-Parteien-Konferenz')
    >>> find_numbered_meeting("the 5th anniversary of the war") is None
    True
    """
    toks = text.split()
    w = words()
    for i, tok in enumerate(toks):
        n = _ordinal_token(tok)
        if n is None:
            continue
        for k in range(i + 1, min(i + 4, len(toks))):
            low = toks[k].casefold()
            if any(m in low for m in w.meeting):
                name = [toks[i + 1]]
                for t in toks[i + 2 :]:
                    if not (t[:1].isupper() or t.casefold() in w.glue):
                        break
                    name.append(t)
                while name and name[-1].casefold() in w.glue:
                    name.pop()
                return n, fold_name(" ".join(name).strip(",.:;"))
            if not toks[k][:1].isupper():
                break
    return None
