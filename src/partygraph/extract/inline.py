"""Party lists printed inside a sentence.

Press releases of meetings and short joint statements name their parties in prose:
"attended by representatives from the A, B (Country) and the C", "Die A, die B und die C
veröffentlichten ...", "participaram o A, o B e o C". A sentence is cut into items at
commas and semicolons outside brackets; the longest run of items that are party names
is the list. Its first item may carry the start of the sentence and its last item the
rest of it: the name is cut out of them with the words of the language files (cue
phrases, articles, prose words; :mod:`partygraph.extract.langdata`). Items are then
split at conjunctions when both sides are names, a country after a comma stays with its
name ("Party of Labour, Turkey (EMEP)") and a ``Country (A, B)`` group gives its
parties. Every step is a scan over the tokens: linear in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from partygraph.extract.countries import country_code
from partygraph.extract.dates import trie_regex
from partygraph.extract.langdata import words
from partygraph.extract.parties import PARTY_WORDS, abbreviation_like, caps_tokens

MAX_SENTENCE = 6000  # longer runs of text are not a sentence naming parties

_TOKEN = re.compile(r"\S+")
# a full stop ends a sentence after a word (not "D." or "No.") and before a capital
_SENT_END = re.compile(
    r"(?:(?<=[^\W\d_][^\W\d_])|(?<=[)\]”\"»])|(?<=[)\]”\"»] ))[.!?](?=\s+[\"“„«(]?[^\W\d_])"
)
_OPEN = "([{"
_CLOSE = ")]}"
_LEAD_PUNCT = " .,;:–—-·•"
_QUOTES = "\"'“”„«»‚‘’"


@dataclass(frozen=True)
class InlineList:
    """Names read from one sentence, with what the sentence says about them."""

    names: tuple[str, ...]
    role: str  # "signatory" or "participant"
    cue: bool  # a participation or signing cue stands next to the names
    negated: bool  # "could not attend", "no pudieron asistir"
    count: int | None  # a printed count of parties ("12 parties"), if any
    start: int  # offsets of the names in the text searched
    end: int


@lru_cache(maxsize=1)
def _head_nouns() -> re.Pattern[str]:
    nouns = sorted(words().party_nouns, key=len, reverse=True)
    return re.compile(r"(?i)(?<![^\W\d_])(?:" + "|".join(map(re.escape, nouns)) + r")(?![^\W\d_])")


@lru_cache(maxsize=1)
def _conj_split() -> re.Pattern[str]:
    conj = sorted(words().conjunctions, key=len, reverse=True)
    # one white-space quantifier per branch: no quadratic retries on runs of spaces
    return re.compile(r"(?<!\s)(?:\s*,\s*|\s+)(?:" + "|".join(map(re.escape, conj)) + r")\s+")


def _bare(tok: str) -> str:
    return tok.strip(_QUOTES + ".,;:").casefold()


@lru_cache(maxsize=1)
def _elided() -> tuple[str, ...]:
    """Articles written against their noun: l', l’."""
    return tuple(a for a in words().articles if a.endswith(("'", "’")))


def _is_article(tok: str) -> bool:
    t = _bare(tok)
    return t in words().articles or (t.startswith(_elided()) and len(t) > 2)


def _capitalised(tok: str) -> bool:
    for ch in tok:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
    return False


def _party_word(tok: str) -> bool:
    return PARTY_WORDS.search(tok) is not None or _head_nouns().search(tok) is not None


def named(text: str) -> bool:
    """A whole party name: a head noun or an abbreviation, opening with a capital.

    Examples
    --------
    >>> named("Komunistická strana Řecka"), named("KKE"), named("the struggle of peoples")
    (True, True, False)
    >>> named("Partito Comunista di Cuba"), named("Greece")
    (True, False)
    """
    t = strip_article(text)
    if not t or not (t[:1].isupper() or t[:1] in "(«\"'„“" or t[:1].isdigit()):
        return False
    if country_code(t) or _count(" ".join(t.split(" ")[:6])) is not None:
        return False  # a country, or a count ("11 Communist and Workers Parties")
    w = words()
    toks = [_bare(x) for x in t.split()]
    if toks[-1] in w.party_plurals or any(x in w.meeting for x in toks):
        return False  # "Workers' Parties", "International Meeting of ...": not one party
    return (
        bool(
            PARTY_WORDS.search(t)
            or _head_nouns().search(t)
            or caps_tokens(t)
            or abbreviation_like(t.split(" ")[0])
        )
        and len(t.split()) <= 16
    )


