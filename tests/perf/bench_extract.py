"""Benchmark of the statement reader (extraction only; a script, not a pytest test).

Generates statements of 60 signatories in several shapes (numbered, bulleted, plain
lines, one per paragraph, ``Country - Party``, Markdown, HTML), reads each with
:func:`partygraph.extract.read_bytes` and reports documents per second on one core,
by shape and overall. CPU time of this process is reported beside wall time because the
machine may be shared.

Usage::

    .venv/bin/python tests/perf/bench_extract.py [--docs 2000] [--signatories 60]
"""

from __future__ import annotations

import argparse
import random
import time

from partygraph.extract import read_bytes
from partygraph.extract.countries import country_names

PARTY_FORMS = [
    "Communist Party of {c}",
    "Workers' Party of {c}",
    "New Communist Party of {c}",
    "Socialist Party of {c} ({a})",
    "Party of Labour, {c}",
    "Communist Party of {c} [{c}]",
    "{a}, {c}",
    "People's Progressive Party ({c})",
    "Union of Communists of {c}",
    "Communist Party (Marxist) of {c}",
]
BODY = (
    "We, participants in the {n}th International Meeting of Communist and Workers' Parties "
    "held in {city} on {d1}-{d2} November {y}, express our full solidarity with the "
    "working people of {c} and condemn the imperialist interference in its affairs.\n\n"
    "We demand an end to the sanctions, the withdrawal of foreign troops and respect for "
    "international law, and we call on all progressive forces to intensify their struggle.\n\n"
)


def make_doc(rng: random.Random, shape: str, n: int) -> tuple[bytes, str]:
    countries = [name for name, _ in country_names() if name.isascii() and " " not in name]
    picks = rng.sample(countries, n)
    names = []
    for c in picks:
        form = rng.choice(PARTY_FORMS)
        names.append(form.format(c=c, a="".join(w[0] for w in c.split()).upper() + "P"))
    head = (
        f"Tuesday, {rng.randint(1, 28)} December {rng.randint(2000, 2024)}\n\n"
        f"Statement of solidarity with the people of {rng.choice(picks)}\n\n"
        + BODY.format(
            n=rng.randint(5, 25), city="Athens", d1=23, d2=25, y=2018, c=rng.choice(picks)
        )
        + f"November {rng.randint(1, 28)}th {rng.randint(2000, 2024)}\nAthens\n\n"
    )
    if shape == "numbered":
        body = "Signed by:\n\n" + "".join(f"  {i}. {x}\n" for i, x in enumerate(names, 1))
    elif shape == "bullets":
        body = "The Parties:\n\n" + "".join(f"• {x}\n" for x in names)
    elif shape == "plain":
        body = "".join(f"{x}\n" for x in names)
    elif shape == "paragraphs":
        body = "".join(f"{x}\n\n" for x in names)
    elif shape == "country-first":
        body = "Signatories:\n" + "".join(f"{c} - {x}\n" for c, x in zip(picks, names, strict=True))
    elif shape == "markdown":
        return (
            ("# " + head + "## Signed by\n\n" + "".join(f"* **{x}**\n" for x in names)).encode(),
            "doc.md",
        )
    elif shape == "html":
        items = "".join(f"<li>{x}</li>" for x in names)
        paras = "".join(f"<p>{p}</p>" for p in head.split("\n\n") if p.strip())
        page = (
            "<html><head><title>Statement</title></head><body><nav><ul><li>Home</li></ul>"
            f"</nav><article>{paras}<p>Signed by:</p><ol>{items}</ol></article>"
            "<footer>Share this</footer></body></html>"
        )
        return page.encode(), "doc.html"
    else:
        raise ValueError(shape)
    tail = "\nNo comments:\n\nPost a Comment\n"
    return (head + body + tail).encode(), "doc.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="documents per run (default 2000)")
    ap.add_argument("--signatories", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    shapes = ["numbered", "bullets", "plain", "paragraphs", "country-first", "markdown", "html"]
    docs = [make_doc(rng, shapes[i % len(shapes)], a.signatories) for i in range(a.docs)]
    # correctness guard: every document yields its list
    for data, name in docs[: len(shapes)]:
        got = len(read_bytes(data, name).signatories)
        assert got == a.signatories, (name, got)
    print(f"extraction benchmark: {a.docs} documents of {a.signatories} signatories")
    # pass 1 meets every line for the first time; pass 2 reads the same corpus again, as
    # when party names recur across statements (lines are classified once per content)
    for label in ("pass 1 (cold)", "pass 2 (warm)"):
        per_shape: dict[str, list[float]] = {s: [0.0, 0.0, 0] for s in shapes}
        t0, c0 = time.perf_counter(), time.process_time()
        for i, (data, name) in enumerate(docs):
            w, c = time.perf_counter(), time.process_time()
            read_bytes(data, name)
            st = per_shape[shapes[i % len(shapes)]]
            st[0] += time.perf_counter() - w
            st[1] += time.process_time() - c
            st[2] += 1
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f" {label}")
        for s, (w, c, n) in per_shape.items():
            print(f"  {s:14s} {n / w:8.0f} docs/s wall  {n / c:8.0f} docs/s cpu")
        print(f"  {'all':14s} {a.docs / wall:8.0f} docs/s wall  {a.docs / cpu:8.0f} docs/s cpu")


if __name__ == "__main__":
    main()
