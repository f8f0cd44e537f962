"""What a statement is about: the countries, parties and organisations it names.

A statement's *mentions* are the countries (through the gazetteer plus the demonyms,
old names and territories of ``data/registry/demonyms.csv``), registry parties (full
names, aliases, abbreviations) and international bodies (``data/registry/organisations.csv``)
named in its title, headline and body. The signatory list is never read: only
``record.title``, ``record.headline`` and ``record.text`` (the body without the list),
and body lines that repeat a printed signatory line are skipped as well.

Precision comes first:

* a country named *inside a party's name* (``Communist Party of Ukraine``,
  ``Partido Comunista Colombiano``, ``CP Ukraine``) is not a mention of the country,
  whether or not the party is in the registry; the party is mentioned instead when the
  registry knows it;
* a country named after a city, as a place (``Athens, Greece``, ``Beirut Líbano``), or
  the statement's own place or meeting country after ``in``/``at`` (``held in Greece``)
  is not a mention;
* runs of three or more short bare lines (a page's tag list or menu) are not prose;
* a name shared by two countries or two parties counts for none of them; a party alias
  that is also a country name (``DPRK``) is the country; abbreviations of one or two
  letters are never read as parties, and all-capital abbreviations of three letters or
  fewer (``US``, ``UN``) are not read inside lines printed in capitals;
* regions, peoples across borders, ambiguous demonyms and first names (``Latin
  American``, ``Balkan``, ``Kurdish``, ``Congolese``, ``Salvador`` Allende) count for no
  country; plural party words (``the Communist Parties``) name no party.

Each occurrence gets a *stance* from what the words around it say of the name:
``opposition`` when it qualifies an adversarial noun (``Israeli army``, ``Ukrainian
authorities``, ``U.S. hostile policy``, ``NATO intervention``, ``ejército israelí``),
names the agent (``stirred up by the US``, ``da parte di USA``) or is the object of an
opposition to its separation, independence or membership (``oppose the separation of
Kosovo``); ``solidarity`` when it is the object of support (``solidarity with``,
``support for``, ``hands off``, ``in defence of``) or the victim of an attack
(``the attack against the people of Palestine``); a negation before the verb turns
either round (``do not support``). Otherwise the occurrence says nothing, and a name no
occurrence says anything about is only ``mentioned``.

**Subjects** are the top of the mentions, by this rule:

1. every country, party or organisation named in the title or the headline is a subject,
   except a signing party named there as the author (``Statement of the KKE on ...``,
   ``KKE: ...``);
2. only when the title and headline name none, the body decides: countries and parties
   (organisations only ever become subjects through the title) that do not sign or
   initiate the statement themselves, named at least twice and at least half as often
   as the most named one; if none is named twice, the first one named with a
   solidarity stance, alone (unless the title names a region, such as *Latin America*
   or *the Middle East*: then no single body mention speaks for it).

Subjects are ranked: title and headline subjects first, then solidarity before
opposition, then by weight (3 per title or headline occurrence, 1 per body occurrence),
then by first appearance. A subject's stance is the majority stance of its title and
headline occurrences when it has any, else of all its occurrences (an even split with
at least one adversarial use: opposition), counting only occurrences that say
something: title occurrences that say nothing leave the stance to the body.
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partygraph.errors import PartygraphError
from partygraph.extract.countries import city_lookup, country_name, country_names
from partygraph.extract.langdata import words as lang_words
from partygraph.extract.model import StatementRecord
from partygraph.paths import registry_dir
from partygraph.resolve.jsonout import item_json
from partygraph.resolve.model import Mention, Party, ResolvedStatement, Stance, Subject

if TYPE_CHECKING:
    from partygraph.resolve.registry import Registry

__all__ = [
    "Mention",
    "Organisation",
    "Subject",
    "SubjectFinder",
    "demonym_table",
    "extra_countries",
    "find_mentions",
    "find_subjects",
    "item_json",
    "load_organisations",
    "search_fold",
    "subjects_json",
]

TITLE_WEIGHT = 3  # one title/headline occurrence weighs as much as three in the body
_WHERE_ORDER = {"title": 0, "headline": 1, "body": 2}


@dataclass(frozen=True)
class Organisation:
    """An international body of ``data/registry/organisations.csv``."""

    id: str
    name: str
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = ""


# --------------------------------------------------------------------------- tables


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise PartygraphError(f"cannot read ({error.strerror})", source=str(path)) from error
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    return rows


@lru_cache(maxsize=4)
def _demonyms(path: Path) -> tuple[tuple[str, str, str], ...]:
    out = []
    for n, row in enumerate(_read_csv(path), 2):
        form, iso2, kind = (row.get(k, "") or "" for k in ("form", "iso2", "kind"))
        if (
            not form
            or not kind
            or (kind not in ("blocker", "region") and not re.fullmatch(r"[A-Z]{2}", iso2))
        ):
            raise PartygraphError(
                "expected form, iso2 (two capital letters, empty only for a region or a "
                "blocker) and kind",
                source=str(path),
                where=f"row {n}",
            )
        out.append((form, iso2, kind))
    return tuple(out)


def demonym_table(path: Path | None = None) -> list[tuple[str, str, str]]:
    """The rows ``(form, iso2, kind)`` of ``demonyms.csv`` (iso2 empty for regions, blockers).

    Examples
    --------
    >>> ("Korean", "KP", "demonym") in demonym_table()
    True
    >>> ("Latin American", "", "region") in demonym_table()
    True
    """
    return list(_demonyms(path or registry_dir() / "demonyms.csv"))


@lru_cache(maxsize=4)
def _organisations(path: Path) -> tuple[Organisation, ...]:
    out = []
    for n, row in enumerate(_read_csv(path), 2):
        oid, name = (row.get("id") or "").strip(), (row.get("name") or "").strip()
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", oid) or not name:
            raise PartygraphError(
                "expected an id (lowercase slug) and a name", source=str(path), where=f"row {n}"
            )
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        out.append(
            Organisation(
                oid,
                name,
                (row.get("abbreviation") or "").strip() or None,
                aliases,
                row.get("kind") or "",
            )
        )
    return tuple(out)


def load_organisations(path: Path | None = None) -> list[Organisation]:
    """The international bodies of ``organisations.csv``.

    Examples
    --------
    >>> {o.id: o.abbreviation for o in load_organisations()}["nato"]
    'NATO'
    """
    return list(_organisations(path or registry_dir() / "organisations.csv"))


# --------------------------------------------------------------------------- folding

_APOS = set("'\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032")
_DASH = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _APOS:
        return "'"
    if ch in _DASH:
        return "-"
    if ch.isspace():
        return ch if ch == "\n" else " "  # lines still matter (shouting, menus)
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


class _FoldTable(dict):
    """``str.translate`` table filled on demand: one C-level pass per text (hot path)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Fold accents, apostrophes, dashes and spaces one character for one (case kept).

    Examples
    --------
    >>> _fold("Unión’s — ÉTATS")
    "Union's - ETATS"
    """
    return text.translate(_FOLD_TABLE)


def _key(matched: str, casefold: bool = False) -> str:
    k = _SPACES.sub(" ", matched.replace("'", "")).strip()
    return k.casefold() if casefold else k


def search_fold(text: str) -> str:
    """Fold a text for case- and accent-insensitive search (the ``pg:searchText`` value).

    Lower-cases, removes accents, unifies apostrophes and dashes, and folds white space,
    so that ``CONTAINS(?searchText, search_fold(query))`` matches whatever the case and
    accents of either side.

    Examples
    --------
    >>> search_fold("Unión  Europea — ÉTATS-UNIS’")
    "union europea - etats-unis'"
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(_fold_char(c) for c in t if not unicodedata.combining(c))
    # lower(), not casefold(): SPARQL's LCASE keeps "ß" and "ς" as they are
    return re.sub(r"\s+", " ", t).strip().lower()