def strip_article(text: str) -> str:
    """Drop list punctuation, a leading conjunction and a leading article.

    Examples
    --------
    >>> strip_article("and the Communist Party of Greece"), strip_article("l’AKEL (Chypre)")
    ('Communist Party of Greece', 'AKEL (Chypre)')
    >>> strip_article(", . Komunistička partija Kube")
    'Komunistička partija Kube'
    """
    t = text.strip(_LEAD_PUNCT)
    w = words()
    for _ in range(3):
        head, _, rest = t.partition(" ")
        low = head.casefold()
        if rest and (
            low in w.conjunctions
            or low in w.articles
            or (low in w.glue and rest[:1].isupper())  # "du Parti ...", "della ..."
        ):
            t = rest.lstrip()
            continue
        for a in w.articles:
            if a.endswith(("'", "’")) and low.startswith(a) and len(head) > len(a):
                t = t[len(a) :]
                break
        else:
            break
    return t.strip(" ,;")


def _depths(toks: list[str]) -> list[int]:
    """Bracket depth before each token."""
    out = []
    d = 0
    for t in toks:
        out.append(d)
        for ch in t:
            if ch in _OPEN:
                d += 1
            elif ch in _CLOSE and d:
                d -= 1
    return out


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Words never inside a party's name: prose words and the first words of cues."""
    w = words()
    cues = {c.split(" ")[0] for c in (*w.participation, *w.signing)}
    return frozenset((w.prose | cues) - w.glue - w.articles - w.conjunctions)


def _stop(tok: str) -> bool:
    """A word that is never inside a party's name: a verb, a cue, a preposition of prose."""
    return _bare(tok) in _stop_words()


def name_suffix(text: str) -> str:
    """The party name that ends ``text`` (the first item of a list in a sentence).

    Examples
    --------
    >>> name_suffix("it was attended by representatives from the Communist Party of Albania")
    'Communist Party of Albania'
    >>> name_suffix("Hanno partecipato alla Riunione il Partito Comunista Sudafricano")
    'Partito Comunista Sudafricano'
    >>> name_suffix("Leaders of six Left parties – CPI(M)")
    'CPI(M)'
    """
    if ":" in text:
        text = text.rsplit(":", 1)[1]
    toks = _TOKEN.findall(text)
    deps = _depths(toks)
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        if deps[i - 1] > 0 or tok[:1] in _OPEN:
            i -= 1
            continue
        if tok in ("–", "—", "-") or (tok.endswith((".", ";")) and i < len(toks)):
            break
        if _is_article(tok):
            prev = toks[i - 2] if i >= 2 else ""
            if not prev or _bare(prev) not in words().glue:
                i -= 1
                break
            i -= 1
            continue
        if _stop(tok):
            break
        if not (_capitalised(tok) or _bare(tok) in words().glue or _party_word(tok)):
            if not tok[:1].isalpha():
                break
            # a lower-case word inside a name (Slavic, French adjectives) only right after
            # a capitalised word or a party word
            prev = toks[i - 2] if i >= 2 else ""
            if not (prev and (_capitalised(prev) or _party_word(prev))):
                break
        i -= 1
    while i < len(toks) and (_bare(toks[i]) in words().glue or _is_article(toks[i])):
        i += 1
    return strip_article(" ".join(toks[i:]))


