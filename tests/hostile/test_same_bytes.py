"""The same bytes under several paths: one document that records every path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partygraph import Project
from partygraph.errors import PartygraphError
from partygraph.pipeline import IngestReport

from .conftest import ROOT, cli

STATEMENTS = ROOT / "data" / "statements"
ONE = STATEMENTS / "000_d09a13167ed8fed5.txt"
TWO = STATEMENTS / "13imcwp-solidarity-with-palestinian-people.txt"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # paths are recorded relative to the current folder
    (tmp_path / "docs").mkdir()
    return tmp_path


def _project(folder: Path) -> Project:
    return Project(store=folder / "store")


def _by_source(reports: list[IngestReport]) -> dict[str, IngestReport]:
    return {r.source: r for r in reports}


def _paths(project: Project) -> dict[str, tuple[str, int]]:
    """sha256 -> (first path, number of paths), from the saved query ``sources``."""
    return {r["sha256"]: (r["path"], r["paths"]) for r in project.query("sources").records()}


def test_a_copy_is_reported_as_the_same_content_and_keeps_both_paths(folder):
    shutil.copy(ONE, "docs/a.txt")
    with _project(folder) as project:
        [first] = project.ingest("docs/a.txt")
        shutil.copy(ONE, "docs/b.txt")
        reports = _by_source(project.ingest("docs"))
        assert first.status == "added"
        assert reports["docs/a.txt"].status == "unchanged"
        assert reports["docs/b.txt"].status == "duplicate"
        assert reports["docs/b.txt"].same_as == "docs/a.txt"
        assert _paths(project) == {first.sha256: ("docs/a.txt", 2)}
        assert project.stats()["statements"] == 1
        # ingesting both again changes nothing
        again = _by_source(project.ingest("docs"))
        assert {r.status for r in again.values()} == {"unchanged"}


def test_copies_in_one_run_are_one_document(folder):
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(ONE, f"docs/{name}")
    shutil.copy(TWO, "docs/d.txt")
    with _project(folder) as project:
        reports = _by_source(project.ingest("docs"))
        assert [reports[f"docs/{n}.txt"].status for n in "abcd"] == [
            "added",
            "duplicate",
            "duplicate",
            "added",
        ]
        assert reports["docs/c.txt"].same_as == "docs/a.txt"
        assert project.stats()["statements"] == 2
        assert sorted(n for _, n in _paths(project).values()) == [1, 3]


def test_removing_one_path_keeps_the_document_until_its_last_path(folder):
    shutil.copy(ONE, "docs/a.txt")
    shutil.copy(ONE, "docs/b.txt")
    with _project(folder) as project:
        project.ingest("docs")
        first = project.remove("docs/a.txt")
        assert not first.dropped and first.remaining == ["docs/b.txt"]
        assert project.stats()["statements"] == 1
        with pytest.raises(PartygraphError, match="no ingested document"):
            project.remove("docs/a.txt")
        last = project.remove("docs/b.txt")
        assert last.dropped and last.graph == first.graph
        assert project.stats()["statements"] == 0


def test_removing_by_sha_drops_every_path(folder):
    shutil.copy(ONE, "docs/a.txt")
    shutil.copy(ONE, "docs/b.txt")
    with _project(folder) as project:
        [report, _] = project.ingest("docs")
        assert project.remove(report.sha256).dropped
        assert project.stats()["statements"] == 0


def test_a_path_that_changes_leaves_the_shared_document_to_the_other_path(folder):
    shutil.copy(ONE, "docs/a.txt")
    shutil.copy(ONE, "docs/b.txt")
    with _project(folder) as project:
        [a, _] = project.ingest("docs")
        shutil.copy(TWO, "docs/a.txt")
        reports = _by_source(project.ingest("docs"))
        assert reports["docs/a.txt"].status == "replaced"
        paths = _paths(project)
        assert paths[a.sha256] == ("docs/b.txt", 1)
        assert paths[reports["docs/a.txt"].sha256] == ("docs/a.txt", 1)
        assert project.stats()["statements"] == 2


def test_two_paths_that_swap_contents_keep_both_documents(folder):
    shutil.copy(ONE, "docs/a.txt")
    shutil.copy(TWO, "docs/b.txt")
    with _project(folder) as project:
        before = {r.source: r.sha256 for r in project.ingest("docs")}
        shutil.copy(TWO, "docs/a.txt")
        shutil.copy(ONE, "docs/b.txt")
        reports = _by_source(project.ingest("docs"))
        assert {r.status for r in reports.values()} == {"duplicate"}
        assert _paths(project) == {
            before["docs/a.txt"]: ("docs/b.txt", 1),
            before["docs/b.txt"]: ("docs/a.txt", 1),
        }
        assert project.validate().conforms


def test_cli_names_the_first_path_and_what_remove_kept(folder):
    shutil.copy(ONE, "docs/a.txt")
    assert cli("ingest", "docs/a.txt", "--store", "store", cwd=folder).returncode == 0
    shutil.copy(ONE, "docs/b.txt")
    r = cli("ingest", "docs/b.txt", "--store", "store", "--format", "table", cwd=folder)
    assert r.returncode == 0, r.stderr
    assert "duplicate: same content as docs/a.txt" in r.stdout
    r = cli("remove", "docs/a.txt", "--store", "store", cwd=folder)
    assert r.returncode == 0, r.stderr
    assert (
        "removed the path docs/a.txt;" in r.stdout and "also ingested from docs/b.txt" in r.stdout
    )