def _pattern(form: str, plural: bool = False) -> tuple[str, ...]:
    """The regex atoms of a form: spaces stretch, apostrophes are optional."""
    parts: list[str] = []
    for ch in _fold(form):
        if ch in " \n":
            if parts and parts[-1] == r"\s+":
                continue
            parts.append(r"\s+")
        elif ch == "'":
            parts.append("'?")
        else:
            parts.append(re.escape(ch))
    if plural:
        parts.append("s?")
    return tuple(parts)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in form


def _has_plural(form: str) -> bool:
    return not re.search(r"(s|sh|ch|ese|[^a-zA-Z])$", form)


# --------------------------------------------------------------------------- matcher

# Words that alone are not telling enough to be a party alias.
_GENERIC = frozenset(
    {
        "communists", "socialists", "workers", "party", "parties", "left", "unity",
        "progress", "people", "union", "front", "alliance", "movement", "labour", "labor",
        "communist", "socialist", "democratic", "popular", "national",
    }
)  # fmt: skip


@dataclass
class _Entry:
    kind: str  # country | party | organisation | blocker
    id: str


@dataclass
class _Matcher:
    exact: re.Pattern[str]
    exact_keys: dict[str, _Entry]
    loose: re.Pattern[str] | None  # party names of three words or more, any case
    loose_keys: dict[str, _Entry]
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    find: Any = None  # registry.find, when the registry has it


def _alternation(patterns: Iterable[tuple[str, ...]]) -> str:
    """One regex for many forms, as a trie: linear in the text, longest form first.

    Examples
    --------
    >>> forms = [_pattern("Korea"), _pattern("Korean", True), _pattern("Kosovo")]
    >>> rx = re.compile(_alternation(forms))
    >>> [m.group(0) for m in rx.finditer("Koreans, Korea and Kosovo; Koreaboo")]
    ['Koreans', 'Korea', 'Kosovo']
    """
    trie: dict = {}
    for atoms in set(patterns):
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # end of a form

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a longer form is tried first, the shorter one is the fallback
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    # not inside a word or after an apostrophe ("Koreaboo", "Carl's"), except after an
    # elided article or preposition ("l'Iran", "d'Italia", "dell'Ucraina")
    return r"(?:(?<![\w'])|(?<=[dDlL]'))(?:" + emit(trie) + r")(?![\w])"


def _table(registry: Registry | None, name: str) -> Path:
    """A curated table beside the registry's own files, else the project's."""
    folder = registry.directory if registry is not None else None
    if folder and (Path(folder) / name).is_file():
        return Path(folder) / name
    return registry_dir() / name


@lru_cache(maxsize=8)  # compiling the patterns is most of the cost: share it by content
def _build(demonyms: Path, organisations: Path, parties: tuple[Party, ...]) -> _Matcher:
    exact: dict[str, _Entry | None] = {}
    exact_patterns: dict[str, tuple[str, ...]] = {}
    labels: dict[tuple[str, str], str] = {}

    def add(form: str, entry: _Entry, priority: int, plural: bool = False) -> None:
        form = form.strip()
        if not form:
            return
        variants = [form]
        if form[0].islower():  # "cubana" also opens a sentence or a name: "Revolución Cubana"
            variants.append(form[0].upper() + form[1:])
        if not _is_acronym(form) and form.upper() != form:
            variants.append(form.upper())
        for v in variants:
            key = _key(_fold(v))
            current = exact.get(key, ...)
            if current is ...:
                exact[key] = entry
                prio[key] = priority
            elif current is not None and (current.kind, current.id) != (entry.kind, entry.id):
                if priority < prio[key]:
                    exact[key], prio[key] = entry, priority
                elif priority == prio[key]:
                    exact[key] = None  # shared by two: counts for none
            exact_patterns[key] = _pattern(v, plural and v == form)

    prio: dict[str, int] = {}
    for form, iso2, kind in _demonyms(demonyms):
        if kind in ("blocker", "region"):
            add(form, _Entry(kind, ""), 0)
        else:
            add(form, _Entry("country", iso2), 1, plural=kind == "demonym" and _has_plural(form))
    for name, iso2 in country_names():
        if len(name) > 1:
            add(name, _Entry("country", iso2), 1)
    for org in _organisations(organisations):
        labels[("organisation", org.id)] = org.name
        for form in (org.name, org.abbreviation or "", *org.aliases):
            add(form, _Entry("organisation", org.id), 2)

    loose: dict[str, _Entry | None] = {}
    loose_patterns: dict[str, tuple[str, ...]] = {}
    taken = {k for k, e in exact.items() if e is not None and e.kind != "party"}
    taken_folded = {k.casefold() for k in taken if len(k) > 4}
    for party in parties:
        labels[("party", party.id)] = party.name
        for form in {party.name, party.abbreviation or "", *party.aliases}:
            form = form.strip()
            if (
                not form
                or _key(_fold(form)) in taken
                or _key(_fold(form)).casefold() in taken_folded
            ):
                continue  # a country or organisation name is that, not the party (DPRK)
            words = form.split()
            if _is_acronym(form):
                if sum(c.isalpha() for c in form) < 3:
                    continue
                add(form, _Entry("party", party.id), 3)
            elif len(words) >= 3:
                key = _key(_fold(form), casefold=True)
                entry = _Entry("party", party.id)
                if key in loose and loose[key] is not None and loose[key].id != party.id:
                    loose[key] = None
                else:
                    loose.setdefault(key, entry)
                loose_patterns[key] = _pattern(form.lower())
            elif len(form) >= 5 and form.casefold() not in _GENERIC and form[0].isupper():
                add(form, _Entry("party", party.id), 3)
    for key in list(exact):
        if exact[key] is None:
            del exact[key]
            exact_patterns.pop(key, None)
    for key in list(loose):
        if loose[key] is None:
            del loose[key]
            loose_patterns.pop(key, None)
    return _Matcher(
        exact=re.compile(_alternation(exact_patterns.values())),
        exact_keys={k: e for k, e in exact.items() if e is not None},
        loose=re.compile(_alternation(loose_patterns.values()), re.IGNORECASE)
        if loose_patterns
        else None,
        loose_keys={k: e for k, e in loose.items() if e is not None},
        labels=labels,
    )


