"""Party names that look like markup cannot blank the pages (issue 16, item 7).

``<!--<script>`` inside a script element switches HTML's tokenizer into its
"script data double escaped" state: the data island would swallow the page script and
both pages would load with 0 nodes. The names go through the real pipeline.
"""

from __future__ import annotations

import json
import re

import pytest

from partygraph.network import analyse
from partygraph.network.solidarity import solidarity_network
from partygraph.pipeline import ingest_paths
from partygraph.store.embedded import EmbeddedStore
from partygraph.viz import render_solidarity, write_page

from .conftest import SEED
from .test_browser import CHROMIUM

HOSTILE = [
    "Communist Party <!--<script> of Nowhere",
    "Party of </script><script>document.body.remove()</script> & Co",
    "Left ]]> Front \u2028 of \u2029 Somewhere",
]


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    text = SEED.read_text("utf-8")
    lines = "".join(f"  {62 + i}. {name}\n" for i, name in enumerate(HOSTILE))
    doc = folder / "hostile.txt"
    doc.write_text(text.replace("  61. ", lines + "  61. ", 1), "utf-8")
    store = EmbeddedStore()
    ingest_paths(store, [doc])
    result = analyse(store, resolutions=[1.0])
    out = folder / "out"
    write_page(result, out / "network.html", views=["solidarity.html"])
    render_solidarity(solidarity_network(store), out, partition=result.partition)
    store.close()
    return out, result


def test_no_markup_reaches_the_data_island(hostile_pages):
    out, _ = hostile_pages
    for name in ("network.html", "solidarity.html"):
        page = (out / name).read_text("utf-8")
        island = re.search(r'id="graph-data">(.*?)</script>', page, re.S)
        assert island, name
        assert not set("<>&\u2028\u2029") & set(island.group(1)), name
        labels = json.dumps(json.loads(island.group(1)), ensure_ascii=False)
        assert "Communist Party <!--<script> of Nowhere" in labels


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_both_pages_draw_every_party_in_chromium(browser, hostile_pages):
    out, result = hostile_pages
    parties = result.graph.number_of_nodes()
    assert parties == 64
    browser.open((out / "network.html").as_uri())
    assert browser.evaluate("partygraph.drawnNodes()") == parties
    assert browser.evaluate("document.body.dataset.nodeCount") == str(parties)
    found = browser.evaluate("partygraph.search('of nowhere')")
    assert len(found) == 1
    browser.open((out / "solidarity.html").as_uri())
    assert browser.evaluate("partygraph.drawnNodes()") == parties + 1  # + North Korea