def name_prefix(text: str) -> str:
    """The party name that opens ``text`` (the last item of a list in a sentence).

    Examples
    --------
    >>> name_prefix("the Union of Revolutionary Communists of France participated in it")
    'Union of Revolutionary Communists of France'
    >>> name_prefix("der Kommunistischen Partei Luxemburgs (KPL) zum Thema »Krieg")
    'Kommunistischen Partei Luxemburgs (KPL)'
    >>> name_prefix("Движение за съпротива „23 септември” (виж нашия доклад)")
    'Движение за съпротива „23 септември”'
    """
    text = strip_article(text)
    toks = _TOKEN.findall(text)
    deps = _depths(toks)
    end = 0
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok[:1] in _OPEN and deps[i] == 0:
            # a bracket group: part of the name unless it is a remark in lower case
            j = i
            while j + 1 < len(toks) and deps[j + 1] > 0:
                j += 1
            group = toks[i : j + 1]
            if len(group) >= 2 and not any(_capitalised(t) or _party_word(t) for t in group):
                break
            end = i = j + 1
            continue
        if tok in ("–", "—", "-"):
            if i + 1 < len(toks) and _capitalised(toks[i + 1]):
                i += 1
                continue
            break
        if i > 0 and _stop(tok):
            break
        i += 1
        if _bare(tok) not in words().glue and not _is_article(tok):
            end = i
        if tok.endswith((".", ";", ":", ",")) and not re.search(r"(?:^|\W)\w\.$", tok):
            break
    return " ".join(toks[:end]).rstrip(".,;:")


def _items(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence between commas and semicolons outside brackets."""
    spans = []
    depth = 0
    start = 0
    for i, ch in enumerate(sentence):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch in ",;" and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sentence)))
    return spans


def split_and(text: str) -> list[str]:
    """Split ``A and the B`` where both sides are whole names; keep ``Bohemia and Moravia``.

    Examples
    --------
    >>> split_and("Partido Comunista de Uruguay y el Partido Comunista de Venezuela")
    ['Partido Comunista de Uruguay', 'Partido Comunista de Venezuela']
    >>> split_and("Communist Party of Bohemia and Moravia")
    ['Communist Party of Bohemia and Moravia']
    """
    if "(" in text:
        # no split inside brackets: mask them
        masked = []
        d = 0
        for ch in text:
            if ch in _OPEN:
                d += 1
            masked.append("x" if d and ch == " " else ch)
            if ch in _CLOSE and d:
                d -= 1
        probe = "".join(masked)
    else:
        probe = text
    for m in _conj_split().finditer(probe):
        left, right = text[: m.start()], text[m.end() :]
        if (named(left) or country_code(left)) and named(right):
            return [*split_and(left), *split_and(right)]
    return [strip_article(text)]


def _expand(item: str) -> list[str]:
    """One list item to its names: ``Country (A, B)`` gives A and B; ``A and B`` both."""
    out: list[str] = []
    for piece in split_and(item):
        m = re.match(r"^([^()]{2,40}?)\s*\(([^()]+)\)$", piece)
        first = m.group(2).split(",")[0].strip() if m else ""
        # "Greece (Communist Party of Greece)": a country over its parties; but
        # "Turkey (EMEP)" is a country and an abbreviation
        if m and country_code(m.group(1)) and named(first) and not abbreviation_like(first):
            inner = [s.strip() for s in _split_top(m.group(2))]
            out.extend(_merge_countries([n for s in inner if s for n in split_and(s)]))
        else:
            out.append(piece)
    return out


def _split_top(text: str) -> list[str]:
    return [text[a:b] for a, b in _items(text)]


def _country_only(item: str) -> bool:
    """``Turkey`` or ``Turkey (EMEP)``: a country that belongs to the name before it."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)$", item)
    if m and not abbreviation_like(m.group(2).strip()):
        return False
    base = m.group(1).strip() if m else item.strip()
    return bool(base) and country_code(base) is not None


