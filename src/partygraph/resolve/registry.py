"""The party registry (``data/registry/``) and the resolution of printed lines.

Files (plain CSV, UTF-8, one row per fact, diff-friendly):

``parties.csv``
    ``id, name, abbreviation, country, aliases, source, notes``; aliases are
    ``|``-separated and may be written the way lists print them (``Socialist Party,
    Lithuania``): such an alias only matches a line that states the same country.
``identifiers.csv``
    ``registry_id, scheme, value, source, retrieved, review``: identifiers of a party
    in other datasets (``wikidata``, ``partyfacts``, ``parlgov``), one per row, each
    with its source; the Wikidata QID becomes :attr:`Party.wikidata`.
``distinct.csv``
    ``a, b, why``: pairs known to be different parties; never merged, never suggested.
``merges.csv``
    ``when, who, action, kept, merged, why``: a log of ``merge``/``unmerge``; the
    merged party's names resolve to the kept party while the merge is active.
``aliases-log.csv``
    ``when, who, action, party, alias, why``: aliases added or removed from the CLI.

Resolution is precision first: exact name, then alias (both after normalisation and
with the line's stated country agreeing), then a guarded fuzzy match (see
:mod:`partygraph.resolve.fuzzy`), else a provisional party (``match: "new"``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

from partygraph.errors import PartygraphError
from partygraph.extract.model import PrintedParty, StatementRecord
from partygraph.files import MAX_SIGNATORIES_ENV, signatory_limit
from partygraph.paths import registry_dir
from partygraph.resolve.fuzzy import MIN_WORD_RATIO, fuzzy_tokens, pair_tokens, word_ratio
from partygraph.resolve.gazetteer import (
    countries_in,
    country_code,
    country_name,
    implied_countries,
    is_country_token,
)
from partygraph.resolve.identifiers import FILE_NAME as IDENTIFIERS_FILE
from partygraph.resolve.identifiers import IDENTIFIER_COLUMNS, check_row
from partygraph.resolve.languages import NameKey
from partygraph.resolve.languages import name_key as language_key
from partygraph.resolve.lines import parse_line
from partygraph.resolve.model import Identifier, MatchKind, Party, Resolution, ResolvedStatement
from partygraph.resolve.normalize import (
    fold,
    is_abbreviation,
    name_key,
    slugify,
    tokens,
)
from partygraph.text import latin
from partygraph.vocab import PARTY

PARTY_IRI = PARTY
PARTY_COLUMNS = ("id", "name", "abbreviation", "country", "aliases", "source", "notes")
MERGE_COLUMNS = ("when", "who", "action", "kept", "merged", "why")
ALIAS_LOG_COLUMNS = ("when", "who", "action", "party", "alias", "why")
DISTINCT_COLUMNS = ("a", "b", "why")
FUZZY_THRESHOLD = 0.85

_CAPITALS_BRACKET = re.compile(r"^(.*?)\s*[\[(]([A-Z0-9][A-Z0-9 .\-\u2010-\u2015/]*)[\])]\s*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BINDING = frozenset({"of", "in", "de", "del", "en", "do", "da", "di", "du", "des"})
# Words that tell two otherwise equal names apart (Communist Party in/of Denmark).
_PLACE_PREPOSITIONS = frozenset({"in", "en", "im", "dans", "nel", "na", "no", "at", "i"})

EntryKind = Literal["name", "alias"]


@dataclass(frozen=True)
class _Entry:
    party_id: str
    kind: EntryKind
    country: str | None  # the entry only matches lines stating this country
    text: str


@dataclass(frozen=True)
class Match:
    """The outcome of matching one printed line (before provisional parties)."""

    party: Party | None
    kind: MatchKind | None
    score: float = 1.0
    notes: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()  # the parties an ambiguous line could be


@dataclass(frozen=True)
class Suggestion:
    """Two registry parties that may be one, with the evidence (``registry suggest``)."""

    a: Party
    b: Party
    score: float
    evidence: tuple[str, ...]


def _read_csv(
    path: Path, columns: Iterable[str], required: bool
) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        if required:
            raise PartygraphError("registry file not found", source=str(path))
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PartygraphError(f"cannot read registry file ({error})", source=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise PartygraphError(
            f"header lacks column(s) {', '.join(missing)}; expected {', '.join(columns)}",
            source=str(path),
        )
    rows = []
    for row in reader:
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if any(values.values()):
            rows.append((reader.line_num, values))
    return rows


def _read_identifiers(path: Path, known: set[str]) -> dict[str, list[Identifier]]:
    out: dict[str, list[Identifier]] = {}
    for n, r in _read_csv(path, IDENTIFIER_COLUMNS, required=False):
        where = f"line {n}"
        if r["registry_id"] not in known:
            raise PartygraphError(
                f"field registry_id: unknown party id {r['registry_id']!r}",
                source=str(path),
                where=where,
            )
        if problem := check_row(r):
            raise PartygraphError(problem, source=str(path), where=where)
        out.setdefault(r["registry_id"], []).append(
            Identifier(r["scheme"], r["value"], r["source"], r["retrieved"], r["review"])
        )
    return out


def _split_aliases(value: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for a in value.split("|"):
        a = " ".join(a.split())
        if a:
            seen.setdefault(a, None)
    return tuple(seen)


class Registry:
    """The curated parties and the rules that bind printed lines to them.

    Use :meth:`load`; then :meth:`resolve` a record, or :meth:`find` a party by id,
    name, alias or IRI.

    Examples
    --------
    >>> reg = Registry.load()
    >>> reg.find("KKE").name
    'Communist Party of Greece'
    >>> reg.find("CP of Britain").id
    'communist-party-of-britain'
    >>> reg.find("https://w3id.org/partygraph/id/party/akel").abbreviation
    'AKEL'
    >>> m = reg.match("Socialist Party, Lithuania")
    >>> m.party.id, m.party.country, m.kind
    ('socialist-party-lithuania', 'LT', 'exact')
    """

    def __init__(
        self,
        parties: Iterable[Party],
        *,
        directory: Path | None = None,
        merges: dict[str, str] | None = None,
        distinct: Iterable[tuple[str, str]] = (),
        sources: dict[str, str] | None = None,
        notes: dict[str, str] | None = None,
        digest: str | None = None,
    ) -> None:
        self.directory = directory
        self._all: dict[str, Party] = {}
        for p in parties:
            if p.id in self._all:
                raise PartygraphError(f"duplicate party id {p.id!r}", source=str(directory or ""))
            self._all[p.id] = p
        self._merges = dict(merges or {})
        self._distinct = {frozenset(pair) for pair in distinct}
        self.sources = dict(sources or {})
        self.notes = dict(notes or {})
        self._digest = (
            digest or hashlib.sha256("\n".join(sorted(self._all)).encode("utf-8")).hexdigest()
        )
        self._index: dict[str, list[_Entry]] = {}
        self._fuzzy: dict[int, list[tuple[tuple[str, ...], frozenset[str], _Entry]]] = {}
        self._cache: dict[tuple[str, str, str | None, str | None], tuple[Match, Party | None]] = {}
        self._provisional: dict[str, Party] = {}
        self._identity: dict[str, str] = {}  # provisional id -> country and name key
        self._demonyms_path = directory / "demonyms.csv" if directory else None
        self._pairable: dict[str, bool] = {}
        self._vocab: dict[int, frozenset[str]] | None = None
        self._languages = str(directory or registry_dir())
        # language-neutral keys: (country, mode, words) -> ids; and every key per country
        # (id, language): the language of an alias, "" for a party's name and abbreviation
        self._keys: dict[tuple[str | None, str, tuple[str, ...]], set[tuple[str, str]]] = {}
        self._country_keys: dict[str | None, list[tuple[str, str, NameKey]]] = {}
        self._countryless: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        for p in self._all.values():
            self._index_party(p)
            self._index_keys(p)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, dir: Path | str | None = None) -> Registry:
        """Read the registry folder (default :func:`partygraph.paths.registry_dir`).

        Parameters
        ----------
        dir
            A folder holding ``parties.csv`` (and optionally ``distinct.csv``,
            ``merges.csv``, ``aliases-log.csv``).

        Returns
        -------
        Registry

        Raises
        ------
        PartygraphError
            A missing ``parties.csv`` or a malformed row, naming file, line and field.

        Examples
        --------
        >>> reg = Registry.load()
        >>> len(reg.parties()) >= 100
        True
        """
        directory = Path(dir) if dir is not None else registry_dir()
        if not directory.is_dir():
            raise PartygraphError("registry folder not found", source=str(directory))
        parties_path = directory / "parties.csv"
        rows = _read_csv(parties_path, ("id", "name", "country"), required=True)
        parties: list[Party] = []
        sources: dict[str, str] = {}
        notes: dict[str, str] = {}
        seen: set[str] = set()
        for line, row in rows:
            where = f"line {line}"
            pid = row.get("id", "")
            if not _SLUG.match(pid):
                raise PartygraphError(
                    f"field id: expected a slug (a-z, 0-9, '-'), got {pid!r}",
                    source=str(parties_path),
                    where=where,
                )
            if pid in seen:
                raise PartygraphError(
                    f"duplicate id {pid!r}", source=str(parties_path), where=where
                )
            seen.add(pid)
            name = " ".join(row.get("name", "").split())
            if not name:
                raise PartygraphError("field name: empty", source=str(parties_path), where=where)
            country = row.get("country", "").upper() or None
            if country and not country_name(country):
                raise PartygraphError(
                    f"field country: expected an ISO 3166-1 alpha-2 code, got {country!r}",
                    source=str(parties_path),
                    where=where,
                )
            parties.append(
                Party(
                    id=pid,
                    name=name,
                    country=country,
                    abbreviation=row.get("abbreviation", "") or None,
                    aliases=_split_aliases(row.get("aliases", "")),
                )
            )
            sources[pid] = row.get("source", "")
            notes[pid] = row.get("notes", "")
        known = {p.id for p in parties}
        identifiers = _read_identifiers(directory / IDENTIFIERS_FILE, known)
        parties = [
            replace(
                p,
                identifiers=tuple(identifiers.get(p.id, ())),
                wikidata=next(
                    (i.value for i in identifiers.get(p.id, ()) if i.scheme == "wikidata"), None
                ),
            )
            if p.id in identifiers
            else p
            for p in parties
        ]

        def check_id(path: Path, line: int, column: str, value: str) -> str:
            if value not in known:
                raise PartygraphError(
                    f"field {column}: unknown party id {value!r}",
                    source=str(path),
                    where=f"line {line}",
                )
            return value

        distinct_path = directory / "distinct.csv"
        distinct = [
            (check_id(distinct_path, n, "a", r["a"]), check_id(distinct_path, n, "b", r["b"]))
            for n, r in _read_csv(distinct_path, DISTINCT_COLUMNS, required=False)
        ]
        merges_path = directory / "merges.csv"
        merges: dict[str, str] = {}
        for n, r in _read_csv(merges_path, MERGE_COLUMNS, required=False):
            kept = check_id(merges_path, n, "kept", r["kept"])
            merged = check_id(merges_path, n, "merged", r["merged"])
            if r["action"] == "merge":
                merges[merged] = kept
            elif r["action"] == "unmerge":
                if merges.get(merged) == kept:
                    del merges[merged]
            else:
                raise PartygraphError(
                    f"field action: expected merge or unmerge, got {r['action']!r}",
                    source=str(merges_path),
                    where=f"line {n}",
                )
        h = hashlib.sha256()
        for path in sorted(directory.glob("*.csv")):
            h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        return cls(
            parties,
            directory=directory,
            merges=merges,
            distinct=distinct,
            sources=sources,
            notes=notes,
            digest=h.hexdigest(),
        )

    # ------------------------------------------------------------------ indexing
    def _target(self, pid: str) -> str:
        seen = set()
        while pid in self._merges and pid not in seen:
            seen.add(pid)
            pid = self._merges[pid]
        return pid

    def _add(self, key: str, entry: _Entry) -> None:
        if not key:
            return
        bucket = self._index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        if entry.kind == "alias" and is_abbreviation(entry.text) and " " not in entry.text:
            return  # abbreviations match whole, never fuzzily
        toks = fuzzy_tokens(key)
        if len(toks) >= 2:
            self._fuzzy.setdefault(len(toks), []).append((toks, frozenset(toks), entry))

    def _index_party(self, party: Party) -> None:
        target = self._target(party.id)
        names: list[tuple[str, EntryKind]] = [(party.name, "name")]
        names += [(a, "alias") for a in party.aliases]
        if party.abbreviation:
            names.append((party.abbreviation, "alias"))
        kind: EntryKind
        for text, kind in names:
            if target != party.id:
                kind = "alias"  # a merged party's names are aliases of the kept one
            self._add(name_key(text), _Entry(target, kind, None, text))
            # An alias written as a list prints it ("Socialist Party, Lithuania") also
            # answers its parts. An abbreviation inside a named alias is not registered:
            # in "Union of Communist Parties - CPSU" the CPSU is not this party's.
            parsed = parse_line(text)
            stated = parsed.country
            if stated and party.country and stated != party.country:
                continue
            if parsed.name and (stated or parsed.abbreviations):
                self._add(name_key(parsed.name), _Entry(target, kind, stated, text))
            if not parsed.name:
                for ab in parsed.abbreviations:
                    self._add(name_key(ab), _Entry(target, "alias", stated, text))
            # "Party of Labour of Austria" also answers "Austria - Party of Labour".
            if party.country:
                toks = tokens(text)
                for iso2, start, end in countries_in(text):
                    if (
                        iso2 == party.country
                        and end == len(toks)
                        and start >= 3
                        and toks[start - 1] in _BINDING
                    ):
                        core = " ".join(toks[: start - 1])
                        self._add(core, _Entry(target, "alias", party.country, text))

    def _index_keys(self, party: Party) -> None:
        """Index the language-neutral keys of a party's names under its country.

        An alias answers only names read in its own language: "Komunistička partija
        Nepala" says what a Serbian list means, not what "Communist Party of Nepal" is.
        """
        target = self._target(party.id)
        texts = [(party.name, False), *((a, True) for a in party.aliases)]
        if party.abbreviation:
            texts.append((party.abbreviation, False))
        for text, alias in texts:
            line = PrintedParty(0, text, text)
            for key, _ in self._printed_keys(line, party.country):
                if text == party.abbreviation and key.words != _abbreviation_key(text):
                    continue  # the party's "CPS" is not every "Communist Party"
                entry = (target, key.language if alias else "")
                self._keys.setdefault((key.country, key.mode, key.words), set()).add(entry)
                if key.mode == "none" and not self._implied_country([text]):
                    self._countryless.setdefault(key.words, set()).add(entry)
                bucket = self._country_keys.setdefault(key.country, [])
                if (*entry, key) not in bucket:
                    bucket.append((*entry, key))

    # ------------------------------------------------------------------ queries
    def parties(self) -> list[Party]:
        """The registry's parties (merged-away ones excluded), sorted by id.

        Examples
        --------
        >>> [p.id for p in Registry.load().parties()][:2]
        ['akel', 'algerian-party-for-democracy-and-socialism']
        """
        return [p for pid, p in sorted(self._all.items()) if pid not in self._merges]

    @cached_property
    def known_names(self) -> frozenset[str]:
        """Every name and alias of the registry's parties: the lexicon that lets the reader
        split names run together on one line (:func:`partygraph.extract.read_document`).

        Examples
        --------
        >>> "Communist Party of Greece" in Registry.load().known_names
        True
        """
        return frozenset(n for p in self.parties() for n in (p.name, *p.aliases) if n)

    def all_parties(self) -> list[Party]:
        """Every row of ``parties.csv``, merged-away ones included, sorted by id."""
        return [p for _, p in sorted(self._all.items())]

    def get(self, id: str) -> Party | None:
        """The party with this id (following merges), or ``None``.

        Examples
        --------
        >>> Registry.load().get("communist-party-of-greece").abbreviation
        'KKE'
        >>> Registry.load().get("no-such-party") is None
        True
        """
        if id not in self._all:
            return None
        return self._all[self._target(id)]

    def merged_into(self, id: str) -> str | None:
        """The id this party is merged into, if an active merge says so."""
        return self._merges.get(id)

    def merges(self) -> dict[str, str]:
        """Active merges: merged id -> kept id."""
        return dict(self._merges)

    def are_distinct(self, a: str, b: str) -> bool:
        """Whether ``distinct.csv`` says these two ids are different parties."""
        return frozenset((a, b)) in self._distinct

    def digest(self) -> str:
        """sha256 of the registry files (changes when any CSV changes).

        Examples
        --------
        >>> len(Registry.load().digest())
        64
        """
        return self._digest

    def find(self, text: str) -> Party | None:
        """Find a registry party by id, IRI, canonical name, alias or abbreviation.

        For query parameters: no fuzzy matching and no provisional parties; an
        ambiguous text (``PCP``: Portuguese or Paraguayan) gives ``None``.

        Examples
        --------
        >>> reg = Registry.load()
        >>> reg.find("communist-party-in-denmark").name
        'Communist Party in Denmark'
        >>> reg.find("Partido Comunista de Grecia").id
        'communist-party-of-greece'
        >>> reg.find("PCP") is None
        True
        """
        t = " ".join(text.split())
        if not t:
            return None
        if t.startswith(PARTY_IRI):
            t = t[len(PARTY_IRI) :].strip("/")
        if t in self._all:
            return self.get(t)
        m = self._lookup(t, PrintedParty(0, t, t))
        return m.party if m.kind in ("exact", "alias") else None

    def match(self, text: str, country: str | None = None) -> Match:
        """Match one printed line against the registry (exact, alias or fuzzy).

        Returns a :class:`Match` whose ``party`` is ``None`` when nothing matches safely.

        Examples
        --------
        >>> reg = Registry.load()
        >>> reg.match("Comunist Party of Cuba").kind
        'fuzzy'
        >>> reg.match("Communist Party of Slovenia").party is None  # not of Slovakia
        True
        >>> m = reg.match("Partito Comunista d’Albania")  # translated, in any word order
        >>> m.party.id, m.kind
        ('communist-party-of-albania', 'alias')
        >>> reg.match("Austria - Party of Labour").party.id
        'party-of-labour-of-austria'
        """
        m = self._lookup(text, PrintedParty(0, text, text, country=country), fuzzy=True)
        return m

    # ------------------------------------------------------------------ matching
    def _candidates(
        self, key: str, country: str | None, conflicts: list[str]
    ) -> dict[str, EntryKind]:
        found: dict[str, EntryKind] = {}
        for e in self._index.get(key, ()):
            party = self._all[e.party_id]
            if e.country and e.country != country:
                continue
            if country and party.country and party.country != country:
                conflicts.append(party.id)
                continue
            if found.get(e.party_id) != "name":
                found[e.party_id] = e.kind
        return found

    def _variants(
        self, printed: PrintedParty
    ) -> tuple[list[str], list[str], list[str], bool, str | None, list[str]]:
        """Names to try in order, abbreviations (all, bracketed), has a name part, country."""
        parsed = parse_line(printed.as_printed)
        country = printed.country or parsed.country
        notes = []
        if printed.country and parsed.country and printed.country != parsed.country:
            notes.append(f"the line names two countries ({printed.country}, {parsed.country})")
        names = [printed.as_printed, *parsed.forms, parsed.name, printed.name]
        if printed.name and printed.name != printed.as_printed:
            names.append(parse_line(printed.name).name)
        abbreviations = list(parsed.abbreviations)
        bracketed = list(parsed.bracketed)
        if printed.abbreviation and is_abbreviation(printed.abbreviation):
            abbreviations.append(printed.abbreviation)
            bracketed.append(printed.abbreviation)  # extraction: the one in parentheses

        def unique(texts: list[str]) -> list[str]:
            return list(dict.fromkeys(t for t in texts if t and name_key(t)))

        return (
            unique(names),
            unique(abbreviations),
            unique(bracketed),
            bool(parsed.name),
            country,
            notes,
        )

    def _lookup(self, text: str, printed: PrintedParty, fuzzy: bool = False) -> Match:
        names, abbreviations, bracketed, has_name, country, notes = self._variants(printed)
        conflicts: list[str] = []
        ambiguous: list[str] = []

        def first_unique(texts: list[str]) -> tuple[str, EntryKind, str] | None:
            for v in texts:
                found = self._candidates(name_key(v), country, conflicts)
                if len(found) == 1:
                    pid, kind = next(iter(found.items()))
                    return pid, kind, v
                if len(found) > 1:
                    ambiguous.extend(p for p in found if p not in ambiguous)
            return None

        # An abbreviation alone decides only when the line has no name part: in
        # "Union of Communist Parties - CPSU" the CPSU is not the whole party.
        hit = first_unique(names if has_name else names + abbreviations)
        if hit is not None and ambiguous and hit[0] not in ambiguous:
            hit = None  # a fuller form was ambiguous: a shorter one cannot pick another party
        if hit is not None:
            mk: MatchKind = "exact" if hit[1] == "name" else "alias"
            return Match(self._all[hit[0]], mk, 1.0, tuple(notes))
        before = len(notes)
        if not ambiguous and (by_key := self._translated(printed, notes)):
            return Match(self._all[by_key], "alias", 0.95, tuple(notes))
        if fuzzy and len(notes) == before:  # no fuzzy guess where the key saw rivals
            m = self._fuzzy_match(names[:3], country)
            if m.party is not None:
                return Match(m.party, "fuzzy", m.score, tuple(notes) + m.notes)
            notes.extend(m.notes)
        if has_name and abbreviations and (by_abbr := first_unique(abbreviations)):
            party = self._all[by_abbr[0]]
            hint = f"partygraph registry add-alias {party.id} '{parse_line(text).name}'"
            if not ambiguous and any(name_key(a) == name_key(by_abbr[2]) for a in bracketed):
                # "Kommunistische Partei Griechenlands (KKE)": the party's own abbreviation
                notes.append(
                    f"matched on its abbreviation {by_abbr[2]} only; to record the name: {hint}"
                )
                return Match(party, "alias", 0.9, tuple(notes))
            notes.append(
                f"its abbreviation is that of {party.id} but its name is not; if they are "
                f"one party: {hint}"
            )
        if ambiguous:
            notes.append("could be any of " + ", ".join(sorted(dict.fromkeys(ambiguous))))
        if conflicts:
            names_ = ", ".join(
                f"{pid} ({self._all[pid].country})" for pid in dict.fromkeys(conflicts)
            )
            notes.append(f"the line states {country}, the registry's {names_} disagree")
        return Match(None, None, 0.0, tuple(notes), tuple(dict.fromkeys(ambiguous)))

    def _printed_keys(
        self, printed: PrintedParty, home: str | None = None
    ) -> list[tuple[NameKey, list[str]]]:
        """Keys of the forms of a line, with the abbreviations each form left out.

        ``home`` is the country of a registry party whose names are keyed: a name
        without a country word is that country's (mode ``none``). A line that states
        a country anywhere never gets a key without it.
        """
        parsed = parse_line(printed.as_printed)
        stated = printed.country or parsed.country
        forms = [parsed.name, printed.name, printed.as_printed]
        if home and parsed.bare_country:  # the registry's "Nepal Communist Party" is a name
            stated, forms = None, [printed.as_printed]
        bracketed = list(parsed.bracketed)
        if printed.abbreviation and is_abbreviation(printed.abbreviation):
            bracketed.append(printed.abbreviation)
        texts = [(t, bracketed) for t in forms if t]
        for text, _ in list(texts):
            # "Philippine Communist Party [PKP 1930]": a bracket of capitals and digits
            if (m := _CAPITALS_BRACKET.match(text)) and any(c.isalpha() for c in m[2]):
                texts.append((m[1], [*bracketed, m[2]]))
            # "Communist Party in Denmark KPiD": an abbreviation after the name
            head, _, last = text.rpartition(" ")
            if " " in head and is_abbreviation(last) and not country_code(last):
                texts.append((head, [*bracketed, last]))
        out: list[tuple[NameKey, list[str]]] = []
        for text, abbreviations in texts:
            key = language_key(text, self._languages)
            if key is None or not key.words:
                continue
            if key.country is None:
                if stated:
                    key = NameKey(stated, "stated", key.words, key.language)
                elif home:
                    key = NameKey(home, "none", key.words, key.language)
            elif (stated and key.country != stated) or (home and key.country != home):
                continue
            if all(k != key for k, _ in out):
                out.append((key, abbreviations))
        if any(k.country for k, _ in out) and not home:
            out = [(k, a) for k, a in out if k.country]
        return out

    def _translated(self, printed: PrintedParty, notes: list[str]) -> str | None:
        """Match on the language-neutral key: same concepts, same country, any order.

        First the key with the way the country is bound (*of Brazil* / *Brazilian*), then
        without it when that leaves one party and no near rival: a party of that country
        whose key adds *in* or differs by a singular/plural (the Communist Party *in*
        Denmark, the Party of the Bulgarian *Communists*). A bracketed
        abbreviation must be the party's own. The forms of the line are tried in turn;
        one whose bound key could be several parties stops the search.
        """
        for key, abbreviations in self._printed_keys(printed):

            def ids(entries: Iterable[tuple[str, str]], lang: str = key.language) -> set[str]:
                return {t for t, x in entries if x in ("", lang)}

            if key.country is None:  # "Parti des travailleurs de Corée"
                strict = ids(self._countryless.get(key.words, ()))
            else:
                strict = ids(self._keys.get((key.country, key.mode, key.words), ()))
                strict |= ids(self._keys.get((key.country, "none", key.words), ()))
            if len(strict) > 1:
                notes.append("could be any of " + ", ".join(sorted(strict)))
                return None
            pid = next(iter(strict), None)
            if pid is None and key.country is not None:
                # a registry name with its country before its words is a name of its
                # own: Nepal Communist Party is not the Communist Party of Nepal
                entries = [
                    (t, k)
                    for t, x, k in self._country_keys.get(key.country, [])
                    if k.mode != "bare" and x in ("", key.language)
                ]
                loose = {t for t, k in entries if k.words == key.words}
                if len(loose) > 1:
                    notes.append("could be any of " + ", ".join(sorted(loose)))
                    continue
                pid = next(iter(loose), None)
                rivals = sorted({t for t, k in entries if t != pid and self._near(key, k)})
                if pid is not None and rivals:
                    notes.append(
                        f"its words are those of {pid} but also close to {', '.join(rivals)}"
                    )
                    return None
            if pid is None:
                continue
            party = self._all[pid]
            owned = {_abbreviation_key(a) for a in (party.abbreviation, *party.aliases) if a}
            for ab in abbreviations:
                # "AKEL-Cyprus" handed over as one abbreviation: its country is no part of it
                own = tuple(t for t in _abbreviation_key(ab) if not is_country_token(t))
                if party.abbreviation and own and own not in owned:
                    notes.append(f"its words are those of {pid} but its abbreviation {ab} is not")
                    return None
            return pid
        return None

    @staticmethod
    def _near(printed: NameKey, other: NameKey) -> bool:
        """Whether another party's key is one place word or one plural away."""
        a, b = set(printed.words), set(other.words)
        if b - a == {"in"} and a <= b:
            return True
        return sorted(w.rstrip("s") for w in printed.words) == sorted(
            w.rstrip("s") for w in other.words
        )

    def _implied_country(self, texts: Iterable[str]) -> str | None:
        found = {iso2 for t in texts for iso2 in implied_countries(t, self._demonyms_path)}
        return next(iter(found)) if len(found) == 1 else None

    def _has_partner(self, word: str) -> bool:
        known = self._pairable.get(word)
        if known is None:
            by_length = self._vocabulary()
            n = len(word)
            # word_ratio is 0 unless the lengths are within 2:3 of each other; one slip
            # keeps the first letter or the last two
            known = word in by_length.get(n, ()) or any(
                (v[0] == word[0] or v[-2:] == word[-2:]) and word_ratio(word, v) >= MIN_WORD_RATIO
                for m in range((2 * n + 2) // 3, (3 * n) // 2 + 1)
                for v in by_length.get(m, ())
            )
            if len(self._pairable) < 100_000:
                self._pairable[word] = known
        return known

    def _vocabulary(self) -> dict[int, frozenset[str]]:
        """The words of the fuzzy index by length."""
        if self._vocab is None:
            words: dict[int, set[str]] = {}
            for bucket in self._fuzzy.values():
                for t, _, _ in bucket:
                    for w in t:
                        words.setdefault(len(w), set()).add(w)
            self._vocab = {n: frozenset(ws) for n, ws in words.items()}
        return self._vocab

    def _fuzzy_match(self, texts: list[str], country: str | None) -> Match:
        effective = country or self._implied_country(texts[:1])
        best: dict[str, float] = {}
        near: set[str] = set()
        for t in texts:
            toks = fuzzy_tokens(t)
            if len(toks) < 2:
                continue
            if not all(self._has_partner(w) for w in toks):
                continue  # a word no registry name has, nor one slip away: no fuzzy match
            words = frozenset(toks)
            # at most one misspelt word in three: more is a different name, not a slip
            slips = 1 if len(toks) <= 3 else 2
            for size in (len(toks), len(toks) + 1):
                for entry_toks, entry_words, entry in self._fuzzy.get(size, ()):
                    missing = words - entry_words
                    if len(missing) > slips or any(w[0] == "@" for w in missing):
                        continue
                    if entry.country and entry.country != effective:
                        continue
                    p = pair_tokens(toks, entry_toks)
                    if p.complete and p.score >= FUZZY_THRESHOLD:
                        party = self._all[entry.party_id]
                        if effective and party.country != effective:
                            continue
                        if p.score > best.get(entry.party_id, 0.0):
                            best[entry.party_id] = p.score
                    elif (
                        not p.unpaired_left
                        and len(p.unpaired_right) == 1
                        and p.unpaired_right[0] in _PLACE_PREPOSITIONS
                        and (not effective or self._all[entry.party_id].country == effective)
                    ):
                        # "Communist Party Denmark": of Denmark, or in Denmark?
                        near.add(entry.party_id)
        if not best:
            return Match(None, None, 0.0)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        pid, score = ranked[0]
        rivals = [r for r, _ in ranked[1:]] + sorted(near - {pid})
        if rivals:
            return Match(
                None, None, 0.0, (f"close to {pid} but also to {', '.join(dict.fromkeys(rivals))}",)
            )
        return Match(self._all[pid], "fuzzy", score)

    # ------------------------------------------------------------------ provisional
    def _provisional_party(self, printed: PrintedParty) -> Party:
        parsed = parse_line(printed.as_printed)
        name = parsed.name or printed.name or printed.as_printed
        if parsed.bare_country and len(parsed.forms) > 1:
            name = parsed.forms[-2]  # "Party of Communists USA" is the whole name
        name = name.strip() or printed.as_printed.strip() or "unnamed party"
        if name.lower().startswith("the "):
            name = name[4:]
        stated = printed.country or parsed.country
        implied = self._implied_country([name])
        keyed = next((k.country for k, _ in self._printed_keys(printed) if k.country), None)
        country = stated or keyed or implied
        slug = slugify(name)
        if stated and stated != implied:
            slug = f"{slug}-{stated.lower()}"
        if slug in self._all:
            slug = f"{slug}-new"
        # Two different names never share a provisional id (nor one the registry has).
        identity = "|".join(
            [country or "", name_key(name) or printed.as_printed, *parsed.abbreviations]
        )
        taken = self._provisional.get(slug)
        if (
            (taken is not None and self._identity[slug] != identity)
            or slug in self._all
            or (slug == "party" and name_key(name) != "party")
        ):
            slug = f"{slug}-{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:8]}"
        abbreviation = (parsed.abbreviations[0] if parsed.abbreviations else None) or (
            printed.abbreviation
            if printed.abbreviation and is_abbreviation(printed.abbreviation)
            else None
        )
        existing = self._provisional.get(slug)
        if existing is not None:
            return existing
        party = Party(
            id=slug,
            name=name,
            country=country,
            abbreviation=abbreviation,
            aliases=tuple(a for a in dict.fromkeys([printed.as_printed]) if a != name),
            provisional=True,
        )
        self._provisional[slug] = party
        self._identity[slug] = identity
        return party

    def provisional(self) -> list[Party]:
        """Provisional parties created so far by :meth:`resolve` (``match: "new"``)."""
        return list(self._provisional.values())

    # ------------------------------------------------------------------ resolve
    def resolve_line(self, printed: PrintedParty) -> tuple[Resolution, list[str]]:
        """Bind one printed line to a party; returns the resolution and its warnings.

        Examples
        --------
        >>> reg = Registry.load()
        >>> line = "The Worker's Party of Ireland"
        >>> r, w = reg.resolve_line(PrintedParty(1, line, line))
        >>> r.party.id, r.match, w
        ('workers-party-of-ireland', 'exact', [])
        >>> line = "Communist Party of Nepal"
        >>> r, w = reg.resolve_line(PrintedParty(2, line, line))
        >>> r.party.id, r.party.country, r.match, r.party.provisional
        ('communist-party-of-nepal', 'NP', 'new', True)
        """
        key = (printed.as_printed, printed.name, printed.country, printed.abbreviation)
        cached = self._cache.get(key)
        if cached is None:
            m = self._lookup(printed.as_printed, printed, fuzzy=True)
            cached = (m, None if m.party else self._provisional_party(printed))
            if len(self._cache) < 100_000:
                self._cache[key] = cached
        m, provisional = cached
        warnings: list[str] = []
        label = f"'{printed.as_printed}'"
        if m.party is not None and m.kind is not None:
            if m.kind == "fuzzy":
                warnings.append(
                    f"{label} matched {m.party.name} ({m.party.id}) by a fuzzy match "
                    f"(score {m.score:.2f}); check it"
                )
            warnings.extend(f"{label}: {n}" for n in m.notes)
            return Resolution(printed, m.party, m.kind, m.score), warnings
        assert provisional is not None
        detail = "; ".join(m.notes)
        where = f" in {provisional.country}" if provisional.country else ""
        warnings.append(
            f"{label} is not in the registry: provisional party {provisional.id}{where}"
            + (f" ({detail})" if detail else "")
        )
        return Resolution(printed, provisional, "new", 0.0), warnings

    def resolve(self, record: StatementRecord) -> ResolvedStatement:
        """Resolve every signatory and initiator line of an extracted record.

        ``ResolvedStatement.warnings`` holds the resolution's own warnings (fuzzy
        matches, provisional parties, duplicate lines); the record keeps extraction's.
        :func:`partygraph.resolve.to_json` shows both. ``subjects`` and ``mentions``
        stay empty: :meth:`partygraph.subjects.SubjectFinder.annotate` fills them.

        Examples
        --------
        >>> rec = StatementRecord(source="x.txt", sha256="0" * 64, signatories=[
        ...     PrintedParty(1, "CP of Britain", "CP of Britain"),
        ...     PrintedParty(2, "NCP of Britain", "NCP of Britain"),
        ...     PrintedParty(3, "Communist Party of Britain", "Communist Party of Britain")])
        >>> res = Registry.load().resolve(rec)
        >>> [r.party.id for r in res.signatories]  # doctest: +NORMALIZE_WHITESPACE
        ['communist-party-of-britain', 'new-communist-party-of-britain',
         'communist-party-of-britain']
        >>> len(res.parties())
        2
        >>> res.warnings[0].split(":")[0]
        'signatories 1 and 3 both name Communist Party of Britain (communist-party-of-britain)'
        """
        # each line costs about a millisecond: the ceiling bounds a document's time
        most = signatory_limit()
        if len(record.signatories) > most:
            raise PartygraphError(
                f"too many signatory lines: {len(record.signatories):,}, the limit is "
                f"{most:,} (set ${MAX_SIGNATORIES_ENV} to read more)",
                source=record.source,
            )
        warnings: list[str] = []
        signatories: list[Resolution] = []
        first: dict[str, int] = {}
        lines = self._in_context([self.resolve_line(p) for p in record.signatories])
        for printed, (r, w) in zip(record.signatories, lines, strict=True):
            warnings.extend(f"signatory {printed.position} {x}" for x in w)
            if r.party.id in first:
                warnings.append(
                    f"signatories {first[r.party.id]} and {printed.position} both name "
                    f"{r.party.name} ({r.party.id}): one signature"
                )
            else:
                first[r.party.id] = printed.position
            signatories.append(r)
        initiators: list[Resolution] = []
        for printed in record.initiators:
            r, w = self.resolve_line(printed)
            warnings.extend(f"initiator {x}" for x in w)
            initiators.append(r)
        return ResolvedStatement(record, signatories, initiators, warnings)

    def _in_context(
        self, lines: list[tuple[Resolution, list[str]]]
    ) -> list[tuple[Resolution, list[str]]]:
        """Settle ambiguous abbreviations by the other signatories of the statement.

        "CPI" is the Communist Party of India or of Ireland; in a statement whose other
        registry signatories (two or more) are all of one country, it is the candidate of
        that country, if exactly one is. Anything else stays provisional.
        """
        known = [r.party.country for r, _ in lines if not r.party.provisional]
        countries = set(known)
        if len(known) < 2 or len(countries) != 1 or None in countries:
            return lines
        (home,) = countries
        out = []
        for r, w in lines:
            cached = self._cache.get(
                (r.printed.as_printed, r.printed.name, r.printed.country, r.printed.abbreviation)
            )
            candidates = cached[0].candidates if cached and r.match == "new" else ()
            local = [pid for pid in candidates if self._all[pid].country == home]
            if len(local) == 1:
                party = self._all[local[0]]
                note = (
                    f"'{r.printed.as_printed}' could be any of {', '.join(candidates)}; "
                    f"{party.id}, as every other signatory is in {home}"
                )
                r, w = Resolution(r.printed, party, "alias", 0.9), [note]
            out.append((r, w))
        return out

    # ------------------------------------------------------------------ suggest
    def suggest(self, min_score: float = 0.75) -> list[Suggestion]:
        """Pairs of registry parties that may be the same party, with evidence.

        For a person to review (``partygraph registry suggest``), so it errs towards
        recall: a shared identifier of ``identifiers.csv`` (a Wikidata QID, say), names
        equal after normalisation, names whose words pair up in any order
        (spelling slips and translations included), one name extending another by a
        word, a shared abbreviation. Pairs listed in ``distinct.csv`` and parties of
        different countries are left out.

        Parameters
        ----------
        min_score
            The lowest similarity (0-1) reported.

        Examples
        --------
        >>> pairs = Registry.load().suggest()
        >>> any({s.a.id, s.b.id} == {"communist-party-of-denmark", "communist-party-in-denmark"}
        ...     for s in pairs)
        False
        """
        parties = self.parties()
        names: dict[str, list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]] = {}
        for p in parties:
            forms = [p.name, *p.aliases]
            names[p.id] = [
                (f, name_key(f), fuzzy_tokens(f), tuple(sorted(fuzzy_tokens(f)))) for f in forms
            ]
        out: list[Suggestion] = []
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                if self.are_distinct(a.id, b.id):
                    continue
                evidence: dict[str, float] = {}
                shared = {(i.scheme, i.value) for i in a.identifiers} & {
                    (i.scheme, i.value) for i in b.identifiers
                }
                for scheme, value in sorted(shared):  # strong evidence, whatever else differs
                    evidence[f"same {scheme} identifier {value}"] = 1.0
                if not shared and a.country and b.country and a.country != b.country:
                    continue
                if a.abbreviation and a.abbreviation == b.abbreviation:
                    evidence[f"same abbreviation {a.abbreviation}"] = 0.9
                for fa, ka, ta, sa in names[a.id]:
                    for fb, kb, tb, sb in names[b.id]:
                        if ka == kb:
                            evidence[f"same name '{fa}' / '{fb}'"] = 1.0
                            continue
                        if len(ta) < 2 or len(tb) < 2 or abs(len(ta) - len(tb)) > 1:
                            continue
                        p = pair_tokens(ta, tb) if len(ta) == len(tb) else None
                        q = pair_tokens(sa, sb)
                        if p is not None and p.complete:
                            evidence[f"similar names '{fa}' / '{fb}'"] = p.score
                        elif q.complete:
                            evidence[f"same words in another order '{fa}' / '{fb}'"] = 0.9 * q.score
                        elif len(q.unpaired_left) + len(q.unpaired_right) == 1:
                            extra = (q.unpaired_left or q.unpaired_right)[0]
                            evidence[f"'{fa}' / '{fb}' differ by the word '{extra}'"] = (
                                0.8 * q.score
                            )
                kept = {e: v for e, v in evidence.items() if v >= min_score}
                if kept:
                    notes = list(kept)
                    if a.country is None or b.country is None:
                        notes.append("one of them has no country")
                    out.append(Suggestion(a, b, round(max(kept.values()), 3), tuple(notes)))
        out.sort(key=lambda s: (-s.score, s.a.id, s.b.id))
        return out


def _abbreviation_key(text: str) -> tuple[str, ...]:
    """An abbreviation compared without case, dots, dashes, order and script (``КОЕ``)."""
    return tuple(sorted(tokens(latin(fold(text)))))


def party_iri(party_id: str) -> str:
    """The IRI of a party.

    Examples
    --------
    >>> party_iri("akel")
    'https://w3id.org/partygraph/id/party/akel'
    """
    return PARTY_IRI + party_id


__all__ = [
    "Match",
    "Registry",
    "Suggestion",
    "party_iri",
]
