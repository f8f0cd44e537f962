"""Each page type in-process: HTML assertions, content negotiation, escaping, search."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from partygraph.cli import main
from partygraph.serve.html import json_island

from .conftest import EVIL_NAME, get, network_page

KKE = "/id/party/communist-party-of-greece"
KOREA = "/id/statement/solidarity-with-the-korean-people-aaaa1111"
HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"


def html_of(app, target: str) -> str:
    r = get(app, target, accept=HTML)
    assert r.status == 200, r.text[:300]
    assert r.content_type.startswith("text/html")
    return r.text


def test_home_says_what_the_graph_holds(app):
    page = html_of(app, "/")
    assert re.search(r"<li>5 statements</li>", page) is None  # 5 + the evil one
    assert "<li>6 statements</li>" in page and "parties</li>" in page
    for path in ("/sparql", "/queries", "/network", "/search"):
        assert f'href="{path}"' in page
    assert 'href="/id/meeting/imcwp-20"' in page and 'href="/id/country/GR"' in page


def test_party_page(app):
    page = html_of(app, KKE)
    assert "<h1>Communist Party of Greece" in page
    assert 'href="/id/country/GR">Greece</a>' in page
    assert "Kommounistiko Komma Elladas" in page
    assert "Statements signed (6)" in page and "<h3>2018 <small>(2)</small></h3>" in page
    assert 'href="/id/party/portuguese-communist-party">Portuguese Communist Party</a>' in page
    assert 'href="/network#search=KKE"' in page
    assert f'href="{KKE}.ttl"' in page and f'href="{KKE}.csv"' in page


def test_statement_page_lists_signatories_in_printed_order(app):
    page = html_of(app, KOREA)
    printed = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td>", page)
    assert [int(p) for p, _ in printed] == list(range(1, 8))
    assert printed[5][1] == "Hungarian Workers’ Party"
    assert "duplicate signatory" in page  # the source's warning
    assert 'href="/id/source/aaaa1111' in page and "korea.txt" in page
    assert 'href="/id/meeting/imcwp-20"' in page


def test_meeting_and_country_pages(app):
    page = html_of(app, "/id/meeting/imcwp-20")
    assert "Statements (2)" in page and KOREA in page
    assert "Participants (" in page
    page = html_of(app, "/id/country/GB")
    assert "Parties (2)" in page and "New Communist Party of Britain" in page


@pytest.mark.parametrize(
    "target,accept,ctype,fmt",
    [
        (KKE, "*/*", "text/turtle", ox.RdfFormat.TURTLE),
        (KKE, None, "text/turtle", ox.RdfFormat.TURTLE),
        (KKE, "application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        (KKE, "application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        (KKE + ".ttl", HTML, "text/turtle", ox.RdfFormat.TURTLE),
        (KKE + ".jsonld", HTML, "application/ld+json", ox.RdfFormat.JSON_LD),
        (KKE + ".nt", HTML, "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_content_negotiation(app, target, accept, ctype, fmt):
    r = get(app, target, **({"accept": accept} if accept else {}))
    assert r.status == 200 and r.content_type.startswith(ctype)
    assert r.headers["Vary"] == "Accept"
    triples = list(ox.parse(r.body, format=fmt))
    assert ox.Literal("Communist Party of Greece") in {t.object for t in triples}


def test_statement_data_includes_its_signatures(app):
    r = get(app, KOREA + ".nt")
    assert r.text.count("<https://w3id.org/partygraph/ontology#nameAsPrinted>") == 7


def test_resource_data_as_csv_and_json(app):
    rows = json.loads(get(app, KKE + ".json").text)
    assert {
        "predicate": "https://w3id.org/partygraph/ontology#abbreviation",
        "object": "KKE",
    } in rows
    assert get(app, KKE + ".csv").text.startswith("predicate,object\n")


def test_unknown_resource_is_404(app):
    assert get(app, "/id/party/nobody", accept=HTML).status == 404
    assert get(app, "/id/party/a%3Eb", accept=HTML).status == 404
    assert get(app, "/nowhere").status == 404


def test_names_that_are_markup_show_as_text(app):
    page = html_of(app, "/id/party/evil-party")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    statement = html_of(app, "/id/statement/evil-statement")
    assert "D\u00e9claration &lt;i&gt;commune&lt;/i&gt;" in statement
    found = html_of(app, "/search?q=%3Cscript%3E")
    assert "<script>" not in found.split("</header>", 1)[1]


def test_json_island_cannot_end_its_script():
    island = json_island("x", {"a": EVIL_NAME})
    body = island[island.index(">") + 1 : -len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body) == {"a": EVIL_NAME}


@pytest.mark.parametrize(
    "words,expected",
    [
        ("PORTUGUESE communist", "/id/party/portuguese-communist-party"),
        ("kommounistiko", KKE),
        ("declaration COMMUNE", "/id/statement/evil-statement"),
        ("Munkaspart", "/id/party/hungarian-workers-party"),
    ],
)
def test_search_ignores_case_and_accents(app, words, expected):
    assert f'href="{expected}"' in html_of(app, "/search?q=" + words.replace(" ", "+"))


def test_queries_list_and_page(app):
    page = html_of(app, "/queries")
    assert page.count('<a href="/queries/') == len(app.catalogue)
    page = html_of(app, "/queries/co-signers?party=Communist+Party+of+Greece")
    assert '<input type="text" name="party" value="Communist Party of Greece"' in page
    assert 'href="/api/co-signers?party=Communist+Party+of+Greece&amp;min=1&amp;format=csv"' in page
    assert 'href="/queries/co-signers.rq"' in page
    assert "<svg" in page  # its header asks for a bar chart
    assert 'href="/id/party/portuguese-communist-party"' in page
    r = get(app, "/queries/co-signers.rq")
    assert r.content_type.startswith("application/sparql-query") and "?_party" in r.text


def test_query_page_shows_a_parameter_error(app):
    page = html_of(app, "/queries/meetings-by-year?year=20l8")
    assert 'class="error"' in page and "expected an integer" in page


@pytest.mark.parametrize(
    "name,params",
    [
        ("co-signers", {"party": "Portuguese Communist Party", "min": "2"}),
        ("parties-by-country", {"country": "Greece"}),
        ("statements-per-year", {}),
        ("signatories", {"title": "korea"}),
    ],
)
def test_api_gives_the_cli_rows(app, store_dir, name, params):
    query = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in params.items())
    api = get(app, f"/api/{name}?{query}")
    assert api.status == 200 and api.content_type.startswith("application/json")
    args = ["query", name, "--store", str(store_dir), "--format", "json"]
    for k, v in params.items():
        args += ["-p", f"{k}={v}"]
    cli = CliRunner().invoke(main, args)
    assert cli.exit_code == 0, cli.output
    body = json.loads(api.text)
    if name == "signatories":  # a paged query: the page's rows, and which page it is
        page = (body["page"], body["pageSize"], body["pageCounts"], body["more"], body["next"])
        assert page == (1, 20, "statements", False, None)
        body = body["rows"]
    assert body == json.loads(cli.output) != []
    csv_args = [a if a != "json" else "csv" for a in args]
    csv = get(app, f"/api/{name}.csv?{query}")
    assert csv.text == CliRunner().invoke(main, csv_args).output


def test_pages_of_a_paged_query(store):
    from partygraph.queries import Catalogue, parse_query
    from partygraph.serve.app import create_app

    text = (
        "#+ title: Statements\n#+ summary: Every statement.\n#+ pagination: 2\n"
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
        "SELECT ?s WHERE { ?s a pg:Statement } ORDER BY ?s"
    )
    app = create_app(store, Catalogue({"paged": parse_query(text, "paged")}), workers=1)
    try:
        pages = [json.loads(get(app, f"/api/paged?page={n}").text) for n in (1, 2, 3)]
        every = [r["s"] for p in pages for r in p["rows"]]
        assert len(every) == len(set(every)) == 6  # the fixture and the evil graph
        assert [(p["page"], p["more"], p["prev"], p["next"]) for p in pages] == [
            (1, True, None, "/api/paged?page=2"),
            (2, True, "/api/paged?page=1", "/api/paged?page=3"),
            (3, False, "/api/paged?page=2", None),
        ]
        r = get(app, "/api/paged.csv?page=2")
        assert r.text.splitlines()[1:] == every[2:4]
        assert r.headers["Link"] == (
            '</api/paged.csv?page=1>; rel="prev", </api/paged.csv?page=3>; rel="next"'
        )
        html = html_of(app, "/queries/paged?page=2")
        assert "page 2: rows 3-4" in html
        assert '<a href="/queries/paged?page=1" rel="prev">previous page</a>' in html
        assert '<a href="/queries/paged?page=3" rel="next">next page</a>' in html
        assert 'href="/api/paged?page=2&amp;format=csv"' in html
        assert get(app, "/api/paged?page=x").status == 400
        assert get(app, "/api/paged?page=0").status == 400
    finally:
        app.close()


def test_pages_that_count_statements(store):
    """A '# pages: ?statement' line pages the sub-select it ends: each page holds the rows of
    two statements, however many rows each has."""
    from partygraph.queries import Catalogue, parse_query
    from partygraph.serve.app import create_app

    text = (
        "#+ title: Signed\n#+ summary: Signatures by statement.\n#+ pagination: 2\n"
        "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
        "SELECT ?statement ?p WHERE {\n"
        "  { SELECT ?statement WHERE { ?statement a pg:Statement } ORDER BY ?statement\n"
        "  # pages: ?statement\n  }\n"
        "  ?statement pg:signedBy ?p\n} ORDER BY ?statement ?p"
    )
    query = parse_query(text, "signed")
    app = create_app(store, Catalogue({"signed": query}), workers=1)
    try:
        every = [(str(s), str(p)) for s, p in store.select(text.split("\n", 3)[3]).rows]
        assert len({s for s, _ in every}) == 6 and len(every) > 6
        pages, n = [], 1
        while True:
            body = json.loads(get(app, f"/api/signed?page={n}").text)
            assert body["pageCounts"] == "statements" and body["pageSize"] == 2
            pages.append([(r["statement"], r["p"]) for r in body["rows"]])
            if not body["more"]:
                break
            n += 1
        assert [len({s for s, _ in p}) for p in pages] == [2, 2, 2]
        assert [row for p in pages for row in p] == every
        html = html_of(app, "/queries/signed?page=2")
        assert f"page 2: statements 3-4 ({len(pages[1])} rows)" in html
    finally:
        app.close()


def test_api_errors(app):
    r = get(app, "/api/co-signers?partie=KKE")
    assert r.status == 400 and "no such parameter" in json.loads(r.text)["error"]
    assert get(app, "/api/co-signers?party=nobody-at-all").status == 400
    assert get(app, "/api/no-such-query").status == 404


def test_network_page_links_nodes_to_party_pages(app):
    page = network_page(app).text
    assert '"nodeLink": "/id/party/{id}"' in page
    assert '"id": "communist-party-of-greece"' in page
    assert "</script><script>alert" not in page and '"id": "evil-party"' in page
    assert "<script src" not in page and "http" not in page.split("<script>", 1)[0].lower().replace(
        "http-equiv", ""
    )
    sliced = network_page(app, "/network?since=2018").text
    count = len(re.findall(r'"community": ', sliced))
    assert 0 < count < len(re.findall(r'"community": ', page))
    assert get(app, "/network?since=soon").status == 400


def test_editor_page_is_configured_for_this_server(app):
    page = html_of(app, "/sparql")
    assert '<script src="/static/yasgui/yasgui.min.js">' in page
    config = re.search(r'id="editor-config">(.*?)</script>', page).group(1)
    data = json.loads(config)
    assert data["endpoint"] == "/sparql" and data["prefixes"]["pg"].endswith("ontology#")
    assert {e["name"] for e in data["examples"]} == set(app.catalogue.names())
    assert get(app, "/static/yasgui/yasgui.min.js").status == 200
    assert "MIT" in get(app, "/static/yasgui/LICENSE").text
    assert get(app, "/static/../app.py").status == 404
