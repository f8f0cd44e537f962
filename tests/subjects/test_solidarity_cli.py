"""``partygraph solidarity`` on an on-disk store built by the pipeline."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from partygraph.cli.solidarity import solidarity
from partygraph.network.solidarity import solidarity_network, strengths
from partygraph.pipeline import ingest_paths
from partygraph.resolve import Registry
from partygraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"


def test_solidarity_command_writes_files_and_summary(tmp_path):
    store = open_store(path=tmp_path / "store")
    try:
        ingest_paths(store, [STATEMENTS], Registry.load())  # subjects come with the pipeline
        g = solidarity_network(store)
    finally:
        store.close()
    # the command prints the library's ranking: in-strength, then node id
    top = min(strengths(g), key=lambda r: (-r["in_strength"], r["node"]))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        solidarity, ["--store", str(tmp_path / "store"), "--out", str(out), "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    receives = lines.index("receives most (in-strength):")
    assert lines[receives + 1].split() == [
        str(top["in_strength"]),
        *top["label"].split(),
        f"({top['kind']})",
    ]
    # North Korea: the 61 parties of the seed (62 lines, one printed twice)
    assert "    61  North Korea (country)" in lines[receives + 1 : receives + 4]
    assert "subjects bridging communities:" in lines
    for name in ("solidarity-edges.csv", "solidarity.gexf", "solidarity.graphml"):
        assert (out / name).is_file()
    with (out / "solidarity-edges.csv").open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert sum(1 for e in edges if e["target"] == "KP") == 61


def test_solidarity_help_has_an_example():
    result = CliRunner().invoke(solidarity, ["--help"])
    assert result.exit_code == 0 and "partygraph solidarity --out" in result.output


def test_extract_json_shows_the_seed_subjects():
    from partygraph.cli import main

    seed = STATEMENTS / "000_d09a13167ed8fed5.txt"
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(seed)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    doc = data[0] if isinstance(data, list) else data
    assert [(s["kind"], s["id"], s["rank"]) for s in doc["subjects"]] == [
        ("country", "KP", 1),
        ("party", "workers-party-of-korea", 2),
    ]
    assert [m["id"] for m in doc["mentions"]] == ["KP", "workers-party-of-korea", "US"]
    assert all(m["where"] in ("title", "headline", "body") for m in doc["mentions"])
