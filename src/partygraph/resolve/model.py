"""What resolution adds to an extracted record: a registry party per printed line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partygraph.extract.model import PrintedParty, StatementRecord

MatchKind = Literal["exact", "alias", "fuzzy", "new"]


@dataclass(frozen=True)
class Party:
    """A party of the registry (or a provisional one met for the first time)."""

    id: str  # slug
    name: str  # canonical name
    country: str | None = None  # ISO2; None for international organisations or unknown
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # QID, only where a cited source gives it
    provisional: bool = False


@dataclass(frozen=True)
class Resolution:
    """One printed line bound to a party."""

    printed: PrintedParty
    party: Party
    match: MatchKind
    score: float = 1.0


@dataclass
class ResolvedStatement:
    """An extracted record plus the resolution of each signatory and initiator line."""

    record: StatementRecord
    signatories: list[Resolution]
    initiators: list[Resolution]
    warnings: list[str] = field(default_factory=list)

    def parties(self) -> list[Party]:
        """Distinct signing parties, in order of first appearance."""
        seen: dict[str, Party] = {}
        for r in self.signatories:
            seen.setdefault(r.party.id, r.party)
        return list(seen.values())
