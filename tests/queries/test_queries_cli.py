"""``partygraph query``: listing, describing, running with typed parameters, errors."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from partygraph.cli import main
from partygraph.store.embedded import EmbeddedStore

from .conftest import fixture_graphs

ID = "https://w3id.org/partygraph/id/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("query-cli") / "store"
    store = EmbeddedStore(path)
    store.replace_graphs(fixture_graphs())
    store.close()
    return path


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list(catalogue):
    r = invoke("query", "--list", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert [x["name"] for x in rows] == catalogue.names()
    profile = next(x for x in rows if x["name"] == "party-profile")
    assert profile == {
        "name": "party-profile",
        "title": "Party profile",
        "parameters": "party:party*",
    }
    table = invoke("query", "--list", "--format", "table").stdout
    assert "co-signers" in table and "Top co-signers of a party" in table


def test_describe():
    r = invoke("query", "co-signers", "--describe")
    assert r.exit_code == 0
    assert r.stdout.startswith("co-signers: Top co-signers of a party")
    assert "party (party, required, default KKE)" in r.stdout
    assert "SELECT ?partner" in r.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_run_in_every_format(fmt, store_dir):
    r = invoke("query", "co-signers", "-p", "party=KKE", "--param", "min=3", "--store",
               str(store_dir), "--format", fmt)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    if fmt == "json":
        rows = json.loads(out)
        assert [x["shared"] for x in rows] == [4, 3, 3]
        assert rows[0]["partner"] == ID + "party/portuguese-communist-party"
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == ["partner", "partnerName", "country", "shared", "share"]
        assert rows[1] == [ID + "party/portuguese-communist-party", "Portuguese Communist Party",
                           "PT", "4", "0.8"]  # fmt: skip
        assert len(rows) == 4
    else:
        assert "Portuguese Communist Party" in out and "Top co-signers of a party" in out


def test_limit_and_query_files(store_dir, tmp_path):
    r = invoke(
        "query", "signatories", "--limit", "2", "--store", str(store_dir), "--format", "json"
    )
    assert len(json.loads(r.stdout)) == 2
    f = tmp_path / "count.rq"
    f.write_text(
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a pg:Statement }"
    )
    r = invoke("query", str(f), "--store", str(store_dir), "--format", "csv")
    assert r.stdout == "n\n5\n"


def test_pages(store_dir, tmp_path):
    f = tmp_path / "statements.rq"
    f.write_text(
        "#+ title: Statements\n#+ summary: Every statement.\n#+ pagination: 2\n"
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
        "SELECT ?s WHERE { ?s a pg:Statement } ORDER BY ?s"
    )

    def rows(*args):
        r = invoke("query", str(f), "--store", str(store_dir), "--format", "csv", *args)
        assert r.exit_code == 0, r.stderr
        return r.stdout.splitlines()[1:], r.stderr

    first, told = rows()
    assert len(first) == 2
    assert "page 1 of a paged query (2 rows a page); --page 2 for more, --all for every row" in told
    last, told = rows("--page", "3")
    assert len(last) == 1 and told == ""
    every, _ = rows("--all")
    assert every == first + rows("--page", "2")[0] + last
    assert rows("--page", "2", "--limit", "1")[0] == every[2:3]
    r = invoke("query", str(f), "--store", str(store_dir), "--page", "2", "--all")
    assert r.exit_code == 2 and "--page N or --all, not both" in r.stderr
    described = invoke("query", str(f), "--describe").stdout
    assert "pages: 2 rows a page" in described


def test_ask_construct_and_describe_files(store_dir, tmp_path):
    prefix = "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
    ask = tmp_path / "any.rq"
    ask.write_text(prefix + "ASK { ?s a pg:Statement }")
    r = invoke("query", str(ask), "--store", str(store_dir))
    assert (r.exit_code, r.stdout) == (0, "true\n")
    ask.write_text(prefix + "ASK { ?s a pg:Nothing }")
    assert invoke("query", str(ask), "--store", str(store_dir), "--format", "json").stdout == (
        "false\n"
    )
    graph = tmp_path / "graph.rq"
    graph.write_text(prefix + "CONSTRUCT { ?s a pg:Statement } WHERE { ?s a pg:Statement }")
    r = invoke("query", str(graph), "--store", str(store_dir))
    assert r.exit_code == 0 and "@prefix pg:" in r.stdout
    assert len(list(ox.parse(r.stdout.encode(), ox.RdfFormat.TURTLE))) == 5
    r = invoke("query", str(graph), "--store", str(store_dir), "--format", "ntriples")
    assert len(r.stdout.splitlines()) == 5
    r = invoke("query", str(graph), "--store", str(store_dir), "--format", "jsonld")
    assert len(list(ox.parse(r.stdout.encode(), ox.RdfFormat.JSON_LD))) == 5
    describe = tmp_path / "describe.rq"
    describe.write_text(prefix + "DESCRIBE ?s WHERE { ?s a pg:Statement }")
    r = invoke("query", str(describe), "--store", str(store_dir), "--format", "ntriples")
    assert r.exit_code == 0 and f"<{ID}statement/" in r.stdout
    r = invoke("query", "statements", "--store", str(store_dir), "--format", "turtle")
    assert r.exit_code == 1 and "a SELECT gives csv, tsv or json" in r.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], "no saved query named 'nope'"),
        (
            ["co-signers", "-p", "party=Communist Party of Atlantis"],
            "param party: unknown or ambiguous party",
        ),
        (["statements", "-p", "since=2018-02-30"], "param since: not a real day: '2018-02-30'"),
        (["statements", "-p", "since=yesterday"], "param since: expected a date YYYY-MM-DD"),
        (["meetings-by-year", "-p", "year=MMXVIII"], "param year: expected an integer"),
        (["parties-by-country", "-p", "country=Narnia"], "param country: unknown country 'Narnia'"),
        (
            ["statements", "-p", "sinse=2018-01-01"],
            "param sinse: no such parameter (expected: since, until)",
        ),
        (["statements", "-p", "since"], "--param: expected NAME=VALUE"),
        (
            ["signatories", "-p", "statement=statement/x> } ; DROP ALL ; #"],
            "param statement: not a valid IRI",
        ),
        (["missing.rq"], "missing.rq: query file not found"),
        # a value that names nothing is not an empty answer (issue 15)
        (
            ["meeting-statements", "-p", "meeting=meeting/imcwp-99"],
            "param meeting: nothing in the graph is called 'meeting/imcwp-99' (closest: meeting/",
        ),
    ],
)
def test_user_errors_are_one_line_and_exit_1(args, message, store_dir):
    r = invoke("query", *args, "--store", str(store_dir))
    assert r.exit_code == 1
    assert message in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_required_parameter_without_default(store_dir, tmp_path):
    f = tmp_path / "need.rq"
    f.write_text(
        "#+ title: Need\n#+ summary: needs a party\n#+ params:\n"
        "#+   - {name: party, type: party, required: true, description: whose}\n"
        "SELECT ?s WHERE { ?s ?p ?o FILTER(STR(?o) = STR(?_party)) }\n"
    )
    r = invoke("query", str(f), "--store", str(store_dir))
    assert r.exit_code == 1
    assert "need.rq: param party: required (party: whose); give party=VALUE" in r.stderr


def test_usage_error_without_a_name():
    r = invoke("query")
    assert r.exit_code == 2 and "give a query NAME" in r.stderr


def test_dataframe(fixture_store, catalogue):
    from partygraph.errors import PartygraphError
    from partygraph.queries import run_query, to_dataframe

    table = run_query(fixture_store, catalogue.get("statements-per-year"), {})
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(PartygraphError, match="pandas is not installed"):
            to_dataframe(table)
        return
    df = to_dataframe(table)
    assert list(df.columns) == ["year", "statements", "signatures", "parties", "newParties"]
    assert df["statements"].tolist() == [1, 1, 2]
