"""The fuzz harness: hostile documents through ``extract`` and batches through ``ingest``.

Run by hand (the big run)::

    .venv/bin/python tests/fuzz/run.py --count 10000 --batches 300 --big --report fuzz.json

Each case is written to a file and read by a worker process, as ``partygraph extract``
reads it (:meth:`partygraph.Project.read`). A worker that does not answer in time is
killed and the case counted as a hang. Verdicts:

- ``ok``: extracted; ``rejected``: one :class:`~partygraph.errors.PartygraphError`;
- ``crash``: any other exception (a traceback), ``slow``: answered, but later than the
  budget of 1 s + 10 s per MB, ``hang``: killed at three times the budget.

Batches mix generated cases, odd files (pipes, loops, /dev/zero, a sparse 1 GiB file) and
bundled statements, and go through :func:`partygraph.pipeline.ingest_paths` on one
embedded store; a batch that is refused must leave the store exactly as it was
(``store-changed`` otherwise). Failing inputs are copied to ``--keep`` to reproduce.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

if __package__:
    from .cases import STATEMENTS, generate, odd_files, write_case
else:  # run as a script (the big run, and the workers)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases import STATEMENTS, generate, odd_files, write_case  # type: ignore[no-redef]

#: seconds allowed per case: a fixed start plus 10 s per MB of input
BASE_SECONDS = 1.0
SECONDS_PER_MB = 10.0
FAILURES = ("crash", "slow", "hang", "store-changed")


def budget(size: int) -> float:
    """Seconds a case of ``size`` bytes may take."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1e6


# --- the worker ---------------------------------------------------------------------------


def _fingerprint(store: Any) -> tuple[int, int]:
    """(quads, an order-free hash of them): equal before and after a refused batch."""
    ox = store.oxigraph
    h = 0
    n = 0
    for q in ox:
        h = (h + hash(str(q))) & 0xFFFFFFFFFFFFFFFF
        n += 1
    return n, h


def worker() -> None:
    """Read JSON requests on stdin, answer one JSON line each on stdout."""
    import resource

    from partygraph import Project
    from partygraph.errors import PartygraphError
    from partygraph.pipeline import ingest_paths
    from partygraph.store.embedded import EmbeddedStore

    project = Project()
    registry = project.registry
    store = EmbeddedStore()
    out = os.fdopen(os.dup(1), "w")
    sys.stdout = sys.stderr  # nothing the library prints may corrupt the answers
    for line in sys.stdin:
        req = json.loads(line)
        answer: dict[str, Any] = {"id": req["id"]}
        start = time.perf_counter()
        try:
            if "batch" in req:
                before = _fingerprint(store)
                try:
                    ingest_paths(store, req["batch"], registry, skip_errors=req["skip"])
                    answer["verdict"] = "ok"
                except PartygraphError as e:
                    answer["verdict"] = "rejected"
                    answer["error"] = str(e)
                    if _fingerprint(store) != before:
                        answer["verdict"] = "store-changed"
                if req.get("reset"):
                    store.close()
                    store = EmbeddedStore()
            else:
                project.read(req["path"])
                answer["verdict"] = "ok"
        except PartygraphError as e:
            answer["verdict"] = "rejected"
            answer["error"] = str(e)
            if "\n" in answer["error"]:
                answer["verdict"] = "crash"  # an error must be one line
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            answer["verdict"] = "crash"
            answer["error"] = f"{type(e).__name__}: {e}"[:500]
            answer["traceback"] = traceback.format_exc()[-4000:]
        answer["seconds"] = time.perf_counter() - start
        answer["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out.write(json.dumps(answer) + "\n")
        out.flush()


# --- the driver ---------------------------------------------------------------------------


class Worker:
    """One worker process; restarted after a hang."""

    def __init__(self, memory_mb: int | None):
        self.memory_mb = memory_mb
        self.proc: subprocess.Popen | None = None
        self.started = 0
        self.log: Any = None

    def _start(self) -> subprocess.Popen:
        def limit() -> None:
            if self.memory_mb:
                import resource

                cap = self.memory_mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

        env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYGRAPH_")}
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - the worker's stderr, read on death
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env=env,
            preexec_fn=limit if self.memory_mb else None,
        )
        self.started += 1
        return proc

    def ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
            timeout += 30  # imports and the registry, once per worker
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if line:
            return json.loads(line)
        if not ready:  # no answer in time
            self.stop()
            return {"verdict": "hang", "seconds": timeout}
        status = self.proc.wait()  # it closed its output: it died
        self.proc = None
        self.log.seek(0)
        tail = self.log.read().decode("utf-8", "replace")[-2000:]
        return {"verdict": "crash", "error": f"worker died (exit {status})", "traceback": tail,
                "seconds": 0}  # fmt: skip

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None


def _readable_size(path: Path) -> int:
    """Bytes a reader may read from ``path``: 0 for what it must refuse unread."""
    try:
        return path.stat().st_size if path.is_file() and path.stat().st_size < 1 << 28 else 0
    except OSError:
        return 0


