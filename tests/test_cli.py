"""The command line as users meet it: real subprocesses, one-line errors, exit codes."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
import rdflib
from pg_testing import SEED, expected, run_cli
from rdflib.compare import isomorphic

FIELDS = ("title", "headline", "date", "publication_date", "place")


def test_extract_seed_matches_expected_facts():
    proc = run_cli("extract", "--format", "json", str(SEED))
    assert proc.returncode == 0, proc.stderr.decode()
    got = json.loads(proc.stdout)
    want = expected("seed")
    for field in FIELDS:
        assert got[field] == want[field], field
    for key, value in want["meeting"].items():
        assert got["meeting"][key] == value, f"meeting.{key}"
    assert [i["as_printed"].replace("’", "'") for i in got["initiators"]] == want["initiators"]
    assert [i["party_id"] for i in got["initiators"]] == [
        s["party_id"] for s in got["signatories"] if s["as_printed"] == "Hungarian Workers' Party"
    ]
    assert [(s["position"], s["as_printed"], s["country"]) for s in got["signatories"]] == [
        (s["position"], s["as_printed"], s["country"]) for s in want["signatories"]
    ]
    assert len({s["party_id"] for s in got["signatories"]}) == 61
    assert all(s["party_id"] for s in got["signatories"])
    assert any("Communist Party of The Peoples of Spain" in w for w in got["warnings"])


def test_extract_several_files_prints_an_array():
    other = SEED.parent / "ecm2011-resolution-on-belarus.txt"
    proc = run_cli("extract", "--format", "json", str(SEED), str(other))
    assert proc.returncode == 0, proc.stderr.decode()
    assert [d["source"] for d in json.loads(proc.stdout)] == [str(SEED), str(other)]


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n\t\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    folder = tmp_path / "nodocs"
    folder.mkdir()
    (folder / "table.csv").write_text("a,b\n", encoding="utf-8")
    return {
        "missing": tmp_path / "nope.txt",
        "empty": empty,
        "blank": blank,
        "binary": binary,
        "folder without documents": folder,
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "blank", "binary", "folder without documents"]
)
def test_bad_input_is_one_line_and_exit_1_and_store_unchanged(tmp_path, case):
    store = tmp_path / "store"
    ok = run_cli("ingest", "--store", str(store), "--format", "json", str(SEED))
    assert ok.returncode == 0, ok.stderr.decode()
    before = run_cli("stats", "--store", str(store), "--format", "json").stdout
    bad = _bad_inputs(tmp_path)[case]
    for verb in (["extract"], ["ingest", "--store", str(store)]):
        if verb == ["extract"] and case == "folder without documents":
            continue
        proc = run_cli(*verb, str(bad))
        err = proc.stderr.decode()
        assert proc.returncode == 1, (case, verb, err)
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err
        assert str(bad.name) in err
    assert run_cli("stats", "--store", str(store), "--format", "json").stdout == before


def test_non_utf8_document_is_decoded(tmp_path):
    doc = tmp_path / "cp1252.txt"
    doc.write_bytes(SEED.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    proc = run_cli("extract", "--format", "json", str(doc))
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(json.loads(proc.stdout)["signatories"]) == 62


def test_unknown_query_and_bad_param_are_one_line_errors(tmp_path):
    store = tmp_path / "store"
    run_cli("ingest", "--store", str(store), str(SEED))
    for args in (
        ("query", "--store", str(store), "no-such-query"),
        ("query", "--store", str(store), "party-statements", "--param", "party"),
        ("query", "--store", str(store), "party-statements", "--param", "party=no such party"),
        # a required parameter without a value is an error, not its example default
        ("query", "--store", str(store), "co-signers"),
    ):
        proc = run_cli(*args)
        err = proc.stderr.decode()
        assert proc.returncode == 1, (args, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


EXPORTS = {
    "turtle": ("turtle", "text/turtle"),
    "ntriples": ("nt", "application/n-triples"),
    "nquads": ("nquads", "application/n-quads"),
    "trig": ("trig", "application/trig"),
    "jsonld": ("json-ld", None),
    "jsonld --graphs": ("json-ld", None),
}


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_export_round_trips(bundled_store_dir, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt.split()[0]}"
    args = ["--format", *fmt.split()]
    proc = run_cli("export", "--store", str(bundled_store_dir), *args, "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    reference = rdflib.Dataset()
    nq = run_cli("export", "--store", str(bundled_store_dir), "--format", "nquads").stdout
    reference.parse(data=nq.decode(), format="nquads")
    rdflib_format, media = EXPORTS[fmt]
    parsed = rdflib.Dataset()
    parsed.parse(out, format=rdflib_format)
    if fmt in ("turtle", "ntriples", "jsonld"):  # graphs merged: compare the union
        union = rdflib.Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        got = rdflib.Graph()
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            got.add((s, p, o))
        assert isomorphic(union, got)
    else:
        assert _quads(parsed) == _quads(reference)
    if media:  # pyoxigraph reads it back too
        assert (
            len(
                list(
                    pyoxigraph.parse(
                        path=str(out), format=pyoxigraph.RdfFormat.from_media_type(media)
                    )
                )
            )
            > 1000
        )


def test_jsonld_loads_into_a_plain_graph_by_default(bundled_store_dir):
    """rdflib.Graph() sees nothing inside named graphs: the default JSON-LD is the union."""
    store = str(bundled_store_dir)
    stats = json.loads(run_cli("stats", "--store", store, "--format", "json").stdout)
    union = run_cli("export", "--store", store, "--format", "jsonld").stdout
    assert len(rdflib.Graph().parse(data=union, format="json-ld")) == stats["triples"]
    named = run_cli("export", "--store", store, "--format", "jsonld", "--graphs").stdout
    assert len(rdflib.Graph().parse(data=named, format="json-ld")) == 0
    proc = run_cli("export", "--store", store, "--format", "turtle", "--graphs")
    assert proc.returncode == 1 and b"holds one graph" in proc.stderr


def _quads(ds: rdflib.Dataset) -> set:
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in ds.quads()}


def test_validate_passes_on_bundled_graph(bundled_store_dir):
    proc = run_cli("validate", "--store", str(bundled_store_dir))
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def test_union_export_stats_and_validate_count_the_same_triples(bundled_store_dir):
    """A union is a set: a meeting described by several documents is written once."""
    store = str(bundled_store_dir)
    nt = run_cli("export", "--store", store, "--format", "ntriples").stdout.decode()
    lines = [line for line in nt.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))
    ttl = run_cli("export", "--store", store, "--format", "turtle").stdout
    in_turtle = len(list(pyoxigraph.parse(ttl, pyoxigraph.RdfFormat.TURTLE)))
    stats = json.loads(run_cli("stats", "--store", store, "--format", "json").stdout)
    report = run_cli("validate", "--store", store).stdout.decode()
    assert stats["quads"] > stats["triples"]  # the bundled meetings are described twice
    assert len(lines) == in_turtle == stats["triples"]
    assert f"in {stats['triples']} triples" in report
    # signing parties and the registry are counted apart
    assert 0 < stats["parties"] <= stats["registry_parties"] + 10


def test_ingest_lists_every_file_it_does_not_read_and_strict_refuses(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "page.xhtml").write_text("<html/>", encoding="utf-8")
    store = str(tmp_path / "store")
    proc = run_cli("ingest", "--store", store, "--format", "json", str(folder))
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "scan.pdf: not read: .pdf" in err and "page.xhtml: not read: .xhtml" in err
    report = {r["source"].rsplit("/", 1)[-1]: r for r in json.loads(proc.stdout)}
    assert report["scan.pdf"]["status"] == report["page.xhtml"]["status"] == "skipped"
    assert report["seed.txt"]["status"] == "added"
    strict = run_cli("ingest", "--store", str(tmp_path / "s2"), "--strict", str(folder))
    err = strict.stderr.decode()
    assert strict.returncode == 1 and len(err.strip().splitlines()) == 1, err
    assert "--strict" in err and not (tmp_path / "s2").exists()


def test_a_minimal_html_page_is_read_like_text_lines(tmp_path):
    """One <p> holding the whole statement, lines broken by <br> (issue 15)."""
    page = tmp_path / "min.html"
    page.write_text(
        "<html><body><p>Solidarity with the Cuban people<br>\nAthens, 12 March 2019<br>\n"
        "We, the undersigned parties, express our solidarity with the people of Cuba.<br>\n"
        "Communist Party of Greece<br>\nPortuguese Communist Party<br>\n"
        "Communist Party of Spain<br>\nTags: Cuba, Solidarity, Central</p></body></html>",
        encoding="utf-8",
    )
    got = json.loads(run_cli("extract", "--format", "json", str(page)).stdout)
    assert (got["title"], got["date"]) == ("Solidarity with the Cuban people", "2019-03-12")
    assert [s["match"] for s in got["signatories"]] == ["exact"] * 3  # no provisional "Central"
