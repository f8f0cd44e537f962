"""``partygraph solidarity`` on an on-disk store built by the pipeline."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from partygraph.cli.solidarity import solidarity
from partygraph.extract import read_document
from partygraph.pipeline import ingest_paths
from partygraph.resolve import Registry
from partygraph.resolve.subjects import record_subject_quads
from partygraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = ROOT / "data" / "statements"
PG = "https://w3id.org/partygraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"
ID = "https://w3id.org/partygraph/id/"


def test_solidarity_command_writes_files_and_summary(tmp_path):
    registry = Registry.load()
    store = open_store(path=tmp_path / "store")
    try:
        ingest_paths(store, [STATEMENTS], registry)
        table = store.select(
            f"SELECT ?s ?sha WHERE {{ ?s <{PROV}wasDerivedFrom> ?src . ?src <{PG}sha256> ?sha }}"
        )
        by_sha = {str(sha): str(s) for s, sha in table.rows}
        quads = []
        for path in sorted(STATEMENTS.glob("*.txt")):
            r = read_document(path)
            quads += record_subject_quads(r, registry, by_sha[r.sha256], ID + "source/" + r.sha256)
        store.oxigraph.extend(quads)
    finally:
        store.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        solidarity, ["--store", str(tmp_path / "store"), "--out", str(out), "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    receives = lines.index("receives most (in-strength):")
    assert lines[receives + 1].split() == ["61", "North", "Korea", "(country)"]
    assert "subjects bridging communities:" in lines
    for name in ("solidarity-edges.csv", "solidarity.gexf", "solidarity.graphml"):
        assert (out / name).is_file()
    with (out / "solidarity-edges.csv").open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert sum(1 for e in edges if e["target"] == "KP") == 61


def test_solidarity_help_has_an_example():
    result = CliRunner().invoke(solidarity, ["--help"])
    assert result.exit_code == 0 and "partygraph solidarity --out" in result.output
