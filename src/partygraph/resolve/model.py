"""What resolution adds to a record: a party per printed line, subjects and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partygraph.extract.model import PrintedParty, StatementRecord

MatchKind = Literal["exact", "alias", "fuzzy", "new"]
Kind = Literal["country", "party", "organisation"]
Where = Literal["title", "headline", "body"]
Stance = Literal["solidarity", "opposition", "mentioned"]


@dataclass(frozen=True)
class Identifier:
    """An identifier of a registry party in another dataset (``identifiers.csv``)."""

    scheme: str  # "wikidata" | "partyfacts" | "parlgov"
    value: str
    source: str = ""  # where the identifier comes from
    retrieved: str = ""  # the date or commit of the source, if known
    review: str = ""  # "yes" when the source itself is doubtful


@dataclass(frozen=True)
class Party:
    """A party of the registry (or a provisional one met for the first time)."""

    id: str  # slug
    name: str  # canonical name
    country: str | None = None  # ISO2; None for international organisations or unknown
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # QID, from identifiers.csv (only with a cited source)
    provisional: bool = False
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """One printed line bound to a party."""

    printed: PrintedParty
    party: Party
    match: MatchKind
    score: float = 1.0


@dataclass(frozen=True)
class Mention:
    """A country, party or organisation named in a statement (title, headline or body).

    ``as_printed`` is the first form met; ``count`` counts every occurrence; ``where`` is
    the most prominent place (title, then headline, then body) and ``places`` all of
    them; ``rank`` orders all mentions (title first, then by weight); ``weight`` is
    3 per title/headline occurrence plus 1 per body occurrence; ``opposed`` counts the
    occurrences with an adversarial stance.
    """

    kind: Kind
    id: str
    as_printed: str
    count: int
    where: Where
    places: tuple[Where, ...]
    rank: int
    weight: int
    stance: Stance
    opposed: int = 0
    label: str | None = None
    first: int = 0  # order of first appearance (title, headline, body concatenated)
    title_as_author: bool = False  # every title/headline occurrence names the author


@dataclass(frozen=True)
class Subject:
    """A subject of a statement: a mention chosen by :mod:`partygraph.subjects`."""

    kind: Kind
    id: str
    as_printed: str
    count: int
    where: Where
    rank: int
    weight: int
    stance: Stance
    reason: str  # "title", "body-frequency" or "body-first"
    label: str | None = None


@dataclass
class ResolvedStatement:
    """An extracted record plus the resolution of each signatory and initiator line.

    ``subjects`` and ``mentions`` say what the statement is about
    (:class:`partygraph.subjects.SubjectFinder`, with the
    resolved signing and initiating parties as the signers); both ranked, rank 1 first.
    """

    record: StatementRecord
    signatories: list[Resolution]
    initiators: list[Resolution]
    warnings: list[str] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def parties(self) -> list[Party]:
        """Distinct signing parties, in order of first appearance."""
        seen: dict[str, Party] = {}
        for r in self.signatories:
            seen.setdefault(r.party.id, r.party)
        return list(seen.values())
