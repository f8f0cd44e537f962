"""Load benchmark of ``partygraph serve`` (issue 12). Not part of the test run.

Usage::

    python tests/perf/bench_serve.py --statements 2000 [--json bench-serve.json]

It builds a store of N generated statements (the generator of ``bench.py``), starts
``partygraph serve`` and ``oxigraph serve-read-only`` on the same store folder (both on
127.0.0.1), and measures in one run:

- party, statement and meeting pages of partygraph (HTML, one request after another):
  p50/p95 latency; against the same SPARQL queries each page runs (recorded from the
  page code) sent one after another to ``oxigraph serve``: the ratio of the p50s;
- 20 concurrent clients on the SPARQL endpoint (a mix of page queries), for a fixed
  number of requests each: errors, p50/p95 latency and requests per second, on both
  servers.

Every request goes to 127.0.0.1; the loops are bounded in count.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from bench import synthetic_registry, write_documents
from servers import free_port, oxigraph_binary

PAGES_PER_KIND = 40
CLIENTS = 20
REQUESTS_PER_CLIENT = 15


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, float]:
    """Status and seconds of one request (the body is read in full)."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    return status, time.perf_counter() - t


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.args}")
        try:
            if http(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer: {url}")


class Recorder:
    """A store wrapper that keeps the text of every query the page code sends."""

    def __init__(self, store: Any):
        self.store, self.queries = store, []

    def select(self, query: str, bindings: Any = None) -> Any:
        self.queries.append(query)
        return self.store.select(query, bindings)

    def ask(self, query: str, bindings: Any = None) -> bool:
        self.queries.append(query)
        return self.store.ask(query, bindings)

    def construct(self, query: str, bindings: Any = None) -> Any:
        self.queries.append(query)
        return self.store.construct(query, bindings)


def sample(store: Any, cls: str, n: int, rng: random.Random) -> list[str]:
    rows = store.select(
        f"SELECT DISTINCT ?x WHERE {{ ?x a <https://w3id.org/partygraph/ontology#{cls}> }}"
    ).rows
    iris = sorted(str(r[0]) for r in rows)
    return rng.sample(iris, min(n, len(iris)))


def stats(times: Sequence[float], errors: int = 0) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": 1000 * percentile(times, 50),
        "p95_ms": 1000 * percentile(times, 95),
        "errors": errors,
    }


