"""``partygraph link`` and ``partygraph registry review-links`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from partygraph.cli import main
from partygraph.link.identifiers import qids, read_identifiers
from partygraph.link.review import read_log

pytestmark = pytest.mark.server


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_link_review_accept_reject_undo(
    wikidata_server: str, registry_copy: Path, tmp_path: Path
) -> None:
    reg = str(registry_copy)
    code, out, err = run(
        "link", "wikidata", "--endpoint", wikidata_server, "--registry", reg,
        "--cache", str(tmp_path / "cache"), "--store", str(tmp_path / "no-store"),
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("3 linked, 2 to review") and "no store" in err
    code, out, _ = run("registry", "--registry", reg, "review-links", "--format", "json")
    pending = json.loads(out)
    assert {(r["party"], r["qid"]) for r in pending} >= {
        ("communist-party-of-britain", "Q900000002")
    }

    # the decoy is rejected, then the rejection undone, then accepted, then undone
    cpb = ("communist-party-of-britain", "Q900000002")
    assert (
        run("registry", "--registry", reg, "review-links", "reject", *cpb, "--why", "1920-91")[0]
        == 0
    )
    code, _, err = run("registry", "--registry", reg, "review-links", "reject", *cpb)
    assert code == 0
    assert run("registry", "--registry", reg, "review-links", "undo", *cpb)[0] == 0
    assert run("registry", "--registry", reg, "review-links", "accept", *cpb, "--who", "t")[0] == 0
    assert qids(read_identifiers(registry_copy))["communist-party-of-britain"] == "Q900000002"
    assert run("registry", "--registry", reg, "review-links", "undo", *cpb)[1].startswith(
        "undid accept"
    )
    assert "communist-party-of-britain" not in qids(read_identifiers(registry_copy))
    actions = [r["action"] for r in read_log(registry_copy) if r["registry_id"] == cpb[0]]
    assert actions == ["reject", "reject", "undo", "accept", "undo"]


def test_review_errors_are_one_line(registry_copy: Path) -> None:
    reg = str(registry_copy)
    code, _, err = run("registry", "--registry", reg, "review-links", "accept", "nobody", "Q1")
    assert code == 1 and err.count("\n") == 1 and "no registry party has the id 'nobody'" in err
    code, _, err = run("registry", "--registry", reg, "review-links", "accept", "akel", "Q192406")
    assert code == 1 and "akel is linked to Q212158; undo that first" in err
    code, _, err = run(
        "registry",
        "--registry",
        reg,
        "review-links",
        "accept",
        "communist-party-of-britain",
        "Q212158",
    )
    assert code == 1 and "Q212158 is already linked to akel" in err
    code, _, err = run("registry", "--registry", reg, "review-links", "undo", "akel", "Q212158")
    assert code == 1 and "no accepted or rejected link" in err


def test_link_offline_is_one_line(registry_copy: Path, tmp_path: Path) -> None:
    from servers import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    code, _, err = run(
        "link", "wikidata", "--endpoint", url, "--registry", str(registry_copy),
        "--cache", str(tmp_path / "c"), "--store", str(tmp_path / "s"),
    )  # fmt: skip
    assert code == 1 and f"cannot reach the SPARQL endpoint {url}" in err
    assert err.strip().count("\n") == 1  # the store note, then the error


def test_link_import(tmp_path: Path, registry_copy: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("registry_id,parlgov_id,source\nakel,572,ParlGov\n", encoding="utf-8")
    code, out, err = run(
        "link", "import", str(table), "--registry", str(registry_copy), "--retrieved", "2026-12-01"
    )
    assert code == 0, err
    assert out.startswith("1 identifiers of 1 parties")
    akel = {i.scheme: i for i in read_identifiers(registry_copy) if i.registry_id == "akel"}
    assert (akel["parlgov"].source, akel["parlgov"].retrieved) == ("ParlGov", "2026-12-01")
    assert akel["wikidata"].value == "Q212158"  # other schemes kept
