"""Language knowledge for the reader, kept as data: one JSON file per language.

``extract/data/lang/<iso>.json`` holds, for one language, the words the reader needs to
read lists printed in prose (like dateparser's ``data/`` per locale): ``articles``,
``conjunctions``, ``glue`` (small words inside party names), ``participation``,
``negation`` and ``signing`` cue phrases, ``meeting`` nouns, ``doc_kinds`` (statement,
declaration...), ``adjective_endings`` (of party adjectives such as *Communist*),
``list_cues``, ``party_nouns``, ``party_plurals`` ("parties": a group, not one
name), ``prose`` (words that end a name printed in a sentence:
verbs, auxiliaries, prepositions never found inside a party's name), ``numbers``,
``ordinals`` and ``months`` (words to integers; every month name the date reader knows),
``weekdays`` (names and abbreviations), ``place_prepositions`` (words printed before a
city: "ad Atene", "en La Habana", "в Москве"), ``date_words`` (words printed around a
date in a dateline: "dne", "г.", "godine"), ``initiator_marks`` (the word marking the
initiator in a list: "(initiator)", "(promotor)"), ``list_headings`` (a word that makes a
short line ending with a colon the heading of a list: "Подписали:", "Potpisnici:") and
``stop_words`` (the commonest function words, for guessing the language). Adding a
language is adding a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Words:
    """The union of every language file's entries (documents mix languages)."""

    articles: frozenset[str]
    conjunctions: frozenset[str]
    glue: frozenset[str]
    participation: tuple[str, ...]
    negation: tuple[str, ...]
    signing: tuple[str, ...]
    list_cues: tuple[str, ...]
    party_nouns: frozenset[str]
    party_plurals: frozenset[str]
    prose: frozenset[str]
    meeting: tuple[str, ...]
    doc_kinds: frozenset[str]
    adjective_endings: tuple[str, ...]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    months: dict[str, int]
    weekdays: tuple[str, ...]
    place_prepositions: tuple[str, ...]
    date_words: frozenset[str]
    initiator_marks: tuple[str, ...]
    list_headings: frozenset[str]


@lru_cache(maxsize=1)
def languages() -> dict[str, dict[str, object]]:
    """Every language file, by ISO 639-1 code.

    Examples
    --------
    >>> sorted(languages())[:4], languages()["de"]["numbers"]["sechs"]
    (['bg', 'cs', 'de', 'el'], 6)
    """
    out: dict[str, dict[str, object]] = {}
    folder = resources.files("partygraph.extract") / "data" / "lang"
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".json"):
            out[f.name[:-5]] = json.loads(f.read_text(encoding="utf-8"))
    return out


@lru_cache(maxsize=1)
def words() -> Words:
    """The merged word lists, lower-cased.

    Examples
    --------
    >>> w = words()
    >>> "und" in w.conjunctions, w.numbers["twelve"], w.ordinals["vierte"], w.months["maggio"]
    (True, 12, 4, 5)
    """
    sets: dict[str, set[str]] = {}
    maps: dict[str, dict[str, int]] = {"numbers": {}, "ordinals": {}, "months": {}}
    for data in languages().values():
        for key, value in data.items():
            if isinstance(value, list):
                sets.setdefault(key, set()).update(str(v).casefold() for v in value)
            elif isinstance(value, dict):
                maps.setdefault(key, {}).update(
                    {str(k).casefold(): int(v) for k, v in value.items()}
                )

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(sets.get(key, ()), key=lambda s: (-len(s), s)))

    return Words(
        articles=frozenset(sets.get("articles", ())),
        conjunctions=frozenset(sets.get("conjunctions", ())),
        glue=frozenset(sets.get("glue", ())),
        participation=longest_first("participation"),
        negation=longest_first("negation"),
        signing=longest_first("signing"),
        list_cues=longest_first("list_cues"),
        party_nouns=frozenset(sets.get("party_nouns", ())),
        party_plurals=frozenset(sets.get("party_plurals", ())),
        prose=frozenset(sets.get("prose", ())),
        meeting=longest_first("meeting"),
        doc_kinds=frozenset(sets.get("doc_kinds", ())),
        adjective_endings=longest_first("adjective_endings"),
        numbers=maps["numbers"],
        ordinals=maps["ordinals"],
        months=maps["months"],
        weekdays=longest_first("weekdays"),
        place_prepositions=longest_first("place_prepositions"),
        date_words=frozenset(sets.get("date_words", ())),
        initiator_marks=longest_first("initiator_marks"),
        list_headings=frozenset(sets.get("list_headings", ())),
    )