# Generic party-like names: a country inside them is part of a name, never a mention.
_CAP = (
    r"(?!(?:And|The|For|With|In|On|Of|To|Against|By|Y|E|Et|Und|From)\b)[A-Z\u0391-\u03a9][\w'.-]*"
)
_PARTY_WORD = (
    r"(?:Party|Parties|Partido|Partidos|Partito|Partiti|Parti|Partei|Partij|Partia|Partija|"
    r"Communists|Comunistas|Comunisti|Communistes|Kommunisten|Union\s+of\s+Communists|League)"
)
_PREP = r"(?:(?i:of|de|del|della|di|dei|degli|do|da|dos|das|du|des|der|in|en|i)\s+)"
_ART = r"(?:(?i:the|la|el|los|las|le|les|il|lo|o|a)\s+|l')"
_PARTY_SPAN = re.compile(
    rf"(?:{_CAP}\s+(?:(?:and|y|e|et|&)\s+{_CAP}\s+)?){{0,4}}{_PARTY_WORD}\b"
    rf"(?:\s+{_PREP}?{_ART}?{_CAP}(?:\s+(?:{_PREP}{_ART}?)?{_CAP}){{0,3}})?"
    rf"|\b(?:N?CP|WP|CPs)\s+(?:(?i:of)\s+)?(?:(?i:the)\s+)?{_CAP}(?:\s+{_CAP})?"
    # "the Sudanese CP": an adjective of a country before the abbreviation
    rf"|{_CAP}\s+(?:N?CP|WP)\b"
)
_PLURAL_PARTIES = re.compile(r"\b(?:Parties|Partidos|Partiti|Partis|Parteien|Partijen)\b")
_ABBREV_EXPAND = {"CP": "Communist Party", "NCP": "New Communist Party", "WP": "Workers' Party"}

# Stance cues.
_ADV_AFTER = re.compile(
    r"^(?:'s)?(?:-|\s+)(?:(?:and|or)\s+\S+\s+)?(?:army|armed|armies|military|militaries|troops|"
    r"soldiers|regime|regimes|junta|aggression|aggressions|aggressor|aggressors|aggressive\w*|"
    # "air strikes", never a bare "strike": "the Greek strike" is the workers' own
    r"attack|attacks|air\s*strikes?|airstrikes?|missile\s+strikes?|bombing|bombings|bombs|"
    r"bombardment|occupation|occupiers|occupying|invasion|invaders|intervention|interventions|"
    r"interference|imperialism|imperialists?|hostile|"
    r"hostility|sanctions|blockade|embargo|threats?|authorities|oligarchs?|fascists?)\b"
    # "US-led", "NATO-backed": only joined by a hyphen ("the CPSU led" is no agent)
    r"|^-(?:backed|led|sponsored|instigated|made|supported|imposed)\b",
    re.IGNORECASE,
)
_ADV_BEFORE = re.compile(
    # every cue starts a word with one of these letters: a cheap test before the
    # alternation and its look-behinds, tried at each position of a 100-character window
    r"\b(?=[abdeimoprstABDEIMOPRST])"
    r"(?i:(?=by)(?<!stand\s)(?<!stands\s)(?<!standing\s)(?<!stood\s)by(?:\s+the)?|\bda\s+parte\s+(?:di|dei|del|della|degli|delle)|"
    r"\bpor\s+(?:parte\s+de\s+)?(?:los|las|el|la)?|\bde\s+la\s+part\s+(?:de|des|du)|"
    r"\b(?:ej[eé]rcito|esercito|ex[eé]rcito|arm[eé]e|r[eé]gimen|regime|r[eé]gime|agresi[oó]n|"
    r"aggressione|agress[aã]o|agression|ocupaci[oó]n|occupazione|ocupa[cç][aã]o|tropas|truppe|"
    r"troupes|imperialismo|imp[eé]rialisme|bombardeo|bombardamento|bombardement|militares|"
    r"militari|soldados|soldati|blocco|bloqueo|bloqueio|blocus|embargo))\s+"
    # the cue reaches along a list of names: "by the United States, NATO and the EU"
    r"(?:(?:the\s+)?(?:[A-Z][\w.'-]*\s*){1,3}(?:,\s*|\s+(?:and|e|y|et|und)\s+))*"
    r"(?:the\s+)?$",
)

