"""The network page in real headless Chromium, started with networking disabled.

Chromium (Debian package ``chromium``) is driven from the command line:
``--dump-dom`` gives the DOM after the page's script ran (the page takes its
initial search, colour and filter from the URL fragment), ``--screenshot``
a PNG, and ``--log-net-log`` every network request the browser attempted.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]

OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1200,800",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",
]


def chromium(tmp_path: Path, url: str, *extra: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    proc = subprocess.run(
        [CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def body_attrs(dom: str) -> dict[str, str]:
    m = re.search(r"<body([^>]*)>", dom)
    assert m, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))


def text_of(dom: str, element_id: str) -> str:
    m = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
    assert m, element_id
    return html.unescape(m.group(1))


@pytest.fixture(scope="module")
def page(rendered) -> Path:
    _, files = rendered
    return files["network.html"]


def test_page_renders_every_node(page, fixture_result, tmp_path):
    dom = chromium(tmp_path, page.as_uri(), "--dump-dom")
    attrs = body_attrs(dom)
    assert attrs["data-ready"] == "true"
    assert int(attrs["data-node-count"]) == fixture_result.graph.number_of_nodes() == 13
    assert int(attrs["data-edge-count"]) == fixture_result.graph.number_of_edges()
    assert text_of(dom, "stats").startswith("13 of 13 parties")
    # the legend, built by the script: one entry per community
    assert dom.count('class="swatch"') == len(set(fixture_result.partition.values()))


def test_search_and_year_filter(page, tmp_path):
    dom = chromium(tmp_path, page.as_uri() + "#search=venezuela&filter=year:2018", "--dump-dom")
    attrs = body_attrs(dom)
    assert attrs["data-match-count"] == "1"
    assert text_of(dom, "search-result") == "1 found: Communist Party of Venezuela"
    # parties that signed in 2018: s2 (7), s5 (cpi, sacp, pcv, cpim), s6 (+ new-left-front)
    assert attrs["data-node-count"] == "11"

    dom = chromium(tmp_path, page.as_uri() + "#search=no%20such%20party", "--dump-dom")
    assert body_attrs(dom)["data-match-count"] == "0"
    assert text_of(dom, "search-result") == "no party found"


def test_meeting_filter_and_country_colours(page, fixture_result, tmp_path):
    meetings = list(fixture_result.data.meetings())
    i = meetings.index("imcwp-13")
    dom = chromium(tmp_path, page.as_uri() + f"#filter=meeting:{i}&colour=country", "--dump-dom")
    attrs = body_attrs(dom)
    assert attrs["data-node-count"] == "7"  # the 7 signatories of s1
    assert attrs["data-edge-count"] == "21"  # a 7-clique
    countries = {a["country"] for _, a in fixture_result.graph.nodes(data=True) if a["country"]}
    assert dom.count('class="swatch"') == len(countries) + 1  # + "no country"


def _requests(netlog: Path) -> list[tuple[str, str]]:
    """(url, initiator) of every URL request the browser started."""
    log = json.loads(netlog.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        (e["params"]["url"], e["params"].get("initiator", ""))
        for e in log["events"]
        if e["type"] == start and "url" in e.get("params", {})
    ]


def _from_page(requests: list[tuple[str, str]]) -> list[str]:
    # the browser's own background requests have no initiating origin; a page's have one
    return [u for u, ini in requests if ini != "not an origin" and not u.startswith("file:")]


def test_screenshot_is_not_blank_and_no_request_leaves(page, tmp_path):
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", f"--log-net-log={netlog}")
    img = imread(shot)[..., :3]
    assert img.shape[:2] == (800, 1200)
    assert float(img.std()) > 0.03
    # the canvas holds community colours, not just the white background and grey links
    blue = np.all(np.abs(img - np.array([0x1F, 0x77, 0xB4]) / 255) < 0.06, axis=-1)
    assert int(blue.sum()) > 200
    assert _from_page(_requests(netlog)) == []


def test_request_detector_sees_a_page_request(tmp_path):
    """Control for the check above: a page that does request something is caught."""
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://192.0.2.1/pixel.png"></body></html>')
    netlog = tmp_path / "control.json"
    chromium(tmp_path, control.as_uri(), "--dump-dom", f"--log-net-log={netlog}")
    assert _from_page(_requests(netlog)) == ["http://192.0.2.1/pixel.png"]


# --- interaction, through the DevTools protocol (tests/viz/cdp.py) --------------------


# the ``browser`` fixture (one Chromium per module) is in conftest.py


def test_typing_in_the_search_box_finds_a_party(browser, page):
    browser.open(page.as_uri())
    browser.evaluate("document.getElementById('search').focus()")
    browser.call("Input.insertText", {"text": "Venezuela"})
    assert browser.evaluate("document.getElementById('search-result').textContent") == (
        "1 found: Communist Party of Venezuela"
    )
    assert browser.evaluate("document.body.dataset.matchCount") == "1"
    assert browser.evaluate("partygraph.search('communist party of')").count("kke") == 1


def test_hovering_a_node_shows_its_name(browser, page):
    browser.open(page.as_uri())
    x, y = browser.evaluate("partygraph.positionOf('kke')")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    tip = browser.evaluate("document.getElementById('tooltip').textContent")
    assert tip.startswith("Communist Party of Greece (KKE)Greece")
    assert "3 statements" in tip
    assert (
        browser.evaluate("getComputedStyle(document.getElementById('tooltip')).display") == "block"
    )
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 3, "y": 790})
    assert (
        browser.evaluate("getComputedStyle(document.getElementById('tooltip')).display") == "none"
    )


def test_colour_and_filter_controls(browser, page, fixture_result):
    browser.open(page.as_uri())

    def choose(select_id: str, value: str) -> None:
        browser.evaluate(
            f"(function(s){{s.value={json.dumps(value)};s.dispatchEvent(new Event('change'))}})"
            f"(document.getElementById({json.dumps(select_id)}))"
        )

    swatches = "document.querySelectorAll('#legend .swatch').length"
    assert browser.evaluate(swatches) == len(set(fixture_result.partition.values()))
    choose("colour", "country")
    assert browser.evaluate(swatches) == 12  # 11 countries + no country
    choose("filter", "year:2014")
    assert browser.evaluate("document.body.dataset.nodeCount") == "3"  # s4: cprf, kpu, kke
    assert browser.evaluate("partygraph.positionOf('pcv')") is None
    choose("filter", "")
    assert browser.evaluate("partygraph.drawnNodes()") == 13
    png = browser.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
