"""Hostile input and faults: real processes, real devices, a real server behind a proxy.

Tests that need a permission error run the command as ``nobody`` when the suite runs as
root (root reads and writes everything), in a world-writable temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pg_testing import ROOT, SEED  # noqa: F401 - for the test modules
from servers import oxigraph_server  # noqa: F401

NOBODY = 65534
#: the command line of the real ``partygraph`` in this interpreter
PG = [sys.executable, "-m", "partygraph.cli"]


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without ``PARTYGRAPH_*``, with this checkout's sources."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYGRAPH_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    env.update(extra or {})
    return env


def cli(
    *args: str | Path,
    cwd: Path | None = None,
    stdout: int | object = subprocess.PIPE,
    unprivileged: bool = False,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run the real ``partygraph`` command; as ``nobody`` when ``unprivileged`` and root."""
    cmd = [*PG, *map(str, args)]
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    return subprocess.run(
        cmd,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=cli_env(env),
        timeout=timeout,
        text=True,
        errors="replace",
    )


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    """Assert: exit 1, one line on stderr starting ``partygraph: error:`` with ``words``."""
    err = proc.stderr
    assert proc.returncode == 1, (proc.returncode, err[-2000:])
    assert "Traceback" not in err, err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("partygraph: error: "), err
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder ``nobody`` can work in (pytest's own temporary folders are 0700)."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no way to meet a permission error")
    path = Path(tempfile.mkdtemp(prefix="pg-hostile-"))
    path.chmod(0o777)
    try:
        yield path
    finally:
        for p in path.rglob("*"):  # make everything removable again
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o777)
        shutil.rmtree(path)


@pytest.fixture
def store_copy(bundled_store_dir, shared_dir) -> Path:
    """A copy of the bundled store that ``nobody`` may open."""
    path = shared_dir / "store"
    shutil.copytree(bundled_store_dir, path)
    for p in [path, *path.rglob("*")]:
        p.chmod(0o777 if p.is_dir() else 0o666)
    return path
