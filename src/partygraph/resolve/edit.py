"""Changes to the registry files, recorded and reversible (the ``registry`` verbs).

Every change is validated against the loaded registry, written atomically (a temporary
file in the same folder, then a rename) and logged with who, when and why:

* :func:`add_alias` / :func:`remove_alias` edit the ``aliases`` cell of a row of
  ``parties.csv`` and append to ``aliases-log.csv``;
* :func:`merge` / :func:`unmerge` append to ``merges.csv``; ``parties.csv`` is left as
  it is, so undoing a merge restores exactly what was there;
* :func:`add_party` appends a row to ``parties.csv`` (a provisional party promoted to
  the registry, say) and logs it in ``aliases-log.csv`` as ``add-party``.
"""

from __future__ import annotations

import csv
import getpass
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.files import write_text
from partygraph.paths import editable_registry_dir
from partygraph.resolve.gazetteer import country_name
from partygraph.resolve.model import Party
from partygraph.resolve.normalize import name_key, slugify
from partygraph.resolve.registry import (
    ALIAS_LOG_COLUMNS,
    MERGE_COLUMNS,
    PARTY_COLUMNS,
    Registry,
)


def default_who() -> str:
    """The name recorded for a change when ``--who`` is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
    write_text(path, _csv_text(header, [*rows, row]))


def _log_alias(
    folder: Path, action: str, party_id: str, alias: str, who: str | None, why: str
) -> None:
    """Append a change of a party's names to ``aliases-log.csv``."""
    _append(
        folder / "aliases-log.csv",
        ALIAS_LOG_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": action,
            "party": party_id,
            "alias": alias,
            "why": why,
        },
    )


def _log_merge(
    folder: Path, action: str, kept: str, merged: str, who: str | None, why: str
) -> None:
    """Append a merge or an unmerge to ``merges.csv``."""
    _append(
        folder / "merges.csv",
        MERGE_COLUMNS,
        {
            "when": _now(),
            "who": who or default_who(),
            "action": action,
            "kept": kept,
            "merged": merged,
            "why": why,
        },
    )


def _reload(folder: Path, party_id: str) -> Party:
    """The party as the registry files now hold it (after a write)."""
    party = Registry.load(folder).get(party_id)
    assert party is not None
    return party


def _directory(directory: Path | str | None) -> Path:
    return Path(directory) if directory is not None else editable_registry_dir()


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
    write_text(path, _csv_text(header, rows))


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
        The registry folder (default: the project folder's registry, see
        :func:`partygraph.paths.editable_registry_dir`).
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
    _log_alias(folder, "add", target.id, alias, who, why)
    return _reload(folder, target.id)


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
    _log_alias(folder, "remove", target.id, alias, who, why)
    return _reload(folder, target.id)


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
    _log_merge(folder, "merge", a.id, b.id, who, why)
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
    _log_merge(folder, "unmerge", kept, pid, who, why)
    return kept, pid


def add_party(
    name: str,
    *,
    party_id: str | None = None,
    country: str | None = None,
    abbreviation: str | None = None,
    aliases: Sequence[str] = (),
    source: str = "",
    notes: str = "",
    directory: Path | str | None = None,
    who: str | None = None,
    why: str = "",
) -> Party:
    """Add a party to ``parties.csv`` (for instance a provisional party met in a statement).

    Parameters
    ----------
    name
        The canonical name.
    party_id
        The slug (default: from the name, as provisional parties get it).
    country
        ISO2, or ``None`` for an organisation spanning several countries or unknown.
    source
        Where the facts come from (a statement file, a document): required in spirit,
        recorded as given.

    Raises
    ------
    PartygraphError
        An id already taken or not a slug, an unknown country code, or a name that
        already resolves to a registry party of the same country.
    """
    folder = _directory(directory)
    reg = Registry.load(folder)
    name = " ".join(name.split())
    if not name or not name_key(name):
        raise PartygraphError("the party name is empty", where="NAME")
    iso2 = country.upper() if country else None
    if iso2 and not country_name(iso2):
        raise PartygraphError(
            f"expected an ISO 3166-1 alpha-2 code, got {country!r}", where="country"
        )
    clash = reg.match(name, iso2)
    if clash.party is not None and clash.kind in ("exact", "alias"):
        raise PartygraphError(
            f"{name!r} already resolves to {clash.party.id}; add an alias instead", where="NAME"
        )
    pid = party_id or slugify(name)
    if not pid or pid != slugify(pid):
        raise PartygraphError(f"expected a slug (a-z, 0-9, '-'), got {pid!r}", where="id")
    if pid in {p.id for p in reg.all_parties()}:
        raise PartygraphError(f"the id {pid!r} is taken; choose another with --id", where="id")
    header, rows = _read_rows(folder / "parties.csv", PARTY_COLUMNS)
    rows.append(
        {
            "id": pid,
            "name": name,
            "abbreviation": abbreviation or "",
            "country": iso2 or "",
            "aliases": "|".join(" ".join(a.split()) for a in aliases if a.strip()),
            "source": source,
            "notes": notes,
        }
    )
    write_text(folder / "parties.csv", _csv_text(header, rows))
    _log_alias(folder, "add-party", pid, name, who, why)
    return _reload(folder, pid)


def history(directory: Path | str | None = None) -> list[dict[str, str]]:
    """Every recorded change (alias log and merge log), oldest first."""
    folder = _directory(directory)
    _, aliases = _read_rows(folder / "aliases-log.csv", ALIAS_LOG_COLUMNS)
    _, merges = _read_rows(folder / "merges.csv", MERGE_COLUMNS)
    out = [
        {
            "when": r.get("when", ""),
            "who": r.get("who", ""),
            "action": f"{r.get('action', '')}-alias"
            if r.get("action") in ("add", "remove")
            else r.get("action", ""),
            "party": r.get("party", ""),
            "detail": r.get("alias", ""),
            "why": r.get("why", ""),
        }
        for r in aliases
    ]
    out += [
        {
            "when": r.get("when", ""),
            "who": r.get("who", ""),
            "action": r.get("action", ""),
            "party": r.get("merged", ""),
            "detail": f"into {r.get('kept', '')}",
            "why": r.get("why", ""),
        }
        for r in merges
    ]
    return sorted(out, key=lambda r: r["when"])
