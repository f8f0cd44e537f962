"""Where ``export`` writes: never over a device or pipe, one line for every OS refusal,
no leftover temporary files (issue 16, items 1, 3 and 10)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from .conftest import PG, cli, cli_env, one_line_error


def _mknod_null(path) -> bool:
    """A character device like /dev/null at ``path`` (root only); False if not allowed."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        return False
    return True


def test_export_refuses_a_named_pipe(bundled_store_dir, tmp_path):
    fifo = tmp_path / "graph.ttl"
    os.mkfifo(fifo)
    proc = cli("export", "--store", bundled_store_dir, "-o", fifo, timeout=60)
    one_line_error(proc, "graph.ttl", "named pipe", "refusing")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_export_refuses_a_character_device(bundled_store_dir, tmp_path):
    dev = tmp_path / "null"
    if not _mknod_null(dev):
        pytest.skip("cannot make a device node here")
    proc = cli("export", "--store", bundled_store_dir, "-o", dev)
    one_line_error(proc, "character device")
    assert stat.S_ISCHR(os.stat(dev).st_mode)


def test_export_refuses_a_folder(bundled_store_dir, tmp_path):
    proc = cli("export", "--store", bundled_store_dir, "-o", tmp_path)
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr


def test_dash_is_stdout(bundled_store_dir, tmp_path):
    proc = cli(
        "export", "--store", bundled_store_dir, "--format", "ntriples", "-o", "-", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") > 100
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_full_device_is_one_line(bundled_store_dir):
    with open("/dev/full", "w") as full:
        proc = cli("export", "--store", bundled_store_dir, stdout=full)
    one_line_error(proc, "No space left on device")


def test_stats_to_a_full_device_is_one_line(bundled_store_dir):
    with open("/dev/full", "w") as full:
        proc = cli("stats", "--format", "json", "--store", bundled_store_dir, stdout=full)
    one_line_error(proc, "No space left on device")


def test_reader_closing_the_pipe_is_quiet(bundled_store_dir):
    cmd = subprocess.Popen(
        ["bash", "-c", f'"$@" --store "{bundled_store_dir}" | head -c 10', "sh", *PG, "export"],
        stdout=subprocess.DEVNULL,
        env=cli_env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    _, err = cmd.communicate(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_export_into_proc_is_one_line(bundled_store_dir):
    version = Path("/proc/version")
    before = version.read_text()
    proc = cli("export", "--store", bundled_store_dir, "-o", version)
    one_line_error(proc, "/proc")
    assert version.read_text() == before


def test_export_into_a_read_only_folder_is_one_line(store_copy, shared_dir):
    ro = shared_dir / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    proc = cli("export", "--store", store_copy, "-o", ro / "g.ttl", unprivileged=True)
    one_line_error(proc, "ro", "Permission denied")
    assert list(ro.iterdir()) == []


def test_leftover_part_files_of_dead_writers_are_removed(bundled_store_dir, tmp_path):
    target = tmp_path / "g.nt"
    dead = tmp_path / ".g.nt.999999999.x1.part"  # above any pid_max: nobody writes it
    live = tmp_path / f".g.nt.{os.getpid()}.x2.part"  # this test process is alive
    other = tmp_path / ".other.nt.999999999.x3.part"  # another target's: not ours to judge
    for p in (dead, live, other):
        p.write_bytes(b"half")
    proc = cli("export", "--store", bundled_store_dir, "--format", "ntriples", "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, live.name, other.name]
    )


def test_killed_export_leaves_nothing_after_the_next_run(bundled_store_dir, tmp_path):
    target = tmp_path / "g.trig"
    for _ in range(3):
        p = subprocess.Popen(
            [
                *PG,
                "export",
                "--store",
                str(bundled_store_dir),
                "--format",
                "trig",
                "-o",
                str(target),
            ],
            env=cli_env(),
        )
        p.kill()  # as early as it goes: maybe before, maybe while writing
        p.wait()
    (tmp_path / f".g.trig.{999999998}.zz.part").write_bytes(b"x" * 1000)
    proc = cli("export", "--store", bundled_store_dir, "--format", "trig", "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]
