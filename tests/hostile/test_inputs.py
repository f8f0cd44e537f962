"""Hostile documents and odd files given to ``extract`` and ``ingest``: one line or a
result, within 1 s + 10 s per MB, never a traceback, a hang or a store half-changed
(issue 16, items 2, 3, 9 and 10)."""

from __future__ import annotations

import json
import os
import time

import pytest

from .conftest import SEED, cli, one_line_error


def _budget(size: int) -> float:
    return 1.0 + 10.0 * size / 1e6


HOSTILE = {
    "links.md": lambda: "[" * 500_000 + "](" * 500_000,
    "commas.txt": lambda: "Signed by: " + "KKE, " * 500_000,
    "and.txt": lambda: "Signed by: " + "KKE and " * 300_000,
    "attributes.html": lambda: (
        "<html><body><p "
        + " ".join(f"a{i}=x" for i in range(200_000))
        + ">Signed by: KKE</p></body></html>"
    ),
    "nested.html": lambda: "<html><body>" + "<div>" * 10_000 + "KKE" + "</div>" * 10_000,
    "line.txt": lambda: "Signed by: KKE\n" + "a " * 3_000_000,
    "heading.md": lambda: "# " + " " * 200_000 + "x\n\nSigned by: KKE\n",
    "rules.md": lambda: "-\n" * 200_000 + "x\n",
    "lines.txt": lambda: (
        "Signed by:\n" + "".join(f"{i}. Party {i} of Nowhere\n" for i in range(200_000))
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_is_read_in_linear_time(tmp_path, name):
    path = tmp_path / name
    path.write_text(HOSTILE[name](), "utf-8")
    size = path.stat().st_size
    start = time.monotonic()
    proc = cli("extract", "--format", "json", path, timeout=3 * _budget(size) + 15)
    elapsed = time.monotonic() - start
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr
    if proc.returncode == 1:
        one_line_error(proc, name)
    # the process start (imports, the registry) is about 2 s of it
    assert elapsed < _budget(size) + 3, f"{name}: {elapsed:.1f} s for {size:,} bytes"


def test_named_pipe_is_refused_unread(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    one_line_error(cli("extract", fifo, timeout=30), "pipe.txt", "named pipe")


def test_dev_zero_is_refused_unread(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    one_line_error(cli("extract", link, timeout=30), "zero.txt", "character device")


def test_sparse_gigabyte_is_refused_before_reading(tmp_path):
    sparse = tmp_path / "big.txt"
    with open(sparse, "wb") as f:
        f.truncate(1 << 30)
    start = time.monotonic()
    one_line_error(cli("extract", sparse, timeout=30), "big.txt", "too large", "1,073,741,824")
    assert time.monotonic() - start < 10


def test_signatory_lines_have_a_ceiling(tmp_path):
    doc = tmp_path / "many.txt"
    doc.write_text("Signed by:\n" + "".join(f"{i}. Party {i} of Nowhere\n" for i in range(1, 3001)))
    one_line_error(cli("extract", doc), "too many signatory lines", "2,000")
    proc = cli("extract", doc, env={"PARTYGRAPH_MAX_SIGNATORIES": "5000"}, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_size_limit_is_configurable(tmp_path):
    doc = tmp_path / "seed.txt"
    doc.write_bytes(SEED.read_bytes())
    one_line_error(
        cli("extract", doc, env={"PARTYGRAPH_MAX_DOCUMENT_BYTES": "1K"}), "too large", "1,024"
    )
    assert cli("extract", doc, env={"PARTYGRAPH_MAX_DOCUMENT_BYTES": "1M"}).returncode == 0
    one_line_error(
        cli("extract", doc, env={"PARTYGRAPH_MAX_DOCUMENT_BYTES": "lots"}),
        "PARTYGRAPH_MAX_DOCUMENT_BYTES",
    )


def test_symlink_loop_is_named_as_such(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    one_line_error(cli("extract", loop), "loop.txt", "symbolic links")
    one_line_error(cli("ingest", "--store", tmp_path / "st", loop), "loop.txt", "symbolic links")


def test_newline_in_a_file_name_stays_one_line(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"\x00\x01\x02" * 100)
    one_line_error(cli("extract", odd), "two\\nlines.txt")


def test_unreadable_file_for_extract_is_one_line(shared_dir):
    folder = shared_dir / "closed"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    folder.chmod(0o000)
    proc = cli("extract", folder / "a.txt", unprivileged=True)
    one_line_error(proc, "a.txt", "Permission denied")


def test_unreadable_folder_for_ingest_is_reported(shared_dir, store_copy):
    docs = shared_dir / "docs"
    (docs / "closed").mkdir(parents=True)
    (docs / "open.txt").write_bytes(SEED.read_bytes())
    (docs / "closed" / "a.txt").write_bytes(SEED.read_bytes())
    (docs / "closed").chmod(0o000)
    proc = cli("ingest", "--store", store_copy, docs, unprivileged=True)
    one_line_error(proc, "closed", "Permission denied")
    proc = cli("ingest", "--skip-errors", "--format", "json", "--store", store_copy, docs,
               unprivileged=True)  # fmt: skip
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "closed" in proc.stdout and "Permission denied" in proc.stdout


def test_file_name_that_is_not_utf8_is_refused_alone_and_named(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as f:
        f.write(SEED.read_bytes().replace(b"Athens", b"Athens."))
    one_line_error(cli("ingest", "--store", tmp_path / "st", folder), "caf\\xe9.txt", "UTF-8")
    one_line_error(cli("extract", os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt")), "UTF-8")
    proc = cli("ingest", "--skip-errors", "--format", "json", "--store", tmp_path / "st", folder)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    reports = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(proc.stdout)}
    assert reports["good.txt"]["status"] == "added"
    assert reports["caf\\xe9.txt"]["status"] == "error"
