"""What a reading of one statement document yields, before any registry or IRI.

These records are the contract between :mod:`partygraph.extract` and the later
stages. Dates are ISO strings (``YYYY-MM-DD``); countries are ISO 3166-1 alpha-2.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a statement was adopted (as printed in a dateline or the body)."""

    city: str | None = None
    country: str | None = None  # ISO2


@dataclass(frozen=True)
class Meeting:
    """The meeting a statement was adopted at, as the document describes it."""

    ordinal: int | None = None
    name: str | None = None  # the series' canonical name, e.g. "International Meeting of ..."
    series: str | None = None  # series slug, e.g. "imcwp", "imcwp-wg", "ecm"; None if unknown
    city: str | None = None
    country: str | None = None  # ISO2
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class PrintedParty:
    """One party line as printed (a signatory or an initiator).

    ``as_printed`` is the line with its list marker removed and white space folded;
    ``name`` is the party part of it (without a ``Country -`` prefix, a ``, Country``
    suffix or a ``[Country]``); ``country`` is the ISO2 the line itself states, if any;
    ``abbreviation`` the one printed in parentheses, if any.
    """

    position: int
    as_printed: str
    name: str
    country: str | None = None
    abbreviation: str | None = None
    section: str | None = None  # a sub-heading inside the list ("SolidNet Parties")
    # "participant" when the list names who took part in a meeting, else "signatory"
    role: str = "signatory"


@dataclass
class StatementRecord:
    """Everything read from one document."""

    source: str
    sha256: str
    media_type: str = "text/plain"
    encoding: str | None = None
    language: str | None = None
    title: str | None = None
    headline: str | None = None
    date: str | None = None
    publication_date: str | None = None
    place: Place | None = None
    meeting: Meeting | None = None
    initiators: list[PrintedParty] = field(default_factory=list)
    signatories: list[PrintedParty] = field(default_factory=list)
    text: str = ""  # the body prose, without boilerplate and without the list
    warnings: list[str] = field(default_factory=list)
    # month-only or otherwise partial facts kept out of the dated fields
    partial_dates: dict[str, str] = field(default_factory=dict)
