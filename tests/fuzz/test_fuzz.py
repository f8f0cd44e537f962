"""The fast subset of the fuzz harness (the big run is ``tests/fuzz/run.py``, by hand).

Hypothesis feeds the reader in-process; the generated families and the odd files go
through worker processes (a hang is killed, not waited for) and the real command line.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partygraph.errors import PartygraphError
from partygraph.extract import read_bytes

from .cases import generate, odd_files
from .run import run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# pieces that steer the parsers into their corners: markup, Markdown, signature lists
TOKENS = st.sampled_from(
    ["<div>", "</div>", "<p a=1 b=2>", "<!--", "-->", "<script>", "</script>", "[", "](",
     "*", "_", "`", "\n", "\n\n", "1. ", "- ", "> ", "Signed by: ", "KKE", ", ", " and ",
     "Communist Party of ", "Greece", "&amp;", "&#0;", "\u2028", "\x00", "\ufeff", "é"]
)  # fmt: skip


def _read(data: bytes, name: str) -> None:
    try:
        read_bytes(data, name)
    except PartygraphError as e:
        assert "\n" not in str(e)


@FAST
@given(st.binary(max_size=4000), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_random_bytes_are_read_or_refused(data, name):
    _read(data, name)


@FAST
@given(st.lists(TOKENS, max_size=400), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_markup_soup_is_read_or_refused(tokens, name):
    _read("".join(tokens).encode("utf-8"), name)


@FAST
@given(st.lists(TOKENS, max_size=200), st.sampled_from(["utf-16", "cp1251", "latin-1", "gb18030"]))
def test_encodings_are_read_or_refused(tokens, encoding):
    _read("".join(tokens).encode(encoding, errors="replace"), "a.txt")


def test_generated_cases_and_batches():
    """Every family, a few ingest batches: no traceback, no hang, no store changed."""
    figures = run(count=45, batches=6, seed=16)
    assert figures["failures"] == 0, figures["failure_details"]
    assert sum(figures["verdicts"].values()) == 45 + 6


def test_generator_is_reproducible():
    a = [(c.name, c.data) for c in generate(3, 20)]
    assert a == [(c.name, c.data) for c in generate(3, 20)]
    assert {c.kind for c in generate(3, 20)} >= {"deep-html", "random-bytes", "every-encoding"}


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYGRAPH_")}
    env["PYTHONPATH"] = os.path.join(ROOT, "src")
    return subprocess.run(
        [sys.executable, "-m", "partygraph.cli", *args],
        capture_output=True,
        text=True,
        errors="replace",
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    "kind", ["named-pipe", "symlink-loop", "dangling-link", "dev-zero", "folder", "sparse-1GiB"]
)
def test_odd_files_are_one_line_for_extract(tmp_path, kind):
    path = odd_files(tmp_path)[kind]
    proc = _cli("extract", "--format", "json", str(path))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("partygraph: error: "), proc.stderr
    assert path.name in lines[0]
