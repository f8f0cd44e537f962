"""``partygraph serve`` as a user runs it: a real process on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import urllib.request

from click.testing import CliRunner

from partygraph.cli import main


def test_serve_starts_answers_and_stops(store_dir):
    proc = subprocess.Popen(
        [sys.executable, "-m", "partygraph.cli", "serve", "--store", str(store_dir),
         "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), proc.stderr.read()
        url = line.split()[1]
        with urllib.request.urlopen(url + "sparql?query=ASK%7B%7D", timeout=20) as r:
            assert r.status == 200 and b'"boolean": true' in r.read()
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_without_a_store_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"partygraph: error: {tmp_path / 'none'}: no store here: run 'partygraph ingest PATH' "
        "first, or give --store / --endpoint"
    ]
