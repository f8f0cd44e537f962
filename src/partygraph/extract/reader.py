"""The statement reader: decoded text -> :class:`StatementRecord`.

Passes, each linear in the number of lines:

1. lines: markers, boilerplate, datelines, headings (:mod:`partygraph.extract.lines`);
2. header: the lines before the first prose paragraph give title, headline and the
   page's date;
3. list: runs of party-like lines (numbered, bulleted or plain, one per line or per
   paragraph), the best run wins (after a heading such as *Signed by* first), then
   inline lists in a lead sentence;
4. meeting, datelines, initiators, language, body text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from partygraph.extract.countries import city_lookup
from partygraph.extract.dates import find_dates, find_ranges, month_number, trie_regex
from partygraph.extract.inline import (
    InlineList,
    find_inline,
    named,
    role_of,
    segment_run_together,
    sentences,
    split_names,
    split_separated,
    strip_article,
)
from partygraph.extract.langdata import words as lang_words
from partygraph.extract.language import detect_language
from partygraph.extract.lines import (
    DANGLING,
    DOC_WORDS,
    HEADING,
    INITIATOR,
    MAX_LINE,
    Line,
    fold_ws,
    parse_line,
    split_run_together,
)
from partygraph.extract.meeting import (
    WG_RE as _WG_RE,
)
from partygraph.extract.meeting import (
    days_near,
    find_meetings,
    find_numbered_meeting,
    place_near,
    roman,
)
from partygraph.extract.model import Meeting, Place, PrintedParty, StatementRecord
from partygraph.extract.parties import (
    PARTY_WORDS,
    abbreviation_like,
    caps_tokens,
    party_score,
    split_party,
)

# Beyond this many characters only the head and the tail are analysed (bounded work).
MAX_ANALYSED = 1_500_000
HEAD_CHARS = 300_000
_GENERIC_LABEL = re.compile(
    r"(?i)^(?:joint\s+|press\s+|final\s+|common\s+|solidarity\s+)?(?:statement|declaration|"
    r"communiqu[ée]|resolution|press\s+release|comunicado|declaración|dichiarazione|"
    r"comunicato|déclaration|erklärung|δήλωση|ανακοίνωση|news|home|article|blog|archive)s?"
    r"(?:\s+(?:conjunta|congiunta|commune|conjunto))?[.:]?$"
)
_STATEMENT_START = re.compile(
    r"(?i)^(?:joint\s+|common\s+|final\s+|solidarity\s+|political\s+)?(?:statement|declaration|"
    r"resolution|appeal|communiqu[ée]|call|letter|message|declaración|resolución|comunicado|"
    r"llamamiento|declaração|resolução|apelo|dichiarazione|risoluzione|appello|comunicato|"
    r"déclaration|résolution|appel|erklärung|resolution|aufruf|δήλωση|ψήφισμα|κοινή\s+δήλωση|"
    r"έκκληση)\b"
)
HEAD_NOUN = re.compile(
    r"(?i)(?<![^\W\d_])(?:part(?:y|ies|ido|idos|ito|iti|i|is|ei|eien)|κόμμα|κομμα|"
    r"communists|comunistas|comunisti|communistes|kommunisten|union|unión|uni[aã]o|unione|front|"
    r"frente|fronte|league|liga|lega|ligue|movement|movimiento|movimento|mouvement|bewegung|"
    r"tribune|tribuna|bloc|bloco|bloque|blocco|alliance|alianza|aliança|alleanza|organi[sz]ation|"
    r"organización|organização|congress|congreso|platform|pole|polo|pôle|resistance|committee|"
    r"council|federation|coalition|group|grupo|gruppo|groupe|left|linke|izquierda|esquerda)"
    r"(?![^\W\d_])"
)
_ABBR_DOT = re.compile(r"(?:\b[A-Z]|\b\w{1,3})\.$")
_RUN_HINT = re.compile(r"\d[.)]\s")
_MEETING_HINTS = (
    "meeting",
    "encuentro",
    "encontro",
    "incontro",
    "rencontre",
    "treffen",
    "συνάντησ",
    "imcwp",
    "seminar",
    "séminaire",
    "working group",
)


# one white-space quantifier per branch: no quadratic retries on long runs of spaces
@dataclass
class _Run:
    """Consecutive list-like lines."""

    lines: list[Line] = field(default_factory=list)
    sections: dict[int, str] = field(default_factory=dict)  # line idx -> section label
    countries: dict[int, str | None] = field(default_factory=dict)  # from country headings
    after_country: dict[int, str | None] = field(default_factory=dict)  # country line below
    family: str | None = None
    indent: int = 0
    heading: Line | None = None

    def scores(self) -> list[float]:
        return [party_score(ln.content) for ln in self.lines]


def _family(ln: Line) -> str:
    if ln.marker is None:
        return "plain"
    if ln.marker == "num":
        return "num"
    if ln.marker == "alpha":
        return "alpha"
    return "bullet:" + ("-" if ln.marker in "-–—" else ln.marker)


def _item_like(ln: Line) -> bool:
    """Could this line be one party of a list? (classified once per content)"""
    return ln.item and not ln.blank and not ln.boiler


def _next_text(lines: Sequence[Line], i: int) -> Line | None:
    for ln in lines[i + 1 : i + 4]:
        if not ln.blank:
            return ln
    return None


def _build_runs(lines: Sequence[Line], start: int, skip: set[int]) -> list[_Run]:
    """Group item-like lines into runs; blank lines may separate items."""
    runs: list[_Run] = []
    cur: _Run | None = None
    blanks = 0
    pending_section: str | None = None
    pending_country: str | bool | None = False  # False: no country heading seen
    for ln in lines[start:]:
        if ln.blank:
            blanks += 1
            if cur is not None and blanks > 3:
                runs.append(cur)
                cur = None
            continue
        if ln.boiler:
            continue
        if ln.idx in skip:
            if cur is not None:
                runs.append(cur)
                cur = None
            continue
        if cur is not None and ln.role:
            continue  # "Dimitris Koutsoumbas, General Secretary" under the party's line
        if (
            cur is not None
            and ln.place_only
            and ln.marker is None
            and ln.place
            and ln.place[0] is None
            and cur.lines[-1].idx == ln.idx - 1
            and cur.lines[-1].marker is None
            and not cur.countries  # in a list under country headings, this is the next one
        ):
            # "Communist Party of Greece" / "Greece": the country under its party
            cur.after_country[cur.lines[-1].idx] = ln.place[1]
            blanks = 0
            continue
        if (
            ln.place_only
            and ln.marker is None
            and ln.place
            and ln.place[0] is None
            and (nxt := _next_text(lines, ln.idx)) is not None
            and not nxt.place_only
            and _item_like(nxt)
        ):
            # a country heading over its parties ("Greece" / "Communist Party of Greece")
            pending_section = ln.content.rstrip(":").strip()
            pending_country = ln.place[1]
            blanks = 0
            continue
        if (
            (ln.subheading and not ln.heading)
            or (cur is not None and ln.heading and ln.words <= 4)
            or (
                cur is not None
                and ln.marker is None
                and ln.content.endswith(":")
                and ln.words <= 5
                and not ln.sentence
            )
        ):
            # a section inside (or just before) a list
            pending_section = ln.content.rstrip(":").strip()
            pending_country = None
            if cur is not None and cur.family != "plain":
                blanks = 0
                continue
            if cur is not None:
                runs.append(cur)
                cur = None
            blanks = 0
            continue
        if not _item_like(ln):
            if cur is not None:
                runs.append(cur)
                cur = None
            pending_section = None
            blanks = 0
            continue
        fam = _family(ln)
        if cur is not None:
            same = fam == cur.family and abs(ln.indent - cur.indent) <= 1
            restart = (
                fam == "num"
                and ln.number == 1
                and cur.lines[-1].number is not None
                and cur.lines[-1].number > 1
                and pending_section is None
            )
            if not same or restart:
                runs.append(cur)
                cur = None
        if cur is None:
            cur = _Run(family=fam, indent=ln.indent)
        if pending_section:
            cur.sections[ln.idx] = pending_section
            pending_section = None
        if pending_country is not False:
            cur.countries[ln.idx] = pending_country  # type: ignore[assignment]
            pending_country = False
        cur.lines.append(ln)
        blanks = 0
    if cur is not None:
        runs.append(cur)
    return runs


def _heading_for(lines: Sequence[Line], run: _Run) -> Line | None:
    """The list heading just before a run (sub-headings and blank lines may intervene)."""
    i = run.lines[0].idx - 1
    seen = 0
    while i >= 0 and seen < 4:
        ln = lines[i]
        i -= 1
        if ln.blank or ln.boiler:
            continue
        if ln.heading:
            return ln
        if ln.subheading or ln.is_dateline or ln.place_only or ln.initiator:
            seen += 1
            continue
        return None
    return None


def _trim_tail(run: _Run, lines: Sequence[Line]) -> list[Line]:
    """Drop trailing blocks (after a blank line) that are not party-like: tags, links."""
    items = run.lines
    blocks: list[list[Line]] = [[items[0]]]
    for prev, ln in itertools.pairwise(items):
        if any(lines[k].blank for k in range(prev.idx + 1, ln.idx)):
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    if len(blocks) > 1 and all(len(b) == 1 for b in blocks):
        # one party per paragraph: only trailing lines that name no party go ("War")
        end = len(items)
        while end > 1 and party_score(items[end - 1].content) <= 0:
            end -= 1
        return items[:end] if end >= len(items) / 2 else items
    while len(blocks) > 1:
        sc = [party_score(ln.content) for ln in blocks[-1]]
        if sum(1 for s in sc if s > 0) / len(sc) >= 0.5:
            break
        blocks.pop()
    return [ln for b in blocks for ln in b]


def _clean_printed(s: str) -> str:
    """The line as printed, white space folded, list punctuation (``,`` ``;`` a final ``.``
    after a whole word) dropped."""
    s = fold_ws(s).rstrip(",; ")
    if s.endswith(".") and not _ABBR_DOT.search(s):
        s = s[:-1].rstrip(",; ")
    return s


@dataclass
class _State:
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    partial: dict[str, str] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # lines consumed as metadata or list
    prose_lists: set[int] = field(default_factory=set)  # used lines of a sentence naming parties
    # first line of a paragraph that names parties -> its prose around the names (kept in
    # the body: "Representatives of X also attended.")
    prose_rest: dict[int, str] = field(default_factory=dict)


@lru_cache(maxsize=65536)
def _split_raw(raw: str) -> tuple[str, ...]:
    if "   " in raw.strip() and (cols := _columns(raw)):
        return cols
    if any(c in raw for c in "–—|·") and len(parts := split_separated(raw)) > 1:
        return tuple(parts)
    # only lines with two or more markers can hold run-together items
    if "•" not in raw and len(_RUN_HINT.findall(raw)) < 2:
        return (raw,)
    return tuple(split_run_together(raw))


_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)|\t+")


def _columns(raw: str) -> tuple[str, ...] | None:
    """Two to four party names side by side (a list laid out in columns, from a PDF)."""
    cells = [c.strip() for c in _COLUMN_GAP.split(raw.strip()) if c.strip()]
    if not 2 <= len(cells) <= 4:
        return None
    # markers stay with their names: "1. A     2. B"
    if all(
        len(c.split()) >= 2 and named(re.sub(r"^\d{1,3}[.)]\s*|^[•\-–*]\s*", "", c)) for c in cells
    ):
        return tuple(cells)
    return None


def _prepare(text: str, known: frozenset[str] = frozenset()) -> tuple[list[Line], int, list[str]]:
    """Parsed lines, how many printed lines held several names side by side, and a
    warning for each run of names that was split by the grammar of party names."""
    raw_lines: list[str] = []
    side_by_side = 0
    warns: list[str] = []
    for n, raw in enumerate(text.split("\n"), 1):
        if len(raw) < 12:
            raw_lines.append(raw)
            continue
        parts = _split_raw(raw)
        end = raw[-48:]
        if len(parts) == 1 and (". " in end or "! " in end or "? " in end):
            parts = _glued_heading(raw)
        if len(parts) > 1 and "   " in raw.strip() and _columns(raw) == parts:
            side_by_side += 1
        if len(parts) == 1 and len(raw) >= 60 and _names_only(raw):
            segs = segment_run_together(fold_ws(raw), known)
            if len(segs) >= 3 and all(named(x) for x, _ in segs):
                unconfirmed = [x for x, ok in segs if not ok]
                if unconfirmed:
                    warns.append(
                        f"signatories: line {n} runs {len(segs)} names together; split by the "
                        f"grammar of party names ({len(unconfirmed)} not confirmed by a known "
                        f"name: {' | '.join(unconfirmed[:30])})"
                    )
                parts = tuple(x for x, _ in segs)
        raw_lines.extend(parts)
    if _ANY_SPACE_NUM.search(text) is not None:
        _space_numbered(raw_lines)
    parsed = [parse_line(i, r) for i, r in enumerate(raw_lines)]
    _join_wrapped_items(parsed)
    return parsed, side_by_side, warns


def _join_wrapped_items(lines: list[Line]) -> None:
    """``3. Union of Communist Parties – Communist Party of the`` / ``   Soviet Union``: a
    list item cut after a word that cannot end a name goes on on the next, indented line
    (the two become one line; a blank line keeps the numbering of lines)."""
    for i in range(len(lines) - 1):
        ln, nxt = lines[i], lines[i + 1]
        if (
            ln.marker is not None
            and not nxt.blank
            and nxt.marker is None
            and nxt.indent > ln.indent
            and (
                ln.content.rsplit(" ", 1)[-1].casefold() in DANGLING
                or ln.content[-1] in "-–—"
                or nxt.content[:1].islower()
            )
        ):
            lines[i] = parse_line(i, ln.raw.rstrip() + " " + nxt.raw.strip())
            lines[i + 1] = parse_line(i + 1, "")


_ANY_SPACE_NUM = re.compile(r"(?m)^[ \t]*\d{1,3} [^\W\d_]")
_SPACE_NUM = re.compile(r"^(\s*)(\d{1,3}) (?=[^\W\d_(\"'“«])")


def _space_numbered(raw: list[str]) -> None:
    """``1 Communist Party of Albania`` / ``2 ...``: a number and one space mark a list
    item only in a run of three or more lines numbered in sequence; those get ``1.``."""
    i = 0
    while i < len(raw):
        m = _SPACE_NUM.match(raw[i]) if raw[i][:4].lstrip()[:1].isdigit() else None
        if m is None:
            i += 1
            continue
        j = i + 1
        want = int(m.group(2)) + 1
        while j < len(raw) and (m2 := _SPACE_NUM.match(raw[j])) and int(m2.group(2)) == want:
            j += 1
            want += 1
        if j - i >= 3:
            for k in range(i, j):
                raw[k] = _SPACE_NUM.sub(r"\1\2. ", raw[k], count=1)
        i = j


def _glued_heading(raw: str) -> tuple[str, ...]:
    """``Hands off the NCPY! The Parties``: a list heading glued to the end of a sentence
    becomes a line of its own."""
    cut = max(raw.rfind(". "), raw.rfind("! "), raw.rfind("? "))
    if cut < 8 or len(raw) - cut > 48 or not raw[cut - 1].isalpha():
        return (raw,)  # "1. Name" is a list item, not a sentence
    tail = raw[cut + 2 :].strip()
    if 0 < len(tail.split()) <= 4 and not tail.endswith(".") and HEADING.search(tail):
        return (raw[: cut + 1], tail)
    return (raw,)


_SENTENCE_PUNCT = re.compile(r"[.!?;:](?:\s|$)")


def _names_only(raw: str) -> bool:
    """A long line of capitalised names without sentence punctuation or prose words."""
    if len(raw) > MAX_LINE or _SENTENCE_PUNCT.search(raw.rstrip(".")) is not None:
        return False
    if raw.count(",") >= 2:
        return False  # commas separate the names already
    toks = raw.split()
    heads = sum(1 for t in toks if HEAD_NOUN.search(t))
    prose = any(t[:1].islower() and t.casefold() not in NAME_GLUE for t in toks)
    return heads >= 3 and not prose


_CAPTION = re.compile(
    r"(?i)^(?P<text>[^()]{0,200}?)\s*\((?:photo|image|picture|foto|φωτο)\w*(?:\s+credits?)?\s*:[^()]{0,120}\)$"
)


_CAPTION_HINT = re.compile(r"(?i)\((?:photo|image|picture|foto|φωτο)")


def _drop_captions(lines: list[Line]) -> None:
    """An image caption ("... (Photo credit: X)") and the image's alt text above it are
    page furniture, not the title."""
    prev: Line | None = None
    for ln in lines:
        if ln.blank:
            continue
        m = _CAPTION.match(ln.content) if ln.content.endswith(")") and ":" in ln.content else None
        if m:
            ln.boiler = True
            if prev is not None and prev.content == m["text"].strip():
                prev.boiler = True
        prev = ln


def _header(st: _State) -> tuple[int, list[Line]]:
    """Index of the first prose line and the heading lines before it."""
    lines = st.lines
    heads: list[Line] = []
    for ln in lines:
        if ln.blank or ln.boiler:
            continue
        nxt = next((x for x in lines[ln.idx + 1 : ln.idx + 2] if not x.blank), None)
        continues = (
            nxt is not None
            and (nxt.content[:1].islower() or ln.content.rsplit(" ", 1)[-1].casefold() in DANGLING)
            and not ln.content.endswith((".", "!", "?", ":"))
        )
        long_prose = ln.sentence and (len(ln.content) > 300 or ln.content[-1:] in ".:;")
        opens_with_initiator = (
            ln.initiator
            and _initiator_match(ln.content) is not None
            and (
                _initiator_match(ln.content).start() == 0  # type: ignore[union-attr]
            )
        )
        lead_in = ln.content.endswith(":") and not ln.is_dateline  # "We demand:"
        # "We stand with the Palestinian people.": a short sentence under the title
        short_prose = (
            heads
            and ln.content.endswith(".")
            and len(ln.content.split()) >= 4
            and not ln.is_dateline
            and not _ABBR_DOT.search(ln.content)
        )
        if (
            continues
            or long_prose
            or short_prose
            or lead_in
            or ln.heading
            or ln.marker
            or opens_with_initiator
        ):
            return ln.idx, heads
        if len(heads) >= 8:
            return ln.idx, heads
        heads.append(ln)
    return len(lines), heads


NAME_GLUE = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "in",
        "de",
        "del",
        "la",
        "los",
        "las",
        "das",
        "do",
        "da",
        "dos",
        "di",
        "della",
        "dei",
        "des",
        "du",
        "der",
        "und",
        "et",
        "y",
        "e",
        "του",
        "της",
        "των",
    ]
)


def _party_name_only(text: str) -> bool:
    """``Communist Party of Greece``: capitalised words around a party noun, nothing else."""
    words = text.split()
    if not 1 <= len(words) <= 8 or text[-1:] in ".!?:" or not HEAD_NOUN.search(text):
        return False
    return all(w[:1].isupper() or w[:1] in "('\"" or w.lower() in NAME_GLUE for w in words)


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_BYLINE = re.compile(r"(?i)^(?:by|por|par|di|da|von|από|от)\s+\S+(?:\s+\S+){0,3}$")


def _label_only(text: str) -> bool:
    """A line that only says what kind of document this is and of which meeting
    ("Statement of the 20th International Meeting of ...", "Resolution der 5.
    Weltkonferenz", "Joint Statement of Communist and Workers' Parties")."""
    if not _STATEMENT_START.match(text) and not find_meetings(text):
        return False
    rest = text
    for h in sorted(find_meetings(text), key=lambda h: -h.start):
        rest = rest[: h.start] + " " + rest[h.end :]
    w = lang_words()
    for tok in rest.split():
        t = tok.strip("\"'“”«».,:;()-–—!").casefold()
        if (
            not t
            or t in w.doc_kinds
            or t in w.glue
            or t in w.articles
            or t in w.conjunctions
            or t in w.ordinals
            or t.rstrip("stndrhèeº°ª.").isdigit()
            or (t.isalpha() and roman(t.upper()) is not None)
            or PARTY_WORDS.search(t)
            or DOC_WORDS.search(t)
            or any(m in t for m in w.meeting)
        ):
            continue
        return False
    return True


def _own_heading(st: _State, body_start: int) -> str | None:
    """The statement's own heading inside a report: "The conference adopted a joint
    declaration:" followed by a short heading line (or two, wrapped) and its prose."""
    lines = [ln for ln in st.lines[body_start:] if not ln.blank and not ln.boiler]
    for k, ln in enumerate(lines[:-2]):
        if not ln.content.endswith(":") or ln.words > 25 or not DOC_WORDS.search(ln.content):
            continue
        head = [lines[k + 1]]
        if head[0].content.rsplit(" ", 1)[-1].casefold() in DANGLING:
            head.append(lines[k + 2])
        after = lines[k + 1 + len(head)] if k + 1 + len(head) < len(lines) else None
        text = " ".join(x.content for x in head)
        if (
            after is not None
            and after.sentence
            and all(x.marker is None and not x.heading and not x.sentence for x in head)
            and len(text.split()) <= 15
            and text[-1:] not in ".:;,"
        ):
            st.used.update(x.idx for x in head)
            return text
    return None


def _title(st: _State, heads: list[Line], hint: str | None) -> tuple[str | None, str | None]:
    cands = []
    labels: list[str] = []
    label_lines: list[int] = []
    bylines: list[int] = []
    for ln in heads:
        c = ln.content
        if (ln.dates and ln.is_dateline) or ln.place_only:
            st.used.add(ln.idx)
            continue
        if _GENERIC_LABEL.match(c):
            st.used.add(ln.idx)
            labels.append(c.rstrip(".:"))
            continue
        hits = find_meetings(c)
        if hits:
            rest = c
            for h in sorted(hits, key=lambda h: -h.start):
                rest = rest[: h.start] + rest[h.end :]
            rest = re.sub(
                r"(?i)\b(?:\d{1,4}(?:st|nd|rd|th|ª|º|\.)?|[IVXL]+|the|of|meeting|"
                r"working\s+group|wg|grupo\s+de\s+trabajo|gruppo\s+di\s+lavoro|"
                r"groupe\s+de\s+travail|arbeitsgruppe|reunión|reunião|riunione|réunion|"
                r"sitzung|del|de|do|da|della|du|des|der|[-–—:,()])\b",
                " ",
                rest,
            )
            if len(re.findall(r"\w{3,}", rest)) == 0:
                st.used.add(ln.idx)
                continue  # the line only names the meeting
        if _label_only(c):
            st.used.add(ln.idx)
            labels.append(c.rstrip(".:"))
            label_lines.append(ln.idx)
            continue
        if _BYLINE.match(c):
            st.used.add(ln.idx)
            bylines.append(ln.idx)
            continue
        if len(c) < 3 or len(c) > 320 or (ln.words <= 4 and _YEAR.search(c)):
            continue  # "November 23-25, 2018": days the date reader leaves to the meeting
        cands.append(ln)
    if not cands:
        if hint:
            return hint, None
        if labels:  # "Declaration" alone is the title when nothing better is printed
            st.warnings.append(f"title: only a generic label is printed ({labels[0]!r})")
            return labels[0], None
        return None, None
    for ln in cands:
        st.used.add(ln.idx)
    # a site's name above the page's date ("New Worker Features" / date / post title)
    stamp_ln = next((ln for ln in heads if ln.dates and ln.is_dateline), None)
    if stamp_ln is not None and (stamp_ln.weekday or stamp_ln.time or stamp_ln.stamp):
        stamp = stamp_ln.idx
        before = [ln for ln in cands if ln.idx < stamp]
        if (
            before
            and len(cands) > len(before)
            and all(ln.words <= 6 and not _STATEMENT_START.match(ln.content) for ln in before)
        ):
            cands = [ln for ln in cands if ln.idx > stamp]
    # a party's name alone is the site's banner, not the statement's title
    named = [ln for ln in cands if _party_name_only(ln.content) and ln.content != hint]
    if named and len(named) < len(cands):
        cands = [ln for ln in cands if ln not in named]
    # a banner in lower case ("il pane e le rose"), a section path ("Memoria:: Notizie")
    plain = [ln for ln in cands if ln.content[:1].isupper() or ln.content[:1].isdigit()]
    plain = [ln for ln in plain if "::" not in ln.content and not ln.content.endswith(":")]
    if plain:
        cands = plain
    # the line under a label ("Joint Statement" / its title) or over a byline ("By staff")
    order = [ln.idx for ln in heads]
    for ln in cands:
        k = order.index(ln.idx)
        if (k and order[k - 1] in label_lines) or (k + 1 < len(order) and order[k + 1] in bylines):
            return ln.content, (hint if hint and hint != ln.content else None)
    texts: list[str] = []
    for ln in cands:
        if ln.content not in texts:
            texts.append(ln.content)
    if hint and hint in texts:
        texts.remove(hint)
        texts.insert(0, hint)
    first = texts[0]
    for t in texts[1:]:
        if _STATEMENT_START.match(t) and not _STATEMENT_START.match(first):
            return t, first
    return first, None


def _dates(
    st: _State,
    body_start: int,
    list_span: tuple[int, int] | None,
    heads: list[Line],
    meeting: Meeting | None = None,
    report: bool = False,
) -> tuple[str | None, str | None, Place | None]:
    lines = st.lines
    pub = None
    pub_plain = False
    pub_line = unsure = None
    for ln in heads:
        if ln.is_dateline and ln.dates:
            full = [h for h in ln.dates if not h.partial]
            if not full and "publication_date" not in st.partial:
                st.partial["publication_date"] = ln.dates[0].value
                st.warnings.append(
                    f"publication_date: {ln.content!r} gives only the month; left empty"
                )
            if full and all(h.ambiguous for h in full):
                # "03/05/2023": 3 May or March 5; an unsure date is no date
                st.warnings.append(
                    f"publication_date: {ln.content!r} is ambiguous (day/month order); left empty"
                )
                unsure = ln
                break
            if full:
                pub = full[0].value
                pub_line = ln
                pub_plain = not (ln.weekday or ln.time or ln.stamp)
                break
    # datelines after the header: the one nearest the list (before it, else after it);
    # "Posted on ..." stamps date the page, not the statement
    # "Posted on ...", "1/29/14 10:02 AM": a posting time dates the page
    stamps = [ln for ln in lines[body_start:] if (ln.stamp or ln.time) and ln.dates]
    if pub is None and stamps:
        full = [h for h in stamps[0].dates if not h.partial]
        if full:
            pub = full[0].value
            st.used.add(stamps[0].idx)
    cands: list[Line] = [
        ln
        for ln in lines[body_start:]
        if ln.is_dateline and ln.dates and not ln.stamp and not ln.time
    ]
    if not cands and pub_line is not None and not pub_plain:
        # a page stamp, then the statement's own dateline under the title
        cands = [
            ln
            for ln in heads
            if ln.idx > pub_line.idx
            and ln.is_dateline
            and ln.dates
            and not ln.stamp
            and not ln.weekday
            and not ln.time
        ]
    chosen = None
    if cands:
        if list_span:
            before = [ln for ln in cands if ln.idx < list_span[0]]
            after = [ln for ln in cands if ln.idx > list_span[1]]
            chosen = before[-1] if before else (after[0] if after else None)
        else:
            chosen = cands[-1]
    date = None
    place = None
    if chosen is not None:
        st.used.add(chosen.idx)
        full = [h for h in chosen.dates if not h.partial]
        if full and all(h.ambiguous for h in full):
            st.warnings.append(
                f"date: dateline {chosen.content!r} is ambiguous (day/month order); date left empty"
            )
        elif full:
            date = full[0].value
            if len({h.value for h in full}) > 1:
                st.warnings.append(
                    f"date: dateline {chosen.content!r} prints several dates; took {date}"
                )
        else:
            st.partial["date"] = chosen.dates[0].value
            st.warnings.append(
                f"date: dateline {chosen.content!r} gives only the month "
                f"({chosen.dates[0].value}); date left empty"
            )
        place_line = chosen if chosen.place else None
        if place_line is None:
            for k in (chosen.idx + 1, chosen.idx - 1):
                j = k
                while 0 <= j < len(lines) and lines[j].blank and abs(j - chosen.idx) < 3:
                    j += 1 if k > chosen.idx else -1
                if 0 <= j < len(lines) and lines[j].place_only:
                    place_line = lines[j]
                    st.used.add(j)
                    break
        if place_line is not None and place_line.place:
            place = Place(*place_line.place)
    after_meeting = (
        meeting is not None and meeting.end is not None and pub is not None and (pub > meeting.end)
    )
    # (a report on a meeting is dated by the meeting's day, not by its own posting)
    if (
        date is None
        and pub
        and pub_plain
        and "date" not in st.partial
        and not after_meeting
        and not report
    ):
        date = pub
        st.warnings.append(
            f"date: no dateline; the plain date printed under the title ({pub}) is taken as "
            "the statement's date"
        )
        if place is None and pub_line is not None and pub_line.place:
            place = Place(*pub_line.place)  # "Athens, 12 March 2024" under the title
    if place is None and date is None and unsure is not None and unsure.place and not report:
        place = Place(*unsure.place)  # "Bogotá, 03/05/2023": the place is sure
    return date, pub, place


_DAY_BEFORE = re.compile(
    r"(?<!\d)[0-3]?\d(?:st|nd|rd|th|\.|º)?\s*(?:[-–—/,]|(?:and|y|e|et|und|и|i|a|og|ve|και)(?!\w))"
    r"\s*(?:(?:il|el|le|the|de|la)\s+)?$"
)
_DAY_MONTH = re.compile(
    r"(?<!\d)([0-3]?\d)(?:st|nd|rd|th|\.|º|ª|η)?\s+(?:(?:de|of|del|di)\s+)?(\w+)"
)
_MONTH_DAY = re.compile(r"(\w+)\.?\s+([0-3]?\d)(?:st|nd|rd|th)?(?!\d)")


def _day_without_year(sentence: str) -> tuple[int, int] | None:
    """``(month, day)`` of a day printed without its year ("il 29 aprile", "May 8")."""
    for m in _DAY_MONTH.finditer(sentence):
        if (mon := month_number(m.group(2))) is not None:
            return mon, int(m.group(1))
    for m in _MONTH_DAY.finditer(sentence):
        if (mon := month_number(m.group(1))) is not None:
            return mon, int(m.group(2))
    return None


def _meeting_day(st: _State, body_start: int) -> str | None:
    """The printed day of the meeting a report is about: the first sentence of the
    opening paragraphs that names a meeting and prints one day ("On 15th of September
    2006 KKE hosted a meeting", "All'Incontro di Salonicco il 22 gennaio 2011"). A day
    without its year, a month, or a span of days stops the search: no day is guessed."""
    w = lang_words()
    seen = 0
    for ln in st.lines[body_start:]:
        if ln.blank or ln.boiler or len(ln.content) > 5000:
            continue
        seen += 1
        if seen > 6:
            break
        spans = sentences(ln.content)
        for k, (a, b) in enumerate(spans):
            sent = ln.content[a:b]
            prev = ln.content[spans[k - 1][0] : spans[k - 1][1]] if k else ""
            low = sent.casefold()
            about = any(m in low for m in w.meeting) or (
                len(sent) < 40 and any(m in prev.casefold() for m in w.meeting)
            )
            if not about:
                continue
            hits = find_dates(sent)
            ranges = [r for r in find_ranges(sent) if r.start != r.end]
            if ranges:
                return None
            full = [h for h in hits if not h.partial]
            if full and _DAY_BEFORE.search(sent[max(0, full[0].start - 24) : full[0].start]):
                return None  # "l'11 e il 12 aprile 2011": several days
            if full:
                st.warnings.append(
                    f"date: the day of the meeting reported ({full[0].value}), printed in "
                    f"line {ln.idx + 1}"
                )
                return full[0].value
            if hits:
                return None  # a month only
            dm = _day_without_year(sent)
            if dm is not None:
                # "the European Communist Meeting 2017 ... on Monday 23 January": the year
                # printed with the meeting's name
                year = re.search(
                    r"(?:" + "|".join(map(re.escape, w.meeting)) + r")\s+((?:19|20)\d\d)\b", low
                )
                if year is not None:
                    iso = f"{year.group(1)}-{dm[0]:02d}-{dm[1]:02d}"
                    st.warnings.append(
                        f"date: the meeting's day printed without a year; the year from its "
                        f"name ({iso})"
                    )
                    return iso
                return None
    return None


def _meeting(
    st: _State,
    heads: list[Line],
    body_start: int,
    default_year: int | None,
) -> Meeting | None:
    """The meeting named in the header or the first paragraphs (a statement adopted at a
    meeting says so at once; a meeting named further down is only mentioned)."""
    zone: list[str] = [ln.content for ln in heads]
    para: list[str] = []
    budget = 3000
    n_head = len(zone)
    for ln in st.lines[body_start:]:
        if budget <= 0 or len(zone) - n_head >= 3:
            break
        if ln.blank:
            if para:
                zone.append(" ".join(para))
                para = []
            continue
        # a list heading that is a whole sentence ("The 23rd Meeting was held in Havana on
        # ... It was attended by the following parties:") still tells of the meeting
        told = ln.heading and len(ln.content) > 60
        if ln.boiler or (ln.idx in st.used and ln.idx not in st.prose_lists and not told):
            continue
        if ln.marker and para:  # a list item is not part of the sentence before it
            zone.append(" ".join(para))
            para = []
        para.append(ln.content)
        budget -= len(ln.content)
        if ln.marker or ln.content.endswith(":"):
            zone.append(" ".join(para))
            para = []
    if para:
        zone.append(" ".join(para))
    series = name = city = country = start = end = None
    ordinal = None
    ordinals: set[int] = set()
    found = False
    for chunk in zone:
        low = chunk.casefold()
        if not any(k in low for k in _MEETING_HINTS):
            continue
        for h in find_meetings(chunk):
            if not found or (series == "imcwp" and h.series == "imcwp-wg"):
                series, name = h.series, h.name
            found = True
            if h.ordinal is not None and h.series == series:
                ordinals.add(h.ordinal)
                ordinal = ordinal or h.ordinal
            # the sentence around the mention
            s0 = max(chunk.rfind(". ", 0, h.start) + 1, 0)
            e0 = chunk.find(". ", h.end)
            sentence = chunk[s0 : e0 if e0 > 0 else len(chunk)][:800]
            pos = h.start - s0
            if city is None and country is None:
                c, cc = place_near(sentence, pos)
                if c or cc:
                    city, country = c, cc
            if start is None:
                # only days printed close to the mention describe the meeting
                lo = max(0, pos - 160)
                r = days_near(sentence[lo : pos + (h.end - h.start) + 160], pos - lo, default_year)
                near = r is not None and (
                    -120 <= r.start_pos - (pos - lo) <= (h.end - h.start) + 120
                )
                if r is not None and near:
                    start, end = r.start, r.end
                    if r.year_guessed:
                        st.warnings.append(
                            f"meeting: days printed without a year; year {default_year} "
                            "taken from the document's other dates"
                        )
    if not found:
        # a meeting of another series, known by its printed ordinal ("XI International
        # Conference", "die zwölfte Vier-Parteien-Konferenz"); a working group's session
        # is not the numbered meeting it prepares
        if any(_WG_RE.search(chunk) for chunk in zone):
            return None
        for chunk in zone:
            hit = find_numbered_meeting(chunk)
            if hit is not None:
                return Meeting(ordinal=hit[0], name=hit[1])
        return None
    if len(ordinals) > 1:
        st.warnings.append(f"meeting: several ordinals printed {sorted(ordinals)}; took {ordinal}")
    return Meeting(
        ordinal=ordinal, name=name, series=series, city=city, country=country, start=start, end=end
    )


_INIT_PREFIX = re.compile(
    r"(?i)(?:^|[.!?(\[]\s*|[:;–—-]\s+)(?:(?:the|this|our)\s+(?:joint\s+)?(?:statement|declaration|"
    r"resolution|text|appeal|initiative)\s+(?:was|is|has\s+been)\s+|(?:it\s+)?(?:was|is)\s+)?$"
)


def _initiator_match(text: str) -> re.Match[str] | None:
    """An initiator trigger that opens a sentence ("Initiated by ...", "(Proposed by ...",
    "This statement was initiated by ..."), not one inside prose ("the war initiated by")."""
    for m in INITIATOR.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        if _INIT_PREFIX.search(before):
            return m
        # "..., at the initiative of the KKE, ...": an adverbial phrase between commas
        if before.rstrip().endswith(",") and _INITIATIVE_NOUN.search(m.group(0)):
            return m
    return None


_INITIATIVE_NOUN = re.compile(r"(?i)initiative|iniciativa|iniziativa|πρωτοβουλία")


def _initiators(st: _State, limit: int) -> list[PrintedParty]:
    out: list[PrintedParty] = []
    for ln in st.lines[:limit]:
        if not ln.initiator:
            continue
        m = _initiator_match(ln.content)
        if m is None:
            continue
        rest = ln.content[m.end() :]
        if rest[:1] in ":–—" or rest.startswith((" :", " –", " —", " - ")):
            rest = rest.lstrip(" :–—-")  # "Initiated by: A, B"
        # the trigger may end inside a word ("Su iniziativa d|el"): finish the article
        rest = re.sub(
            r"(?i)^(?:el|ella|ello|ei|egli|elle|ell['’]|i|e|o|a|os|as|u|es|er|us|on|"
            r"του|της|των)?\s*(?:the\s+|la\s+|los\s+|las\s+|il\s+|lo\s+|le\s+|les\s+|l['’]|"
            r"der\s+|die\s+|des\s+|den\s+)?",
            "",
            rest,
            count=1,
        ).strip()
        # stop where the sentence goes on ("..., che ringraziamo, ...")
        depth = 0
        cut = len(rest)
        for i, ch in enumerate(rest):
            if ch in "([":
                depth += 1
            elif ch in ")]":
                if depth == 0:
                    cut = i
                    break
                depth -= 1
            elif depth == 0 and ch in ".;:" and (i + 1 == len(rest) or rest[i + 1] == " "):
                if not re.search(r"\b[A-Z]$", rest[:i]):
                    cut = i
                    break
            elif depth == 0 and ch == "," and i + 2 < len(rest):
                nxt = strip_article(rest[i + 1 :].lstrip())
                if not (nxt[:1].isupper() or nxt[:1] in "(«\"'") or re.match(
                    r"(?i)(?:which|who|that|che|que|qui|der|die)\b", nxt
                ):
                    cut = i
                    break
        names = split_names(rest[:cut])
        if not names and not rest[:cut].strip():
            # "Initiated by:" over a short list of its own
            for nxt in st.lines[ln.idx + 1 : ln.idx + 25]:
                if nxt.blank:
                    if names:
                        break
                    continue
                if not _item_like(nxt):
                    break
                names.append(_clean_printed(nxt.content))
                st.used.add(nxt.idx)
        for n in names:
            if party_score(n) <= 0 and not abbreviation_like(n):
                continue
            name, cc, abbr = split_party(n)
            out.append(
                PrintedParty(
                    position=len(out) + 1, as_printed=n, name=name, country=cc, abbreviation=abbr
                )
            )
        if out:
            st.used.add(ln.idx)
            break
    return out


@lru_cache(maxsize=65536)
def _printed(text: str) -> tuple[str, str, str | None, str | None]:
    """``(as_printed, name, country, abbreviation)`` of one list line (names recur); a
    mark of the initiator after the name ("(initiator)") is no part of the name."""
    printed = _clean_printed(text)
    if not printed:
        return "", "", None, None
    return (printed, *split_party(_initiator_mark().sub("", printed) or printed))


@lru_cache(maxsize=1)
def _initiator_mark() -> re.Pattern[str]:
    """``(initiator)``, ``[promotor]``, ``– initiator``: the words of the language files'
    ``initiator_marks`` in brackets or after a dash at the end of a list line."""
    marks = trie_regex(set(lang_words().initiator_marks))
    return re.compile(rf"(?im)\s*(?:[(\[]\s*{marks}\s*[)\]]|\s[–—-]\s*{marks})\s*$")


@lru_cache(maxsize=1)
def _initiator_hint() -> re.Pattern[str]:
    """A bracket or dash, then a mark: what :func:`_initiator_mark` needs (a pattern that
    opens with a character class is searched fast)."""
    marks = trie_regex(set(lang_words().initiator_marks))
    return re.compile(rf"(?i)[(\[–—-]\s*{marks}")


def _marked_initiators(sigs: list[PrintedParty]) -> list[PrintedParty]:
    """The signatories whose line marks them as the initiator."""
    if _initiator_hint().search("\n".join(p.as_printed for p in sigs)) is None:
        return []  # one search for the whole list: most lists mark no one
    marked = [p for p in sigs if _initiator_mark().search(p.as_printed)]
    return [
        replace(p, position=n, as_printed=_initiator_mark().sub("", p.as_printed), role="signatory")
        for n, p in enumerate(marked, 1)
    ]


def _parties_from(
    items: Sequence[tuple[str, str | None, str | None]], role: str = "signatory"
) -> list[PrintedParty]:
    """Printed lines -> PrintedParty; a country heading above a line counts as stated."""
    out: list[PrintedParty] = []
    for text, section, section_cc in items:
        printed, name, cc, abbr = _printed(text)
        if not printed:
            continue
        i = len(out) + 1
        cc = cc or section_cc
        out.append(
            PrintedParty(
                position=i,
                as_printed=printed,
                name=name,
                country=cc,
                abbreviation=abbr,
                section=section,
                role=role,
            )
        )
    return out


def _inline_after_heading(st: _State) -> tuple[list[PrintedParty], tuple[int, int]] | None:
    """``Signed by: A, B and C.`` on one line (or the paragraph right after it)."""
    lines = st.lines
    for ln in lines:
        if ln.blank or ln.boiler or ":" not in ln.content or len(ln.content) > 3000:
            continue
        head, _, tail = ln.content.partition(":")
        if len(head.split()) > 10 or not HEADING.search(head + ":"):
            continue
        idx = ln.idx
        if not tail.strip():
            # the names may fill the paragraph under the heading: "A, B, C and D."
            nxt = _next_text(lines, ln.idx)
            if nxt is None or nxt.marker or ("," not in nxt.content and ";" not in nxt.content):
                continue
            after = _next_text(lines, nxt.idx)
            if after is not None and after.idx == nxt.idx + 1 and _item_like(after):
                continue  # a list of lines, read as such
            tail, idx = nxt.content, nxt.idx
        start = idx
        # "A, B,\nC, D": a line ending with a comma goes on on the next line
        while tail.rstrip().endswith((",", ";")) and idx + 1 < len(lines):
            more = lines[idx + 1]
            if more.blank or more.marker or more.boiler:
                break
            tail, idx = tail + " " + more.content, more.idx
        names = split_names(tail)
        if len(names) >= 2 and all(party_score(n) > 0 for n in names):
            st.used.update(range(min(ln.idx, start), idx + 1))
            st.warnings.append("signatories: names printed in one run of text, split at commas")
            return _parties_from([(n, None, None) for n in names]), (ln.idx, idx)
    return None


def _signatories(st: _State, body_start: int) -> tuple[list[PrintedParty], tuple[int, int] | None]:
    lines = st.lines
    runs = _build_runs(lines, 0, st.used)
    accepted: list[tuple[float, _Run]] = []
    for run in runs:
        run.heading = _heading_for(lines, run)
        if run.lines[0].idx < body_start and run.heading is None:
            continue  # title lines, not a list
        run.lines = _trim_tail(run, lines)  # tags and links after the list go first
        first = run.lines[0]
        if (
            run.heading is None
            and len(run.lines) >= 3
            and run.lines[1].idx > first.idx + 1
            and first.content.endswith(".")
            and not _ABBR_DOT.search(first.content)
            and not any(x.content.endswith(".") for x in run.lines[1:])
        ):
            # "We stand with the Palestinian people." then a blank line and the names
            run.lines = run.lines[1:]
        sc = run.scores()
        n = len(sc)
        good = sum(1 for s in sc if s > 0)
        ratio = good / n
        if (run.heading is not None and ratio >= 0.5) or (n >= 2 and ratio >= 0.6):
            weight = sum(sc) + (100 if run.heading is not None else 0)
            accepted.append((weight, run))
    inline = _inline_after_heading(st)
    if inline is not None and not any(
        # a list under a heading wins, unless it is the run of text the heading opened
        w >= 100 and not (inline[1][0] <= run.lines[0].idx and run.lines[-1].idx <= inline[1][1])
        for w, run in accepted
    ):
        return inline
    if accepted:
        # the strongest list; among lists under a heading the first, else the last
        _best_w, best = max(
            accepted,
            key=lambda t: (t[0], -t[1].lines[0].idx if t[0] >= 100 else t[1].lines[0].idx),
        )
        if best.heading is None and _wrapped(lines, best):
            # lines of a hard-wrapped sentence naming parties ("Attending the meeting
            # were / the A, / the B, the C") read as one sentence
            used, warns = set(st.used), list(st.warnings)
            parties, span = _inline_lists(st)
            if span is not None and span[0] <= best.lines[0].idx and best.lines[-1].idx <= span[1]:
                return parties, span
            st.used, st.warnings = used, warns
        chosen = [best]
        # lists continued after a sub-heading or a second heading ("New signatures")
        for _w, run in accepted:
            if run.lines[0].idx > chosen[-1].lines[-1].idx:
                gap = lines[chosen[-1].lines[-1].idx + 1 : run.lines[0].idx]
                if all(g.blank or g.boiler or g.subheading or g.heading for g in gap) and (
                    run.sections or run.heading is not None
                ):
                    chosen.append(run)
        items: list[tuple[str, str | None, str | None]] = []
        used_lines: list[Line] = []
        section = section_cc = None
        for run in chosen:
            for ln in run.lines:
                section = run.sections.get(ln.idx, section)
                section_cc = run.countries.get(ln.idx, section_cc)
                items.append((ln.content, section, run.after_country.get(ln.idx, section_cc)))
                used_lines.append(ln)
            if run.heading is not None:
                st.used.add(run.heading.idx)
        if len(items) == 1 and run.heading is not None:
            pieces = split_names(items[0][0])
            if len(pieces) >= 2 and all(party_score(p) > 0 for p in pieces):
                items = [(p, items[0][1], items[0][2]) for p in pieces]
                st.warnings.append("signatories: one paragraph of comma-separated names, split")
        for ln in used_lines:
            st.used.add(ln.idx)
        if best.heading is None:
            st.warnings.append(
                f"signatories: list found without a heading (lines {used_lines[0].idx + 1}-"
                f"{used_lines[-1].idx + 1})"
            )
        nums = [ln.number for ln in used_lines if ln.number is not None]
        for a, b in itertools.pairwise(nums):
            if b != a + 1 and b != 1:
                st.warnings.append(f"signatories: numbering goes from {a} to {b}")
        span = (used_lines[0].idx, used_lines[-1].idx)
        odd = [ln for ln in used_lines if party_score(ln.content) <= 0]
        for ln in odd[:20]:
            st.warnings.append(
                f"signatories: line {ln.idx + 1} {ln.content!r} does not look like a party name"
            )
        for ln in lines[span[0] : span[1] + 2]:  # the last party's signer follows it
            if ln.role:
                st.warnings.append(
                    f"signatories: line {ln.idx + 1} {ln.content!r} names a person; skipped"
                )
        return _parties_from(items, _list_role(lines, best)), span
    parties, span = _inline_lists(st)
    if parties:
        return parties, span
    # no list anywhere: a title naming its parties ("Joint Statement of the A and the B")
    for ln in lines[:body_start]:
        if ln.blank or ln.boiler or ln.initiator:
            continue
        for il in find_inline(ln.content):
            if il.cue and not il.negated:
                st.warnings.append("signatories: read from the title (no list printed)")
                return _with_roles([(nm, il.role) for nm in il.names]), (ln.idx, ln.idx)
    return [], None


def _wrapped(lines: Sequence[Line], run: _Run) -> bool:
    """Do the run's lines continue a sentence (a line ending in a comma, or a line of
    prose right above without a full stop)?"""
    if any(ln.content.endswith(",") for ln in run.lines):
        return True
    k = run.lines[0].idx - 1
    return k >= 0 and not lines[k].blank and not lines[k].content.endswith((".", "!", "?", ":"))


def _list_role(lines: Sequence[Line], run: _Run) -> str:
    """``participant`` when the words that open a list say who took part in a meeting
    ("with the presence of the following delegations:"), else ``signatory``."""
    intro = run.heading
    if intro is None:
        k = run.lines[0].idx - 1
        while k >= 0 and (lines[k].blank or lines[k].boiler or lines[k].subheading):
            k -= 1
        if k >= 0 and lines[k].content.endswith(":"):
            intro = lines[k]
    return (role_of(intro.content) if intro is not None else None) or "signatory"


def _paragraphs(st: _State) -> list[tuple[str, list[int], str]]:
    """Paragraphs of prose: ``(text, line indexes, the paragraph before)``; hard-wrapped
    lines are joined, a line ending a sentence or a list heading ends its paragraph."""
    out: list[tuple[str, list[int], str]] = []
    cur: list[Line] = []
    prev = ""

    def flush() -> None:
        nonlocal cur, prev
        if cur:
            text = " ".join(ln.content for ln in cur)
            out.append((text, [ln.idx for ln in cur], prev))
            prev = text
        cur = []

    for ln in st.lines:
        if ln.blank or ln.boiler or ln.idx in st.used or len(ln.content) > 20_000:
            flush()
            if ln.boiler:
                prev = ""
            elif not ln.blank:
                prev = ln.content  # a heading read as the title may introduce the list
            continue
        cur.append(ln)
        if ln.content.endswith((".", "!", "?", ":", "”", "»")) or ln.marker:
            flush()
    flush()
    return out


def _inline_lists(st: _State) -> tuple[list[PrintedParty], tuple[int, int] | None]:
    """Parties named in a sentence: the longest list (a cue phrase beside it counts), and
    the lists of the same paragraph that also name who took part or signed."""
    found: list[tuple[int, InlineList, list[int]]] = []
    paragraphs = _paragraphs(st)
    for n, (text, idxs, before) in enumerate(paragraphs):
        for il in find_inline(text, before if before.endswith(":") or len(before) < 120 else ""):
            if il.negated or not (len(il.names) >= 3 or il.cue):
                continue
            found.append((n, il, idxs))
    if not found:
        return [], None
    best = max(found, key=lambda t: (len(t[1].names) + (3 if t[1].cue else 0), -t[0]))
    # more names of the same role: "The X and the Y also attended the meeting."
    chosen = [
        t
        for t in found
        if t is best
        or (
            0 <= t[0] - best[0] <= 2
            and (t[0] > best[0] or t[1].start > best[1].start)
            and t[1].cue
            and t[1].role == best[1].role
        )
    ]
    names: list[tuple[str, str]] = []
    cuts: dict[int, list[tuple[int, int]]] = {}
    for n, il, idxs in chosen:
        cuts.setdefault(n, []).append((il.start, il.end))
        names.extend((nm, il.role) for nm in il.names)
        st.used.update(idxs)
        st.prose_lists.update(idxs)  # its sentence may still name the meeting
        st.prose_rest[idxs[0]] = _outside(paragraphs[n][0], cuts[n])
        if il.count is not None and il.count != len(il.names):
            st.warnings.append(
                f"signatories: the text counts {il.count} parties but names {len(il.names)}"
            )
    st.warnings.append("signatories: read from a sentence (no list printed)")
    return _with_roles(names), (best[2][0], chosen[-1][2][-1])


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentences of ``text`` that hold none of the ``(start, end)`` spans of its lists
    of names (what the paragraph says besides naming them).

    Examples
    --------
    >>> _outside("Present were A, B and C. X could not come. ", [(13, 23)])
    'X could not come.'
    """
    kept = []
    for m in _SENTENCE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            kept.append(m.group().strip())
    return " ".join(k for k in kept if k)


_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")


def _with_roles(names: list[tuple[str, str]]) -> list[PrintedParty]:
    """``(printed name, role)`` pairs -> PrintedParty in order."""
    out = _parties_from([(nm, None, None) for nm, _ in names])
    return [replace(p, role=names[p.position - 1][1]) for p in out]


_MAIL_HEADER = re.compile(
    r"^(?:from|to|cc|bcc|subject|date|sent|reply-to|message-id|de|para|asunto|fecha|"
    r"enviado|oggetto|inviato|objet|envoyé|von|an|betreff|gesendet|datum|θέμα|από|προς)\s*:",
    re.IGNORECASE,
)
_MAIL_NOISE = re.compile(
    r"(?i)^\s*(?:-{2,}\s*(?:forwarded|original)\s+message\s*-{2,}|begin forwarded message:?|"
    r"-{3,}\s*mensaje (?:reenviado|original)\s*-{3,})\s*$"
)


def _mail(text: str) -> tuple[str, str | None, str | None]:
    """A mailing-list copy: header lines give subject and date; quoting and the
    signature after ``-- `` go."""
    head = text[:4000].split("\n", 40)[:40]
    header_lines = [ln for ln in head if _MAIL_HEADER.match(ln)]
    quoted = text.count("\n>") > 3
    if len(header_lines) < 2 and not quoted and "\n-- \n" not in text:
        return text, None, None
    subject = sent = None
    out: list[str] = []
    in_header = len(header_lines) >= 2
    for ln in text.split("\n"):
        if in_header:
            m = _MAIL_HEADER.match(ln)
            if m:
                key = ln[: m.end() - 1].strip().lower()
                value = ln[m.end() :].strip()
                if key in ("subject", "asunto", "oggetto", "objet", "betreff", "θέμα"):
                    subject = re.sub(r"(?i)^(?:(?:re|fwd?|rv|tr|wg|enc)\s*:\s*)+", "", value)
                elif key in (
                    "date",
                    "sent",
                    "fecha",
                    "enviado",
                    "inviato",
                    "envoyé",
                    "gesendet",
                    "datum",
                ):
                    sent = value
                continue
            if not ln.strip() and not out and subject is None and sent is None:
                continue  # blank lines before the header
            in_header = False  # the header ends at its first other line
        if ln == "-- ":
            break  # the sender's signature
        if _MAIL_NOISE.match(ln):
            continue
        if quoted and ln.startswith(">"):
            ln = ln.lstrip(">").lstrip(" ") if ln.startswith("> ") or ln == ">" else ln[1:]
        out.append(ln)
    return "\n".join(out), subject or None, sent


def read_text(
    text: str,
    *,
    source: str,
    sha256: str,
    media_type: str = "text/plain",
    encoding: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
    language_hint: str | None = None,
    warnings: Sequence[str] = (),
    known_names: Iterable[str] = (),
) -> StatementRecord:
    """Read a statement from decoded text (HTML and Markdown already turned into lines).

    Parameters
    ----------
    text
        The document text.
    source, sha256, media_type, encoding
        Copied into the record.
    title_hint, published_hint, language_hint
        Facts from markup (``<h1>``, ``article:published_time``, ``lang``), used when the
        text itself does not print them.
    warnings
        Earlier warnings (decoding), kept first.
    known_names
        Party names the caller knows (a registry's names and aliases, any iterable of
        strings): names printed run together on one line are split at them first,
        longest first; splits they confirm raise no warning.

    Returns
    -------
    StatementRecord

    Examples
    --------
    >>> r = read_text("Statement on peace\\n\\nWe call for peace in the region now.\\n\\n"
    ...               "Signed by:\\n1. KKE\\n2. AKEL, Cyprus\\n", source="s.txt", sha256="0")
    >>> r.title, [(p.as_printed, p.country) for p in r.signatories]
    ('Statement on peace', [('KKE', None), ('AKEL, Cyprus', 'CY')])
    """
    warns = list(warnings)
    # form feeds separate the pages of PDF-to-text output
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text, subject, sent = _mail(text)
    if subject and not title_hint:
        title_hint = subject
    if sent and not published_hint:
        published_hint = sent
    analysed = text
    if len(text) > MAX_ANALYSED:
        tail = MAX_ANALYSED - HEAD_CHARS
        analysed = text[:HEAD_CHARS] + "\n\n" + text[-tail:]
        warns.append(
            f"document is {len(text):,} characters; only the first {HEAD_CHARS:,} and the "
            f"last {tail:,} were analysed"
        )
    prepared, side_by_side, split_warns = _prepare(analysed, frozenset(known_names))
    if _CAPTION_HINT.search(analysed) is not None:
        _drop_captions(prepared)
    st = _State(lines=prepared, warnings=warns + split_warns)
    if side_by_side:
        st.warnings.append(
            f"layout: {side_by_side} lines hold names in columns; read row by row, so the "
            "printed order may differ"
        )
    body_start, heads = _header(st)
    title, headline = _title(st, heads, title_hint)
    # a report's own headline gives way to the heading of the statement it prints
    own = None if title and DOC_WORDS.search(title) else _own_heading(st, body_start)
    if own is not None and own != title:
        title, headline = own, title
    initiators = _initiators(st, len(st.lines))
    sigs, span = _signatories(st, body_start)
    if not initiators and (initiators := _marked_initiators(sigs)):
        st.warnings.append(
            "initiators: marked in the list of signatories: "
            + "; ".join(p.as_printed for p in initiators)
        )
    years = [int(h.value[:4]) for ln in st.lines if ln.dates for h in ln.dates]
    default_year = max(set(years), key=years.count) if years else None
    meeting = _meeting(st, heads, body_start, default_year)
    report = any(p.role == "participant" for p in sigs)
    date, pub, place = _dates(st, body_start, span, heads, meeting, report)
    if date is None and "date" not in st.partial:
        date = _meeting_day(st, body_start)
    if (pub is None or pub == date) and published_hint:
        # the page's own time stamp (HTML metadata, a mail's Date:) dates the page better
        # than the statement's dateline read as both
        hits = find_dates(published_hint)
        if hits and not hits[0].partial:
            pub = hits[0].value
    if place is None and meeting is not None and (meeting.city or meeting.country):
        place = Place(meeting.city, meeting.country)
        st.warnings.append("place: no dateline place; taken from the meeting's city")
    elif place is not None and place.country is None and place.city:
        c = city_lookup(place.city)
        if c:
            place = Place(place.city, c[1])
    if meeting is not None and meeting.city is None and place is not None and place.city:
        meeting = Meeting(
            meeting.ordinal,
            meeting.name,
            meeting.series,
            place.city,
            place.country,
            meeting.start,
            meeting.end,
        )
        st.warnings.append("meeting: city taken from the dateline")
    seen: dict[str, int] = {}
    for p in sigs:
        key = fold_ws(p.as_printed).casefold()
        if key in seen:
            st.warnings.append(
                f"signatories: lines {seen[key]} and {p.position} print the same name "
                f"{p.as_printed!r}"
            )
        else:
            seen[key] = p.position
    if not sigs:
        st.warnings.append("signatories: no list of signatories found")
    if title is None:
        st.warnings.append("title: none printed")
    body_lines = []
    for ln in st.lines[body_start:]:
        if ln.idx in st.prose_rest:
            rest = st.prose_rest[ln.idx]
            if any(ch.isalpha() for ch in rest):
                body_lines.append(rest)
            continue
        if (
            ln.idx in st.used
            or ln.boiler
            or (ln.subheading and span and (span[0] <= ln.idx <= span[1]))
        ):
            continue
        if span and span[0] <= ln.idx <= span[1] and not ln.blank:
            continue
        body_lines.append("" if ln.blank else ln.content)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip()
    language = detect_language(body) or language_hint
    return StatementRecord(
        source=source,
        sha256=sha256,
        media_type=media_type,
        encoding=encoding,
        language=language,
        title=title,
        headline=headline,
        date=date,
        publication_date=pub,
        place=place,
        meeting=meeting,
        initiators=initiators,
        signatories=sigs,
        text=body,
        warnings=st.warnings,
        partial_dates=st.partial,
    )


__all__ = ["caps_tokens", "read_text"]
