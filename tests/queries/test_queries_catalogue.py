"""The catalogue itself: every header parses, parameters match the body, grlc can read it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from partygraph.errors import PartygraphError
from partygraph.queries import PARAM_TYPES, Catalogue, parse_query
from partygraph.queries.catalogue import body_variables, load_query_file, split_header
from partygraph.store.embedded import EmbeddedStore

QUERIES = Path(__file__).resolve().parents[2] / "queries"
FILES = sorted(QUERIES.glob("*.rq"))


def test_at_least_fifteen_queries(catalogue):
    assert len(FILES) >= 15
    assert len(catalogue) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_parses_and_declares_every_parameter(path: Path):
    text = path.read_text(encoding="utf-8")
    head, body = split_header(text)
    header = yaml.safe_load(head)
    for key in ("title", "summary", "description", "tags", "defaultView"):
        assert header.get(key), f"{path.name}: header lacks {key}"
    q = parse_query(text, path.stem, path)
    assert body_variables(body) == {p.variable[1:] for p in q.params}
    for p in q.params:
        assert p.type in PARAM_TYPES and p.description
        # a required parameter has a default, so that run_all and grlc can run it
        assert not p.required or p.default is not None, f"{path.name}: {p.name}"
    # the body uses no GRAPH clause except for provenance questions
    if "provenance" not in q.tags:
        assert not re.search(r"\bGRAPH\b", body)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_grlc_header_keys(path: Path):
    """grlc reads summary/description/tags/defaults/...; its defaults must name our params."""
    q = load_query_file(path)
    for entry in q.header.get("defaults") or []:
        assert isinstance(entry, dict) and len(entry) == 1
        [(name, value)] = entry.items()
        assert q.param(name) is not None, f"{path.name}: grlc default for unknown {name}"
        assert str(value)  # a concrete value grlc can pre-fill
    # grlc takes the first line of the summary as the API operation's summary
    assert "\n" not in q.summary


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_valid_sparql_on_an_empty_store(path: Path, catalogue):
    """Every query parses and runs (optional parameters unbound, required at defaults)."""
    from partygraph.queries import example_params, run_query

    q = catalogue.get(path.stem)
    params = {p.name: p.default for p in q.params if p.required}
    if any(p.type == "party" for p in q.params if p.required):
        params = {k: "party/kke" if q.param(k).type == "party" else v for k, v in params.items()}
    table = run_query(EmbeddedStore(), q, params)
    assert table.rows == [] or path.stem in ("party-profile",)
    assert not any(c.startswith("_") for c in table.columns)
    assert example_params(q).keys() <= {p.name for p in q.params}


def test_readme_lists_every_query(catalogue):
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for name in catalogue.names():
        assert re.search(rf"`{re.escape(name)}`", readme), name


@pytest.mark.parametrize(
    "text, message",
    [
        ("SELECT * {}", "no '#+' header"),
        ("#+ title: [unclosed\nSELECT * {}", "not valid YAML"),
        ("#+ summary: s\nSELECT * {}", "header has no 'title'"),
        ("#+ title: t\n#+ summary: s\n#+ colour: red\nSELECT * {}", "unknown header keys"),
        (
            "#+ title: t\n#+ summary: s\n#+ params:\n#+   - {name: x, type: float}\nSELECT ?_x {}",
            "type 'float'",
        ),
        (
            "#+ title: t\n#+ summary: s\n#+ params:\n#+   - {name: x}\nSELECT * {}",
            "?_x is not used",
        ),
        ("#+ title: t\n#+ summary: s\nSELECT ?_y {}", "?_y is used"),
        ("#+ title: t\n#+ summary: s\n#+ defaultView: Pie\nSELECT * {}", "defaultView 'Pie'"),
        ("#+ title: t\n#+ summary: s\n#+ pagination: 0\nSELECT * {}", "header 'pagination'"),
        (
            "#+ title: t\n#+ summary: s\n#+ params:\n"
            "#+   - {name: x, required: yes please}\nSELECT ?_x {}",
            "true or false",
        ),
    ],
)
def test_bad_headers_are_one_clear_error(text, message):
    with pytest.raises(PartygraphError) as e:
        parse_query(text, "bad")
    assert message in str(e.value) and str(e.value).startswith("bad.rq")


def test_variables_in_strings_and_comments_are_not_parameters():
    q = parse_query(
        "#+ title: t\n#+ summary: s\n"
        'SELECT ?s WHERE { ?s ?p "?_fake" . # ?_nope\n ?s ?q <http://e/?_x> }',
        "q",
    )
    assert q.params == ()


def test_query_files_by_path(tmp_path, catalogue):
    f = tmp_path / "mine.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    assert catalogue.find(str(f)).sparql.startswith("SELECT")
    g = tmp_path / "bad.rq"
    g.write_text("SELECT ?_x WHERE { ?s ?p ?_x }", encoding="utf-8")
    with pytest.raises(PartygraphError, match="no '#\\+ params:' header"):
        catalogue.find(str(g))
    with pytest.raises(PartygraphError, match=r"no saved query named 'co-signer'.*co-signers"):
        catalogue.find("co-signer")


def test_catalogue_from_another_folder(tmp_path):
    (tmp_path / "one.rq").write_text("#+ title: One\n#+ summary: s\nASK {}\n", encoding="utf-8")
    assert Catalogue.load(tmp_path).names() == ["one"]
    with pytest.raises(PartygraphError, match="not found"):
        Catalogue.load(tmp_path / "missing")


def test_the_readme_example_of_pages_that_count_statements_runs(bundled_store):
    """queries/README.md's SPARQL example pages by statements, as it says."""
    from partygraph.queries.run import Page, page_key, paged_text

    text = (QUERIES / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```sparql\n(.*?)```", text, re.S)
    key = page_key(example)
    assert key and key.variables == ("statement",)
    prefixes = (
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    )
    every = bundled_store.select(prefixes + example)
    page = bundled_store.select(prefixes + paged_text(example, 2, 1))
    first = Page.of(page, 2, 1, key=key)
    statements = list(dict.fromkeys(row[0] for row in every.rows))
    assert len(statements) > 2 and first.more
    assert first.rows == [row for row in every.rows if row[0] in statements[:2]]
