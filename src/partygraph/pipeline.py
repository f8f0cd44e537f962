"""Ingest: the one place where the stages meet (extract -> resolve -> rdf -> store).

Each source document becomes one named graph (its ``pg:SourceDocument`` IRI). A file is
known by its path as given, normalised relative to the current folder; re-ingesting
an unchanged file (same sha256) changes nothing, a changed file replaces its own graph
in the same transaction that adds the new one. Every document of a run is read,
extracted and resolved before anything is written, so a bad file (one clear error)
leaves the store exactly as it was, unless ``skip_errors`` asks to load the others.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import rdflib

from partygraph import __version__
from partygraph.errors import PartygraphError
from partygraph.extract import load_bytes, read_bytes
from partygraph.files import path_text, walk_documents
from partygraph.rdf import iris, statement_quads, versioned_registry_quads
from partygraph.rdf.namespaces import PG
from partygraph.resolve import Registry, ResolvedStatement
from partygraph.subjects import SubjectFinder

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")

# How many documents go into one store transaction: large enough for bulk speed,
# small enough that an interrupted run keeps most of its work.
BATCH_SIZE = 500


@dataclass
class IngestReport:
    """What ingest did with one file."""

    source: str
    status: str  # "added", "replaced", "unchanged", "error", "skipped" (not read: see error)
    sha256: str | None = None
    signatories: int = 0
    parties: int = 0
    new_parties: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


class IngestInterrupted(PartygraphError):
    """The store failed while documents were written: ``reports`` say, per document,
    what landed (``added``/``replaced``) and what did not (``error``: not written)."""

    def __init__(self, error: PartygraphError, reports: list[IngestReport]):
        super().__init__(error.message, source=error.source, where=error.where)
        self.reports = reports


def source_key(path: Path) -> str:
    """The stable name of a file in the store: its path relative to the current folder.

    Examples
    --------
    >>> source_key(Path("data/statements/../statements/a.txt"))
    'data/statements/a.txt'
    """
    resolved = Path(os.path.abspath(path))
    try:
        key = resolved.relative_to(Path.cwd()).as_posix()
    except ValueError:
        key = resolved.as_posix()
    return path_text(key)  # a name that is not UTF-8 is kept, its bytes shown escaped


def discover(
    paths: Sequence[str | Path], problems: list[PartygraphError] | None = None
) -> list[Path]:
    """Expand files and folders (recursively) into the statement documents they hold.

    Links to folders are not followed. A file is listed whatever it is (the reader
    accepts it or refuses it by name); a sub-folder that cannot be listed is an error,
    or, given a ``problems`` list, is added to it.

    Raises :class:`PartygraphError` for a missing or unreadable path (a symlink loop is
    named as such) and a folder with no documents.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            raise PartygraphError("no such file or folder", source=str(path)) from None
        except OSError as e:
            raise PartygraphError(f"cannot read: {e.strerror or e}", source=str(path)) from None
        if not is_dir:
            found.append(path)
            continue
        docs, unreadable = walk_documents(path, DOCUMENT_SUFFIXES)
        if unreadable and problems is None:
            raise unreadable[0]
        if not docs and not unreadable:
            raise PartygraphError(
                "no statement documents in this folder (expected "
                + ", ".join(DOCUMENT_SUFFIXES)
                + " files)",
                source=str(path),
            )
        found.extend(docs)
        if problems is not None:
            problems.extend(unreadable)
    unique: dict[str, Path] = {}
    for p in found:
        unique.setdefault(source_key(p), p)
    return list(unique.values())


def skipped_files(paths: Sequence[str | Path]) -> list[tuple[str, str]]:
    """The files inside the given folders that ingest does not read, each with why.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "b.pdf", "c.xhtml"):
    ...     _ = (d / name).write_text("x")
    >>> for f, why in skipped_files([d]):
    ...     print(Path(f).name, why.split(";")[0])
    b.pdf not read: .pdf is not a statement format
    c.xhtml not read: .xhtml is not a statement format
    """
    skipped: list[tuple[str, str]] = []
    expected = ", ".join(DOCUMENT_SUFFIXES)
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            continue
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() not in DOCUMENT_SUFFIXES:
                kind = p.suffix.lower() or "a file without a suffix"
                skipped.append(
                    (
                        source_key(p),
                        f"not read: {kind} is not a statement format; expected {expected}",
                    )
                )
    return skipped


# Above this many files, one scan of every source beats a VALUES list of paths.
_LOOKUP_LIMIT = 1000


