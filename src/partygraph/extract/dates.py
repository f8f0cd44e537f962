"""Dates as statements print them, in every language whose file names its months.

Only what is printed is returned: a date printed to the day is a full ``YYYY-MM-DD``,
a month and year without a day is a partial ``YYYY-MM`` (callers keep it out of the
dated fields). Every pattern is linear (no nested quantifiers), so long texts are safe.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from partygraph.extract.langdata import words

# month names live in the language files (extract/data/lang/<iso>.json, key "months")
_MONTH_OF: dict[str, int] = {}
for _name, _n in words().months.items():
    _MONTH_OF[_name] = _n
    _MONTH_OF[_name.capitalize()] = _n


def trie_regex(words: set[str] | list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes (longest match first).

    Python's ``re`` tries the branches of a flat alternation one by one at every position;
    a prefix tree lets it give up after one character at most positions.

    Examples
    --------
    >>> trie_regex(["mar", "march", "may"])
    '(?:ma(?:r(?:ch)?|y))'
    >>> bool(re.fullmatch(trie_regex(["jan", "january", "june"]), "january"))
    True
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        # fold single-branch chains: "c(?:h)" -> "ch"
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return "(?:" + build(trie) + ")"


class _Lazy:
    """A pattern compiled on its first use. The month and weekday alternations of every
    language take about a third of a second to compile: every command imports this
    module, few read dates.

    Examples
    --------
    >>> p = _Lazy("[0-9]+")
    >>> p.search("year 2018").group(), p.pattern
    ('2018', '[0-9]+')
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


_MON = trie_regex(set(_MONTH_OF))
MONTH_RE = _MON

_WEEKDAY = trie_regex(set(words().weekdays))
_SUF = r"(?:st|nd|rd|th|\.?º|\.?ª|\.?°|er|eme|ème|η|\.)?"
_DE = r"(?:\s*(?:de|del|of|di|du)\s+|\s+|\s*,\s*|\s*\.\s*)"

_D = r"(?P<d>[0-3]?\d)"
_Y = r"(?P<y>(?:1[89]|2[01])\d\d)"
_M = rf"(?P<m>{_MON})"