def concurrent(run_one: Callable[[str], int], queries: Sequence[str]) -> dict[str, float]:
    """``CLIENTS`` threads, each sending ``REQUESTS_PER_CLIENT`` queries."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(i: int) -> None:
        rng = random.Random(i)
        for _ in range(REQUESTS_PER_CLIENT):
            t = time.perf_counter()
            try:
                status = run_one(rng.choice(queries))
            except OSError as e:
                status = type(e).__name__
            ok = status == 200
            if not ok:
                print(f"error: {status}", file=sys.stderr)
            with lock:
                times.append(time.perf_counter() - t)
                errors[0] += not ok

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    out = stats(times, errors[0])
    out["requests_per_s"] = len(times) / wall
    return out


def run(n: int, workdir: Path) -> dict[str, Any]:
    from partygraph.pipeline import ingest_paths
    from partygraph.resolve import Registry
    from partygraph.serve import pages
    from partygraph.serve.html import local_path
    from partygraph.store import EmbeddedStore

    store_dir = workdir / "store"
    if not store_dir.exists():  # a --workdir of an earlier run keeps its store
        reg_dir = workdir / "registry"
        rows = synthetic_registry(reg_dir)
        docs = workdir / "docs"
        write_documents(docs, n, rows)
        store = EmbeddedStore(store_dir)
        t = time.perf_counter()
        ingest_paths(store, [docs], Registry.load(reg_dir))
        print(f"ingested {n} statements in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        store.close()

    reader = EmbeddedStore.read_only(store_dir)
    rng = random.Random(12)
    kinds = {"party": "Party", "statement": "Statement", "meeting": "Meeting"}
    sampled = {k: sample(reader, cls, PAGES_PER_KIND, rng) for k, cls in kinds.items()}
    recorded: dict[str, list[list[str]]] = {}
    for kind, iris in sampled.items():
        recorded[kind] = []
        for iri in iris:
            rec = Recorder(reader)
            rec.queries.append(pages.bind("ASK { $X ?p ?o }", iri))  # the page's own check
            pages.BODIES[kind](rec, iri, "")
            recorded[kind].append(rec.queries)
    reader.close()

    pg_port, ox_port = free_port(), free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    pg = subprocess.Popen(
        [sys.executable, "-m", "partygraph.cli", "serve", "--store", str(store_dir),
         "--port", str(pg_port), "--workers", "2", "--timeout", "30"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    ox_proc = subprocess.Popen(
        [oxigraph_binary(), "serve-read-only", "--location", str(store_dir),
         "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pg_base, ox_base = f"http://127.0.0.1:{pg_port}", f"http://127.0.0.1:{ox_port}"
    result: dict[str, Any] = {"statements": n, "pages": {}, "machine": os.cpu_count()}
    try:
        wait_http(pg_base + "/sparql?query=ASK%7B%7D", pg)
        wait_http(ox_base + "/query?query=ASK%7B%7D", ox_proc)

        def poster(endpoint: str) -> Callable[[str], int]:
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "Accept": "application/sparql-results+json, text/turtle"}  # fmt: skip

            def post(q: str) -> int:
                return http(endpoint, urllib.parse.urlencode({"query": q}).encode(), headers)[0]

            return post

        ox_query, pg_query = poster(ox_base + "/query"), poster(pg_base + "/sparql")

        for kind, iris in sampled.items():
            http(pg_base + local_path(iris[0]), headers={"Accept": "text/html"})  # warm
            pg_times, ox_times, errors = [], [], 0
            for iri, queries in zip(iris, recorded[kind], strict=True):
                status, s = http(pg_base + local_path(iri), headers={"Accept": "text/html"})
                errors += status != 200
                pg_times.append(s)
                t = time.perf_counter()
                for q in queries:
                    errors += ox_query(q) != 200
                ox_times.append(time.perf_counter() - t)
            entry = {"partygraph": stats(pg_times, errors), "oxigraph": stats(ox_times)}
            entry["ratio_p50"] = entry["partygraph"]["p50_ms"] / entry["oxigraph"]["p50_ms"]
            result["pages"][kind] = entry
            print(f"{kind}: {json.dumps(entry)}", file=sys.stderr)

        mix = [q for qs in recorded.values() for page_queries in qs for q in page_queries]
        result["endpoint"] = {
            "partygraph": concurrent(pg_query, mix),
            "oxigraph": concurrent(ox_query, mix),
        }
    finally:
        for proc in (pg, ox_proc):
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    return result


def table(result: dict[str, Any]) -> str:
    lines = [
        f"N = {result['statements']} statements",
        "| page | partygraph p50 | p95 | oxigraph (same queries) p50 | p95 | ratio p50 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, e in result["pages"].items():
        a, b = e["partygraph"], e["oxigraph"]
        lines.append(
            f"| {kind} | {a['p50_ms']:.0f} ms | {a['p95_ms']:.0f} ms | {b['p50_ms']:.0f} ms | "
            f"{b['p95_ms']:.0f} ms | {e['ratio_p50']:.2f} |"
        )
    lines += [
        "",
        f"| endpoint, {CLIENTS} clients | errors | p50 | p95 | requests/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, e in result["endpoint"].items():
        lines.append(
            f"| {name} | {e['errors']} | {e['p50_ms']:.0f} ms | {e['p95_ms']:.0f} ms | "
            f"{e['requests_per_s']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=2000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--workdir", type=Path, help="Keep the generated store here (reused).")
    args = ap.parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = run(args.statements, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as d:
            result = run(args.statements, Path(d))
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
