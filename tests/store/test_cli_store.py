"""``partygraph export``, ``remove`` and ``stats`` through the real command line entry point."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from servers import free_port

from partygraph.cli import main
from partygraph.store import EmbeddedStore
from partygraph.store.summaries import SUMMARY_GRAPH

from .dataset import ID, graphs


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    s = EmbeddedStore(path)
    s.replace_graphs(graphs())
    s.close()
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_stats_json(store_dir):
    r = run("stats", "--format", "json", "--store", store_dir)
    assert r.exit_code == 0, r.output
    counts = json.loads(r.output)
    assert counts["statements"] == 3 and counts["parties"] == 6 and counts["graphs"] == 4
    assert counts["signatures"] == 10 and counts["meetings"] == 2


def test_stats_table(store_dir):
    r = run("stats", "--store", store_dir)
    assert r.exit_code == 0
    assert "statements" in r.output and "signatures" in r.output


def test_export_to_file_and_stdout(store_dir, tmp_path):
    out = tmp_path / "g.trig"
    r = run("export", "--format", "trig", "-o", out, "--store", store_dir)
    assert r.exit_code == 0, r.output
    read = list(ox.parse(path=out, format=ox.RdfFormat.TRIG))
    # every graph, the derived summaries in their own graph beside the documents'
    documents = [q for q in read if q.graph_name.value != SUMMARY_GRAPH]
    assert len(documents) == sum(len(q) for q in graphs().values()) < len(read)
    r = run("export", "--format", "nquads", "--store", store_dir)
    assert r.exit_code == 0
    assert r.stdout_bytes.count(b"\n") == len(read)


@pytest.mark.parametrize(
    "how",
    ["path", "sha", "iri"],
)
def test_remove_one_document(store_dir, how):
    sha = f"{1:064x}"
    source = {
        "path": "data/statements/lisbon-2008.txt",
        "sha": sha,
        "iri": f"{ID}source/{sha}",
    }[how]
    r = run("remove", source, "--store", store_dir)
    assert r.exit_code == 0, r.output
    counts = json.loads(run("stats", "--format", "json", "--store", store_dir).output)
    assert counts["statements"] == 2 and counts["graphs"] == 3


def test_remove_unknown_source_is_one_line_error(store_dir):
    r = CliRunner().invoke(main, ["remove", "nope.txt", "--store", str(store_dir)])
    assert r.exit_code == 1
    assert r.stderr.strip().count("\n") == 0 and "nope.txt" in r.stderr
    # the registry graph cannot be removed this way
    r = CliRunner().invoke(main, ["remove", ID + "graph/registry", "--store", str(store_dir)])
    assert r.exit_code == 1


def test_export_from_a_down_server_is_one_line_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    out = tmp_path / "g.ttl"
    r = CliRunner().invoke(
        main, ["export", "-o", str(out), "--endpoint", url, "--profile", "oxigraph"]
    )
    assert r.exit_code == 1
    assert url in r.stderr and "\n" not in r.stderr.strip()
    assert not out.exists()
