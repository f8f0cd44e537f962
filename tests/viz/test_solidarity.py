"""The solidarity view of the seed: its page in real headless Chromium, and its figures.

The graph comes from the seed statement ingested by the real pipeline: 61 parties
(the Workers' Party of Korea among them) each with an edge to North Korea (KP), and
60 with an edge to the WPK (a party does not support itself), so 62 nodes, 121 edges.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.image import imread

from partygraph.viz import render_solidarity
from partygraph.viz.html import label_priority, solidarity_page_data
from partygraph.viz.static import solidarity_figure

from .test_browser import CHROMIUM, _from_page, _requests, body_attrs, chromium, text_of

WPK = "workers-party-of-korea"
PCP = "portuguese-communist-party"


def browser_test(func):
    """Mark a test as needing Debian's chromium (skipped without it)."""
    func = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")(func)
    return pytest.mark.browser(func)


def _embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# --- files and data (no browser) ---------------------------------------------------------


def test_seed_graph_is_the_one_drawn(seed_solidarity, solidarity_rendered):
    g = seed_solidarity
    assert g.number_of_nodes() == 62 and g.number_of_edges() == 121
    out, files = solidarity_rendered
    assert set(files) == {
        "solidarity.html",
        "solidarity.png",
        "solidarity.svg",
        "solidarity-by-community.png",
        "solidarity-by-community.svg",
    }
    data = _embedded((out / "solidarity.html").read_text("utf-8"))
    assert data["directed"] is True
    assert len(data["nodes"]) == 62 and len(data["edges"]) == 121
    ids = [n["id"] for n in data["nodes"]]
    # every edge points from a signing party to KP or the WPK, never back
    targets = {ids[e[1]] for e in data["edges"]}
    assert targets == {"KP", WPK}
    assert sum(1 for e in data["edges"] if ids[e[1]] == "KP") == 61
    assert not any(ids[e[0]] in ("KP",) for e in data["edges"])
    by_id = {n["id"]: n for n in data["nodes"]}
    # size: received for subjects (KP 61, WPK 60), given for the others (2 each)
    assert by_id["KP"]["size"] == 61 and by_id[WPK]["size"] == 60 and by_id[PCP]["size"] == 2
    assert by_id["KP"]["kind"] == "country" and by_id[PCP]["kind"] == "party"
    assert by_id["KP"]["info"] == "country \u00b7 supported by 61 parties in 61 signatures"
    assert by_id[PCP]["info"] == "party \u00b7 PT \u00b7 supports 2 subjects in 2 statements"
    assert [ids[i] for i in data["labelled"][:2]] == ["KP", WPK]
    assert [m["id"] for m in data["colourModes"]] == ["kind", "community", "country"]


def test_view_switch_links_the_pages_both_ways(solidarity_rendered, seed_solidarity, tmp_path):
    out, _ = solidarity_rendered
    network = (out / "network.html").read_text("utf-8")
    solidarity = (out / "solidarity.html").read_text("utf-8")
    assert '<a href="solidarity.html">' in network and '<a href="network.html">' not in network
    assert '<a href="network.html">' in solidarity and 'href="solidarity.html"' not in solidarity
    # alone in a folder, the page links to nothing that is not there
    alone = render_solidarity(seed_solidarity, tmp_path)["solidarity.html"].read_text("utf-8")
    assert 'id="views"' not in alone and "<a href" not in alone
    assert "solidarity-by-community.png" not in {p.name for p in tmp_path.iterdir()}


