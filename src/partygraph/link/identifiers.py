"""External identifiers of registry parties: ``identifiers.csv`` of a registry folder.

One row per identifier, columns ``registry_id, scheme, value, source, retrieved,
review``, rows sorted by ``registry_id`` then ``scheme`` (so that the file diffs and
merges cleanly). ``scheme`` is a lowercase word: ``wikidata`` (a QID), ``partyfacts``
and ``parlgov`` (integers), ``website`` (a URL); any other scheme is accepted as it
is (a column convention, not code). ``retrieved`` is the date the value was looked up
or entered the registry (Party Facts IDs are reused over time: an ID means nothing
without its date); ``review`` is ``yes`` when the source itself is doubtful.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.files import write_text
from partygraph.resolve.identifiers import (
    FILE_NAME,
    IDENTIFIER_COLUMNS,
    check_date,
    check_row,
    check_value,
)
from partygraph.resolve.registry import _read_csv


@dataclass(frozen=True, order=True)
class Identifier:
    """One external identifier of one registry party, with where and when it came from."""

    registry_id: str
    scheme: str
    value: str
    source: str = ""
    retrieved: str = ""
    review: str = ""


def read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows of a CSV file as ``(line, {column: stripped value})``.

    A missing file has no rows; a header without one of ``columns`` is an error.
    """
    return [
        (line, {c: values.get(c, "") for c in columns})
        for line, values in _read_csv(path, columns, required=False)
    ]


def read_identifiers(folder: Path | str) -> list[Identifier]:
    """The identifiers of a registry folder (empty when it has no ``identifiers.csv``).

    Raises
    ------
    PartygraphError
        A missing column, a malformed value or date, or two rows for one party and
        scheme, naming the file and line.
    """
    path = Path(folder) / FILE_NAME
    out: list[Identifier] = []
    seen: set[tuple[str, str]] = set()
    for line, cells in read_table(path, IDENTIFIER_COLUMNS):
        where = f"line {line}"
        problem = check_row(cells)
        if problem is None and (cells["registry_id"], cells["scheme"]) in seen:
            problem = f"a second {cells['scheme']} identifier for {cells['registry_id']}"
        if problem:
            raise PartygraphError(problem, source=str(path), where=where)
        seen.add((cells["registry_id"], cells["scheme"]))
        out.append(Identifier(**cells))
    return out


def write_identifiers(folder: Path | str, identifiers: Iterable[Identifier]) -> None:
    """Write ``identifiers.csv`` atomically, sorted by registry id and scheme."""
    rows = [asdict(i) for i in sorted(set(identifiers))]
    write_table(Path(folder) / FILE_NAME, IDENTIFIER_COLUMNS, rows)


def write_table(path: Path, columns: tuple[str, ...], rows: Iterable[Mapping[str, str]]) -> None:
    """Write a CSV file atomically (a temporary file and a rename), header first."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text(path, buf.getvalue())


def by_party(identifiers: Iterable[Identifier]) -> dict[str, dict[str, Identifier]]:
    """``{registry id: {scheme: identifier}}``.

    Examples
    --------
    >>> ids = [Identifier("kke", "wikidata", "Q192406"), Identifier("kke", "parlgov", "614")]
    >>> sorted(by_party(ids)["kke"])
    ['parlgov', 'wikidata']
    """
    out: dict[str, dict[str, Identifier]] = {}
    for ident in identifiers:
        out.setdefault(ident.registry_id, {})[ident.scheme] = ident
    return out


def set_identifier(folder: Path | str, identifier: Identifier) -> None:
    """Add or replace the identifier of one party and scheme in ``identifiers.csv``."""
    kept = [
        i
        for i in read_identifiers(folder)
        if (i.registry_id, i.scheme) != (identifier.registry_id, identifier.scheme)
    ]
    write_identifiers(folder, [*kept, identifier])


def remove_identifier(folder: Path | str, registry_id: str, scheme: str, value: str) -> bool:
    """Remove one identifier (only if it still has ``value``); whether one was removed."""
    current = read_identifiers(folder)
    kept = [
        i for i in current if (i.registry_id, i.scheme, i.value) != (registry_id, scheme, value)
    ]
    if len(kept) == len(current):
        return False
    write_identifiers(folder, kept)
    return True


def import_table(
    table: Path | str,
    folder: Path | str,
    known: Iterable[str],
    *,
    retrieved: str,
) -> list[Identifier]:
    """Merge a table of party ids into ``identifiers.csv`` (``/work/shared/linking`` shape).

    The table has a ``registry_id`` column, a ``source`` column, an optional ``review``
    column, and one column per scheme named ``<scheme>_id`` or ``<scheme>_qid``
    (``wikidata_qid``, ``partyfacts_id``, ``parlgov_id``): each non-empty cell becomes
    one identifier with the row's source and review flag. Other columns (``name``) are
    ignored. Rows replace existing identifiers of the same party and scheme.

    Parameters
    ----------
    table
        The CSV file to read.
    folder
        The registry folder whose ``identifiers.csv`` is updated.
    known
        The registry's party ids: a row naming another id is an error.
    retrieved
        The date (YYYY-MM-DD) recorded for every imported value.

    Returns
    -------
    list[Identifier]
        The identifiers read from the table.

    Raises
    ------
    PartygraphError
        An unknown party id or a malformed value, naming the file and line.
    """
    path = Path(table)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise PartygraphError(
            f"cannot read the table ({error.strerror})", source=str(path)
        ) from None
    if problem := check_date(retrieved):
        raise PartygraphError(problem)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    schemes = {c: re.sub(r"_q?id$", "", c) for c in header if re.search(r"_q?id$", c)}
    schemes.pop("registry_id", None)
    if "registry_id" not in header or not schemes:
        raise PartygraphError(
            "expected a registry_id column and columns named <scheme>_id (wikidata_qid, "
            f"partyfacts_id, ...); the header has {', '.join(header)}",
            source=str(path),
        )
    ids = set(known)
    found: list[Identifier] = []
    for row in reader:
        where = f"line {reader.line_num}"
        pid = (row.get("registry_id") or "").strip()
        if pid not in ids:
            raise PartygraphError(
                f"no registry party has the id {pid!r}", source=str(path), where=where
            )
        review = (
            "yes" if (row.get("review") or "").strip().lower() in ("yes", "y", "true", "1") else ""
        )
        for column, scheme in schemes.items():
            value = (row.get(column) or "").strip()
            if not value:
                continue
            if problem := check_value(scheme, value):
                raise PartygraphError(problem, source=str(path), where=f"{where}, field {column}")
            found.append(
                Identifier(pid, scheme, value, (row.get("source") or "").strip(), retrieved, review)
            )
    new = {(i.registry_id, i.scheme) for i in found}
    kept = [i for i in read_identifiers(folder) if (i.registry_id, i.scheme) not in new]
    write_identifiers(folder, [*kept, *found])
    return found


def qids(identifiers: Iterable[Identifier]) -> Mapping[str, str]:
    """``{registry id: QID}`` of the ``wikidata`` identifiers.

    Examples
    --------
    >>> qids([Identifier("kke", "wikidata", "Q192406"), Identifier("kke", "parlgov", "614")])
    {'kke': 'Q192406'}
    """
    return {i.registry_id: i.value for i in identifiers if i.scheme == "wikidata"}
