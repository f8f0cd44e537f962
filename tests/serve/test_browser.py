"""The editor, a saved query and a click in the network, in real headless Chromium.

Chromium runs with networking to anything but this machine disabled, and every request
it sends is recorded through the DevTools protocol: none may leave 127.0.0.1.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from .conftest import network_page

_VIZ = Path(__file__).parents[1] / "viz"
_spec = importlib.util.spec_from_file_location("partygraph_tests_cdp", _VIZ / "cdp.py")
assert _spec and _spec.loader
cdp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cdp)
_spec2 = importlib.util.spec_from_file_location(
    "partygraph_tests_browser", _VIZ / "test_browser.py"
)
assert _spec2 and _spec2.loader
viz_browser = importlib.util.module_from_spec(_spec2)
_spec2.loader.exec_module(viz_browser)
CHROMIUM, OFFLINE_FLAGS = viz_browser.CHROMIUM, viz_browser.OFFLINE_FLAGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]


class RecordingChromium(cdp.Chromium):
    """The project's CDP client, keeping the URL of every request the page sends."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.requests: list[str] = []
        super().__init__(*args, **kwargs)
        self.call("Network.enable")

    def _read(self, timeout: float) -> dict[str, Any]:
        msg = super()._read(timeout)
        if msg.get("method") == "Network.requestWillBeSent":
            self.requests.append(msg["params"]["request"]["url"])
        return msg

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    # every host name resolves to nothing, except the server's own address
    flags = [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
        if f.startswith("--host-resolver-rules")
        else f
        for f in OFFLINE_FLAGS
        if not f.startswith(("--window-size", "--virtual-time"))
    ]
    b = RecordingChromium(CHROMIUM, flags, tmp_path_factory.mktemp("serve-cdp"))
    yield b
    b.close()


def test_editor_runs_a_saved_query(browser, base_url):
    browser.open(base_url + "/sparql", ready="window.partygraphEditor")
    browser.evaluate("partygraphEditor.load('statements-per-year'); partygraphEditor.run()")
    browser.wait_for("document.querySelectorAll('.yasr tbody tr').length === 3", "result rows")
    cells = browser.evaluate(
        "Array.from(document.querySelectorAll('.yasr tbody tr')).map(r => r.innerText)"
    )
    assert any("2018" in c for c in cells)


def test_network_node_click_opens_the_party_page(browser, app, base_url):
    assert network_page(app).status == 200  # drawn (the first visit may be told to wait)
    browser.open(base_url + "/network")
    pos = browser.evaluate("window.partygraph.positionOf('communist-party-of-greece')")
    assert pos, "KKE is not drawn"
    browser.click(pos[0], pos[1])
    browser.wait_for(
        "location.pathname === '/id/party/communist-party-of-greece'", "the party page"
    )
    assert browser.evaluate("document.querySelector('h1').textContent").startswith(
        "Communist Party of Greece"
    )


def test_no_request_left_the_machine(browser, base_url):
    browser.open(base_url + "/")
    assert browser.requests, "no request was recorded"
    outside = [
        u for u in browser.requests if not u.startswith((base_url, "data:", "about:", "blob:"))
    ]
    assert outside == []
