"""``partygraph network`` and ``partygraph viz`` on an on-disk store holding the fixture."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURE = Path(__file__).with_name("fixture.trig")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    store_mod = pytest.importorskip("partygraph.store")
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("store") / "store"
    s = store_mod.EmbeddedStore(path)
    with FIXTURE.open("rb") as fh:
        s.oxigraph.load(fh, ox.RdfFormat.TRIG)
    s.close()
    return path


def _main():
    from partygraph.cli import main

    return main


def test_network_command_writes_outputs(store_dir, tmp_path):
    out = tmp_path / "net"
    res = CliRunner().invoke(
        _main(),
        ["network", "--store", str(store_dir), "--out", str(out), "--weighting", "count",
         "--meeting", "imcwp-13", "--compare-meeting", "imcwp-20"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.output.startswith("1 statements, 7 parties, 21 links;")
    assert "4 joined, 2 left" in res.output
    with (out / "edges.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 21 and {r["count"] for r in rows} == {"1"}
    assert (out / "diff.csv").is_file() and (out / "network.gexf").is_file()


def test_a_slice_writes_to_its_own_folder_by_default(store_dir, tmp_path, monkeypatch):
    """The README's comparison must not overwrite the whole store's out/network."""
    monkeypatch.chdir(tmp_path)
    args = ["network", "--store", str(store_dir), "--meeting", "imcwp-13"]
    res = CliRunner().invoke(_main(), [*args, "--compare-meeting", "imcwp-20"])
    assert res.exit_code == 0, res.output
    folder = Path("out/network-meeting-imcwp-13-vs-meeting-imcwp-20")
    assert (folder / "diff.csv").is_file() and not Path("out/network").exists()
    res = CliRunner().invoke(_main(), ["network", "--store", str(store_dir)])
    assert res.exit_code == 0 and Path("out/network/edges.csv").is_file()


def test_user_errors_exit_1_with_one_line(store_dir, tmp_path):
    res = CliRunner().invoke(
        _main(),
        ["network", "--store", str(store_dir), "--out", str(tmp_path), "--meeting", "nowhere"],
    )
    assert res.exit_code == 1
    assert "unknown meeting 'nowhere'" in res.output
    assert "Traceback" not in res.output
    res = CliRunner().invoke(
        _main(), ["network", "--store", str(store_dir), "--since", "2019", "--until", "2010"]
    )
    assert res.exit_code == 1 and "after --until" in res.output


def test_viz_command(store_dir, tmp_path):
    out = tmp_path / "viz"
    res = CliRunner().invoke(
        _main(), ["viz", "--store", str(store_dir), "--out", str(out), "--series", "imcwp"]
    )
    assert res.exit_code == 0, res.output
    assert (out / "network.html").is_file() and (out / "network.png").is_file()
    assert "3 statements, 11 parties" in res.output  # s1 (7), s2 (+cpb, pcc), s6 (+2)


def test_help_has_examples():
    for verb in ("network", "viz"):
        res = CliRunner().invoke(_main(), [verb, "--help"])
        assert res.exit_code == 0
        assert f"partygraph {verb} --out" in res.output


def test_bad_resolutions_is_a_user_error(store_dir, tmp_path):
    res = CliRunner().invoke(
        _main(), ["network", "--store", str(store_dir), "--resolutions", "1,abc"]
    )
    assert res.exit_code == 1 and "--resolutions" in res.output
