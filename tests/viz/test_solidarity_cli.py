"""``partygraph solidarity`` and ``partygraph viz`` write the solidarity drawings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from partygraph.cli.network import viz
from partygraph.cli.solidarity import solidarity
from partygraph.pipeline import ingest_paths
from partygraph.store import open_store

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    store = open_store(path=path)
    try:
        ingest_paths(store, [SEED])
    finally:
        store.close()
    return path


def _nodes_in(page: Path) -> int:
    m = re.search(r'id="graph-data">(.*?)</script>', page.read_text("utf-8"), re.S)
    assert m
    return m.group(1).count('"kind": ')


def test_solidarity_command_draws(seed_store_path, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(solidarity, ["--store", str(seed_store_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("solidarity.html", "solidarity.png", "solidarity.svg"):
        assert (out / name).is_file(), name
        assert f"wrote {out / name}" in result.output
    assert _nodes_in(out / "solidarity.html") == 62
    # no co-signature page in this folder: no switch pointing to one
    assert 'id="views"' not in (out / "solidarity.html").read_text("utf-8")

    bare = tmp_path / "bare"
    result = CliRunner().invoke(
        solidarity, ["--store", str(seed_store_path), "--out", str(bare), "--no-draw"]
    )
    assert result.exit_code == 0, result.output
    assert (bare / "solidarity-edges.csv").is_file() and not (bare / "solidarity.html").exists()


def test_viz_command_writes_both_linked_views(seed_store_path, tmp_path):
    out = tmp_path / "viz"
    result = CliRunner().invoke(viz, ["--store", str(seed_store_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "solidarity: 62 nodes, 121 edges" in result.output
    network = (out / "network.html").read_text("utf-8")
    assert '<a href="solidarity.html">' in network
    assert '<a href="network.html">' in (out / "solidarity.html").read_text("utf-8")
    assert (out / "solidarity-by-community.png").is_file()


def test_help_shows_the_drawing_options():
    help_text = CliRunner().invoke(solidarity, ["--help"]).output
    assert "--no-draw" in help_text and "solidarity.html" in help_text
    assert "--no-solidarity" in CliRunner().invoke(viz, ["--help"]).output