# What the sentence says about the name, from the words just before it: support (or the
# name as the victim of an attack), or opposition to its separation, independence or
# membership. A negation before the verb turns it round ("do not support").
_NEG = r"(?:\b(?:not|no|never|neither|nor|without|against|non|nao|ni|ne)\s+(?:\w+\s+){0,2}|n't\s+)"
_SUPPORT = (
    r"solidarity|solidarit[eé]|solidaridad|solidarieta|solidariedade|support(?:s|ing|ed)?|"
    r"apoyo|apoio|sosteg\w*|soutien|defen[cds]\w*|hands\s+off|stand(?:s|ing)?\s+(?:with|by)|"
    # "hands off" in other languages: "Giù le mani da Cuba", "Manos fuera de Venezuela"
    r"gi[uù]\s+le\s+mani|manos\s+fuera|fuera\s+las\s+manos|tirem\s+as\s+m[aã]os|"
    r"bas\s+les\s+mains|h[aä]nde\s+weg|"
    r"on\s+the\s+side\s+of|salute\w*|recogni[sz]\w*"
)
# the name suffers the act: "the attack on Palestine", "il bombardamento della Siria"
_VICTIM = (
    r"attacks?|aggression|assault|bomb\w*|bombard\w*|blockade|embargo|sanctions|ban(?:ning)?|"
    r"outlaw\w*|persecution|occupation|invasion|intervention|interference|threats?|war|"
    r"conflicts?|(?:air\s*|missile\s+)?strikes?(?=\s+(?:on|against|upon)\b)|"
    r"agresi[oó]n|aggressione|agression|agress[aã]o|bloqueo|bloqueio|blocus"
)
_TOWARD = (
    r"(?:\s+(?:with|to|for|of|against|on|in|towards?|con|a|al|contra|contro|avec|contre|"
    r"com|da|de|del|della|di|du|des))?"
)
_OF_PEOPLE = (
    r"(?:\s+(?:the|el|la|los|las|il|le|les|o|os)?\s*(?:\w+\s+){0,3}?"
    r"(?:people|peoples|pueblo|popolo|peuple|povo|struggle|cause|workers|independence|"
    r"sovereignty|integrity|rights?|membership)(?:\s+(?:of|de|del|di|du|do))?)?"
)
_SUPPORT_BEFORE = re.compile(
    rf"(?i:(?P<neg>{_NEG})?\b(?:{_SUPPORT})(?:\s+(?:statement|declaration|message))?{_TOWARD}"
    # a verb of harm whose object is the name: "endanger India's food security"
    r"|\b(?:endanger\w*|threaten\w*|attack(?:s|ed|ing)?|destabili[sz]\w*|undermin\w*|"
    r"strangl\w*|starv\w*|invad\w*|bomb(?:s|ed|ing)?)"
    rf"|\b(?P<victim>{_VICTIM})\s+(?:[\w'-]+\s+){{0,5}}?"
    r"(?:against|on|of|upon|in|to|contra|contro|della|del|de|sur|contre))"
    rf"{_OF_PEOPLE}"
    # the cue reaches along a list of names: "solidarity with the people of Sudan and the
    # Sudanese CP"
    r"(?:\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*(?:\s*,|\s+(?:and|e|y|et|und)))*"
    r"(?:\s+(?:the|el|la|il|le|les|o|a)|\s+(?:l|dell|all|nell|d)')?\s*$"
)
# "oppose the separation of Kosovo", "against the independence of X", "reject X's membership"
_SECEDE = (
    r"separation|secession|independence|self-proclaimed\s+independence|membership|"
    r"accession|recognition|partition|dismemberment"
)
_OPPOSE = r"oppos\w*|condemn\w*|reject\w*|denounc\w*|against|contra|contro|contre|refuse\w*"
_OPPOSE_BEFORE = re.compile(
    rf"(?i:(?P<neg>{_NEG})?\b(?:{_OPPOSE})\s+(?:\w+\s+){{0,3}}?(?:{_SECEDE})\s+(?:of|from|de|di|du)"
    r"(?:\s+(?:the|el|la|il|le|les|o|a))?\s*$)"
)
_OPPOSE_AFTER = re.compile(rf"(?i:^(?:'s)?\s+(?:(?:\w+\s+){{0,2}})?(?:{_SECEDE})\b)")
_OPPOSE_VERB_BEFORE = re.compile(rf"(?i:\b(?P<neg>{_NEG})?(?:{_OPPOSE})\s+(?:the\s+)?$)")


# a demand for the act: the name is its target, not its victim
_DEMAND = re.compile(
    r"(?i:\b(?:demand\w*|call\w*\s+for|impos\w*|exig\w*|esig\w*|fordern?)\s+(?:\w+\s+){0,2}$)"
)


# "against the militarisation of the EU", "gegen die Kriegspolitik der NATO": opposed to what
# the name does (its policy, its expansion), unlike a victim noun ("the occupation of")
_OPPOSE_ACT_OF = re.compile(
    rf"(?i:(?P<neg>{_NEG})?\b(?:{_OPPOSE}|gegen)\s+(?:(?:the|die|la|le|les|el|il|lo)\s+)?"
    r"(?:[\w'-]+\s+){0,2}?(?:militari[sz]\w*|\w*politi[ck]\w*|polic(?:y|ies)|expansion\w*|"
    r"strateg\w*|plans?|aufrüstung|rearm\w*)\s+(?:of|der|des|de|du|del|della|di|dell'|do|da)"
    r"(?:\s+(?:the|la|le|el|il|die|o|a))?\s*$)"
)


def _cue(before: str, after: str) -> int:
    """+1 support, -1 opposition, 0 unclear: what the words around a name say of it.

    Examples
    --------
    >>> _cue("Our Parties oppose the separation of ", " from the Republic of Serbia")
    -1
    >>> _cue("We support the independence of ", "")
    1
    >>> _cue("We do not support ", "")
    -1
    >>> _cue("the murderous attack of the Israeli army against the people of ", "")
    1
    >>> _cue("Declaration on ", "")
    0
    >>> _cue("We condemn ", "'s membership of NATO")
    -1
    >>> _cue("to demand sanctions against ", "")
    -1
    >>> _cue("Gegen die Militarisierung der ", ""), _cue("against the occupation of ", "")
    (-1, 1)
    """
    oppose = _OPPOSE_BEFORE.search(before) or _OPPOSE_ACT_OF.search(before)
    if oppose is None and _OPPOSE_AFTER.match(after):
        oppose = _OPPOSE_VERB_BEFORE.search(before)
    if oppose is not None:
        return 1 if oppose.group("neg") else -1
    support = _SUPPORT_BEFORE.search(before)
    if support is not None:
        if support.group("victim") and _DEMAND.search(before, 0, support.start("victim")):
            return -1  # "we demand sanctions against Israel": the name is the target
        return -1 if support.group("neg") else 1
    return 0


