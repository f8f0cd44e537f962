"""Resolution of every signatory name the shared corpus prints, scored like score-corpus.

``corpus_names.csv`` (beside this file) lists each printed name with the document that
prints it and the real party it denotes (from ``shared/corpus/entities.json``). Every
name goes through :meth:`Registry.resolve_line` twice: as extraction would hand it over
when it could not split the line (``name == as_printed``), and split by
:func:`partygraph.resolve.lines.parse_line`. Then, over all names of all documents:
countries right, false merges (one party id collecting two real parties) and splits (one
real party over several ids); names of ``low`` confidence are left out, as score-corpus
does.

Run ``.venv/bin/python tests/resolve/corpus_check.py [-v]`` to print the numbers.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from partygraph.extract.model import PrintedParty
from partygraph.resolve import Registry
from partygraph.resolve.lines import parse_line

NAMES = Path(__file__).with_name("corpus_names.csv")


def rows() -> list[dict[str, str]]:
    """The rows of ``corpus_names.csv`` (comment lines skipped)."""
    text = NAMES.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@dataclass
class Report:
    """What :func:`check` counts."""

    names: int = 0
    countries_right: int = 0
    countries_all: int = 0
    new: int = 0
    merges: dict[str, list[str]] = field(default_factory=dict)
    splits: dict[str, list[str]] = field(default_factory=dict)
    wrong_country: list[str] = field(default_factory=list)

    @property
    def merge_count(self) -> int:
        return sum(len(v) - 1 for v in self.merges.values())

    @property
    def split_count(self) -> int:
        return sum(len(v) - 1 for v in self.splits.values())

    def summary(self) -> str:
        return (
            f"names {self.names}: countries right {self.countries_right}/{self.countries_all}, "
            f"false merges {self.merge_count}, splits {self.split_count}, "
            f"provisional {self.new}"
        )


def _printed(row: dict[str, str], split: bool) -> PrintedParty:
    line = row["as_printed"]
    if not split:
        return PrintedParty(int(row["position"]), line, line)
    p = parse_line(line)
    return PrintedParty(
        int(row["position"]),
        line,
        p.name or line,
        country=p.country,
        abbreviation=p.abbreviations[0] if p.abbreviations else None,
    )


def check(registry: Registry, split: bool = False) -> Report:
    """Resolve every corpus name with one registry and count as score-corpus does."""
    report = Report()
    by_id: dict[str, set[str]] = {}
    by_party: dict[str, set[str]] = {}
    for row in rows():
        if row["confidence"] == "low":
            continue
        report.names += 1
        r, _ = registry.resolve_line(_printed(row, split))
        report.new += r.match == "new"
        if row["country"]:
            report.countries_all += 1
            if (r.party.country or "") == row["country"]:
                report.countries_right += 1
            else:
                report.wrong_country.append(
                    f"{row['as_printed']!r} -> {r.party.id} ({r.party.country}), "
                    f"expected {row['country']}"
                )
        by_id.setdefault(r.party.id, set()).add(row["party"])
        by_party.setdefault(row["party"], set()).add(r.party.id)
    report.merges = {i: sorted(v) for i, v in by_id.items() if len(v) > 1}
    report.splits = {p: sorted(v) for p, v in by_party.items() if len(v) > 1}
    return report


def main(argv: list[str]) -> None:
    for split in (False, True):
        report = check(Registry.load(), split=split)
        print(("split lines: " if split else "whole lines: ") + report.summary())
        if "-v" in argv:
            for pid, parties in report.merges.items():
                print(f"  merge {pid}: {parties}")
            for party, ids in report.splits.items():
                print(f"  split {party}: {ids}")
            for line in report.wrong_country:
                print(f"  country {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