def _merge_countries(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if out and _country_only(n):
            out[-1] = f"{out[-1]}, {n}"
        else:
            out.append(n)
    return out


def _count(text: str) -> int | None:
    """A printed number of parties: "12 parties", "six Left parties", "4 CPs"."""
    w = words()
    toks = _TOKEN.findall(text)
    for i, tok in enumerate(toks):
        t = _bare(tok)
        n = int(t) if t.isascii() and t.isdigit() and len(t) <= 3 else w.numbers.get(t)
        if not n or t in w.glue:  # Portuguese "dos" is "of the", not two
            continue
        for nxt in toks[i + 1 : i + 6]:
            b = _bare(nxt)
            if b in w.party_nouns and (
                b.endswith(("s", "i", "e", "a", "ler", "leri", "er")) or b == "cps"
            ):
                return n
            if _stop(nxt):
                break
    return None


@lru_cache(maxsize=16)
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of cue phrases: whole words, a long phrase also as the
    start of a word ("particip" in "participated")."""
    short = [p for p in phrases if len(p) < 6]
    long = [p for p in phrases if len(p) >= 6]
    alts = []
    if short:
        alts.append(trie_regex(short) + r"(?![^\W\d_])")
    if long:
        alts.append(trie_regex(long))
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alts) + ")")


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    return (
        bool(phrases) and _phrase_re(phrases).search(" ".join(text.casefold().split())) is not None
    )


def role_of(text: str) -> str | None:
    """``participant`` when ``text`` says who took part in a meeting, ``signatory`` when
    it says who signed; ``None`` when it says neither.

    Examples
    --------
    >>> role_of("with the presence of the following delegations:")
    'participant'
    >>> role_of("Leaders of six Left parties met today and issued the following statement")
    'signatory'
    >>> role_of("a quadripartite meeting between")
    'participant'
    """
    w = words()
    if _has(text, w.signing):
        return "signatory"
    if _has(text, w.participation) or _has(text, w.meeting):
        return "participant"
    return None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph.

    Examples
    --------
    >>> t = "We met. D. Koutsoumpas spoke, then the KKE left."
    >>> [t[a:b] for a, b in sentences(t)]
    ['We met.', 'D. Koutsoumpas spoke, then the KKE left.']
    """
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def find_inline(paragraph: str, before: str = "") -> list[InlineList]:
    """Every list of two or more party names printed in the sentences of ``paragraph``.

    Parameters
    ----------
    paragraph
        One paragraph (white space folded).
    before
        The line before it, when it introduces it ("...the following parties:").

    Returns
    -------
    list of InlineList
        In printed order. Callers decide which to keep (``cue``, ``negated``, size).

    Examples
    --------
    >>> [x.names for x in find_inline("The meeting was attended by delegations from 3 "
    ...   "parties, namely the Communist Party of Greece, AKEL (Cyprus) and the "
    ...   "Portuguese Communist Party.")]
    [('Communist Party of Greece', 'AKEL (Cyprus)', 'Portuguese Communist Party')]
    """
    if len(paragraph) > MAX_SENTENCE * 4:
        return []
    out: list[InlineList] = []
    for s0, s1 in sentences(paragraph):
        sent = paragraph[s0:s1]
        if len(sent) > MAX_SENTENCE or ("," not in sent and ";" not in sent and len(sent) > 600):
            continue
        spans = _items(sent)
        k = 0
        while k < len(spans):
            a, b = spans[k]
            item = sent[a:b]
            first = name_suffix(item)
            run = [first] if named(first) else []
            j = k + 1
            last_end = b
            while run and j < len(spans):
                x, y = spans[j]
                it = sent[x:y]
                whole = strip_article(it).rstrip(".,;:")
                pre = name_prefix(it)
                if not pre or not (named(pre) or _country_only(pre)):
                    break
                run.append(pre)
                last_end = x + it.find(pre) + len(pre)
                j += 1
                if pre != whole:
                    break  # the sentence goes on after this name
            if len(run) <= 1:
                # one item: "The A and the B also attended the meeting"
                one = name_suffix(name_prefix(item))
                if named(one):
                    run = [one]
                elif not run:
                    k += 1
                    continue
                j = k + 1
                last_end = a + item.find(run[0]) + len(run[0])
            f_start = a + max(0, item.find(run[0]))
            names: list[str] = []
            for it in _merge_countries(run):
                names.extend(_expand(it))
            names = [n for n in _merge_countries(names) if n]
            if len(names) >= 2 and sum(1 for n in names if named(n)) >= len(names) - 1:
                # the clause around the names: a semicolon ends it
                lead = sent[:f_start].rsplit(";", 1)[-1]
                tail = sent[last_end:].split(";", 1)[0]
                near = lead + " " + tail
                cue_text = near if lead.strip() or tail.strip() else before
                role = role_of(cue_text) or role_of(before) or "signatory"
                cue = (
                    _has(near, words().participation)
                    or _has(near, words().signing)
                    or _has(near, words().list_cues)
                    or (not lead.strip() and role_of(before) is not None)
                )
                out.append(
                    InlineList(
                        names=tuple(names),
                        role=role,
                        cue=cue,
                        negated=_has(lead, words().negation) or _has(tail, words().negation),
                        count=_count(lead) or _count(before),
                        start=s0 + f_start,
                        end=s0 + last_end,
                    )
                )
            k = max(j, k + 1)
    return out


def split_names(text: str) -> list[str]:
    """Split ``A, B and C`` (a run of text holding only names) into party names.

    Examples
    --------
    >>> split_names("the KKE, AKEL, Cyprus and the Party of Labour, Turkey (EMEP).")
    ['KKE', 'AKEL, Cyprus', 'Party of Labour, Turkey (EMEP)']
    """
    items = [strip_article(text[a:b]).rstrip(".") for a, b in _items(text)]
    names: list[str] = []
    for it in _merge_countries([i for i in items if i]):
        names.extend(_expand(it))
    return [n.strip(" .") for n in _merge_countries(names) if n.strip(" .")]


_DASH_SEP = re.compile(r"(?:^|\s+)[–—]+(?:\s+|$)")
_BAR_SEP = re.compile(r"(?:^|\s+)[|·]+(?:\s+|$)")


def split_separated(line: str) -> list[str]:
    """Split party names separated only by spaced en or em dashes ("A – B – C", "Signed
    by: — A — B — C"), or by bars or middle dots ("A | B | C", "A · B · C"), into list
    items marked ``–``; a dash inside a word ("Marxist–Leninist") does not separate.
    Three or more items that are all party names are needed ("Greece – Communist Party
    of Greece" stays one line); with bars, an item may hold its country ("Greece – KKE").

    Examples
    --------
    >>> split_separated("Signed by: — Communist Party of Greece — Portuguese Communist Party "
    ...   "— Communist Party of Spain")  # doctest: +NORMALIZE_WHITESPACE
    ['Signed by:', '– Communist Party of Greece', '– Portuguese Communist Party',
     '– Communist Party of Spain']
    >>> split_separated("KKE – PCP – PCE – Communist Party of Turkey")
    ['– KKE', '– PCP', '– PCE', '– Communist Party of Turkey']
    >>> split_separated("Firman: Partido Comunista de Venezuela – PCE – PCP")
    ['Firman:', '– Partido Comunista de Venezuela', '– PCE', '– PCP']
    >>> split_separated("Greece – KKE | Portugal – PCP | Spain – PCE")
    ['– Greece – KKE', '– Portugal – PCP', '– Spain – PCE']
    >>> split_separated("Greece – Communist Party of Greece – KKE")
    ['Greece – Communist Party of Greece – KKE']
    >>> split_separated("It was signed by the KKE – the PCP – and the PCE.")
    ['It was signed by the', '– KKE', '– PCP', '– PCE']
    >>> split_separated("Home | News | Communist Party of Greece | Contact")
    ['Home | News | Communist Party of Greece | Contact']
    """
    bars = "|" in line or "·" in line
    if not bars and "–" not in line and "—" not in line:
        return [line]
    parts = (_BAR_SEP if bars else _DASH_SEP).split(line.strip())
    head = parts[0].strip()
    items = [strip_article(p).rstrip(".") for p in parts[1:] if p.strip(" ,;.")]
    cue, colon, first = head.rpartition(":")
    if colon and named(first.strip()):  # "Firman: A – B – C": the first name after the cue
        head, first = cue + colon, first.strip()
        items.insert(0, first)
    elif head and not head.endswith(":"):
        # "A – B – C", or "... was signed by the A – the B – and the C.": the first name
        # is the head, or ends it
        first = "" if bars else name_suffix(head)  # bars part cells, not sentences
        if first and named(first) and head.endswith(first):
            items.insert(0, first)
            head = head[: -len(first)].rstrip()
        elif named(head):
            items.insert(0, head)
            head = ""
    if len(items) < 3 or not all(named(x) for x in items):
        return [line]
    return ([head] if head else []) + ["– " + x for x in items]


def _norm_name(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("`", "'").casefold().split())


@lru_cache(maxsize=64)
def _lexicon_index(known: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Known names by their first word, longest first."""
    idx: dict[str, list[tuple[str, ...]]] = {}
    for name in known:
        toks = tuple(_norm_name(name).split())
        if len(toks) >= 2:
            idx.setdefault(toks[0], []).append(toks)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in idx.items()}


@lru_cache(maxsize=65536)
def _is_head(tok: str) -> bool:
    """A head noun of party names (party, union, left, pole...), from the language files."""
    return _head_nouns().search(tok.strip(_QUOTES + ".,;:()")) is not None


def _starts_name(toks: list[str], i: int) -> bool:
    """May a new party name start at token ``i``? A capitalised word with a head noun
    within three capitalised words ("Communist Party", "Hungarian Workers' Communist
    Party"), or a head noun followed by "of" ("Party of", "Union of", "Pole of")."""
    if not _capitalised(toks[i]) or toks[i][:1] in _OPEN:
        return False
    w = words()
    if _is_head(toks[i]):
        return i + 1 < len(toks) and _bare(toks[i + 1]) in w.glue
    for k in range(i + 1, min(i + 4, len(toks))):
        if _is_head(toks[k]):
            return True
        if not _capitalised(toks[k]) or _bare(toks[k]) in w.glue:
            return False
    return False


@lru_cache(maxsize=4096)
def segment_run_together(
    text: str, known: frozenset[str] = frozenset()
) -> tuple[tuple[str, bool], ...]:
    """Split party names printed one after another without separators (a PDF or web
    copy that lost its line breaks), by known names first (longest first), else by the
    grammar of party names. Returns ``(name, confirmed by a known name)`` pairs; a
    single pair when the text does not split.

    Examples
    --------
    >>> [n for n, _ in segment_run_together("Communist Party of Greece Hungarian Workers’ "
    ...     "Party Pole of Rebirth of Communists in France URCF Communist Peoples’ Left, Italy "
    ...     "Party of the Italian Communists")]  # doctest: +NORMALIZE_WHITESPACE
    ['Communist Party of Greece', 'Hungarian Workers’ Party',
     'Pole of Rebirth of Communists in France URCF', 'Communist Peoples’ Left, Italy',
     'Party of the Italian Communists']
    >>> segment_run_together("Communist Party of Bohemia and Moravia")
    (('Communist Party of Bohemia and Moravia', False),)
    """
    toks = text.split()
    lex = _lexicon_index(known) if known else {}
    low = [_norm_name(t) for t in toks]
    out: list[tuple[str, bool]] = []
    cur: list[str] = []
    closed = False  # "Left, Italy": a country after a comma ends the name

    has_head = False  # the current name holds a head noun
    confirmed = False  # the current name starts with a known name

    def complete() -> bool:
        last = cur[-1]
        if last.endswith(")"):
            return True
        # "Union of Revolutionary": an adjective still waits for its noun
        adjective = (
            PARTY_WORDS.search(last) is not None
            and not _is_head(last)
            and _bare(last).endswith(words().adjective_endings)
        )
        return has_head and _bare(last) not in words().glue and not adjective

    i = 0
    while i < len(toks):
        if lex and (not cur or complete()):
            hit = next(
                (c for c in lex.get(low[i], ()) if tuple(low[i : i + len(c)]) == c),
                None,
            )
            if hit is not None:
                if cur:
                    out.append((" ".join(cur), confirmed))
                # the known name stays open for what may follow it as printed: its
                # abbreviation ("URCF", "(DKP)") or a country after a comma
                cur, closed, has_head, confirmed = list(toks[i : i + len(hit)]), False, True, True
                i += len(hit)
                continue
        tok = toks[i]
        if cur and cur[-1].endswith(",") and country_code(tok.strip(",.")):
            closed = True
        elif cur and complete() and tok.isupper() and abbreviation_like(tok):
            pass  # "... of France URCF": the name's abbreviation
        elif cur and complete() and _bracketed_abbreviation(tok):
            pass  # "German Communist Party (DKP)"
        elif cur and (closed or complete()) and _starts_name(toks, i):
            out.append((" ".join(cur), confirmed))
            cur, closed, has_head, confirmed = [], False, False, False
        cur.append(tok)
        has_head = has_head or _is_head(tok)
        i += 1
    if cur:
        out.append((" ".join(cur), confirmed))
    return tuple(out)


def _bracketed_abbreviation(tok: str) -> bool:
    """``(DKP)``, ``[KKE]``: an abbreviation in brackets, printed after its name."""
    return len(tok) > 2 and tok[0] in "([" and tok[-1] in ")]" and abbreviation_like(tok[1:-1])