def test_solidarity_page_is_self_contained(solidarity_rendered):
    out, _ = solidarity_rendered
    page = (out / "solidarity.html").read_text("utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.I)
    assert not re.search(r"https?://", page.split('id="graph-data"')[0])
    assert "default-src 'none'" in page


def test_static_drawing_of_the_seed(seed_solidarity, solidarity_rendered):
    g = seed_solidarity
    positions = {v: (0.5, 0.5) for v in g}  # positions do not change what is drawn
    fig = solidarity_figure(g, positions)
    ax = fig.axes[0]
    assert len(ax.patches) == 121  # one arrow per edge
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["party", "country"] and legend[2].startswith("signed a statement")
    assert ax.get_legend().get_title().get_text() == "colour: kind of node"
    labels = {t.get_text() for t in ax.texts}
    assert {"North Korea", "Workers' Party of Korea"} <= labels
    assert len(labels) == 2 + 3  # both subjects and the three parties that give most
    assert ax.get_title().startswith("Solidarity network: 61 parties, 1 country, 121 edges")
    # node colours: 61 parties blue, one country red
    colours = ax.collections[0].get_facecolors()
    red = np.all(np.abs(colours[:, :3] - np.array([0xD6, 0x27, 0x28]) / 255) < 0.01, axis=1)
    assert int(red.sum()) == 1
    fig.clf()
    with pytest.raises(ValueError, match="partition"):
        solidarity_figure(g, positions, "community")

    out, _ = solidarity_rendered
    img = imread(out / "solidarity.png")
    assert img.shape[0] > 500 and img.shape[1] > 800
    assert float(np.asarray(img[..., :3]).std()) > 0.05
    svg = (out / "solidarity.svg").read_text("utf-8")
    assert ET.fromstring(svg).tag.endswith("svg")
    assert "North Korea" in svg and "colour: kind of node" in svg
    assert "co-signature community" in (out / "solidarity-by-community.svg").read_text("utf-8")


def test_arrows_stop_at_the_target_rim(seed_solidarity):
    import math

    g = seed_solidarity
    fig = solidarity_figure(g, {v: (0.5, 0.5) for v in g})
    arrows = fig.axes[0].patches
    shrink = {round(a.shrinkB, 3) for a in arrows}
    # two targets (KP, 61 in; WPK, 60 in): two rims, the larger marker for KP
    kp = math.sqrt(20 + 400) / 2 + 1
    wpk = math.sqrt(20 + 400 * 60 / 61) / 2 + 1
    assert shrink == {round(kp, 3), round(wpk, 3)}
    fig.clf()


def test_label_priority_and_data_of_a_small_graph():
    import networkx as nx

    g = nx.DiGraph()
    g.add_edge("a", "b", weight=2)
    g.add_edge("b", "a", weight=1)
    g.add_edge("a", "KP", weight=1)
    g.add_edge("c", "KP", weight=3)
    for v, k in [("a", "party"), ("b", "party"), ("c", "party"), ("KP", "country")]:
        g.nodes[v].update(kind=k, label=v.upper(), country="KP" if v == "KP" else "GR")
    assert label_priority(g, givers=1) == ["KP", "b", "a", "c"]
    data = solidarity_page_data(g, {v: (0.0, 0.0) for v in g}, partition={"a": 0, "b": 1})
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["a"]["size"] == 1  # it receives (from b): sized by what it receives
    assert by_id["c"]["size"] == 3  # it only gives
    assert by_id["c"]["community"] == -1 and by_id["b"]["community"] == 1
    assert data["communities"][-1]["id"] == -1  # countries and unpartitioned parties
    assert by_id["a"]["countryLabel"] == "" and by_id["KP"]["label"] == "KP"
    small = solidarity_page_data(g, {v: (0.0, 0.0) for v in g}, max_edges=2)
    assert len(small["edges"]) == 2 and small["edgesTotal"] == 4
    assert sorted(e[2] for e in small["edges"]) == [2.0, 3.0]  # the heaviest kept


# --- the page in headless Chromium ---------------------------------------------------------


@pytest.fixture(scope="module")
def page(solidarity_rendered):
    out, _ = solidarity_rendered
    return out / "solidarity.html"


@browser_test
def test_page_draws_every_node_and_no_request_leaves(page, seed_solidarity, tmp_path):
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    dom = chromium(
        tmp_path, page.as_uri(), "--dump-dom", f"--screenshot={shot}", f"--log-net-log={netlog}"
    )
    attrs = body_attrs(dom)
    assert attrs["data-ready"] == "true"
    assert int(attrs["data-node-count"]) == seed_solidarity.number_of_nodes() == 62
    assert int(attrs["data-edge-count"]) == seed_solidarity.number_of_edges() == 121
    assert text_of(dom, "stats") == "62 of 62 parties and countries, 121 of 121 links"
    assert dom.count('class="swatch"') == 2  # party, country
    assert re.search(r'<label id="filter-control" hidden="">', dom)  # no years to filter
    assert _from_page(_requests(netlog)) == []


@browser_test
def test_screenshot_shows_countries_parties_and_arrows(page, tmp_path):
    shot = tmp_path / "shot.png"
    chromium(tmp_path, page.as_uri(), f"--screenshot={shot}")
    img = imread(shot)[..., :3]
    assert img.shape[:2] == (800, 1200)
    assert float(img.std()) > 0.03

    def near(rgb: int) -> np.ndarray:
        target = np.array([(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255]) / 255
        return np.all(np.abs(img - target) < 0.06, axis=-1)

    assert int(near(0xD62728).sum()) > 300  # North Korea, the one red node, drawn large
    assert int(near(0x1F77B4).sum()) > 2000  # 61 blue parties
    assert int(near(0x464646).sum()) > 50  # arrowheads (dark grey, rgba(70,70,70,...))


@browser_test
def test_search_hover_colour_and_view_switch(browser, page, seed_result):
    browser.open(page.as_uri())
    assert browser.evaluate("partygraph.drawnNodes()") == 62
    browser.evaluate("document.getElementById('search').focus()")
    browser.call("Input.insertText", {"text": "Portuguese"})
    assert browser.evaluate("document.getElementById('search-result').textContent") == (
        "1 found: Portuguese Communist Party"
    )
    assert browser.evaluate("partygraph.search('nothing like this')") == []
    assert browser.evaluate("document.getElementById('search-result').textContent") == (
        "no party or country found"
    )
    assert browser.evaluate("partygraph.search('korea')") == ["KP", WPK]

    x, y = browser.evaluate("partygraph.positionOf('KP')")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    assert browser.evaluate("document.getElementById('tooltip').textContent") == (
        "North Koreacountry \u00b7 supported by 61 parties in 61 signatures"
    )

    browser.evaluate(
        "(function(s){s.value='community';s.dispatchEvent(new Event('change'))})"
        "(document.getElementById('colour'))"
    )
    legend = browser.evaluate(
        "Array.from(document.querySelectorAll('#legend li')).map(li => li.textContent)"
    )
    communities = len(set(seed_result.partition.values()))
    assert len(legend) == communities + 1 and legend[-1].startswith("countries")

    # the view switch leads to the co-signature page, which leads back
    browser.evaluate("document.querySelector('#views a').click()")
    browser.wait_for("location.pathname.endsWith('/network.html')")
    assert browser.evaluate("document.title") == "Who signs with whom"
    assert browser.evaluate("partygraph.drawnNodes()") == 61
    browser.evaluate("document.querySelector('#views a').click()")
    browser.wait_for("location.pathname.endsWith('/solidarity.html')")
    assert browser.evaluate("document.title") == "Who expresses solidarity with whom"