# "Statement of the KKE ...", "Declaración del PCE", "KKE: ..." name the author, not a subject.
_AUTHOR_BEFORE = re.compile(
    r"(?i:\b(?:statement|declaration|resolution|appeal|letter|communiqu[eé]|message|"
    r"press\s+release|initiative|proposal|article|comunicado|declaraci[oó]n|dichiarazione|"
    r"comunicato|d[eé]claration|iniziativa|iniciativa|central\s+committee|cc|"
    r"(?:international\s+)?(?:relations\s+)?department)\s+"
    r"(?:of|by|from|de|del|de\s+la|della|dello|di|du|des|do|da)\s+(?:the\s+|la\s+|el\s+|il\s+|o\s+)?"
    # up to eight more words of the author's name ("... of Greece and the"), but none
    # that turns to the topic ("on", "with", "in support of"...)
    r"(?:(?!(?:solidarity|support|with|for|against|defen\w*|on|about|regarding|concerning|"
    r"over|to|in|sobre|su|sur|con|contra|avec|contre|per)\b)[\w'-]+\s+){0,8})$"
)
_AUTHOR_AFTER = re.compile(r"^\s*(?::|[-–]\s|(?i:calls|condemns|denounces|demands|salutes|says)\b)")
# "in Greece", "held at ...": the country of the statement's own place or meeting.
_LOCATIVE = re.compile(r"(?i:\b(?:in|at|en|em|a|à|nel|nella|na|no|au|aux|im)\s+(?:the\s+)?)$")


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    id: str
    printed: str
    where: str
    order: int
    opposed: bool = False
    supported: bool = False
    author: bool = False  # a party named as the statement's author ("Statement of the KKE")


_LIST_MARKER = re.compile(r"^\s*(?:[-•*·–]|\d{1,3}[.)]|\(\d{1,3}\))?\s*")


@lru_cache(maxsize=16384)  # signatory lines repeat across a corpus
def _line_key(line: str) -> str:
    return _key(_fold(_LIST_MARKER.sub("", line))).rstrip(";,.").casefold()


def _segments(record: StatementRecord) -> list[tuple[str, str]]:
    segments: list[tuple[str, str]] = []
    title = (record.title or "").strip()
    headline = (record.headline or "").strip()
    if title:
        segments.append(("title", title))
    if headline and _key(_fold(headline)).casefold() != _key(_fold(title)).casefold():
        segments.append(("headline", headline))
    lines = _without_menus((record.text or "").splitlines())
    if not any(line.strip() for line in lines):
        return segments
    printed = {
        _line_key(x)
        for p in [*record.signatories, *record.initiators]
        for x in (p.as_printed, p.name)
        if x
    }
    body_lines = [
        line
        for line in lines
        # a body line that repeats a printed signatory line is a list leftover
        if not line.strip() or _line_key(line) not in printed
    ]
    if body_lines:
        segments.append(("body", "\n".join(body_lines)))
    return segments


def _without_menus(lines: Sequence[str]) -> list[str]:
    """Drop runs of three or more short bare lines (tag lists, menus): not prose.

    Examples
    --------
    >>> _without_menus(["We met.", "Cuba", "Nato", "Syria", "", "Bye."])
    ['We met.', '', 'Bye.']
    """

    def bare(line: str) -> bool:
        t = line.strip(" \t•*·-")
        return bool(t) and len(t.split()) <= 4 and not _PUNCT.search(t)

    out: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if bare(line):
            run.append(line)
            continue
        if len(run) < 3:
            out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


_PUNCT = re.compile(r"[.,;:!?]")
_CITY_BEFORE = re.compile(r"((?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'.-]*)\s*,?\s*$")
_LEADING_ARTICLE = re.compile(r"^(?:the|la|el|il|le)\s+", re.IGNORECASE)
_ABBREV_NAME = re.compile(r"^(N?CP|WP)\s+(?:of\s+)?(?:the\s+)?(.+)$")
_ABBREV_AFTER = re.compile(r"^(\S+)\s+(N?CP|WP)$")


def _shouting_at(text: str, pos: int, seen: dict[int, bool]) -> bool:
    r"""Whether the line holding ``pos`` is printed in capitals (``seen``: per line start).

    Examples
    --------
    >>> t = "We stand with the US.\nHANDS OFF CUBA, SAYS THE US"
    >>> _shouting_at(t, 18, {}), _shouting_at(t, 48, {})
    (False, True)
    """
    start = text.rfind("\n", 0, pos) + 1
    found = seen.get(start)
    if found is None:
        end = text.find("\n", pos)
        line = text[start : end if end >= 0 else len(text)]
        letters = sum(map(str.isalpha, line))
        found = letters >= 8 and sum(map(str.isupper, line)) / letters > 0.8
        seen[start] = found
    return found


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """Common nouns of the language files (meeting nouns, document kinds, party nouns):
    a country whose name is one of them ("Réunion", a meeting in French) is read as the
    country only where a place stands."""
    w = lang_words()
    return frozenset(
        _key(_fold(x)).casefold()
        for x in (*w.meeting, *w.doc_kinds, *w.party_nouns, *w.party_plurals)
        if " " not in x
    )


# "à la Réunion.", "de la Réunion et ...": the place keeps its article and ends the phrase
_PLACE_ARTICLE = re.compile(r"(?i:\b(?:la|l'|the)\s*)$")
_PLACE_END = re.compile(r"^(?:\s*(?:$|[.,;:!?)\]]|(?i:and|et|y|e|und)\b))")


def _homonym(folded: str, start: int, end: int, key: str) -> bool:
    """A country name that is a common noun of the language files, used as the noun
    ("20ème Réunion internationale", "la Réunion des partis")."""
    if key.casefold() not in _common_nouns():
        return False
    return not (
        _PLACE_ARTICLE.search(folded[max(0, start - 6) : start])
        and _PLACE_END.match(folded[end : end + 6])
    )


def _is_place(folded: str, start: int, iso2: str) -> bool:
    """Whether a country name follows a city of that country (``Athens, Greece``)."""
    before = folded[max(0, start - 60) : start]
    m = _CITY_BEFORE.search(before)
    if not m:
        return False
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        city = city_lookup(" ".join(words[-n:]))
        if city and city[1] == iso2:
            return True
    return False


