"""Helpers shared by the top-level tests (imported by name: conftest modules clash)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