def _keep(keep: Path | None, label: str, paths: list[Path]) -> None:
    if keep is None:
        return
    dest = keep / label
    dest.mkdir(parents=True, exist_ok=True)
    for p in paths:
        if p.is_file() and not p.is_symlink() and p.stat().st_size < 64 << 20:
            shutil.copy(os.fsencode(p), os.fsencode(dest / p.name))


def run(
    count: int,
    batches: int,
    seed: int = 0,
    big: bool = False,
    memory_mb: int | None = None,
    keep: Path | None = None,
    log=None,
) -> dict[str, Any]:
    """Run ``count`` extract cases and ``batches`` ingest batches; return the figures."""
    work = Path(tempfile.mkdtemp(prefix="pg-fuzz-"))
    w = Worker(memory_mb)
    verdicts: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    failures: list[dict[str, Any]] = []
    slowest = (0.0, "", 0)
    total_bytes = 0
    peak_rss = 0.0
    t0 = time.monotonic()
    try:
        odd = odd_files(work)
        cases_dir = work / "cases"
        cases_dir.mkdir()
        written: list[Path] = []
        for i, case in enumerate(generate(seed, count, big=big)):
            path = write_case(cases_dir, case)
            written.append(path)
            total_bytes += len(case.data)
            limit = budget(len(case.data))
            # JSON carries the surrogates of names that are not UTF-8 as \\udcXX escapes
            answer = w.ask({"id": i, "path": str(path)}, 3 * limit)
            verdict = answer["verdict"]
            if verdict in ("ok", "rejected") and answer["seconds"] > limit:
                verdict = "slow"
            verdicts[verdict] += 1
            by_kind.setdefault(case.kind, Counter())[verdict] += 1
            peak_rss = max(peak_rss, answer.get("max_rss_mb", 0))
            if (
                answer["seconds"] / max(len(case.data), 1) * 1e6 > slowest[0]
                and len(case.data) > 1e5
            ):
                slowest = (answer["seconds"] / len(case.data) * 1e6, case.name, len(case.data))
            if verdict in FAILURES:
                failures.append(
                    {"case": i, "kind": case.kind, "name": case.name, "bytes": len(case.data),
                     **answer, "verdict": verdict}
                )  # fmt: skip
                _keep(keep, f"{i:05d}-{verdict}", [path])
            if log and (i + 1) % 500 == 0:
                print(f"{i + 1} cases, {dict(verdicts)}, {time.monotonic() - t0:.0f} s", file=log)
        for b in range(batches):
            rng = random.Random(seed * 1_000_003 + b)
            batch = rng.sample(written, min(len(written), rng.randint(1, 12)))
            if rng.random() < 0.3:
                batch.append(rng.choice(list(odd.values())))
            if rng.random() < 0.5:
                batch += rng.sample(STATEMENTS, rng.randint(1, 3))
            size = sum(
                p.stat().st_size for p in batch if p.is_file() and p.stat().st_size < 1 << 28
            )
            limit = budget(size) + 2 * len(batch)
            req = {
                "id": f"batch-{b}",
                "batch": [os.fsencode(p).decode("utf-8", "surrogateescape") for p in batch],
                "skip": rng.random() < 0.5,
                "reset": b % 25 == 24,
            }
            # the worker reads names back with surrogateescape
            req["batch"] = [os.fsdecode(p.encode("utf-8", "surrogateescape")) for p in req["batch"]]
            answer = w.ask({**req, "batch": [str(p) for p in req["batch"]]}, 3 * limit)
            verdict = answer["verdict"]
            if verdict in ("ok", "rejected") and answer["seconds"] > limit:
                verdict = "slow"
            verdicts["batch-" + verdict] += 1
            peak_rss = max(peak_rss, answer.get("max_rss_mb", 0))
            if verdict in FAILURES:
                failures.append({"batch": b, "files": req["batch"], **answer, "verdict": verdict})
                _keep(keep, f"batch-{b:04d}-{verdict}", batch)
    finally:
        w.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "seed": seed,
        "cases": count,
        "batches": batches,
        "bytes": total_bytes,
        "seconds": round(time.monotonic() - t0, 1),
        "verdicts": dict(verdicts),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "failures": len(failures),
        "failure_details": failures[:50],
        "slowest_s_per_mb": {
            "s_per_mb": round(slowest[0], 2),
            "case": slowest[1],
            "bytes": slowest[2],
        },
        "peak_worker_rss_mb": round(peak_rss),
        "workers_started": w.started,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--count", type=int, default=10_000, help="extract cases")
    ap.add_argument("--batches", type=int, default=300, help="ingest batches")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--big", action="store_true", help="let cases grow to a few MB")
    ap.add_argument("--memory-mb", type=int, default=None, help="address-space cap per worker")
    ap.add_argument("--keep", type=Path, default=None, help="copy failing inputs here")
    ap.add_argument("--report", type=Path, default=None, help="write the figures as JSON")
    args = ap.parse_args(argv)
    if args.worker:
        worker()
        return 0
    figures = run(args.count, args.batches, args.seed, args.big, args.memory_mb, args.keep,
                  log=sys.stderr)  # fmt: skip
    text = json.dumps(figures, indent=1)  # ASCII: names may hold undecodable bytes
    if args.report:
        args.report.write_text(text + "\n")
    print(text)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