def _party_by_span(span: str, matcher: _Matcher) -> str | None:
    if matcher.find is None:
        return None
    text = _LEADING_ARTICLE.sub("", span.strip())
    candidates = [text]
    m = _ABBREV_NAME.match(text)
    if m:
        candidates.append(f"{_ABBREV_EXPAND[m.group(1)]} of {m.group(2)}")
    elif m := _ABBREV_AFTER.match(text):
        candidates.append(f"{m.group(1)} {_ABBREV_EXPAND[m.group(2)]}")
    for c in candidates:
        try:
            party = matcher.find(c)
        except Exception:  # a lookup helper must never break reading
            party = None
        if party is not None and not party.provisional:
            return party.id
    return None


class _Spans:
    """Disjoint half-open spans ``[start, end)``, sorted: each test is a binary search
    (a list scanned per mention made a list of 100,000 names take minutes).

    Examples
    --------
    >>> spans = _Spans()
    >>> spans.add(10, 20); spans.add(0, 5)
    >>> spans.overlaps(4, 6), spans.overlaps(5, 10), spans.contains(11, 20), spans.contains(3, 6)
    (True, False, True, False)
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        # disjoint and sorted: the last span starting before ``end`` ends last among them
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


def _overlap_test(spans: Iterable[tuple[int, int]]):
    """``test(start, end)``: does ``[start, end)`` overlap any of ``spans`` (which may
    overlap each other)? Sorted starts and running maximum ends, then binary search.

    Examples
    --------
    >>> test = _overlap_test([(0, 10), (2, 4), (20, 25)])
    >>> test(9, 12), test(10, 20), test(24, 30)
    (True, False, True)
    """
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach: list[int] = []
    for _, e in ordered:
        reach.append(max(e, reach[-1]) if reach else e)

    def test(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end) - 1
        return i >= 0 and reach[i] > start

    return test


# a plural party word or an abbreviated head: a name whose country list may go on
_LISTY = re.compile(
    r"(?:(?i:the)\s+)?(?:N?CPs?|WP)\b|[^,;.]*\b(?:Parties|Partidos|Partiti|Partis|Parteien)\b"
)
_NAME_ON = re.compile(
    r"(?:\s*,\s*|\s+(?:and|y|e|et|und|&)\s+)(?:the\s+)?"
    r"((?:[A-Z][\w'.-]*\s+(?:of\s+(?:the\s+)?)?){0,3}[A-Z][\w'.-]*)"
)


def _country_end(text: str, matcher: _Matcher) -> bool:
    """Whether ``text`` ends with a country's name (one to three words)."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) >= n:
            entry = matcher.exact_keys.get(_key(" ".join(words[-n:])))
            if entry is not None and entry.kind == "country":
                return True
    return False


def _elided_names(folded: str, pos: int, matcher: _Matcher) -> list[tuple[int, int]]:
    """Spans of the names that go on after a party name ending with a country, each one
    ending with a country too (", Mexico", ", Workers of Spain", " and Cyprus")."""
    out = []
    while (m := _NAME_ON.match(folded, pos)) is not None and _country_end(m.group(1), matcher):
        out.append((m.start(1), m.end(1)))
        pos = m.end()
    return out


def _scan(
    where: str, text: str, matcher: _Matcher, order0: int, places: frozenset[str] = frozenset()
) -> list[_Hit]:
    folded = _fold(text)
    hits: list[_Hit] = []
    party_spans = _Spans()
    # one pass of each alternation; the exact forms serve steps 1 and 3
    exact = [(m.start(), m.end(), _key(m.group(0))) for m in matcher.exact.finditer(folded)]
    loose = (
        [(m.start(), m.end(), _key(m.group(0), True)) for m in matcher.loose.finditer(folded)]
        if matcher.loose is not None
        else []
    )
    # 1. registry parties (exact forms and long names in any case)
    for found, keys in ((loose, matcher.loose_keys), (exact, matcher.exact_keys)):
        for s, e, key in found:
            entry = keys.get(key)
            if entry is None or entry.kind != "party":
                continue
            if party_spans.overlaps(s, e):
                continue
            party_spans.add(s, e)
            hits.append(_Hit(s, e, "party", entry.id, text[s:e], where, 0))
    # 2. party-like names: resolved through the registry when it can, else they only block
    blocked = list(zip(party_spans.starts, party_spans.ends, strict=True))
    for m in _PARTY_SPAN.finditer(folded):
        s, e = m.start(), m.end()
        if party_spans.contains(s, e):
            continue
        blocked.append((s, e))
        if party_spans.overlaps(s, e):
            continue
        # "the Communist Parties of Europe" names many parties, never one
        plural = _PLURAL_PARTIES.search(folded[s:e])
        pid = None if plural else _party_by_span(text[s:e], matcher)
        if pid:
            party_spans.add(s, e)
            hits.append(_Hit(s, e, "party", pid, text[s:e], where, 0))
    # "the CP of Greece, Mexico, Workers of Spain, Turkey", "the Communist Parties of Greece
    # and Cyprus": the countries after such a name are more names of the same kind
    for s, e in list(blocked):
        if _country_end(folded[s:e], matcher) and _LISTY.match(folded, s):
            blocked.extend(_elided_names(folded, e, matcher))
    # 3. countries, organisations (and blockers), outside every party name
    shouting: dict[int, bool] = {}  # line start -> printed in capitals (asked lazily)
    is_blocked = _overlap_test(blocked)
    for s, e, key in exact:
        entry = matcher.exact_keys.get(key)
        if entry is None and key.endswith("s"):
            entry = matcher.exact_keys.get(key[:-1])
        if entry is None or entry.kind in ("party", "blocker"):
            continue
        if entry.kind == "region":
            hits.append(_Hit(s, e, "region", "", text[s:e], where, 0))
            continue
        if is_blocked(s, e):
            continue
        if (
            len(key) <= 8  # cheap guard: an acronym of three letters is short
            and _is_acronym(key)
            and sum(c.isalpha() for c in key) <= 3
            and _shouting_at(folded, s, shouting)
        ):
            continue
        if entry.kind == "country" and (
            _homonym(folded, s, e, key)
            or _is_place(folded, s, entry.id)
            or (entry.id in places and _LOCATIVE.search(folded[max(0, s - 30) : s]))
        ):
            continue
        hits.append(_Hit(s, e, entry.kind, entry.id, text[s:e], where, 0))
    hits.sort(key=lambda h: h.start)
    # the cues depend on the text around a hit only: a name repeated in the same words
    # ("KKE, KKE, KKE...") is judged once
    cues: dict[tuple[str, str, bool], tuple[bool, bool, bool]] = {}
    for n, h in enumerate(hits):
        h.order = order0 + n
        before = folded[max(0, h.start - 100) : h.start]
        after = folded[h.end : h.end + 60]
        key = (before, after, h.kind == "party")
        found = cues.get(key)
        if found is None:
            cue = _cue(before, after)
            opposed = cue < 0 or bool(_ADV_AFTER.match(after) or _ADV_BEFORE.search(before + " "))
            found = cues[key] = (
                opposed,
                cue > 0 and not opposed,
                h.kind == "party"
                and bool(_AUTHOR_BEFORE.search(before[-80:]) or _AUTHOR_AFTER.match(after[:30])),
            )
        h.opposed, h.supported, h.author = found
    return hits


