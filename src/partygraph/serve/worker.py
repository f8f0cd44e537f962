"""Queries in worker processes that are killed and replaced when they pass a time limit.

A SPARQL engine cannot be interrupted from Python, so a query that runs too long (a
cross join, a large ``VALUES`` product) would hold a thread and its memory for good. Each
query of the server therefore runs in one of a few worker processes; the server waits for
the answer at most ``timeout`` seconds, then kills the worker, starts a new one and tells
the client (``QueryTimeout``). A result with more than ``max_rows`` rows is refused
(``TooManyRows``) rather than cut.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partygraph.errors import PartygraphError
from partygraph.store.base import GraphStore, Table


class QueryTimeout(PartygraphError):
    """The query ran past the time limit; its worker was replaced."""


class TooManyRows(PartygraphError):
    """The result has more rows than the server returns."""


class ServerBusy(PartygraphError):
    """No worker became free in time."""


@dataclass(frozen=True)
class StoreOpener:
    """How a worker process opens its own handle on the served store (picklable).

    Exactly one of ``path`` (an embedded store folder, opened read-only), ``remote``
    (keyword arguments of :class:`~partygraph.store.RemoteStore`) or ``nquads`` (the
    content of an in-memory store) is set.

    Examples
    --------
    >>> from partygraph.store import open_store
    >>> StoreOpener.for_store(open_store()).open().stats()["triples"]
    0
    """

    path: str | None = None
    remote: dict[str, Any] | None = None
    nquads: bytes | None = field(default=None, repr=False)

    @classmethod
    def for_store(cls, store: GraphStore) -> StoreOpener:
        """The opener that gives a worker the same data as ``store``."""
        from partygraph.store import EmbeddedStore, RemoteStore

        if isinstance(store, EmbeddedStore):
            if store.path is not None:
                with contextlib.suppress(RuntimeError):  # a read-only handle has nothing to flush
                    store.flush()
                return cls(path=str(store.path))
            import io

            buf = io.BytesIO()
            store.export("nquads", buf)
            return cls(nquads=buf.getvalue())
        if isinstance(store, RemoteStore):
            # read-only: the query endpoint is enough; credentials come from the environment
            return cls(remote={"endpoint": store.endpoint, "profile": store.profile})
        raise PartygraphError(f"cannot serve a {type(store).__name__}", where="store")

    def open(self) -> GraphStore:
        """Open the store (in the worker)."""
        from partygraph.store import EmbeddedStore, RemoteStore

        if self.path is not None:
            return EmbeddedStore.read_only(Path(self.path))
        if self.remote is not None:
            return RemoteStore(**self.remote)
        import pyoxigraph as ox

        store = EmbeddedStore()
        store.oxigraph.load(self.nquads or b"", format=ox.RdfFormat.N_QUADS)
        return store


def _answer(store: GraphStore, form: str, text: str, max_rows: int) -> Any:
    if form == "SELECT":
        table = store.select(text)
        if len(table.rows) > max_rows:
            raise TooManyRows(
                f"the result has more than {max_rows} rows; add a LIMIT", where="query"
            )
        return table
    if form == "ASK":
        return store.ask(text)
    triples = store.construct(text)
    if len(triples) > max_rows:
        raise TooManyRows(
            f"the result has more than {max_rows} triples; add a LIMIT", where="query"
        )
    return [(t.subject, t.predicate, t.object) for t in triples]


def _worker_main(conn: Any, opener: StoreOpener) -> None:
    store = opener.open()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        form, text, max_rows = job
        try:
            conn.send(("ok", _answer(store, form, text, max_rows)))
        except PartygraphError as e:
            conn.send(("error", e))
        except Exception as e:  # an engine failure must not end the worker
            conn.send(("error", PartygraphError(f"query failed: {e}", where="query")))


class _Worker:
    def __init__(self, ctx: Any, opener: StoreOpener):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, opener), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        try:
            status = self.conn.recv()[0] if self.conn.poll(timeout) else "silent"
        except (EOFError, OSError):
            status = "stopped"
        if status != "ready":
            raise PartygraphError("a query worker did not start", where="serve")

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """A few worker processes, each with its own read-only handle on the store.

    Parameters
    ----------
    opener
        How each worker opens the store.
    workers
        Number of processes (queries beyond that wait for a free one).
    timeout
        Seconds a query may run before its worker is killed and replaced.
    max_rows
        Most rows (or triples) a result may have.
    """

    def __init__(
        self, opener: StoreOpener, *, workers: int = 2, timeout: float = 5.0, max_rows: int = 10_000
    ):
        self.opener = opener
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.replaced = 0
        started = [self._start() for _ in range(max(1, workers))]
        for w in started:
            w.wait_ready(60)
            self._idle.put(w)

    def _start(self) -> _Worker:
        w = _Worker(self._ctx, self.opener)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
            self.replaced += 1

        def start() -> None:
            w = self._start()
            try:
                w.wait_ready(60)
            except PartygraphError:
                w.kill()
                return
            self._idle.put(w)

        threading.Thread(target=start, daemon=True).start()

    def run(self, form: str, text: str) -> Any:
        """Run one read query of ``form`` (SELECT/ASK/CONSTRUCT/DESCRIBE) in a worker.

        Returns a :class:`Table`, a bool, or a list of ``(s, p, o)`` pyoxigraph terms.
        Raises :class:`QueryTimeout`, :class:`TooManyRows`, :class:`ServerBusy` or the
        store's :class:`PartygraphError`.
        """
        try:
            worker = self._idle.get(timeout=max(self.timeout * 2, 10))
        except queue.Empty:
            raise ServerBusy("every query worker is busy; try again", where="serve") from None
        try:
            worker.conn.send((form, text, self.max_rows))
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                worker = None
                raise QueryTimeout(
                    f"the query passed the time limit of {self.timeout:g} s and was stopped",
                    where="query",
                )
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise PartygraphError("the query worker stopped", where="query") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "error":
            raise value
        return value

    def select(self, text: str) -> Table:
        """Run a SELECT query in a worker."""
        return self.run("SELECT", text)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def _network_main(conn: Any, opener: StoreOpener, key: tuple, node_link: str) -> None:
    from partygraph.network import analyse
    from partygraph.viz import render_page

    try:
        meetings, since, until, series = key
        result = analyse(
            opener.open(), meetings=meetings, since=since, until=until, series=series,
            resolutions=[1.0],  # the page shows one partition: no sweep
        )  # fmt: skip
        conn.send(("ok", render_page(result, node_link=node_link)))
    except PartygraphError as e:
        conn.send(("error", e))
    except Exception as e:  # reported to the client, not a dead server thread
        conn.send(("error", PartygraphError(f"the network failed: {e}", where="network")))


class Background:
    """Network pages drawn in their own process, kept once done.

    Drawing the network of a large store takes long (minutes at 2,000 statements), so it
    must neither hold a query worker nor the server process: :meth:`get` starts it, waits
    at most ``wait`` seconds, and says ``None`` while it is still running.
    """

    def __init__(self, opener: StoreOpener, node_link: str, keep: int = 16):
        self.opener, self.node_link, self.keep = opener, node_link, keep
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Lock()
        self._done: dict[tuple, Any] = {}
        self._running: dict[tuple, threading.Event] = {}
        self._procs: set[Any] = set()

    def _run(self, key: tuple, event: threading.Event) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_network_main, args=(child, self.opener, key, self.node_link), daemon=True
        )
        with self._lock:
            self._procs.add(proc)
        proc.start()
        child.close()
        try:
            value = parent.recv()[1]  # a page, or the PartygraphError to report
        except (EOFError, OSError):
            value = PartygraphError("the network process stopped", where="network")
        proc.join(5)
        with self._lock:
            self._procs.discard(proc)
            if len(self._done) >= self.keep:  # slices come from URLs: bounded
                self._done.pop(next(iter(self._done)))
            self._done[key] = value
            self._running.pop(key, None)
        event.set()

    def get(self, key: tuple, wait: float) -> str | None:
        """The page for ``key``, or ``None`` if it is still being drawn after ``wait`` s."""
        with self._lock:
            if key in self._done:
                value = self._done[key]
                if isinstance(value, PartygraphError):
                    self._done.pop(key)  # the next visit tries again
                    raise value
                return value
            event = self._running.get(key)
            if event is None:
                event = self._running[key] = threading.Event()
                threading.Thread(target=self._run, args=(key, event), daemon=True).start()
        if not event.wait(wait):
            return None
        return self.get(key, 0)

    def close(self) -> None:
        """Stop the drawings still running."""
        with self._lock:
            procs = list(self._procs)
        for proc in procs:
            with contextlib.suppress(OSError, ValueError):
                proc.kill()
