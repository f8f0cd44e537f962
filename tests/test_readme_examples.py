"""The README's command examples run, and print what the README shows (issue 15).

Every ``$ partygraph ...`` line of a ``console`` block in README.md runs against the
demo's store, from a scratch project folder that sees the checkout's ``data/`` (so
registry edits never touch the checkout), with its standard output on a terminal 100
columns wide: what a newcomer sees. Output lines shown under a command must appear in
what it prints (``...`` skips lines, ``…`` stands for any text; in JSON, every shown
``"key": value`` pair must be in the real output). The demo's own promises are checked
here too: the ``out/`` files the README lists, and their modes.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import stat
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WIDTH = 100
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def console_examples(text: str | None = None) -> list[tuple[str, list[str]]]:
    """(command line, shown output lines) for each ``$ partygraph`` line of the README."""
    text = README.read_text(encoding="utf-8") if text is None else text
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        lines = block.splitlines()
        n = 0
        while n < len(lines):
            line = lines[n]
            n += 1
            if not line.startswith("$ "):
                continue
            command = line[2:]
            while command.rstrip().endswith("\\") and n < len(lines):
                command = command.rstrip()[:-1] + " " + lines[n].strip()
                n += 1
            shown = []
            while n < len(lines) and not lines[n].startswith("$ "):
                if lines[n].strip():
                    shown.append(lines[n])
                n += 1
            examples.append((command, shown))
    return examples


def _argv(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    assert words[0] == "partygraph", command
    return words[1:]


def run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run partygraph with stdout on a pseudo-terminal of WIDTH columns."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, WIDTH, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "partygraph.cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, err = proc.communicate(timeout=300)
    os.close(master)
    out = _ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")
    return proc.returncode, out, err.decode("utf-8", "replace")


_BOX = str.maketrans(dict.fromkeys("│┃┏━┳┓┡╇┩└┴┘─┌┬┐├┼┤╭╮╰╯", " "))


def _norm(line: str) -> str:
    """A line without table borders, its spaces collapsed."""
    return " ".join(line.translate(_BOX).split())


def _line_matches(shown: str, printed: list[str]) -> bool:
    pattern = ".*".join(re.escape(_norm(part)) for part in shown.split("…"))
    return any(re.search(pattern, _norm(p)) for p in printed)


def _json_pairs(shown: list[str]) -> list[tuple[str, str]]:
    text = "\n".join(shown)
    return re.findall(r'"(\w+)": ("(?:[^"\\…]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)', text)


def _flat_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def check_output(command: str, shown: list[str], out: str) -> list[str]:
    """The shown lines that the real output lacks."""
    shown = [s for s in shown if _norm(s) not in ("...", "…")]
    if not shown:
        return []
    if shown[0].lstrip().startswith(("{", "[")):
        flat = _flat_json(json.loads(out))
        return [f'"{k}": {v}' for k, v in _json_pairs(shown) if f'"{k}": {v}' not in flat]
    printed = out.splitlines()
    return [s for s in shown if not _line_matches(s, printed)]


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory) -> Path:
    """``partygraph demo --out out`` under umask 027, from a scratch folder."""
    where = tmp_path_factory.mktemp("demo")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("PARTYGRAPH_HOME", None)
    env.pop("PARTYGRAPH_STORE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "partygraph.cli", "demo", "--out", "out"],
        cwd=where,
        env=env,
        capture_output=True,
        preexec_fn=lambda: os.umask(0o027),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return where / "out"


@pytest.fixture(scope="module")
def tour(tmp_path_factory) -> dict[str, tuple[int, str, str]]:
    """Every README example, run in the README's order (its ``ingest`` builds the store)
    from a fresh project folder that sees the checkout's ``data/``."""
    ws = tmp_path_factory.mktemp("ws") / "ws"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "COLUMNS": str(WIDTH)}
    env.pop("PARTYGRAPH_HOME", None)
    env.pop("PARTYGRAPH_STORE", None)
    subprocess.run(
        [sys.executable, "-m", "partygraph.cli", "init", str(ws)], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    (ws / "data").symlink_to(ROOT / "data")
    # the README's "any SPARQL file"
    (ws / "my-question.rq").write_text(
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\nASK { ?statement a pg:Statement }\n",
        encoding="utf-8",
    )
    return {command: run_on_terminal(_argv(command), ws, env) for command, _ in EXAMPLES}


EXAMPLES = console_examples()


def test_the_readme_has_console_examples():
    assert len(EXAMPLES) >= 15
    assert all(_argv(c) for c, _ in EXAMPLES)


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_command_runs_and_prints_what_is_shown(tour, command, shown):
    code, out, err = tour[command]
    assert code == 0, f"{command}\n{err}"
    assert "Traceback" not in err
    missing = check_output(command, shown, out)
    assert not missing, f"{command}: not printed:\n" + "\n".join(missing) + "\n--- got:\n" + out


def test_terminal_tables_fit_100_columns(tour):
    for command, (_, out, _) in tour.items():
        if "--format" not in command and "│" in out:  # a table
            assert max(len(line) for line in out.splitlines()) <= WIDTH, command


def _listed_files(section: str) -> dict[str, set[str]]:
    """README's 'What lands in out/' table: folder -> the file names it lists."""
    listed: dict[str, set[str]] = {}
    for row in re.findall(r"^\| `out/(\w+)/` \| (.*) \|$", section, re.MULTILINE):
        folder, what = row
        names = set()
        for item in re.findall(r"`([^`]+)`", what):
            stem, _, exts = item.partition(".")
            for ext in exts.split("/."):
                names.add(f"{stem}.{ext}" if ext else stem)
        listed[folder] = names
    return listed


def test_readme_lists_every_file_of_the_demo(demo_out):
    text = README.read_text(encoding="utf-8")
    section = text.split("## What lands in `out/`", 1)[1].split("\n## ", 1)[0]
    listed = _listed_files(section)
    for folder in ("network", "solidarity", "viz"):
        on_disk = {p.name for p in (demo_out / folder).iterdir()}
        assert listed[folder] == on_disk, folder
    for name in re.findall(r"^\| `out/([\w.-]+)`", section, re.MULTILINE):
        assert (demo_out / name).exists(), name


def test_demo_files_get_the_umask_mode(demo_out):
    modes = {
        str(p.relative_to(demo_out)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in demo_out.rglob("*")
        if p.is_file() and "store" not in p.relative_to(demo_out).parts
    }
    assert modes["ingest-report.json"] == modes["validation.txt"] == "0o640"
    assert set(modes.values()) == {"0o640"}, modes


def test_readme_names_nothing_a_reader_cannot_see():
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"SPEC section|issue \d", text, re.IGNORECASE)


def test_make_demo_says_how_to_get_partygraph_on_the_path():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0]
    assert ". $(VENV)/bin/activate" in recipe and "$(BIN)/partygraph" in recipe
    assert ". .venv/bin/activate" in README.read_text(encoding="utf-8")