# --------------------------------------------------------------------------- public API


def _hits(record: StatementRecord, finder: SubjectFinder) -> tuple[list[_Hit], _Matcher | None]:
    segments = _segments(record)
    if not segments:  # a bare list: nothing to read, no matcher to build
        return [], None
    matcher = finder.matcher()
    hits: list[_Hit] = []
    places = frozenset(
        c
        for c in (
            record.place.country if record.place else None,
            record.meeting.country if record.meeting else None,
        )
        if c
    )
    for where, text in segments:
        hits.extend(_scan(where, text, matcher, len(hits), places))
    return hits, matcher


def _label(matcher: _Matcher, kind: str, ident: str) -> str | None:
    if kind == "country":
        return country_name(ident) or _extra_country_name(ident)
    return matcher.labels.get((kind, ident))


def extra_countries(path: Path | None = None) -> dict[str, str]:
    """Countries that ``demonyms.csv`` names and the gazetteer lacks: ISO2 -> name.

    The first ``name`` row of a code gives its name (Kosovo, XK). The registry graph
    describes them beside the gazetteer's countries, so that a mention of one is typed.

    Examples
    --------
    >>> extra_countries()["XK"]
    'Kosovo'
    """
    return dict(_extra_countries(path or registry_dir() / "demonyms.csv"))


@lru_cache(maxsize=4)
def _extra_countries(path: Path) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for form, code, kind in _demonyms(path):
        if kind == "name" and code not in out and not country_name(code):
            out[code] = form
    return tuple(out.items())


def _extra_country_name(iso2: str) -> str | None:
    return dict(_extra_countries(registry_dir() / "demonyms.csv")).get(iso2)


def _stance(hits: Sequence[_Hit]) -> Stance:
    """The stance of a name's occurrences: those in the title and headline when they say
    something, else those in the body; ``mentioned`` when none says anything.

    An even split leans to opposition: one adversarial use is a strong signal.
    """
    top = [h for h in hits if h.where != "body" and (h.opposed or h.supported)]
    telling = top or [h for h in hits if h.opposed or h.supported]
    if not telling:
        return "mentioned"
    opposed = sum(h.opposed for h in telling)
    return "opposition" if opposed * 2 >= len(telling) else "solidarity"


def _mentions_from(hits: Sequence[_Hit], matcher: _Matcher) -> list[Mention]:
    groups: dict[tuple[str, str], list[_Hit]] = {}
    for h in hits:
        if h.kind == "region":
            continue
        groups.setdefault((h.kind, h.id), []).append(h)
    rows = []
    for (kind, ident), hs in groups.items():
        places = tuple(sorted({h.where for h in hs}, key=_WHERE_ORDER.__getitem__))
        top = [h for h in hs if h.where != "body"]
        weight = sum(TITLE_WEIGHT if h.where != "body" else 1 for h in hs)
        rows.append(
            dict(
                kind=kind,
                id=ident,
                as_printed=hs[0].printed,
                count=len(hs),
                where=places[0],
                places=places,
                weight=weight,
                stance=_stance(hs),
                opposed=sum(h.opposed for h in hs),
                label=_label(matcher, kind, ident),
                first=min(h.order for h in hs),
                title_as_author=bool(top) and all(h.author for h in top),
            )
        )
    rows.sort(key=lambda r: (r["where"] == "body", -r["weight"], r["first"]))
    return [Mention(rank=n, **r) for n, r in enumerate(rows, 1)]


def find_mentions(record: StatementRecord, registry: Registry | None) -> list[Mention]:
    """Every country, party and organisation named in the title, headline and body.

    Parameters
    ----------
    record : StatementRecord
        An extracted statement; only its title, headline and text are read.
    registry : Registry or None
        The party registry (``None``: countries and organisations only).

    Returns
    -------
    list of Mention
        Ranked: title and headline mentions first, then by weight and first appearance.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> r = StatementRecord(source="x", sha256="0", title="Solidarity with the Cuban people",
    ...     text="We condemn the US blockade of Cuba and the Latin American right.")
    >>> [(m.kind, m.id, m.count, m.where, m.stance) for m in find_mentions(r, None)]
    [('country', 'CU', 2, 'title', 'solidarity'), ('country', 'US', 1, 'body', 'opposition')]
    """
    return SubjectFinder(registry).mentions(record)


def _signers(record: StatementRecord, registry: Registry | None) -> set[str]:
    """Registry ids of the parties that sign or initiate the statement."""
    if registry is None:
        return set()
    return {registry.resolve_line(p)[0].party.id for p in [*record.signatories, *record.initiators]}


def _title_only(record: StatementRecord) -> StatementRecord:
    return StatementRecord(
        source=record.source, sha256=record.sha256, title=record.title, headline=record.headline
    )


