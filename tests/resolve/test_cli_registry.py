"""The ``partygraph registry`` verbs, through click and once through a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from partygraph.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_has_examples():
    for verb in ["list", "show", "suggest", "add-alias", "remove-alias", "merge", "unmerge"]:
        code, out, _ = run("registry", verb, "--help")
        assert code == 0
        assert "Example" in out and f"partygraph registry {verb}" in out


def test_list_formats():
    code, out, _ = run("registry", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 187  # 189 rows, 2 merged away
    assert {"id", "name", "abbreviation", "country", "aliases"} == set(rows[0])
    code, out, _ = run("registry", "list", "--country", "DK", "--format", "csv")
    assert code == 0
    ids = [r["id"] for r in csv.DictReader(io.StringIO(out))]
    assert ids == [
        "communist-party-in-denmark",
        "communist-party-of-denmark",
        "workers-communist-party-of-denmark-apk",
    ]
    code, out, _ = run("registry", "list", "--country", "none", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == [
        "communist-party-of-the-soviet-union",
        "orc-congo-icor",
        "ucp-cpsu",
    ]
    code, out, _ = run("registry", "list", "--search", "tudeh", "--format", "table")
    assert code == 0 and "Tudeh Party of Iran" in out and "1 parties" in out


def test_show():
    code, out, _ = run("registry", "show", "CP of Britain", "--format", "json")
    assert code == 0
    info = json.loads(out)
    assert info["id"] == "communist-party-of-britain"
    assert info["iri"] == "https://w3id.org/partygraph/id/party/communist-party-of-britain"
    assert info["distinct_from"] == ["new-communist-party-of-britain"]
    assert "000_d09a13167ed8fed5.txt" in info["source"]
    code, out, _ = run("registry", "show", "akel", "--format", "table")
    assert code == 0 and "Progressive Party of the Working People" in out


def test_unknown_party_is_one_line_exit_1():
    code, _, err = run("registry", "show", "no such party")
    assert code == 1
    assert err.count("\n") == 1 and "no registry party matches 'no such party'" in err
    code, _, err = run("registry", "--registry", "/nonexistent/registry", "list")
    assert code == 1 and "registry folder not found" in err


def test_suggest_reports_evidence_and_skips_distinct_pairs():
    code, out, _ = run("registry", "suggest", "--format", "json")
    assert code == 0
    pairs = json.loads(out)
    keys = {frozenset((p["a"], p["b"])) for p in pairs}
    assert frozenset(("communist-party-of-denmark", "communist-party-in-denmark")) not in keys
    assert all(p["evidence"] for p in pairs)
    # the Italian party renamed in 2016 is a real candidate worth a review
    assert frozenset(("italian-communist-party", "party-of-the-italian-communists")) in keys


def test_edit_verbs_round_trip_on_a_copy(registry_copy: Path):
    base = ["registry", "--registry", str(registry_copy)]
    before = {p.name: p.read_bytes() for p in registry_copy.glob("*.csv")}
    code, out, err = run(
        *base, "add-alias", "KKE", "Kommunistiko Komma", "--who", "t", "--why", "test"
    )
    assert code == 0, err
    assert "added alias" in out
    code, out, _ = run(*base, "show", "Kommunistiko Komma", "--format", "json")
    assert json.loads(out)["id"] == "communist-party-of-greece"
    code, _, err = run(*base, "add-alias", "KKE", "CP of Britain")
    assert code == 1 and "already names communist-party-of-britain" in err
    assert run(*base, "remove-alias", "KKE", "Kommunistiko Komma")[0] == 0

    code, out, err = run(
        *base, "merge", "romanian-socialist-party", "communist-party-of-romania", "--why", "test"
    )
    assert code == 0, err
    assert "unmerge communist-party-of-romania" in out
    code, out, _ = run(*base, "show", "Communist Party of Rumania", "--format", "json")
    info = json.loads(out)
    assert info["id"] == "romanian-socialist-party"
    assert info["merged_parties"] == ["communist-party-of-romania"]
    code, _, err = run(*base, "merge", "communist-party-of-denmark", "communist-party-in-denmark")
    assert code == 1 and "distinct.csv" in err
    assert run(*base, "unmerge", "communist-party-of-romania")[0] == 0
    code, out, _ = run(*base, "show", "Communist Party of Rumania", "--format", "json")
    assert json.loads(out)["id"] == "communist-party-of-romania"
    after = {p.name: p.read_bytes() for p in registry_copy.glob("*.csv")}
    assert after["parties.csv"] == before["parties.csv"]
    assert after["distinct.csv"] == before["distinct.csv"]
    added = len(after["merges.csv"].splitlines()) - len(before["merges.csv"].splitlines())
    assert added == 2  # merge, unmerge


def test_registry_list_in_a_real_process(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "partygraph.cli", "registry", "show", "PADS", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["country"] == "DZ"
    proc = subprocess.run(
        [sys.executable, "-m", "partygraph.cli", "registry", "show", "nothing at all"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr


def test_add_a_party_and_read_the_log(registry_copy: Path):
    base = ["registry", "--registry", str(registry_copy)]
    line = "Communist Party of Nepal"
    code, out, err = run(
        *base,
        "add",
        line,
        "--country",
        "np",
        "--alias",
        "CP Nepal",
        "--source",
        "x.txt",
        "--who",
        "t",
        "--why",
        "seen in x.txt",
    )
    assert code == 0, err
    assert "added communist-party-of-nepal (Communist Party of Nepal, NP)" in out
    code, out, _ = run(*base, "show", "CP Nepal", "--format", "json")
    info = json.loads(out)
    assert (info["id"], info["country"], info["source"]) == (
        "communist-party-of-nepal",
        "NP",
        "x.txt",
    )
    code, _, err = run(*base, "add", "Communist Party of Greece")
    assert code == 1 and "already resolves to communist-party-of-greece" in err
    code, _, err = run(*base, "add", "Some Party", "--country", "XX")
    assert code == 1 and "ISO 3166-1" in err
    code, _, err = run(*base, "add", "Some Party", "--id", "akel")
    assert code == 1 and "is taken" in err
    run(*base, "merge", "romanian-socialist-party", "communist-party-of-romania", "--who", "t")
    code, out, _ = run(*base, "log", "--format", "json")
    log = json.loads(out)
    assert [(r["action"], r["party"]) for r in log][-2:] == [
        ("add-party", "communist-party-of-nepal"),
        ("merge", "communist-party-of-romania"),
    ]
