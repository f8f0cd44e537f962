"""Ingest: the one place where the stages meet (extract -> resolve -> rdf -> store).

Each source document becomes one named graph (its ``pg:SourceDocument`` IRI). A file is
known by its path as given, normalised relative to the current folder; re-ingesting
an unchanged file (same sha256) changes nothing, a changed file replaces its own graph
in the same transaction that adds the new one. Documents are read (extracted, resolved,
converted: CPU-bound, so by a process pool for large runs) and written batch by batch;
a bad file (one clear error) stops the run before its batch is written, so a run of up
to :data:`BATCH_SIZE` documents leaves the store exactly as it was, unless
``skip_errors`` asks to load the others.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import stat
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import rdflib

from partygraph import __version__
from partygraph.errors import PartygraphError
from partygraph.extract import load_bytes, read_bytes
from partygraph.files import path_text, walk_documents
from partygraph.rdf import iris, statement_quads, versioned_registry_quads
from partygraph.rdf.namespaces import PG
from partygraph.resolve import Registry
from partygraph.store import summaries
from partygraph.subjects import SubjectFinder
from partygraph.vocab import SOURCE

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")

# How many documents go into one store transaction: large enough for bulk speed,
# small enough that an interrupted run keeps most of its work.
BATCH_SIZE = 500


@dataclass
class IngestReport:
    """What ingest did with one file."""

    source: str
    # "added", "replaced", "unchanged", "duplicate" (same bytes as ``same_as``: its path is
    # recorded on that graph), "error", "skipped" (not read: see error)
    status: str
    sha256: str | None = None
    signatories: int = 0
    parties: int = 0
    new_parties: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    same_as: str | None = None  # "duplicate": the path its bytes were first ingested from


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


def _source_paths(store, graphs: set[str]) -> dict[str, list[str]]:
    """graph IRI -> the paths it was ingested from, for those of ``graphs`` in the store."""
    if not graphs:
        return {}
    values = " ".join(f"<{g}>" for g in sorted(graphs))
    table = store.select(
        f"SELECT ?g ?path WHERE {{ VALUES ?g {{ {values} }} ?g a <{PG}SourceDocument> ; "
        f"<{PG}sourcePath> ?path }}"
    )
    held: dict[str, list[str]] = {}
    for g, path in table.rows:
        held.setdefault(str(g), []).append(str(path))
    return {g: sorted(paths) for g, paths in held.items()}


def _path_triple(graph: str, path: str) -> tuple[ox.NamedNode, ox.NamedNode, ox.Literal]:
    return ox.NamedNode(graph), ox.NamedNode(f"{PG}sourcePath"), ox.Literal(path)


# what reading one file gives: its report, its graph as N-Quads and what the summaries
# read of it (``None`` when unchanged or bad), and the graph it replaces
Read = tuple[IngestReport, bytes | None, summaries.SummaryInput | None, str | None]


def _write_batch(store, results: list[Read], extra: dict[str, bytes]) -> None:
    """Write one batch of read documents (and ``extra`` graphs) in one ``load_graphs``.

    A document whose bytes are already stored under another path is not written again:
    its path is added to that graph (report ``duplicate``, ``same_as`` the first path).
    A path that moves to other bytes leaves its old graph, which is dropped only when no
    path holds it any more.
    """
    read = [(r, nq, i, old) for r, nq, i, old in results if nq is not None and r.sha256]
    held = _source_paths(
        store, {iris.source(r.sha256) for r, *_ in read} | {old for *_, old in read if old}
    )
    pending: dict[str, bytes] = dict(extra)
    inputs: dict[str, summaries.SummaryInput] = {}
    first: dict[str, str] = {}  # graph -> the path it is written from in this batch
    arriving: dict[str, set[str]] = {}
    leaving: dict[str, set[str]] = {}
    for report, nquads, summary_input, old_graph in read:
        graph = iris.source(report.sha256)
        if graph in held or graph in first:
            report.status = "duplicate"
            report.same_as = held[graph][0] if graph in held else first[graph]
            arriving.setdefault(graph, set()).add(report.source)
        else:
            pending[graph], first[graph] = nquads, report.source
            if summary_input is not None:
                inputs[graph] = summary_input
        if old_graph and old_graph != graph:
            leaving.setdefault(old_graph, set()).add(report.source)
    drops = [
        g
        for g, keys in leaving.items()
        if not (set(held.get(g, ())) - keys) and not arriving.get(g)
    ]
    # one transaction per batch, holding the new graphs and the drop of the versions
    # they replace: every document is fully present or absent
    if pending or drops:
        store.load_graphs(pending, drop=drops, read=inputs)
    # a path is one triple of its graph: added before it leaves the old one, so a crash
    # in between leaves the path known twice rather than not at all
    for g, keys in arriving.items():
        store.patch_graph(g, [], [_path_triple(g, k) for k in sorted(keys)])
    for g, keys in leaving.items():
        if g not in drops:
            store.patch_graph(g, [_path_triple(g, k) for k in sorted(keys)], [])


# Each Registry's graph and digest, made once: a Registry's curated tables do not change
# once loaded, and making them again cost a tenth of each one-document ingest.
_REGISTRY_GRAPHS: weakref.WeakKeyDictionary[Registry, tuple[tuple[ox.Quad, ...], str]] = (
    weakref.WeakKeyDictionary()
)


def _registry_graph(registry: Registry) -> tuple[tuple[ox.Quad, ...], str]:
    made = _REGISTRY_GRAPHS.get(registry)
    if made is None:
        quads, digest = versioned_registry_quads(registry)
        made = _REGISTRY_GRAPHS[registry] = (tuple(quads), digest)
    return made


def _registry_current(store, digest: str) -> bool:
    return store.ask(
        f'ASK {{ <{iris.registry_graph()}> <{PG}registryDigest> ?d FILTER(STR(?d) = "{digest}") }}'
    )


# Batches handed to the pool beyond the one being written: the readers keep busy while
# a batch is written, and memory holds at most this many more batches of results.
READ_AHEAD = 2
# Below this many documents to read, a process pool costs more than it saves.
_POOL_MIN = 64


def _read_one(
    path: Path, key: str, previous: tuple[str, str] | None, finder: SubjectFinder, now: datetime
) -> Read:
    """Read, extract, resolve and convert one file (see :data:`Read`)."""
    try:
        data = load_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        if previous and previous[1] == sha:
            return IngestReport(key, "unchanged", sha256=sha), None, None, None
        registry = finder.registry
        assert registry is not None
        record = read_bytes(data, key, known_names=registry.known_names)
        resolved = finder.annotate(registry.resolve(record))
    except PartygraphError as error:
        return IngestReport(key, "error", error=str(error)), None, None, None
    report = IngestReport(
        source=key,
        status="replaced" if previous else "added",
        sha256=sha,
        signatories=len(resolved.signatories),
        parties=len(resolved.parties()),
        new_parties=[r.party.name for r in resolved.signatories if r.match == "new"],
        warnings=list(resolved.record.warnings) + list(resolved.warnings),
    )
    quads = statement_quads(resolved, source_path=key, ingested_at=now, tool_version=__version__)
    # N-Quads cross the process boundary (pyoxigraph terms do not pickle) and parse fast
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    # what the summaries read of it is picked here, by the readers, not by the one writer
    summary_input = summaries.SummaryInput.of_quads(quads)
    return report, nquads, summary_input, previous[0] if previous else None


_WORKER_FINDER: SubjectFinder | None = None


def _init_worker(registry: Registry) -> None:
    global _WORKER_FINDER
    _WORKER_FINDER = SubjectFinder(registry)


def _read_in_worker(job: tuple[Path, str, tuple[str, str] | None, datetime]) -> Read:
    assert _WORKER_FINDER is not None
    path, key, previous, now = job
    return _read_one(path, key, previous, _WORKER_FINDER, now)


class _BadDocument(Exception):
    """A document of the batch being read cannot be read (stops the run)."""

    def __init__(self, report: IngestReport):
        super().__init__(report.error)
        self.report = report


def ingest_paths(
    store,
    paths: Sequence[str | Path],
    registry: Registry | None = None,
    *,
    skip_errors: bool = False,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    finder: SubjectFinder | None = None,
) -> list[IngestReport]:
    """Extract, resolve, convert and load documents; return one report per file.

    Documents are read in batches of :data:`BATCH_SIZE` (by a process pool when there
    are many) and each batch is written in one store transaction, so every document is
    fully present or absent and memory grows with the batch, not with the run. A bad
    document stops the run before its batch is written: the batches before it stay in
    and the error says how many documents they held.

    A file whose bytes are already stored under another path is not written again: its
    path is recorded on that document (report ``duplicate``, ``same_as`` the first
    path; :func:`remove_source` forgets one path at a time).

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
        first bad one.
    strict : bool
        Refuse a folder that holds files that are not statement documents.
    progress : callable, optional
        Called as ``progress(done, total)`` as documents are read.
    workers : int, optional
        Processes that read documents (default: one per CPU; 1 reads in this process).
    finder : SubjectFinder, optional
        The subjects stage for ``registry``; pass the same one to every call (as
        :class:`~partygraph.project.Project` does) so its matcher is built once.

    Returns
    -------
    list of IngestReport
        One per file, in the order found.
    """
    registry = registry or Registry.load()
    shared, finder = finder is not None, finder or SubjectFinder(registry)
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
    now = datetime.now(UTC).replace(microsecond=0)
    registry_graph, digest = _registry_graph(registry)
    # the registry graph goes in with the first write, so a refused run changes nothing
    registry_due = not _registry_current(store, digest)
    registry_nquads = (
        ox.serialize(registry_graph, format=ox.RdfFormat.N_QUADS) if registry_due else b""
    )
    jobs = [(p, k, known.get(k), now) for p, k in zip(files, keys, strict=True)]
    batches = [jobs[i : i + BATCH_SIZE] for i in range(0, len(jobs), BATCH_SIZE)]
    workers = workers or os.cpu_count() or 1
    pool = None
    if workers > 1 and len(jobs) >= _POOL_MIN:
        context = multiprocessing.get_context("forkserver")
        pool = ProcessPoolExecutor(
            min(workers, len(jobs) // _POOL_MIN + 1),
            mp_context=context,
            initializer=_init_worker,
            initargs=(registry,),
        )

    def start(batch):  # the batches ahead are read while this one is written
        if pool is None:
            return None
        return [pool.submit(_read_in_worker, job) for job in batch]

    reports = [IngestReport(source, "skipped", error=why) for source, why in skipped]
    # folders that could not be listed are reported, never skipped without a word
    reports += [IngestReport(e.source or "", "error", error=str(e)) for e in problems or []]
    done = 0  # jobs with a report
    results: list[Read] = []
    try:
        with summaries.deferred(store):
            ahead = [start(b) for b in batches[:READ_AHEAD]]
            if pool is not None and shared:
                # a finder passed in serves later calls (one more document): its matcher
                # is built here while the workers read, not by the next call
                finder.matcher()
            for n, batch in enumerate(batches):
                current = ahead.pop(0)
                if n + READ_AHEAD < len(batches):
                    ahead.append(start(batches[n + READ_AHEAD]))
                results = []
                for i, job in enumerate(batch):
                    if progress:
                        progress(n * BATCH_SIZE + i, len(jobs))
                    results.append(
                        current[i].result() if current else _read_one(*job[:3], finder, now)
                    )
                bad = [r for r, *_ in results if r.status == "error"]
                if bad and not skip_errors:
                    raise _BadDocument(bad[0])
                extra = {iris.registry_graph(): registry_nquads} if registry_due else {}
                _write_batch(store, results, extra)
                registry_due = False
                reports += [r for r, *_ in results]
                done, results = done + len(batch), []
        if registry_due:
            store.replace_graphs({iris.registry_graph(): registry_graph})
    except _BadDocument as bad:
        if not done:  # nothing was written
            raise PartygraphError(bad.report.error or "cannot read") from None
        # the batches before the bad document stay in; the report says which failed
        why = f"not written: the batch of {bad.report.source} was refused"
        reports.append(bad.report)
        reports += [
            IngestReport(key, "error", error=why)
            for _, key, _, _ in jobs[done:]
            if key != bad.report.source
        ]
        kept = f"the {done} documents before its batch were loaded"
        raise IngestInterrupted(PartygraphError(f"{bad.report.error} ({kept})"), reports) from None
    except PartygraphError as error:
        # a store failing midway (a remote server writes graph by graph): say, per
        # document, what landed; running the same ingest again completes the rest
        landed = set(getattr(error, "written", ()))
        for report, *_ in results:
            written = report.sha256 and iris.source(report.sha256) in landed
            if report.status in ("added", "replaced") and not written:
                report.status, report.error = "error", f"not written: {error}"
            reports.append(report)
        reports += [
            IngestReport(key, "error", error=f"not written: {error}")
            for _, key, _, _ in jobs[done + len(results) :]
        ]
        raise IngestInterrupted(error, reports) from None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return reports


@dataclass
class SourceRemoval:
    """What :func:`remove_source` did."""

    graph: str  # the document's named graph
    path: str | None  # the path forgotten (None: removed by sha256 or IRI)
    dropped: bool  # the graph went (no path holds it any more)
    remaining: list[str] = field(default_factory=list)  # paths that still hold it


_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def remove_source(store, source: str) -> SourceRemoval:
    """Forget one ingested document, by path, sha256 or source IRI.

    The same bytes ingested from several paths are one graph that records every path:
    removing one path keeps the graph while another path holds it; the last path, the
    sha256 or the IRI drops the graph (everything read from the document).

    Raises :class:`PartygraphError` naming ``source`` when no document matches.
    """
    path = None
    if source.startswith(("http://", "https://")):
        candidates = [source]
    elif _SHA256.match(source):
        candidates = [SOURCE + source.lower()]
    else:
        candidates = []
        for key in sorted({source, source_key(Path(source))}):
            table = store.select(
                f"SELECT DISTINCT ?g WHERE {{ ?g <{PG}sourcePath> ?_path }}",
                {"_path": rdflib.Literal(key)},
            )
            found = [str(g) for (g,) in table.rows]
            path = path or (key if found else None)
            candidates += found
    names = set(store.graph_names())
    graphs = [c for c in candidates if c in names and c.startswith(SOURCE)]
    if not graphs:
        raise PartygraphError(
            "no ingested document with this path, sha256 or source IRI", source=source
        )
    graph = graphs[0]
    remaining = [p for p in _source_paths(store, {graph}).get(graph, []) if p != path]
    if path is not None and remaining:
        store.patch_graph(graph, [_path_triple(graph, path)], [])
        return SourceRemoval(graph, path, dropped=False, remaining=remaining)
    store.drop_graphs([graph])
    return SourceRemoval(graph, path, dropped=True)