def _choose(
    record: StatementRecord,
    finder: SubjectFinder,
    mentions: Sequence[Mention],
    signers: Iterable[str] | None = None,
):
    signers = set(signers) if signers is not None else _signers(record, finder.registry)
    # a meeting report (its list names who took part): the parties its prose names are
    # hosts, speakers, participants or absentees, not what it is about
    report = any(p.role == "participant" for p in record.signatories)
    # a title naming two or more of its own signers is about them as authors ("Cooperation
    # of DKP, KPL and NCPN"); one signer named alone may be the cause it supports
    own = sum(1 for m in mentions if m.where != "body" and m.kind == "party" and m.id in signers)
    titled = [
        m
        for m in mentions
        if m.where != "body"
        and not (
            m.kind == "party" and m.id in signers and (m.title_as_author or report or own >= 2)
        )
    ]
    if titled:
        return [(m, "title") for m in titled]
    if own >= 2:  # the title's topic is the signers themselves: nothing else to find
        return []
    body = [
        m
        for m in mentions
        if m.kind == "country" or (m.kind == "party" and m.id not in signers and not report)
    ]
    if not body:
        return []
    top = max(m.count for m in body)
    frequent = [m for m in body if m.count >= 2 and m.count * 2 >= top]
    if frequent:
        return [(m, "body-frequency") for m in frequent]
    if report:  # a country named once in a report is one topic among others
        return []
    region_title = any(
        h.kind == "region" and h.where != "body" for h in _hits(_title_only(record), finder)[0]
    )
    if region_title:  # "on the situation in Latin America": no single body country
        return []
    first = sorted((m for m in body if m.stance != "opposition"), key=lambda m: m.first)
    return [(first[0], "body-first")] if first else []


_STANCE_ORDER = {"solidarity": 0, "mentioned": 1, "opposition": 2}


def find_subjects(
    record: StatementRecord,
    registry: Registry | None,
    *,
    signers: Iterable[str] | None = None,
    mentions: Sequence[Mention] | None = None,
) -> list[Subject]:
    """What the statement is about, ranked (see the module docstring for the rule).

    Parameters
    ----------
    record : StatementRecord
        An extracted statement.
    registry : Registry or None
        The party registry.
    signers : iterable of str, optional
        Registry ids of the parties that sign or initiate the statement (default:
        resolved here through ``registry.resolve``); they are not body subjects.
    mentions : sequence of Mention, optional
        :func:`find_mentions` of the record, when already computed.

    Returns
    -------
    list of Subject
        Rank 1 first.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> r = StatementRecord(source="x", sha256="0",
    ...     title="Condemning the attack of the Israeli army against the people of Palestine",
    ...     text="The Israeli army's assault on Gaza is a crime.")
    >>> [(s.id, s.rank, s.stance) for s in find_subjects(r, None)]
    [('PS', 1, 'solidarity'), ('IL', 2, 'opposition')]
    """
    return SubjectFinder(registry).subjects(record, signers=signers, mentions=mentions)


def _ranked_subjects(
    record: StatementRecord,
    finder: SubjectFinder,
    signers: Iterable[str] | None,
    mentions: Sequence[Mention],
) -> list[Subject]:
    chosen = _choose(record, finder, mentions, signers)
    chosen.sort(
        key=lambda mr: (
            mr[0].where == "body",
            _STANCE_ORDER[mr[0].stance],
            -mr[0].weight,
            mr[0].first,
        )
    )
    return [
        Subject(
            kind=m.kind,
            id=m.id,
            as_printed=m.as_printed,
            count=m.count,
            where=m.where,
            rank=n,
            weight=m.weight,
            stance=m.stance,
            reason=reason,
            label=m.label,
        )
        for n, (m, reason) in enumerate(chosen, 1)
    ]


def subjects_json(
    record: StatementRecord, registry: Registry | None, *, signers: Iterable[str] | None = None
) -> dict[str, list[dict]]:
    """The ``subjects`` and ``mentions`` members of ``partygraph extract``'s JSON.

    The items are :func:`item_json`'s. ``partygraph extract`` itself reads them from
    the resolved statement (:func:`partygraph.resolve.to_json`); this is for a record
    alone.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> r = StatementRecord(source="x", sha256="0", title="Declaration on Kosovo",
    ...     text="Kosovo's secession, pushed by NATO, breaches UN resolutions.")
    >>> j = subjects_json(r, None)
    >>> [(s["id"], s["where"]) for s in j["subjects"]], [m["id"] for m in j["mentions"]]
    ([('XK', 'title')], ['XK', 'nato', 'un'])
    """
    finder = SubjectFinder(registry)
    mentions = finder.mentions(record)
    subjects = finder.subjects(record, signers=signers, mentions=mentions)
    return {
        "subjects": [item_json(s) for s in subjects],
        "mentions": [item_json(m) for m in mentions],
    }


class SubjectFinder:
    """The stage after resolve: what statements are about, for one registry.

    It holds the compiled matcher of the registry's parties, the countries and the
    organisations, built once, at the first statement that has prose to read. The
    registry (``None``: countries and organisations only) gives the parties and, through
    :meth:`~partygraph.resolve.Registry.find`, the party a party-like name is.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> from partygraph.resolve import Registry
    >>> reg = Registry.load()
    >>> finder = SubjectFinder(reg)
    >>> cuba = StatementRecord(source="c.txt", sha256="1" * 64, title="Hands off Cuba")
    >>> [(s.kind, s.id, s.rank) for s in finder.annotate(reg.resolve(cuba)).subjects]
    [('country', 'CU', 1)]
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry
        self._matcher: _Matcher | None = None

    def matcher(self) -> _Matcher:
        """The compiled matcher (built at the first call)."""
        if self._matcher is None:
            reg = self.registry
            parties = tuple(reg.parties()) if reg is not None else ()
            built = _build(_table(reg, "demonyms.csv"), _table(reg, "organisations.csv"), parties)
            self._matcher = replace(built, find=reg.find if reg is not None else None)
        return self._matcher

    def mentions(self, record: StatementRecord) -> list[Mention]:
        """:func:`find_mentions` with this finder's registry."""
        hits, matcher = _hits(record, self)
        return _mentions_from(hits, matcher) if matcher is not None else []

    def subjects(
        self,
        record: StatementRecord,
        *,
        signers: Iterable[str] | None = None,
        mentions: Sequence[Mention] | None = None,
    ) -> list[Subject]:
        """:func:`find_subjects` with this finder's registry."""
        if mentions is None:
            mentions = self.mentions(record)
        return _ranked_subjects(record, self, signers, mentions)

    def annotate(self, resolved: ResolvedStatement) -> ResolvedStatement:
        """The resolved statement with its subjects and mentions.

        The resolved signing and initiating parties are the signers: a party that
        signs is not a body subject of its own statement.
        """
        signers = {r.party.id for r in (*resolved.signatories, *resolved.initiators)}
        mentions = self.mentions(resolved.record)
        subjects = self.subjects(resolved.record, signers=signers, mentions=mentions)
        return replace(resolved, subjects=subjects, mentions=mentions)