_PATTERNS = [
    # 2018-11-25, 2018.11.25, 2018/11/25 (year first: always year, month, day)
    _Lazy(
        r"(?<![\d.])(?P<y>(?:1[89]|2[01])\d\d)(?P<ysep>[-./])(?P<mn>[01]?\d)(?P=ysep)"
        r"(?P<d>[0-3]?\d)(?![\d]|\.\d)"
    ),
    # 25 November 2018, 25th of November, 2018, 25 de noviembre de 2018, 25. November 2018
    _Lazy(
        rf"(?<![\d\w]){_D}{_SUF}(?:\s*(?:de|of|del)\s+|\s+|\.\s*){_M}\.?{_DE}{_Y}(?!\d)",
        re.IGNORECASE,
    ),
    # November 25th 2018, November 25, 2018
    _Lazy(
        rf"(?<!\w){_M}\.?\s+{_D}{_SUF}(?:\s*,\s*|\s+(?:de\s+|del\s+)?){_Y}(?!\d)",
        re.IGNORECASE,
    ),
    # 25.11.2018, 25/11/2018, 12/23/11, 25-11-2018
    _Lazy(
        r"(?<![\d.\/-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
        r"(?P<yy>(?:1[89]|2[01])\d\d|\d\d)(?![\d]|\.\d)"
    ),  # 3.V.2023, 3/V/2023: a Roman-numeral month (Central and Eastern Europe)
    _Lazy(
        r"(?<![\w.])(?P<d>[0-3]?\d)(?P<sep>\.\s?|/|-)(?P<rm>xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
        r"(?P=sep)(?P<y>(?:1[89]|2[01])\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # 2023年5月3日 (Chinese and Japanese)
    _Lazy(r"(?<!\d)(?P<y>(?:1[89]|2[01])\d\d)\s?年\s?(?P<mn>[01]?\d)\s?月\s?(?P<d>[0-3]?\d)\s?日"),
]
_ROMAN_MONTH = {
    r: n
    for n, r in enumerate(
        ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"], 1
    )
}
_PARTIAL = _Lazy(rf"(?<![\w]){_M}\.?(?:\s*(?:de|del|of|di)\s+|\s*,?\s+){_Y}(?!\d)", re.IGNORECASE)
_WEEKDAY_RE = _Lazy(rf"(?<!\w){_WEEKDAY}(?!\w)", re.IGNORECASE)


def _cs(p: _Lazy) -> _Lazy:
    """The case-sensitive twin of a pattern, for lower-cased text (several times faster
    than IGNORECASE on long month alternations)."""
    return _Lazy(p.pattern)


_PATTERNS_CS = [_cs(p) for p in _PATTERNS]
_PARTIAL_CS = _cs(_PARTIAL)


# the first letters in a class before the trie: most positions fail at one test
_MON_FIRST = "(?=[" + re.escape("".join(sorted({n[0] for n in _MONTH_OF}))) + "])"
_MONTH_START = _Lazy(rf"{_MON_FIRST}(?<!\w){_MON}", re.IGNORECASE)
_MONTH_START_CS = _Lazy(rf"{_MON_FIRST}(?<!\w){_MON}")


def _lowered(text: str) -> tuple[str, bool]:
    low = text.lower()
    return (low, True) if len(low) == len(text) else (text, False)


_TIME_RE = re.compile(r"(?<!\d)[0-2]?\d:[0-5]\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?(?!\d)")


_YEARISH = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
# cheap tests before the rarer patterns are tried at every run of digits
_YEAR_FIRST = re.compile(r"(?:1[89]|2[01])\d\d[-./][01]?\d[-./]")
_ROMAN_HINT = re.compile(r"\d[./-]\s?[ivxIVX]+[./-]")
_NUMERIC_DATE = re.compile(r"\d[./-]\d{1,2}[./-]\d\d")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateHit:
    """One date found in a text: ``value`` is ``YYYY-MM-DD`` or ``YYYY-MM`` (partial)."""

    start: int
    end: int
    value: str
    partial: bool = False
    ambiguous: bool = False


def month_number(name: str) -> int | None:
    """Return 1-12 for a month name in any supported language.

    Examples
    --------
    >>> month_number("Noviembre"), month_number("aprile"), month_number("Νοεμβρίου")
    (11, 4, 11)
    """
    n = name.strip(". ").casefold()
    if n in _MONTH_OF:
        return _MONTH_OF[n]
    stripped = "".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c))
    return _MONTH_OF.get(stripped)


def _iso(y: int, m: int, d: int) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if d > (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31):
        return None
    if m == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _year2(yy: str) -> int:
    y = int(yy)
    if len(yy) == 4:
        return y
    return 2000 + y if y < 50 else 1900 + y


_DIGITS = re.compile(r"\d+")


def find_dates(text: str, *, prefer_month_first: bool = False) -> list[DateHit]:
    """Find the dates printed in ``text`` (full dates, then month-only ones).

    Parameters
    ----------
    text
        Any text; short lines are cheapest.
    prefer_month_first
        The text shows US order (a time printed with AM/PM): ``a/b/yy`` is month first.
        Otherwise a ``a/b/yy`` whose parts are both <= 12 and differ is read day first
        and flagged ``ambiguous``; callers leave it out of the dated fields.

    Returns
    -------
    list of DateHit
        In text order; month-only hits only where no full date covers them.

    Examples
    --------
    >>> [h.value for h in find_dates("Tuesday, 11 December 2018")]
    ['2018-12-11']
    >>> [h.value for h in find_dates("November 25th  2018")]
    ['2018-11-25']
    >>> [h.value for h in find_dates("12/23/11 1:18 PM")]
    ['2011-12-23']
    >>> [(h.value, h.ambiguous) for h in find_dates("03/05/2023")]
    [('2023-05-03', True)]
    >>> [(h.value, h.partial) for h in find_dates("Beirut Líbano, Noviembre del 2012")]
    [('2012-11', True)]
    >>> [h.value for h in find_dates("Lisbon, 16th February 2008-02; 25.11.2018; 2018-11-25")]
    ['2008-02-16', '2018-11-25', '2018-11-25']
    >>> [h.value for h in find_dates("1er mai 2023 | 3. Mai 2023 | May 3rd, 2023 | 3.V.2023")]
    ['2023-05-01', '2023-05-03', '2023-05-03', '2023-05-03']
    >>> [h.value for h in find_dates("2023年5月3日; 3 мая 2023 г.; 31.IV.2023; 2023.05.03")]
    ['2023-05-03', '2023-05-03', '2023-05-03']
    """
    has_year = _YEARISH.search(text) is not None
    has_numeric = _NUMERIC_DATE.search(text) is not None
    if not (has_year or has_numeric):
        return []  # no year and no d/m/y: no full or month-only date can be printed
    return _find_dates(text, prefer_month_first=prefer_month_first)