def _known_sources(store, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
    """source path -> (graph IRI, sha256) for the given paths already in the store."""
    values = ""
    if len(keys) <= _LOOKUP_LIMIT:
        values = "VALUES ?path { " + " ".join(rdflib.Literal(k).n3() for k in keys) + " } "
    table = store.select(
        f"SELECT ?g ?path ?sha WHERE {{ {values}?g a <{PG}SourceDocument> ; "
        f"<{PG}sourcePath> ?path ; <{PG}sha256> ?sha }}"
    )
    return {str(path): (str(g), str(sha)) for g, path, sha in table.rows}


def _registry_current(store, digest: str) -> bool:
    return store.ask(
        f'ASK {{ <{iris.registry_graph()}> <{PG}registryDigest> ?d FILTER(STR(?d) = "{digest}") }}'
    )


def ingest_paths(
    store,
    paths: Sequence[str | Path],
    registry: Registry | None = None,
    *,
    skip_errors: bool = False,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[IngestReport]:
    """Extract, resolve, convert and load documents; return one report per file.

    A file of a folder that is not a statement document (a PDF, ``.xhtml``) is not
    read: it gets a ``skipped`` report saying why, or, with ``strict``, an error before
    anything is written.

    Parameters
    ----------
    store : GraphStore
        Where the graph lives (embedded or remote).
    paths : sequence of str or Path
        Files and folders (searched recursively).
    registry : Registry, optional
        The party registry (default: ``data/registry``).
    skip_errors : bool
        Load the good documents and report the bad ones instead of stopping at the
        first bad one (which leaves the store untouched).
    strict : bool
        Refuse a folder that holds files that are not statement documents.
    progress : callable, optional
        Called as ``progress(done, total)`` before each document is read.
    """
    registry = registry or Registry.load()
    finder = SubjectFinder(registry)
    problems: list[PartygraphError] | None = [] if skip_errors else None
    files = discover(paths, problems)
    skipped = skipped_files(paths)
    if strict and skipped:
        source, why = skipped[0]
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        raise PartygraphError(
            f"{why}{more}; --strict refuses a folder with such files", source=source
        )
    keys = [source_key(p) for p in files]
    known = _known_sources(store, keys)
    reports = [IngestReport(source, "skipped", error=why) for source, why in skipped]
    # folders that could not be listed are reported, never skipped without a word
    reports += [IngestReport(e.source or "", "error", error=str(e)) for e in problems or []]
    # Every changed document is read and resolved before anything is written, so a bad
    # file leaves the store untouched; quads are made batch by batch to bound memory.
    todo: list[tuple[ResolvedStatement, str, str | None]] = []
    for done, (path, key) in enumerate(zip(files, keys, strict=True)):
        if progress:
            progress(done, len(files))
        try:
            data = load_bytes(path)
            sha = hashlib.sha256(data).hexdigest()
            previous = known.get(key)
            if previous and previous[1] == sha:
                reports.append(IngestReport(key, "unchanged", sha256=sha))
                continue
            resolved = finder.annotate(
                registry.resolve(read_bytes(data, key, known_names=registry.known_names))
            )
        except PartygraphError as error:
            if not skip_errors:
                raise
            reports.append(IngestReport(key, "error", error=str(error)))
            continue
        reports.append(
            IngestReport(
                source=key,
                status="replaced" if previous else "added",
                sha256=sha,
                signatories=len(resolved.signatories),
                parties=len(resolved.parties()),
                new_parties=[r.party.name for r in resolved.signatories if r.match == "new"],
                warnings=list(resolved.record.warnings) + list(resolved.warnings),
            )
        )
        todo.append((resolved, key, previous[0] if previous else None))
    now = datetime.now(UTC).replace(microsecond=0)
    registry_graph, digest = versioned_registry_quads(registry)
    written = 0  # documents of ``todo`` in the store
    try:
        if not _registry_current(store, digest):
            store.replace_graphs({iris.registry_graph(): registry_graph})
        for start in range(0, len(todo), BATCH_SIZE):
            pending: dict[str, list] = {}
            drops: list[str] = []
            for resolved, key, old_graph in todo[start : start + BATCH_SIZE]:
                graph = iris.source(resolved.record.sha256)
                pending[graph] = statement_quads(
                    resolved, source_path=key, ingested_at=now, tool_version=__version__
                )
                if old_graph and old_graph != graph:
                    drops.append(old_graph)
            # One transaction per batch, holding the new graphs and the drop of the
            # versions they replace: every document is fully present or absent.
            store.replace_graphs(pending, drop=drops)
            written = min(start + BATCH_SIZE, len(todo))
    except PartygraphError as error:
        # a store failing midway (a remote server writes graph by graph): say, per
        # document, what landed; running the same ingest again completes the rest
        landed = set(getattr(error, "written", ()))
        by_key = {r.source: r for r in reports}
        for resolved, key, _ in todo[written:]:
            if iris.source(resolved.record.sha256) not in landed:
                by_key[key].status = "error"
                by_key[key].error = f"not written: {error}"
        raise IngestInterrupted(error, reports) from None
    return reports
