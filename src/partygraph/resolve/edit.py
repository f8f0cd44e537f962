"""Changes to the registry files, recorded and reversible (the ``registry`` verbs).

Every change is validated against the loaded registry, written atomically (a temporary
file in the same folder, then a rename) and logged with who, when and why:

* :func:`add_alias` / :func:`remove_alias` edit the ``aliases`` cell of a row of
  ``parties.csv`` and append to ``aliases-log.csv``;
* :func:`merge` / :func:`unmerge` append to ``merges.csv``; ``parties.csv`` is left as
  it is, so undoing a merge restores exactly what was there.
"""

from __future__ import annotations

import csv
import getpass
import io
import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.paths import registry_dir
from partygraph.resolve.model import Party
from partygraph.resolve.normalize import name_key
from partygraph.resolve.registry import (
    ALIAS_LOG_COLUMNS,
    MERGE_COLUMNS,
    PARTY_COLUMNS,
    Registry,
)


def default_who() -> str:
    """The name recorded for a change: ``$PARTYGRAPH_USER``, else the login name."""
    who = os.environ.get("PARTYGRAPH_USER")
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_atomic(path: Path, text: str) -> None:
    """Write a text file through a temporary file and a rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv_text(columns: Sequence[str], rows: Sequence[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def _read_rows(path: Path, columns: Sequence[str]) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return list(columns), []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    header = list(reader.fieldnames or columns)
    for c in columns:
        if c not in header:
            header.append(c)
    return header, [{k: v or "" for k, v in row.items() if k is not None} for row in reader]


def _append(path: Path, columns: Sequence[str], row: dict[str, str]) -> None:
    header, rows = _read_rows(path, columns)
    write_atomic(path, _csv_text(header, [*rows, row]))


def _directory(directory: Path | str | None) -> Path:
    return Path(directory) if directory is not None else registry_dir()


def _party(reg: Registry, text: str, role: str = "party") -> Party:
    party = reg.get(text) or reg.find(text)
    if party is None:
        raise PartygraphError(
            f"no registry party matches {text!r} (give an id, a name or an alias; "
            "see 'partygraph registry list')",
            where=role,
        )
    return party


def _set_aliases(directory: Path, party_id: str, aliases: Sequence[str]) -> None:
    path = directory / "parties.csv"
    header, rows = _read_rows(path, PARTY_COLUMNS)
    for row in rows:
        if row.get("id") == party_id:
            row["aliases"] = "|".join(aliases)
            break
    else:  # pragma: no cover - the registry was loaded from this file
        raise PartygraphError(f"party {party_id!r} not found", source=str(path))
    write_atomic(path, _csv_text(header, rows))


def add_alias(
    party: str,
    alias: str,
    *,
    directory: Path | str | None = None,
    who: str | None = None,
    why: str = "",
    force: bool = False,
) -> Party:
    """Add an alias to a registry party and log it.

    Parameters
    ----------
    party
        The party's id, name or an existing alias.
    alias
        The new alias, written as lists print it (``Socialist Party, Lithuania`` only
        matches lines that state Lithuania).
    directory
        The registry folder (default :func:`partygraph.paths.registry_dir`).
    who, why
        Recorded in ``aliases-log.csv``.
    force
        Add it even when the alias already names another party.

    Returns
    -------
    Party
        The party as reloaded from the files.

    Raises
    ------
    PartygraphError
        Unknown party, empty alias, an alias the party already has, or one that already
        names another party (unless ``force``).
    """
    folder = _directory(directory)
    reg = Registry.load(folder)
    target = _party(reg, party)
    alias = " ".join(alias.split())
    if not alias or not name_key(alias):
        raise PartygraphError("the alias is empty", where="alias")
    if name_key(alias) in {name_key(a) for a in (target.name, *target.aliases)}:
        raise PartygraphError(f"{target.id} already has the alias {alias!r}", where="alias")
    other = reg.find(alias)
    if other is not None and other.id != target.id and not force:
        raise PartygraphError(
            f"{alias!r} already names {other.id}; use --force to add it anyway",
            where="alias",
        )
    row_party = reg.all_parties()
    original = next(p for p in row_party if p.id == target.id)
    _set_aliases(folder, target.id, [*original.aliases, alias])
    _append(
        folder / "aliases-log.csv",
        ALIAS_LOG_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": "add",
            "party": target.id,
            "alias": alias,
            "why": why,
        },
    )
    reloaded = Registry.load(folder).get(target.id)
    assert reloaded is not None
    return reloaded


def remove_alias(
    party: str,
    alias: str,
    *,
    directory: Path | str | None = None,
    who: str | None = None,
    why: str = "",
) -> Party:
    """Remove an alias from a registry party (the reverse of :func:`add_alias`) and log it."""
    folder = _directory(directory)
    reg = Registry.load(folder)
    target = _party(reg, party)
    original = next(p for p in reg.all_parties() if p.id == target.id)
    key = name_key(alias)
    kept = [a for a in original.aliases if name_key(a) != key]
    if len(kept) == len(original.aliases):
        raise PartygraphError(f"{target.id} has no alias {alias!r}", where="alias")
    _set_aliases(folder, target.id, kept)
    _append(
        folder / "aliases-log.csv",
        ALIAS_LOG_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": "remove",
            "party": target.id,
            "alias": alias,
            "why": why,
        },
    )
    reloaded = Registry.load(folder).get(target.id)
    assert reloaded is not None
    return reloaded


def merge(
    kept: str,
    merged: str,
    *,
    directory: Path | str | None = None,
    who: str | None = None,
    why: str = "",
    force: bool = False,
) -> tuple[Party, Party]:
    """Record that ``merged`` is the same party as ``kept`` (reversible with :func:`unmerge`).

    The merged party's names become aliases of the kept party; its row stays in
    ``parties.csv``. Pairs listed in ``distinct.csv`` are refused unless ``force``.

    Returns
    -------
    tuple of Party
        ``(kept, merged)`` as they were before the merge.
    """
    folder = _directory(directory)
    reg = Registry.load(folder)
    a = _party(reg, kept, "kept")
    b = _party(reg, merged, "merged")
    if a.id == b.id:
        raise PartygraphError(f"{kept!r} and {merged!r} are already the same party ({a.id})")
    if reg.are_distinct(a.id, b.id) and not force:
        raise PartygraphError(
            f"distinct.csv records {a.id} and {b.id} as different parties; "
            "use --force to merge them anyway"
        )
    if a.country and b.country and a.country != b.country and not force:
        raise PartygraphError(
            f"{a.id} is in {a.country} and {b.id} in {b.country}; use --force to merge anyway"
        )
    _append(
        folder / "merges.csv",
        MERGE_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": "merge",
            "kept": a.id,
            "merged": b.id,
            "why": why,
        },
    )
    return a, b


def unmerge(
    merged: str,
    *,
    directory: Path | str | None = None,
    who: str | None = None,
    why: str = "",
) -> tuple[str, str]:
    """Undo the active merge of ``merged`` (an id); returns ``(kept id, merged id)``."""
    folder = _directory(directory)
    reg = Registry.load(folder)
    pid = merged.strip()
    if pid not in {p.id for p in reg.all_parties()}:
        raise PartygraphError(f"no registry party has the id {merged!r}", where="merged")
    kept = reg.merged_into(pid)
    if kept is None:
        raise PartygraphError(f"{pid} is not merged into another party", where="merged")
    _append(
        folder / "merges.csv",
        MERGE_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": "unmerge",
            "kept": kept,
            "merged": pid,
            "why": why,
        },
    )
    return kept, pid