@lru_cache(maxsize=16)  # a text's dates and its day ranges are looked for in turn
def _starts(src: str, cs: bool) -> tuple[list[int], list[int]]:
    """Where a date can begin: digit runs and month names (patterns are then tried only
    there, with ``match``, instead of scanning every position)."""
    digits = [m.start() for m in _DIGITS.finditer(src)]
    months = [m.start() for m in (_MONTH_START_CS if cs else _MONTH_START).finditer(src)]
    return digits, months


def _anchored(pat: _Lazy, src: str, starts: list[int]):  # type: ignore[no-untyped-def]
    match = pat.match
    for p in starts:
        m = match(src, p)
        if m is not None:
            yield m


def _find_dates(text: str, *, prefer_month_first: bool = False) -> list[DateHit]:
    has_year = _YEARISH.search(text) is not None
    has_numeric = _NUMERIC_DATE.search(text) is not None
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    src, cs = _lowered(text)
    digits, months = _starts(src, cs)
    for i, pat in enumerate(_PATTERNS_CS if cs else _PATTERNS):
        if (
            (i == 3 and not has_numeric)
            or (i != 3 and not has_year)
            or (i == 0 and _YEAR_FIRST.search(text) is None)
            or (i == 4 and _ROMAN_HINT.search(text) is None)
            or (i == 5 and "年" not in text)
        ):
            continue
        for m in _anchored(pat, src, months if i == 2 else digits):
            if not free(m.start(), m.end()):
                continue
            ambiguous = False
            if i in (0, 5):
                value = _iso(int(m["y"]), int(m["mn"]), int(m["d"]))
            elif i == 4:
                value = _iso(int(m["y"]), _ROMAN_MONTH[m["rm"].lower()], int(m["d"]))
            elif i in (1, 2):
                mon = month_number(m["m"])
                value = _iso(int(m["y"]), mon, int(m["d"])) if mon else None
            else:
                a, b, y = int(m["a"]), int(m["b"]), _year2(m["yy"])
                if m["sep"] == "/" and a <= 12 and (b > 12 or prefer_month_first):
                    a, b = b, a  # US order M/D/Y (known from the caller's evidence)
                elif a <= 12 and b <= 12 and a != b:
                    ambiguous = m["sep"] == "/"
                value = _iso(y, b, a)
            if value:
                hits.append(DateHit(m.start(), m.end(), value, False, ambiguous))
                taken.append((m.start(), m.end()))
    for m in _anchored(_PARTIAL_CS if cs else _PARTIAL, src, months) if has_year else ():
        if free(m.start(), m.end()):
            mon = month_number(m["m"])
            if mon:
                hits.append(DateHit(m.start(), m.end(), f"{int(m['y']):04d}-{mon:02d}", True))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def has_weekday(text: str) -> bool:
    """True when a weekday name is printed (a page or post time stamp, typically).

    Examples
    --------
    >>> has_weekday("Tuesday, 11 December 2018"), has_weekday("11 December 2018")
    (True, False)
    """
    return _WEEKDAY_RE.search(text) is not None


def has_time(text: str) -> bool:
    """True when a time of day such as ``1:18 PM`` is printed.

    Examples
    --------
    >>> has_time("12/23/11 1:18 PM"), has_time("2018")
    (True, False)
    """
    return _TIME_RE.search(text) is not None


