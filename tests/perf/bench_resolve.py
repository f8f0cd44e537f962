"""Benchmark of party resolution on generated statements (not collected by pytest).

Run: ``.venv/bin/python tests/perf/bench_resolve.py [--docs 2000] [--signatories 60]``

Times are CPU seconds of this process (one core), so that a busy machine does not
distort them. Each generated statement has N signatory lines drawn from the registry's
names, aliases and abbreviations in the shapes lists print (``Country - Party``, ``Party, Country``,
``Party (ABBR)``, ``CP of X``), with a share of spelling slips (fuzzy path) and of
unknown parties (provisional path). Three runs are reported:

* ``warm``: one registry for all documents (the ingest case: lines repeat across
  documents, so most lines hit the per-registry cache);
* ``cold``: a fresh registry per batch of documents, the cache cleared each document:
  every line goes through parsing, lookup and, where needed, fuzzy matching;
* ``load``: reading and indexing ``data/registry/``.
"""

from __future__ import annotations

import argparse
import random
import time

from partygraph.extract.model import PrintedParty, StatementRecord
from partygraph.resolve import Registry
from partygraph.resolve.gazetteer import country_name

UNKNOWN = [
    "Communist Party of Nepal",
    "Sudanese Communist Party",
    "Party of Labour",
    "Galician People's Union",
    "Communist Party of Bolivia",
    "Socialist Party of Zambia",
]


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) > 6]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1 :]  # drop one letter
    return " ".join(words)


def _line(rng: random.Random, reg: Registry) -> PrintedParty:
    p = rng.choice(reg.parties())
    roll = rng.random()
    forms = [p.name, *p.aliases]
    name = rng.choice(forms)
    country = country_name(p.country) if p.country else None
    if roll < 0.05:
        text = rng.choice(UNKNOWN)
    elif roll < 0.10:
        text = _typo(rng, p.name)
    elif roll < 0.25 and country:
        text = f"{country} - {name}"
    elif roll < 0.40 and country:
        text = f"{name}, {country}"
    elif roll < 0.50 and p.abbreviation:
        text = f"{name} ({p.abbreviation})"
    else:
        text = name
    return PrintedParty(0, text, text)


def generate(n_docs: int, n_sigs: int, seed: int = 7) -> list[StatementRecord]:
    rng = random.Random(seed)
    reg = Registry.load()
    docs = []
    for d in range(n_docs):
        sigs = []
        for i in range(1, n_sigs + 1):
            p = _line(rng, reg)
            sigs.append(PrintedParty(i, p.as_printed, p.name))
        docs.append(StatementRecord(source=f"gen-{d}.txt", sha256=f"{d:064x}", signatories=sigs))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--signatories", type=int, default=60)
    args = ap.parse_args()

    t0 = time.process_time()
    for _ in range(5):
        Registry.load()
    load = (time.process_time() - t0) / 5

    docs = generate(args.docs, args.signatories)
    lines = sum(len(d.signatories) for d in docs)

    reg = Registry.load()
    t0 = time.process_time()
    matches: dict[str, int] = {}
    for d in docs:
        for r in reg.resolve(d).signatories:
            matches[r.match] = matches.get(r.match, 0) + 1
    warm = time.process_time() - t0

    cold_docs = docs[: max(1, min(len(docs), 200))]
    cold_lines = sum(len(d.signatories) for d in cold_docs)
    reg = Registry.load()
    t0 = time.process_time()
    for d in cold_docs:
        reg._cache.clear()  # every line through the full path
        reg.resolve(d)
    cold = time.process_time() - t0

    print(f"registry load + index: {load * 1000:.1f} ms ({len(reg.parties())} parties)")
    print(
        f"warm: {len(docs)} docs x {args.signatories} lines in {warm:.2f} s = "
        f"{len(docs) / warm:,.0f} docs/s, {lines / warm:,.0f} lines/s"
    )
    print(
        f"cold: {len(cold_docs)} docs in {cold:.2f} s = {len(cold_docs) / cold:,.0f} docs/s, "
        f"{cold_lines / cold:,.0f} lines/s (no cache)"
    )
    share = ", ".join(f"{k} {v / lines:.1%}" for k, v in sorted(matches.items()))
    print(f"matches: {share}")


if __name__ == "__main__":
    main()
