"""The package as a user meets it: Project, project folders, bundled data, file modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import partygraph
from partygraph import Project, paths
from partygraph.cli import main
from partygraph.errors import PartygraphError

SEED = paths.statements_dir() / "000_d09a13167ed8fed5.txt"


@pytest.fixture(autouse=True)
def _no_env_home(monkeypatch):
    monkeypatch.delenv("PARTYGRAPH_HOME", raising=False)
    monkeypatch.delenv("PARTYGRAPH_STORE", raising=False)


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_project_is_the_package_front_door():
    assert partygraph.Project is Project
    assert Project().home is None  # the checkout is no project folder: bundled data


def test_init_then_registry_edit_changes_the_project_only(tmp_path, monkeypatch):
    bundled = (paths.bundled_dir("registry") / "parties.csv").read_bytes()
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("init", "ws")
    assert code == 0 and "created ws/registry/" in out and "project folder ready" in out
    assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == [
        "partygraph.toml", "queries", "registry", "statements",
    ]  # fmt: skip
    monkeypatch.chdir(tmp_path / "ws")
    code, out, err = cli("registry", "add-alias", "akel", "A.K.E.L. (test)", "--why", "test")
    assert code == 0, err
    assert "A.K.E.L. (test)" in (tmp_path / "ws/registry/parties.csv").read_text()
    assert (paths.bundled_dir("registry") / "parties.csv").read_bytes() == bundled
    code, out, _ = cli("registry", "show", "A.K.E.L. (test)", "--format", "json")
    assert code == 0 and '"id": "akel"' in out  # reading verbs read the project's copy
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("--home", "ws", "registry", "show", "A.K.E.L. (test)", "--format", "json")
    assert code == 0 and '"id": "akel"' in out
    code, _, _ = cli("init", "ws")
    assert code == 1  # an existing project is never overwritten


def test_registry_edit_without_project_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("registry", "add-alias", "akel", "nope")
    assert code == 1
    assert err.count("\n") == 1 and "partygraph init" in err and "Traceback" not in err


def test_home_must_be_a_project_folder(tmp_path):
    code, _, err = cli("--home", str(tmp_path), "query", "--list")
    assert code == 1 and "no partygraph.toml" in err and err.count("\n") == 1


def test_project_queries_join_and_override_the_catalogue(tmp_path):
    kg, _ = Project.init(tmp_path / "ws")
    bundled = Project().catalogue.get("signatories")
    own = bundled.path.read_text(encoding="utf-8").replace(bundled.title, "My signatories")
    (kg.home / "queries" / "signatories.rq").write_text(own, encoding="utf-8")
    (kg.home / "queries" / "my-count.rq").write_text(
        "#+ title: Triples\n#+ summary: How many triples.\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    cat = Project(kg.home).catalogue
    assert cat.get("signatories").title == "My signatories"
    assert "my-count" in cat and len(cat) == len(Project().catalogue) + 1


@pytest.mark.parametrize("content", [None, b"", b"\x00binary"])
def test_failed_first_ingest_leaves_no_store(tmp_path, content):
    doc = tmp_path / "doc.txt"
    if content is not None:
        doc.write_bytes(content)
    store = tmp_path / "new" / "store"
    with Project(store=store) as kg, pytest.raises(PartygraphError):
        kg.ingest(doc)
    assert not (tmp_path / "new").exists()
    with Project(store=store) as kg:
        reports = kg.ingest(doc, skip_errors=True) if content is not None else []
    assert not (tmp_path / "new").exists(), [r.status for r in reports]


def test_failed_ingest_keeps_an_existing_store(tmp_path):
    with Project(store=tmp_path / "store") as kg:
        kg.ingest(SEED)
        with pytest.raises(PartygraphError):
            kg.ingest(tmp_path / "missing.txt")
        assert kg.stats()["statements"] == 1


def test_stats_says_when_nothing_was_ingested(tmp_path):
    (tmp_path / "store").mkdir()
    code, _, err = cli("stats", "--store", str(tmp_path / "store"))
    assert code == 0 and "nothing was ingested" in err


def test_written_files_have_the_umask_mode(tmp_path, monkeypatch):
    from partygraph.network.export import write_all

    monkeypatch.chdir(tmp_path)
    kg, _ = Project.init(tmp_path / "ws")
    old = os.umask(0o027)
    try:
        kg.ingest(SEED)
        kg.export("trig", tmp_path / "graph.trig")
        (tmp_path / "q.csv").write_text(kg.query("co-signers", party="KKE").to_csv())
        write_all(kg.network(), tmp_path / "network")
        code, _, err = cli("--home", "ws", "registry", "add-alias", "akel", "A.K.E.L. (mode)")
        assert code == 0, err
        kg.close()  # the embedded store has one writer: let the CLI open it
        code, _, err = cli("--home", "ws", "export", "--format", "turtle", "-o", "graph.ttl")
        assert code == 0, err
    finally:
        os.umask(old)
        kg.close()
    written = [
        tmp_path / "graph.trig",
        tmp_path / "graph.ttl",
        tmp_path / "ws/registry/parties.csv",
        tmp_path / "ws/registry/aliases-log.csv",
        *(tmp_path / "network").iterdir(),
    ]
    modes = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert set(modes.values()) == {"0o640"}, modes


def test_read_gives_the_extract_json():
    facts = Project().read(SEED)
    assert facts["date"] == "2018-11-25" and len(facts["signatories"]) > 60


def test_rows_offer_records_and_a_dataframe_only_with_pandas(tmp_path):
    with Project(store=tmp_path / "s") as kg:
        kg.ingest(SEED)
        rows = kg.query("signatories", title="korea", limit=3)
    assert len(rows) == 3 and next(iter(rows)).keys() == set(rows.columns)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(PartygraphError, match="pandas"):
            rows.to_dataframe()
    else:
        assert rows.to_dataframe().shape == (3, len(rows.columns))


def test_bundled_data_is_read_through_importlib_resources():
    for name in ("ontology", "registry", "statements", "queries"):
        assert paths.bundled_dir(name).is_dir(), name
    assert (paths.ontology_dir() / "shapes.ttl").is_file()
    assert Path(paths.__file__).parent.joinpath("_layout.py").is_file()


def test_stats_counts_signing_parties_and_the_registry_apart(tmp_path):
    with Project(store=tmp_path / "store") as kg:
        kg.ingest(SEED)
        stats = kg.stats()
    # the seed has 61 signing parties; the registry graph holds every registry party
    assert stats["parties"] == 61
    assert stats["registry_parties"] == len(kg.registry.parties()) > 100


def test_query_refuses_a_missing_required_parameter(tmp_path):
    with Project(store=tmp_path / "store") as kg:
        kg.ingest(SEED)
        with pytest.raises(PartygraphError, match="param party: required"):
            kg.query("co-signers")
        assert len(kg.query("co-signers", party="hungarian-workers-party")) > 10


@pytest.mark.parametrize(
    "verb", [["extract"], ["ingest"], ["stats"], ["query"], ["registry", "list"]]
)
def test_one_output_rule_in_every_help(verb):
    code, out, _ = cli(*verb, "--help")
    assert code == 0 and "table on a terminal" in " ".join(out.split())
