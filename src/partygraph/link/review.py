"""The review list of Wikidata links (``partygraph registry review-links``).

``link-candidates.csv`` holds every candidate the linker found, with its status
(``pending``, ``accepted``, ``auto-accepted``, ``rejected``); ``links-log.csv``
(``when, who, action, registry_id, qid, why``) records each decision, as
``merges.csv`` does for merges. Accepting writes the QID into ``identifiers.csv``;
rejecting keeps the linker from proposing that item for that party again; :func:`undo`
reverses the last decision on a pair, so every decision is reversible.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.link.identifiers import (
    Identifier,
    check_value,
    read_identifiers,
    read_table,
    remove_identifier,
    set_identifier,
    write_table,
)
from partygraph.link.score import Scored
from partygraph.link.wikidata import today
from partygraph.resolve.edit import default_who
from partygraph.resolve.registry import Registry

CANDIDATE_COLUMNS = (
    "registry_id",
    "qid",
    "label",
    "score",
    "status",
    "evidence",
    "endpoint",
    "retrieved",
)
LOG_COLUMNS = ("when", "who", "action", "registry_id", "qid", "why")
CANDIDATES_FILE = "link-candidates.csv"
LOG_FILE = "links-log.csv"
STATUSES = ("pending", "accepted", "auto-accepted", "rejected")


@dataclass(frozen=True)
class CandidateRow:
    """One row of ``link-candidates.csv``."""

    registry_id: str
    qid: str
    label: str
    score: str
    status: str
    evidence: str
    endpoint: str
    retrieved: str

    @classmethod
    def of(cls, party: str, s: Scored, status: str, endpoint: str, retrieved: str) -> CandidateRow:
        """The row for a scored candidate."""
        c = s.candidate
        return cls(
            party,
            c.qid,
            c.label,
            f"{s.score:.3f}",
            status,
            "; ".join(s.evidence),
            endpoint,
            retrieved,
        )


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    return [cells for _, cells in read_table(path, columns)]


def read_candidates(folder: Path | str) -> list[CandidateRow]:
    """Every candidate of ``link-candidates.csv`` (empty when there is none)."""
    return [CandidateRow(**r) for r in _read(Path(folder) / CANDIDATES_FILE, CANDIDATE_COLUMNS)]


def write_candidates(folder: Path | str, rows: list[CandidateRow]) -> None:
    """Write ``link-candidates.csv``, sorted by party, then best score first."""
    ordered = sorted(rows, key=lambda r: (r.registry_id, -float(r.score or 0), r.qid))
    write_table(Path(folder) / CANDIDATES_FILE, CANDIDATE_COLUMNS, [asdict(r) for r in ordered])


def read_log(folder: Path | str) -> list[dict[str, str]]:
    """The decisions of ``links-log.csv``, oldest first."""
    return _read(Path(folder) / LOG_FILE, LOG_COLUMNS)


def log_link(
    folder: Path | str, action: str, party: str, qid: str, who: str | None, why: str
) -> None:
    """Append one decision to ``links-log.csv``."""
    path = Path(folder) / LOG_FILE
    rows = read_log(folder)
    rows.append(
        {
            "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "who": who or default_who(),
            "action": action,
            "registry_id": party,
            "qid": qid,
            "why": why,
        }
    )
    write_table(path, LOG_COLUMNS, rows)


def _last_actions(folder: Path | str) -> dict[tuple[str, str], str]:
    last: dict[tuple[str, str], str] = {}
    for row in read_log(folder):
        last[(row["registry_id"], row["qid"])] = row["action"]
    return last


def rejected_pairs(folder: Path | str) -> set[tuple[str, str]]:
    """``(party id, QID)`` pairs whose last decision is a rejection."""
    return {pair for pair, action in _last_actions(folder).items() if action == "reject"}


def pending(folder: Path | str) -> list[CandidateRow]:
    """The candidates that wait for a decision, best first within each party."""
    return [r for r in read_candidates(folder) if r.status == "pending"]


def _set_status(folder: Path, party: str, qid: str, status: str) -> CandidateRow | None:
    rows = read_candidates(folder)
    hit = None
    for i, r in enumerate(rows):
        if (r.registry_id, r.qid) == (party, qid):
            hit = rows[i] = CandidateRow(**{**asdict(r), "status": status})
    if hit is not None:
        write_candidates(folder, rows)
    return hit


def accept(
    folder: Path | str, party: str, qid: str, *, who: str | None = None, why: str = ""
) -> Identifier:
    """Link ``party`` to ``qid``: write it into ``identifiers.csv`` and log it.

    The pair need not be a candidate (a curator may know the QID), but the QID must
    not already be linked to another party, and the party must have no other QID.
    """
    folder = Path(folder)
    _check(folder, party, qid)
    current = {(i.registry_id, i.scheme): i for i in read_identifiers(folder)}
    if (old := current.get((party, "wikidata"))) is not None and old.value != qid:
        raise PartygraphError(
            f"{party} is linked to {old.value}; undo that first "
            f"(partygraph registry review-links undo {party} {old.value})"
        )
    holders = {i.value: i.registry_id for i in current.values() if i.scheme == "wikidata"}
    holders.update({p.wikidata: p.id for p in Registry.load(folder).parties() if p.wikidata})
    other = holders.get(qid)
    if other is not None and other != party:
        raise PartygraphError(f"{qid} is already linked to {other}")
    row = _set_status(folder, party, qid, "accepted")
    evidence = f" ({row.endpoint}, score {row.score}: {row.evidence})" if row else ""
    ident = Identifier(
        party,
        "wikidata",
        qid,
        f"accepted in review by {who or default_who()}{evidence}" + (f"; {why}" if why else ""),
        row.retrieved if row and row.retrieved else today(),
        "",
    )
    set_identifier(folder, ident)
    log_link(folder, "accept", party, qid, who, why)
    return ident


def reject(
    folder: Path | str, party: str, qid: str, *, who: str | None = None, why: str = ""
) -> None:
    """Record that ``qid`` is not ``party``; the linker never proposes it again."""
    folder = Path(folder)
    _check(folder, party, qid)
    if _last_actions(folder).get((party, qid)) in ("accept", "auto-accept"):
        raise PartygraphError(
            f"{party} is linked to {qid}; undo that first "
            f"(partygraph registry review-links undo {party} {qid})"
        )
    _set_status(folder, party, qid, "rejected")
    log_link(folder, "reject", party, qid, who, why)


def undo(folder: Path | str, party: str, qid: str, *, who: str | None = None, why: str = "") -> str:
    """Reverse the last decision on ``(party, qid)``; returns the action undone.

    An accepted link is removed from ``identifiers.csv``; the candidate is pending again.
    """
    folder = Path(folder)
    last = _last_actions(folder).get((party, qid))
    if last not in ("accept", "auto-accept", "reject"):
        raise PartygraphError(f"no accepted or rejected link of {party} to {qid} to undo")
    if last != "reject":
        remove_identifier(folder, party, "wikidata", qid)
    _set_status(folder, party, qid, "pending")
    log_link(folder, "undo", party, qid, who, why or f"undo {last}")
    return last


def _check(folder: Path, party: str, qid: str) -> None:
    if problem := check_value("wikidata", qid):
        raise PartygraphError(problem, where="QID")
    if Registry.load(folder).get(party) is None:
        raise PartygraphError(f"no registry party has the id {party!r}", where="PARTY")
