"""Shared fixtures: the bundled data, fresh stores, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "data" / "statements"
EXPECTED = ROOT / "tests" / "expected"
SEED = STATEMENTS / "000_d09a13167ed8fed5.txt"


def expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None):
    """Run the real ``partygraph`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "partygraph.cli", *args],
        capture_output=True,
        cwd=cwd or ROOT,
        input=input,
        timeout=300,
    )


@pytest.fixture(scope="session")
def bundled_store_dir(tmp_path_factory) -> Path:
    """An embedded store built once from all bundled statements (do not modify it)."""
    from partygraph.pipeline import ingest_paths
    from partygraph.store import open_store

    path = tmp_path_factory.mktemp("bundled") / "store"
    store = open_store(path=path)
    try:
        ingest_paths(store, [STATEMENTS])
    finally:
        store.close()
    return path


@pytest.fixture()
def bundled_store(bundled_store_dir):
    from partygraph.store import open_store

    store = open_store(path=bundled_store_dir)
    yield store
    store.close()