_SEP = (
    r"(?:\s*[-–—‐/]\s*|\s*,\s*|\s+(?:and|to|till|until|through|y|al|a|e|et|au|und|bis|"
    r"και|έως|ως|-)\s+|\s*,?\s+(?:and|y|e|et|und|και)\s+)"
)
_DAYLIST = rf"(?P<days>[0-3]?\d{_SUF}(?:{_SEP}[0-3]?\d{_SUF}){{1,4}})"
_RANGE_PATTERNS = [
    # 30 November - 2 December 2018 (two months)
    _Lazy(
        rf"(?<![\w]){_D}{_SUF}(?:\s*de)?\s+(?P<m1>{_MON})\.?"
        r"(?:\s*[-–—‐]\s*|\s+(?:to|till|until|al|au|bis|a|ao|έως|ως)\s+)"
        rf"(?P<d2>[0-3]?\d){_SUF}"
        rf"(?:\s*de)?\s+(?P<m2>{_MON})\.?{_DE}{_Y}(?!\d)",
        re.IGNORECASE,
    ),
    # 23-25 November 2018, del 23 al 25 de noviembre de 2018, 18, 19 and 20 October 2019
    _Lazy(
        rf"(?<![\w.]){_DAYLIST}(?:\s*(?:de|of)\s+|\s+|\.\s*)(?P<m>{_MON})\.?(?:{_DE}{_Y})?(?!\d)",
        re.IGNORECASE,
    ),
    # November 23-25, 2018
    _Lazy(
        rf"(?<!\w)(?P<m>{_MON})\.?\s+{_DAYLIST}(?:(?:\s*,\s*|\s+){_Y})?(?!\d)",
        re.IGNORECASE,
    ),
]
_RANGE_PATTERNS_CS = [_cs(p) for p in _RANGE_PATTERNS]
_DAYNUM = re.compile(r"[0-3]?\d")


@dataclass(frozen=True)
class RangeHit:
    """A span of days (``start``/``end`` ISO dates); ``year_guessed`` when no year printed."""

    start_pos: int
    start: str
    end: str
    year_guessed: bool = False


def find_ranges(text: str, default_year: int | None = None) -> list[RangeHit]:
    """Find day ranges such as ``November 23-25, 2018`` or ``11-12 April 2011``.

    Single dates are returned as one-day ranges. A range printed without a year takes
    ``default_year`` (and says so), or is skipped when there is none.

    Examples
    --------
    >>> [(r.start, r.end) for r in find_ranges("held in Athens on November 23-25, 2018")]
    [('2018-11-23', '2018-11-25')]
    >>> [(r.start, r.end) for r in find_ranges("Brussels 11-12 April 2011")]
    [('2011-04-11', '2011-04-12')]
    >>> [(r.start, r.end) for r in find_ranges("on 18, 19 and 20 October", 2019)]
    [('2019-10-18', '2019-10-20')]
    >>> [(r.start, r.end) for r in find_ranges("from 30 November - 2 December 2018")]
    [('2018-11-30', '2018-12-02')]
    >>> [(r.start, r.end) for r in find_ranges("met in Lisbon, on February 16 2008")]
    [('2008-02-16', '2008-02-16')]
    """
    if _DIGIT.search(text) is None:
        return []
    return _find_ranges(text, default_year)


def _find_ranges(text: str, default_year: int | None = None) -> list[RangeHit]:
    out: list[RangeHit] = []
    taken: list[tuple[int, int]] = []
    src, cs = _lowered(text)
    digits, months = _starts(src, cs)
    for i, pat in enumerate(_RANGE_PATTERNS_CS if cs else _RANGE_PATTERNS):
        for m in _anchored(pat, src, months if i == 2 else digits):
            if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
                continue
            y_txt = m.groupdict().get("y")
            guessed = y_txt is None
            if guessed and default_year is None:
                continue
            y = int(y_txt) if y_txt else int(default_year or 0)
            if i == 0:
                s = _iso(y, month_number(m["m1"]) or 0, int(m["d"]))
                e = _iso(y, month_number(m["m2"]) or 0, int(m["d2"]))
            else:
                mon = month_number(m["m"]) or 0
                days = [int(d) for d in _DAYNUM.findall(re.sub(_SUF + r"(?=\D|$)", " ", m["days"]))]
                if not days or days != sorted(days):
                    continue
                s, e = _iso(y, mon, days[0]), _iso(y, mon, days[-1])
            if s and e and s <= e:
                out.append(RangeHit(m.start(), s, e, guessed))
                taken.append((m.start(), m.end()))
    for h in find_dates(text):
        if not h.partial and all(h.end <= a or h.start >= b for a, b in taken):
            out.append(RangeHit(h.start, h.value, h.value))
    out.sort(key=lambda r: r.start_pos)
    return out
