"""Language tables: a printed party name -> a language-neutral key (concepts + country).

One table per language in ``data/registry/languages/<code>.csv`` (ISO 639-1 code, like
dateparser keeps one locale per file), columns ``form,means,kind``; lines starting with
``#`` are comments (sources). ``form`` is folded like every name (case, accents) and may
hold several words (``dei lavoratori``). Kinds:

``word``
    a word of party names; ``means`` is its English concept word(s) (``partito`` ->
    ``party``, ``kommunistpartiet`` -> ``communist party``, ``labor`` -> ``labour``).
``abbreviation``
    like ``word`` but only when printed in capitals (``CP`` -> ``communist party``).
``possessed``
    like ``word``, and makes a bare country before it an *of* country (Turkish
    ``Danimarka Komünist Partisi``: the party *of* Denmark).
``skip``
    a word that carries no identity (articles, *and*).
``of``
    a preposition binding the next country as the party's country (*of*, *de*, *di*).
``in``
    a place preposition (*in*, *en*, *na*): it stays in the key as ``in`` (the
    Communist Party *in* Denmark is not the one *of* Denmark) and binds the country;
    ``means`` ``after`` marks a postposition (Turkish ``Danimarka'da``).
``country`` / ``country-of``
    a country name (``means`` ISO2) in the nominative / in a form that means *of* it
    (genitive: Czech ``Řecka``, Greek ``Αλβανίας``, Norwegian ``Brasils``).
``adjective``
    a country adjective (``danese``, ``Dánská``): ``means`` ISO2.

Country names of every language in :mod:`partygraph.extract.countries` are known to all
tables (as ``country``), and the demonyms of ``demonyms.csv`` with a ``lang`` join that
language's table as adjectives. A name is read in the language whose table knows most
of its words.

A :class:`NameKey` is ``(country, mode, words)``: ``mode`` says how the name binds its
country (``of``; ``adj``; ``bare``, a country word before the name's words, as in
*Nepal Communist Party*; ``stated``, a country after the name or set off from it, as in
*Communist Party, Italy*; ``none``) and ``words`` are the concept words, sorted (word
order is free).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.extract.countries import country_name, country_names
from partygraph.resolve.normalize import fold

KINDS = frozenset(
    ["word", "abbreviation", "possessed", "skip", "of", "in", "country", "country-of", "adjective"]
)
_SPLIT = re.compile(r"[^\w]+|_", re.UNICODE)
# forms in demonyms.csv that are not adjectives
_DEMONYM_KINDS = frozenset(["demonym"])


@dataclass(frozen=True)
class NameKey:
    """The language-neutral key of a party name (see the module docstring)."""

    country: str | None
    mode: str  # "of" | "adj" | "bare" | "stated" | "none"
    words: tuple[str, ...]
    language: str

    def loose(self) -> tuple[str | None, tuple[str, ...]]:
        """The key without the way the country is bound."""
        return self.country, self.words


@dataclass
class Language:
    """One language table: folded form -> [(form in lower case with accents, kind, means)].

    Folding accents away lets ``Komunisticka`` match ``Komunistická``; where two forms
    fold alike and mean different things (Czech ``Dánská`` *Danish*, ``Dánska`` *of
    Denmark*) only the accented form decides.
    """

    code: str
    forms: dict[tuple[str, ...], list[tuple[tuple[str, ...], str, str]]]
    longest: int = 1

    def add(self, form: str, kind: str, means: str) -> None:
        """Add a row (the first row of a form and meaning wins)."""
        words = split_words(form)
        key = tuple(f for _, f, _ in words)
        exact = tuple(x for _, _, x in words)
        bucket = self.forms.setdefault(key, [])
        if all(b[0] != exact for b in bucket):
            bucket.append((exact, kind, means))

    def get(self, folded: tuple[str, ...], exact: tuple[str, ...]) -> tuple[str, str] | None:
        """The (kind, means) of printed words, ``None`` if unknown or undecided."""
        bucket = self.forms.get(folded)
        if not bucket:
            return None
        meanings = {(k, m) for _, k, m in bucket}
        if len(meanings) == 1:
            return next(iter(meanings))
        return next(((k, m) for e, k, m in bucket if e == exact), None)


def split_words(text: str) -> list[tuple[str, str, str]]:
    """Words of a text as ``(as printed, folded, lower case with accents)``.

    Apostrophes and hyphens split words.

    Examples
    --------
    >>> [f for _, f, _ in split_words("Partito Comunista d’Albania")]
    ['partito', 'comunista', 'd', 'albania']
    >>> [f for _, f, _ in split_words("Danimarka'da Komünist Parti")]
    ['danimarka', 'da', 'komunist', 'parti']
    """
    t = unicodedata.normalize("NFKC", text)
    return [(w, fold(w), w.casefold()) for w in _SPLIT.split(t) if w]


def _fold_form(form: str) -> tuple[str, ...]:
    return tuple(f for _, f, _ in split_words(form))


def _read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PartygraphError(f"cannot read language table ({error})", source=str(path)) from None
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    numbered = [(n, line) for n, line in numbered if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    if reader.fieldnames is None or not {"form", "means", "kind"} <= set(reader.fieldnames):
        raise PartygraphError("header must be form,means,kind", source=str(path))
    out = []
    for (n, _), row in zip(numbered[1:], reader, strict=False):
        out.append((n, {k: (v or "").strip() for k, v in row.items() if k}))
    return out


@lru_cache(maxsize=4)
def load_languages(directory: str) -> tuple[dict[str, Language], dict[tuple[str, ...], str]]:
    """Read ``<directory>/languages/*.csv`` and ``<directory>/demonyms.csv``.

    Returns the tables by language code and the country names every table knows.

    Raises
    ------
    PartygraphError
        A row with an unknown kind or country code, naming file and line.
    """
    folder = Path(directory)
    tables: dict[str, Language] = {}
    for path in sorted((folder / "languages").glob("*.csv")):
        lang = Language(path.stem, {})
        for n, row in _read_table(path):
            kind, means, form = row.get("kind", ""), row.get("means", ""), row.get("form", "")
            where = f"line {n}"
            if kind not in KINDS:
                raise PartygraphError(
                    f"field kind: expected one of {', '.join(sorted(KINDS))}, got {kind!r}",
                    source=str(path),
                    where=where,
                )
            if kind in ("country", "country-of", "adjective") and not country_name(means):
                raise PartygraphError(
                    f"field means: expected an ISO 3166-1 alpha-2 code, got {means!r}",
                    source=str(path),
                    where=where,
                )
            if not _fold_form(form):
                raise PartygraphError("field form: empty", source=str(path), where=where)
            lang.add(form, kind, means)
        tables[lang.code] = lang
    demonyms = folder / "demonyms.csv"
    if demonyms.exists():
        text = demonyms.read_text(encoding="utf-8")
        lines = [x for x in text.splitlines() if x.strip() and not x.startswith("#")]
        for row in csv.DictReader(io.StringIO("\n".join(lines))):
            lang_code, iso2 = (row.get("lang") or "").strip(), (row.get("iso2") or "").strip()
            if row.get("kind") not in _DEMONYM_KINDS or not iso2 or lang_code not in tables:
                continue
            if _fold_form(row.get("form") or ""):
                tables[lang_code].add(row.get("form") or "", "adjective", iso2.upper())
    for lang in tables.values():
        lang.longest = max((len(k) for k in lang.forms), default=1)
    countries: dict[tuple[str, ...], set[str]] = {}
    for name, iso2 in country_names():
        key = _fold_form(name)
        if key:
            countries.setdefault(key, set()).add(iso2)
    neutral = {k: next(iter(v)) for k, v in countries.items() if len(v) == 1}
    return tables, neutral


def _read(
    words: list[tuple[str, str, str]],
    lang: Language,
    neutral: dict[tuple[str, ...], str],
    longest: int,
) -> tuple[list[str], list[list[str]], int]:
    """Concept words, country observations ``[iso2, mode]`` and how many words the table knew."""
    out: list[str] = []
    seen: list[list[str]] = []
    known = 0
    bind = False
    last_country: list | None = None  # [iso2, mode, words before it]
    i = 0
    folded = [f for _, f, _ in words]
    exact = [x for _, _, x in words]
    while i < len(words):
        hit = None
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(folded[i : i + n])
            found = lang.get(key, tuple(exact[i : i + n]))
            if found is not None:
                hit = (n, *found, True)
                break
            if key in neutral:
                hit = (n, "country", neutral[key], False)
                break
        if hit is None:
            out.append(folded[i])
            bind, last_country = False, None
            i += 1
            continue
        n, kind, means, own = hit
        printed = " ".join(w for w, _, _ in words[i : i + n])
        if kind == "abbreviation" and not printed.isupper():
            kind, means = "word", " ".join(folded[i : i + n])
        known += n if own else 0
        i += n
        if kind in ("word", "abbreviation", "possessed"):
            if kind == "possessed" and last_country is not None and last_country[1] == "bare":
                last_country[1] = "of"
            out.extend(means.split())
            bind = False
            if kind != "possessed":
                last_country = None if not out else last_country
        elif kind == "skip":
            continue
        elif kind == "of":
            bind = True
        elif kind == "in":
            out.append("in")
            if means == "after" and last_country is not None:
                last_country[1] = "of"
            else:
                bind = True
        else:
            mode = {"country-of": "of", "adjective": "adj"}.get(kind, "of" if bind else "bare")
            last_country = [means, mode, len(out)]
            seen.append(last_country)
            bind = False
    for c in seen:  # a bare country after the whole name is stated ("AKEL Cipar")
        if c[1] == "bare" and c[2] == len(out):
            c[1] = "stated"
    return out, [c[:2] for c in seen], known


@lru_cache(maxsize=4)
def _forms_index(directory: str) -> dict[tuple[str, ...], set[str]]:
    """Folded form -> the languages whose table has it."""
    index: dict[tuple[str, ...], set[str]] = {}
    for code, lang in load_languages(directory)[0].items():
        for form in lang.forms:
            index.setdefault(form, set()).add(code)
    return index


@lru_cache(maxsize=65536)
def _key(text: str, directory: str) -> NameKey | None:
    tables, neutral = load_languages(directory)
    words = split_words(text)
    if not words or not tables:
        return None
    # only the tables that know one of the name's words can know more than none
    folded = [f for _, f, _ in words]
    index = _forms_index(directory)
    candidates = {"en"} & tables.keys()
    for i in range(len(folded)):
        for n in range(1, min(4, len(folded) - i) + 1):
            candidates |= index.get(tuple(folded[i : i + n]), set())
    best: tuple[int, str] | None = None
    results = {}
    for code, lang in tables.items():
        if code not in candidates:
            continue
        res = _read(words, lang, neutral, max(lang.longest, 4))
        results[code] = res
        if best is None or res[2] > best[0] or (res[2] == best[0] and code == "en"):
            best = (res[2], code)
    assert best is not None
    out, seen, _ = results[best[1]]
    countries = {c for c, _ in seen}
    if len(countries) > 1:
        return None
    if not seen:
        return NameKey(None, "none", tuple(sorted(out)), best[1])
    modes = [m for _, m in seen]
    mode = next(m for m in ("of", "adj", "bare", "stated") if m in modes)
    return NameKey(seen[0][0], mode, tuple(sorted(out)), best[1])


def name_key(text: str, directory: Path | str) -> NameKey | None:
    """The language-neutral key of a name (``None`` if it names two countries).

    Parameters
    ----------
    text
        A party name, without list markers (a stated country may stay on it).
    directory
        The registry folder holding ``languages/`` and ``demonyms.csv``.

    Examples
    --------
    >>> from partygraph.paths import registry_dir
    >>> k = name_key("Partito Comunista d’Albania", registry_dir())
    >>> k.country, k.mode, k.words, k.language
    ('AL', 'of', ('communist', 'party'), 'it')
    >>> name_key("Communist Party of Albania", registry_dir()).loose() == k.loose()
    True
    >>> name_key("Danimarka'da Komünist Parti", registry_dir()).words
    ('communist', 'in', 'party')
    >>> k = name_key("Partido Comunista Brasileiro", registry_dir())
    >>> k.country, k.mode
    ('BR', 'adj')
    """
    return _key(text, str(directory))
