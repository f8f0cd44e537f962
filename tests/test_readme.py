"""The README's Python section runs as written, from an empty folder."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, "the Python section shows one code block"
    return blocks[0]


def test_readme_python_section_runs(tmp_path, monkeypatch):
    code = python_section()
    assert len(code.strip().splitlines()) == 5
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARTYGRAPH_HOME", raising=False)
    monkeypatch.delenv("PARTYGRAPH_STORE", raising=False)
    out = io.StringIO()
    scope: dict = {}
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), scope)
    scope["kg"].close()
    count, columns = out.getvalue().split(" ", 1)
    assert int(count) > 0 and "statement" in columns
    assert (tmp_path / "kg-store").is_dir()
