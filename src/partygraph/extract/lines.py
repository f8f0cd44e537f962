"""Text to classified lines: list markers, boilerplate, datelines, headings.

The reader works line by line (linear time): each line is parsed once into a
:class:`Line` holding its marker, folded content and a few cheap classifications that
the later passes (header, list finder, meeting, dates) share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partygraph.extract.countries import city_lookup, country_code
from partygraph.extract.dates import _WEEKDAY_RE, DateHit, find_dates, has_time, has_weekday
from partygraph.extract.langdata import words as lang_words
from partygraph.extract.parties import PARTY_WORDS

MAX_LINE = 4000  # longer lines are prose; no list or date rule looks inside them

_NUM = re.compile(
    r"^(?P<ind>[ \t]*)(?:\((?P<pnum>\d{1,3})\)|(?P<num>\d{1,3})(?:\.\)|[.)]|\s*[-–—]\s|"
    r"[-–—](?=[^\W\d_])|:\s|\s{2,}))"
    r"[ \t]*(?P<rest>[^\d\s].*)$"
)
_ALPHA = re.compile(r"^(?P<ind>[ \t]*)(?P<alpha>[a-z])\)[ \t]+(?P<rest>\S.*)$")
_BULLET = re.compile(
    # one marker, or a doubled dash ("-- Name", "—— Name")
    r"^(?P<ind>[ \t]*)(?P<b>[•·▪●◦■□➢►▶✓✔❖◆◇○*+]|[\-–—]{1,2})(?:[ \t]*)(?P<rest>[^\s\-–—*+•].*)$"
)
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_STAMP_WORD = re.compile(
    r"(?i)^\s*(?:posted|published|updated|last\s+updated|publicado|publicada|actualizado|"
    r"pubblicato|aggiornato|publié|publie|veröffentlicht|aktualisiert|δημοσιεύτηκε)\b"
)
_STAMP = re.compile(
    r"(?i)^\s*(?:posted|published|updated|last\s+updated|date|dated|publicado|publicada|"
    r"actualizado|pubblicato|aggiornato|publié|publie|mis\s+à\s+jour|veröffentlicht|"
    r"aktualisiert|δημοσιεύτηκε|δημοσίευση)\b(?:\s+(?:on|el|em|il|le|am))?\s*:?"
    r"|(?<!\S)(?:by|por|di|da|par|von|από)\s+\S.{0,60}$|\s*\|.*$"
)
_PLACE_SPLIT = re.compile(r"[\s,;:()/]+")
_NUMBERISH = re.compile(r"[-–—.\d]+")
_TIME_OF_DAY = re.compile(r"(?i)\b(?:[0-2]?\d:[0-5]\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?)")
# words that never occur in a bare place name: skip the gazetteer for such lines
_PARTYISH = re.compile(
    r"(?i:part(?:y|ies|ido|ito|i|ei)|communis|comunis|kommunis|κόμμα|worker|union|front|"
    r"movement|league)|[A-Z]{3}"
)
# a source's name (a short name or an abbreviation) and a comma before a date
_SOURCE = re.compile(r"^\s*[A-ZÀ-ÝĀ-ŽΑ-Ω][\w.'’-]*(?: [\w.'’-]+){0,2} ?,\s*$")
_AMPM = re.compile(r"\d:[0-5]\d\s*[AaPp]\.?[Mm]\b")

BOILER = re.compile(
    r"(?i)^(?:no comments?:?|\d+ comments?:?|post a comment|leave a (?:reply|comment).*|"
    r"newer posts?|older posts?|newer post older post home|home|subscribe to:.*|"
    r"posted by .{0,80}|labels?:.*|tags?:.*|topics?:.*|categor(?:y|ies):.*|filed under:?.*|"
    r"share(?: this)?(?: article| post)?(?: on .{0,40})?:?|share via.*|tweet|email this|"
    r"blogthis!?|share to (?:twitter|facebook|pinterest|x)|email thisblogthis!.*|"
    r"skip to (?:main )?content.*|personal tools|you are here:.*|print(?: this)?(?: page)?|"
    r"printer[- ]friendly.*|facebook|twitter|whatsapp|telegram|linkedin|reddit|e-?mail|"
    r"pinterest|read more.*|back to top|related(?: posts| articles| news)?:?|"
    r"copyright.*|©.*|all rights reserved.*|menu|search|log ?in|sign ?in|powered by .*|"
    r"like this:?|loading\.\.\.|comments? are closed\.?|previous(?: post| article)?:?.*|"
    r"next(?: post| article)?:.*|reply|permalink|top|rss|atom|cookies?.*policy.*|"
    r"comments?\s*\(\d+\)|print this(?: article| page)?|send (?:this|to a friend)|back|"
    r"document actions|actions|"
    r"(?:(?:share on |share to )?(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|e-?mail|"
    r"pinterest|print|tumblr|vk|x|tweet|copy link|messenger)[\s|,·•/]*){2,}|"
    r"read also:?.*|see also:?.*|share:?|source:?\s*https?://\S+|"
    r"(?:source|fuente|fonte|quelle|πηγή|translated\s+by|translation|traducción|tradução|"
    r"traduzione|traduction|übersetzung)\s*:.{0,80}|"
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[\s|»>/·•-]*)$"
)
_GLUED_ALT = re.compile(r"^(?:[^\s\-]+-){4,}[^\s\-]*?(?<=[a-z])(?=[A-Z])")

HEADING = re.compile(
    r"(?i)(?:signed\s+by|signator|signing\s+parties|parties\s+(?:that|which|who)\s+(?:have\s+)?"
    r"(?:sign|signed|endorse|endorsed|subscribe|subscribed|support|adhere|adhered|join|joined)|"
    r"subscribing|subscribed\s+by|undersigned|co-?signed|endorsed\s+by|endorsing|supported\s+by|"
    r"adhering|adherents?|list\s+of\s+(?:the\s+)?(?:parties|signator|organi)|^the\s+parties\s*:?$|"
    r"^parties\s*:$|^participants?\s*:$|the\s+following\s+parties|signatures|signing\s+organi|"
    r"^signed\s*:?$|participating\s+(?:parties|organi)|^(?:the\s+)?signing\s*:?$|"
    r"firmantes|\bfirman\b|\bfirmano\b|firmado\s+por|suscrito|suscriben|subscrevem|subscritores|"
    r"signatários|adhieren|adhesión|aderiscono|sottoscrivono|adhèrent|aderem|"
    r"signatarios|assinado|assinam|assinaturas|adhesiones|adesões|adesioni|firmatari|firmato\s+da|"
    r"sottoscritt|hanno\s+(?:firmato|aderito)|signataires|sign[ée]e?s?\s+par|ont\s+sign[ée]|"
    r"liste\s+des|unterzeichne|unterschrieben|υπογράφουν|υπογραφές|υπογράφοντα|συνυπογρά)"
)
SUBHEADING = re.compile(
    r"(?i)^(?:[\w'’-]+\s+){0,3}(?:parties|signatures|signatories|organi[sz]ations|partidos|"
    r"partiti|partis|parteien|organizaciones|organizações|organizzazioni|adhesiones|adesioni|"
    r"adesões|κόμματα|observers|members|guests|others)(?:\s+\([^)]*\))?\s*:?$|"
    r"^(?:africa|asia|europe|americas?|latin america|north america|south america|middle east|"
    r"oceania|asia-pacific|arab (?:world|countries)|áfrica|europa|américa latina|"
    r"oriente medio|médio oriente|medio oriente|asie|amérique latine|afrique)\s*:?$"
)
INITIATOR = re.compile(
    r"(?i)(?:initiated\s+by|(?:on|at|upon|by)\s+the\s+initiative\s+of|an\s+initiative\s+of|"
    r"proposed\s+by|convened\s+by|su\s+iniziativa\s+d|per\s+iniziativa\s+d|"
    r"(?:a|por)\s+iniciativa\s+d|à\s+l['’]initiative\s+d|sur\s+(?:l['’])?initiative\s+d|"
    r"auf\s+initiative\s+d|με\s+πρωτοβουλία|(?:convocad|promovid|impulsad)[oa]s?\s+por|"
    r"promoss[oa]\s+da|propost[oa]\s+da|propos[ée]e?\s+par|initi[ée]e?\s+par|"
    r"initiiert\s+von|vorgeschlagen\s+von)"
)
DOC_WORDS = re.compile(
    r"(?i)(?<![^\W\d_])(?:meeting|encuentro|encontro|incontro|rencontre|treffen|συνάντηση|"
    r"conference|conferencia|conferência|conferenza|seminar|seminario|statement|declaration|"
    r"resolution|communiqu|declaración|declaração|dichiarazione|résolution|erklärung|δήλωση|"
    r"ψήφισμα|appeal|llamamiento|apelo|appello|appel|aufruf|working\s+group|secretariat|"
    r"secretaría|secretariado|segreteria|grupo\s+de\s+trabajo|gruppo\s+di\s+lavoro|"
    r"groupe\s+de\s+travail|arbeitsgruppe|ομάδα\s+εργασίας)"
)
# Function words that make a line a sentence rather than a name.
_SENTENCE_WORDS = frozenset(
    {
        "we",
        "our",
        "us",
        "is",
        "are",
        "was",
        "were",
        "must",
        "will",
        "should",
        "shall",
        "would",
        "can",
        "could",
        "that",
        "which",
        "has",
        "have",
        "had",
        "this",
        "these",
        "those",
        "it",
        "its",
        "they",
        "their",
        "be",
        "been",
        "being",
        "not",
        "also",
        "call",
        "calls",
        "demand",
        "demands",
        "condemn",
        "condemns",
        "express",
        "expresses",
        "support",
        "supports",
        "urge",
        "nos",
        "nuestro",
        "nuestra",
        "que",
        "es",
        "son",
        "fue",
        "exigimos",
        "exigir",
        "llamamos",
        "somos",
        "nossa",
        "nosso",
        "são",
        "foi",
        "exigem",
        "che",
        "sono",
        "è",
        "siamo",
        "chiediamo",
        "noi",
        "nostro",
        "nostra",
        "nous",
        "notre",
        "sont",
        "est",
        "exigeons",
        "wir",
        "unsere",
        "unser",
        "sind",
        "ist",
        "fordern",
        "dass",
        "είναι",
        "καλούμε",
        "εμείς",
        "μας",
        "ότι",
        "να",
    }
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PLACE_FILLER_CODE = {
    "on",
    "in",
    "at",
    "the",
    "posted",
    "published",
    "updated",
    "date",
    "dated",
    "de",
    "del",
    "el",
    "le",
    "la",
    "am",
    "den",
    "στις",
    "στην",
    "on:",
    "el:",
    "a",
    "em",
    "il",
    "lo",
    "by",
    "adopted",
    "issued",
    "signed",
    "approved",
    "written",
    "done",
    "hecho",
    "fait",
    "fatto",
    "feito",
    "dado",
    "given",
    "of",
    "y",
    "and",
    "th",
    "st",
    "nd",
    "rd",
    "er",
    "ª",
    "º",
}
_LIST_HEADINGS = lang_words().list_headings
# words around a dateline's place and date: the prepositions before a place ("V Praze",
# "в Москве") and the words of dates ("dne", "г.") of the language files
_PLACE_FILLER = frozenset(
    {*_PLACE_FILLER_CODE, *lang_words().place_prepositions, *lang_words().date_words}
)


# Cheap gates: the big case-insensitive alternations cost 10-40 µs a line, so they run only
# when a word of the line starts like one of their words (4- or 5-letter prefixes).
_HEADING_KEYS = frozenset(
    [
        "sign",
        "subs",
        "unde",
        "endo",
        "supp",
        "adhe",
        "ades",
        "firm",
        "susc",
        "assi",
        "list",
        "unte",
        "υπογ",
        "join",
        "foll",
        "ader",
        "sott",
        "συνυ",
        "erst",
        "adhi",
        "parties",
        "participant",
        "participants",
        "participating",
    ]
)
_SUBHEADING_KEYS = frozenset(
    [
        "parties",
        "signatures",
        "signatories",
        "organisations",
        "organizations",
        "partidos",
        "partiti",
        "partis",
        "parteien",
        "organizaciones",
        "organizações",
        "organizzazioni",
        "adhesiones",
        "adesioni",
        "adesões",
        "κόμματα",
        "observers",
        "members",
        "guests",
        "others",
        "africa",
        "áfrica",
        "afrique",
        "asia",
        "asie",
        "europe",
        "europa",
        "americas",
        "america",
        "américa",
        "amérique",
        "latin",
        "middle",
        "oceania",
        "arab",
        "oriente",
        "médio",
        "medio",
    ]
)
_INITIATOR_KEYS = frozenset(
    ["init", "inic", "iniz", "prop", "conv", "πρωτ", "prom", "impu", "vorg"]
)
_DOC_KEYS = frozenset(
    [
        "meeti",
        "encue",
        "encon",
        "incon",
        "renco",
        "treff",
        "συνάν",
        "confe",
        "semin",
        "state",
        "decla",
        "résol",
        "resol",
        "dichi",
        "erklä",
        "δήλωσ",
        "ψήφισ",
        "appea",
        "appel",
        "apelo",
        "llama",
        "aufru",
        "worki",
        "secre",
        "segre",
        "grupo",
        "grupp",
        "group",
        "arbei",
        "ομάδα",
    ]
)


def _gate(prefixes: set[str], keys: frozenset[str]) -> bool:
    return not keys.isdisjoint(prefixes)


@dataclass(slots=True)
class Line:
    """One line of the document, parsed once."""

    idx: int
    raw: str
    content: str  # marker removed, white space folded
    indent: int = 0
    marker: str | None = None  # "num", "alpha" or the bullet character
    number: int | None = None
    blank: bool = False
    boiler: bool = False
    dates: tuple[DateHit, ...] = ()
    is_dateline: bool = False
    weekday: bool = False
    time: bool = False
    place: tuple[str | None, str | None] | None = None  # (city, ISO2) printed on a dateline
    place_only: bool = False  # the line is only a city and/or country name
    heading: bool = False  # opens a list ("Signed by:")
    subheading: bool = False  # a section inside a list ("SolidNet Parties")
    initiator: bool = False
    doc_words: bool = False  # names a meeting, a statement or a working group
    sentence: bool = False  # reads as prose
    stamp: bool = False  # "Posted on <date>": the page's date, never the statement's
    item: bool = False  # could be one party of a list
    role: bool = False  # "Name Surname, General Secretary": a signer, not a party

    @property
    def words(self) -> int:
        return self.content.count(" ") + 1 if self.content else 0


def fold_ws(s: str) -> str:
    """Fold runs of white space into one space and strip.

    Examples
    --------
    >>> fold_ws("  Communist Party of Sri Lanka     ")
    'Communist Party of Sri Lanka'
    """
    return " ".join(s.split())


def _place_of(
    text: str, unknown_town: bool = True
) -> tuple[tuple[str | None, str | None] | None, bool]:
    """Find a city/country in what is left of a dateline: ``(place, only place words)``."""
    words = [w.strip(".-–—") for w in _PLACE_SPLIT.split(text)]
    words = [w for w in words if w and not _NUMBERISH.fullmatch(w)]
    if not words:
        return None, True
    city = city_cc = country = None
    used = [False] * len(words)
    i = 0
    while i < len(words):
        step = 1
        for n in (3, 2, 1):
            chunk = " ".join(words[i : i + n])
            if i + n > len(words) or not chunk[:1].isupper():
                continue
            if cc := country_code(chunk):
                country = country or cc
            elif c := city_lookup(chunk):
                if city is None:
                    city, city_cc = c
            else:
                continue
            for k in range(i, i + n):
                used[k] = True
            step = n
            break
        i += step
    rest = [
        w for w, u in zip(words, used, strict=True) if not u and w.casefold() not in _PLACE_FILLER
    ]
    if (
        (
            unknown_town
            and city is None
            and len(rest) == 1
            and rest[0][:1].isupper()
            and rest[0][1:].islower()
        )
        and not DOC_WORDS.search(rest[0])
        and not HEADING.search(rest[0])
        and len(rest[0]) > 2
    ):
        city, rest = rest[0], []  # a town the table does not know
    if city is None and country is None:
        return None, not rest
    return (city, country or city_cc), not rest


def parse_line(idx: int, raw: str) -> Line:
    """Parse one raw line (markers, classifications).

    Examples
    --------
    >>> ln = parse_line(0, "  12.   Communist Party of Canada")
    >>> ln.marker, ln.number, ln.content, ln.indent
    ('num', 12, 'Communist Party of Canada', 2)
    >>> d = parse_line(0, "Athens November 2018")
    >>> d.place, d.is_dateline
    (('Athens', 'GR'), True)
    >>> parse_line(0, "Parties that sign:").heading
    True
    """
    if not raw.strip():
        return Line(idx, raw, "", blank=True)
    if len(raw) > MAX_LINE:
        return Line(idx, raw, raw.strip(), sentence=True)
    whole = _RAW_CACHE.get(raw)
    if whole is not None:
        return Line(idx, raw, *whole)
    whole = _parse_new(raw)
    if len(_RAW_CACHE) >= _CLASS_CACHE_MAX:
        _RAW_CACHE.clear()
    _RAW_CACHE[raw] = whole
    return Line(idx, raw, *whole)


def _parse_new(raw: str) -> tuple:  # type: ignore[type-arg]
    """The fields of a :class:`Line` after ``idx`` and ``raw``."""
    s = raw.replace("\t", "    ")
    indent = len(s) - len(s.lstrip(" "))
    marker = None
    number = None
    content = s
    m = _NUM.match(s)
    if m:
        marker = "num"
        number = int(m["num"] or m["pnum"])
        content = m["rest"]
    else:
        m = _ALPHA.match(s)
        if m:
            marker, content = "alpha", m["rest"]
        else:
            m = _BULLET.match(s)
            if m:
                marker, content = m["b"], m["rest"]
    content = " ".join(content.split())
    if marker is None:
        g = _GLUED_ALT.match(content)
        if g:  # an image's file name glued to the first word of a paragraph
            content = content[g.end() :]
    # The same names and boilerplate recur across a corpus: classify each content once.
    key = (content, marker is None)
    fields = _CLASS_CACHE.get(key)
    if fields is None:
        fields = _classify(content, marker is None)
        if len(_CLASS_CACHE) >= _CLASS_CACHE_MAX:
            _CLASS_CACHE.clear()
        _CLASS_CACHE[key] = fields
    return (content, indent, marker, number, False, *fields)


_CLASS_CACHE: dict[tuple[str, bool], tuple] = {}  # type: ignore[type-arg]
_RAW_CACHE: dict[str, tuple] = {}  # type: ignore[type-arg]

_CLASS_CACHE_MAX = 50_000


_BOILER_FIELDS = (True, (), *([False] * 3), None, *([False] * 9))


# page numbers left by PDF-to-text: "2", "Page 2 of 3", "- 2 -", "2/3"
_PAGE_NO = re.compile(
    r"(?i)^(?:page\s+|p\.\s*|σελ\.?\s*|pág\.?\s*)?\d{1,4}(?:\s*(?:of|de|di|/)\s*\d{1,4})?\s*-?$"
)


def _breadcrumb(content: str) -> bool:
    """``Home » News » 2011 » Title``: a trail of short links (checked without a regex,
    whose nested repetition would backtrack)."""
    if len(content) > 300:
        return False
    for sep in ("»", "›", " > "):
        if content.count(sep) >= 2:
            parts = content.split(sep)
            return all(0 < len(p.strip()) <= 40 for p in parts[:-1])
    return False


def _classify(content: str, plain: bool) -> tuple:  # type: ignore[type-arg]
    """Classifications of a line's content, in :class:`Line` field order after ``blank``:
    boiler, dates, is_dateline, weekday, time, place, place_only, heading, subheading,
    initiator, doc_words, sentence."""
    if (plain and (BOILER.match(content) or _breadcrumb(content))) or _PAGE_NO.match(content):
        return _BOILER_FIELDS
    dates: tuple[DateHit, ...] = ()
    is_dateline = weekday = time = place_only = stamp = False
    place = None
    low = content.casefold()
    words = _WORDS.findall(low)
    nwords = len(words)
    prefixes = {w[:4] for w in words} | {w[:5] for w in words} | set(words)
    n_function = len(_SENTENCE_WORDS.intersection(words))
    sentence = (
        nwords > 25
        or (content[-1:] in ".!?" and (nwords > 10 or (nwords >= 7 and n_function >= 1)))
        or n_function >= 2
    )
    # cheap literal gates first: the big case-insensitive alternations cost ~10-40 µs a line
    heading = bool(
        nwords <= 25
        and (content.endswith(":") or nwords <= 8)
        and _gate(prefixes, _HEADING_KEYS)
        and HEADING.search(content)
    ) or (
        # "Подписали:", "Potpisnici:": a heading word of a language file before a colon
        content.endswith(":") and nwords <= 6 and not _LIST_HEADINGS.isdisjoint(words)
    )
    subheading = bool(
        nwords <= 8 and _gate(prefixes, _SUBHEADING_KEYS) and SUBHEADING.match(content)
    )
    initiator = bool(_gate(prefixes, _INITIATOR_KEYS) and INITIATOR.search(content))
    doc_words = bool(
        (_gate(prefixes, _DOC_KEYS) or "communiq" in low) and DOC_WORDS.search(content)
    )
    if len(content) <= 200:
        hits = []
        if _DIGIT.search(content) is not None:
            # "11/1/19, 3:19 PM": a US-style time stamp reads month first
            hits = find_dates(content, prefer_month_first=_AMPM.search(content) is not None)
        if hits:
            dates = tuple(hits)
            weekday = has_weekday(content)
            time = has_time(content)
            rest = content
            for h in sorted(hits, key=lambda h: -h.start):
                rest = rest[: h.start] + " " + rest[h.end :]
            rest = _WEEKDAY_RE.sub(" ", _TIME_OF_DAY.sub(" ", rest))
            # "Posted on 11 December 2018 by admin": a page stamp, not a place
            stamp = _STAMP_WORD.match(rest) is not None
            rest = _STAMP.sub(" ", rest)
            p, only = _place_of(rest)
            if only:
                is_dateline, place = True, p
            elif _SOURCE.match(rest):
                # "ICP, 19 June 2019", "Haló noviny, 8. března 2004": who posted it, when
                is_dateline = stamp = True
        elif nwords <= 5 and content[:1].isupper() and not _PARTYISH.search(content):
            p, only = _place_of(content, unknown_town=False)
            if p and only:
                place_only, place = True, p
    return (
        False,
        dates,
        is_dateline,
        weekday,
        time,
        place,
        place_only,
        heading,
        subheading,
        initiator,
        doc_words,
        sentence,
        stamp,
        _item_like(
            content, nwords, is_dateline, place_only, heading, initiator, sentence, doc_words
        ),
        bool(_gate(prefixes, _ROLE_KEYS) and _ROLE_LINE.match(content)),
    )


def _item_like(
    c: str,
    nwords: int,
    is_dateline: bool,
    place_only: bool,
    heading: bool,
    initiator: bool,
    sentence: bool,
    doc_words: bool,
) -> bool:
    """Could a line with this content be one party of a list?"""
    if is_dateline or place_only or heading or initiator or sentence:
        return False
    if not c or len(c) > 200 or nwords > 20 or c.endswith(":"):
        return False
    if doc_words and (not PARTY_WORDS.search(c) or _NOT_A_PARTY.search(c)):
        return False
    first = c[0]
    if first.islower() and not (PARTY_WORDS.search(c) and nwords <= 8):
        return False
    last = c.rsplit(" ", 1)[-1].casefold()
    if nwords > 1 and last in DANGLING:
        return False  # a wrapped line of prose ("... call on the"), not a name
    return first.isalnum() or first in "(\"'«“[" or "\U0001f1e6" <= first <= "\U0001f1ff"


DANGLING = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "on",
        "for",
        "with",
        "a",
        "an",
        "that",
        "which",
        "by",
        "from",
        "as",
        "at",
        "or",
        "is",
        "are",
        "was",
        "were",
        "de",
        "la",
        "el",
        "y",
        "que",
        "en",
        "los",
        "las",
        "del",
        "por",
        "con",
        "para",
        "e",
        "o",
        "da",
        "do",
        "das",
        "dos",
        "di",
        "il",
        "che",
        "per",
        "con",
        "der",
        "die",
        "das",
        "und",
        "zu",
        "von",
        "mit",
        "le",
        "les",
        "et",
        "à",
        "au",
        "des",
        "du",
        "και",
        "του",
        "της",
        "των",
        "να",
        "σε",
    ]
)


_ROLE_KEYS = frozenset(
    [
        "general",
        "secretary",
        "first",
        "president",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "leader",
        "member",
        "head",
        "deputy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "coordinator",
        "representative",
        "responsible",
        "international",
        "secretario",
        "secretaria",
        "secretário",
        "secrétaire",
        "segretario",
        "segretaria",
        "generalsekretär",
        "vorsitzende",
        "presidente",
        "président",
        "γενικός",
        "γραμματέας",
    ]
)
_NOT_A_PARTY = re.compile(
    r"(?i)\b(?:meeting|statement|declaration|working group|secretariat|secretaría|secretariado|"
    r"segreteria|sekretariat|γραμματεία|press office|international (?:relations )?department)\b"
)
# A person's name with a function: the signer under a party's line, not a party.
_ROLE_LINE = re.compile(
    r"^(?:(?:comrade|cde\.?|dr\.?|mr\.?|ms\.?)\s+)?[A-ZÀ-ÝΑ-ΩĀ-Ž][\w'’.\-]+"
    r"(?:\s+[A-ZÀ-ÝΑ-ΩĀ-Ž][\w'’.\-]+){1,3}\s*[,–—-]\s*(?:the\s+)?(?:general\s+secretary|"
    r"secretary|first\s+secretary|president|chair(?:man|woman|person)?|leader|member|head|"
    r"deputy|spokes(?:man|woman|person)|coordinator|representative|responsible|"
    r"international\s+secretary|secretario|secretaria|secretário|secrétaire|segretari[oa]|"
    r"generalsekretär|vorsitzende|presidente|président|γενικός\s+γραμματέας|γραμματέας)\b",
    re.IGNORECASE,
)


_RUN_NUM = re.compile(r"(?:(?<=\s)|^)(\d{1,3})[.)]\s+(?=[^\d\s])")
# (?<!\s) keeps a leading \s+ from being retried inside long runs of white space
_RUN_BULLET = re.compile(r"(?<!\s)\s+[•●▪]\s+")


def split_run_together(line: str) -> list[str]:
    """Split numbered or bulleted items printed in one paragraph into separate lines.

    Examples
    --------
    >>> split_run_together("Signed by: 1. KKE 2. PCP 3. AKEL, Cyprus")
    ['Signed by:', '1. KKE', '2. PCP', '3. AKEL, Cyprus']
    >>> split_run_together("In 2018. We met 3. times")
    ['In 2018. We met 3. times']
    """
    if len(line) > MAX_LINE:
        return [line]
    if "•" in line or "●" in line or "▪" in line:
        parts = _RUN_BULLET.split(line)
        if len(parts) >= 3:
            first = parts[0].strip()
            out = [first] if first and first not in "•●▪" else []
            out += ["• " + p.strip() for p in parts[1:] if p.strip()]
            if (out and out[0][:1] in "•●▪") or len(out) > 2:
                return out
    ms = list(_RUN_NUM.finditer(line))
    if len(ms) < 2:
        return [line]
    # longest chain of consecutive numbers, in one pass (chains keyed by the number they
    # wait for; a number that continues no chain starts one)
    chains: dict[int, list[re.Match[str]]] = {}
    best: list[re.Match[str]] = []
    for m in ms:
        n = int(m.group(1))
        chain = chains.pop(n, None)
        if chain is None:
            chain = []
        chain.append(m)
        other = chains.get(n + 1)
        if other is None or len(other) < len(chain):
            chains[n + 1] = chain
        if len(chain) > len(best):
            best = chain
    starts_line = best and best[0].start() == len(line) - len(line.lstrip())
    if len(best) < 3 and not (len(best) >= 2 and starts_line):
        return [line]
    if not starts_line and int(best[0].group(1)) != 1:
        return [line]
    out = []
    head = line[: best[0].start()].strip()
    if head:
        out.append(head)
    for a, b in zip(best, [*best[1:], None], strict=True):
        out.append(line[a.start() : b.start() if b else len(line)].strip())
    return out
