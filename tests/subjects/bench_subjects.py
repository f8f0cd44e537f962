"""Benchmark of subjects and mentions inside ``Registry.resolve`` (not collected by pytest).

Run: ``.venv/bin/python tests/subjects/bench_subjects.py [--rounds 30]``

``tests/perf/bench_resolve.py`` generates records without title or body, so it sees
almost none of this cost; here the bundled statements (real titles, bodies and lists)
are resolved again and again. CPU seconds of this process. Reported per document:
extraction (for scale), the signatory lines alone (``resolve_line``, warm cache), the
subjects and mentions alone, and the whole ``resolve``; and the one-off cost of
building the matcher for a registry (regex compilation, shared by later registries
with the same content).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from partygraph.extract import read_document
from partygraph.resolve import Registry
from partygraph.subjects import about as S

STATEMENTS = Path(__file__).resolve().parents[2] / "data" / "statements"


def _per_doc(fn, docs, rounds: int) -> float:
    t0 = time.process_time()
    for _ in range(rounds):
        for d in docs:
            fn(d)
    return (time.process_time() - t0) / (rounds * len(docs)) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    paths = sorted(STATEMENTS.glob("*.txt"))
    t0 = time.process_time()
    docs = [read_document(p) for p in paths]
    extract = (time.process_time() - t0) / len(docs) * 1000
    reg = Registry.load()
    t0 = time.process_time()
    S._matcher(reg)
    build = (time.process_time() - t0) * 1000
    t0 = time.process_time()
    S._matcher(Registry.load())
    rebuild = (time.process_time() - t0) * 1000

    def lines(d):
        for p in [*d.signatories, *d.initiators]:
            reg.resolve_line(p)

    def subjects(d):
        ms = S.find_mentions(d, reg)
        S.find_subjects(d, reg, signers=(), mentions=ms)

    lines_ms = _per_doc(lines, docs, args.rounds)
    subjects_ms = _per_doc(subjects, docs, args.rounds)
    resolve_ms = _per_doc(reg.resolve, docs, args.rounds)
    chars = sum(len(d.text) + len(d.title or "") for d in docs) / len(docs)
    sigs = sum(len(d.signatories) for d in docs) / len(docs)
    print(f"{len(docs)} bundled statements, {chars:,.0f} chars and {sigs:.0f} list lines each")
    print(f"matcher build: {build:.0f} ms (first registry), {rebuild:.0f} ms (same content again)")
    print(f"extract:             {extract:.2f} ms/doc (first read)")
    print(f"signatory lines:     {lines_ms:.3f} ms/doc (warm)")
    print(f"subjects + mentions: {subjects_ms:.3f} ms/doc = {chars / subjects_ms / 1000:.1f} MB/s")
    print(f"Registry.resolve:    {resolve_ms:.3f} ms/doc (both)")


if __name__ == "__main__":
    main()
