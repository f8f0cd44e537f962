"""Visualization files for the fixture graph (no browser here; see test_browser.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.image import imread

from partygraph.viz import layout, render_page


def test_render_all_writes_every_file(rendered):
    out, files = rendered
    expected = {"network.html"} | {
        f"{base}.{ext}"
        for base in (
            "network",
            "network-by-country",
            "top-parties",
            "per-year",
            "parties-per-country",
        )
        for ext in ("png", "svg")
    }
    assert set(files) == expected
    assert {p.name for p in out.iterdir()} == expected  # no temporary files left


def test_pngs_are_not_blank_and_svgs_parse(rendered):
    out, _ = rendered
    for name in ("network", "network-by-country", "top-parties", "per-year", "parties-per-country"):
        img = imread(out / f"{name}.png")
        assert img.shape[0] > 200 and img.shape[1] > 200
        assert float(np.asarray(img[..., :3]).std()) > 0.02, name
        root = ET.parse(out / f"{name}.svg").getroot()
        assert root.tag.endswith("svg")
    svg = (out / "network.svg").read_text()
    assert "KKE" in svg and "PCV" in svg  # labels of the most active parties
    assert "Louvain community" in svg  # the legend title


def _embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_page_is_self_contained(fixture_result):
    page = render_page(fixture_result)
    # nothing fetched: no external script, style, image, font or import
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.I)
    assert not re.search(r"https?://", page.split('id="graph-data"')[0])
    assert "url(" not in page and "@import" not in page and "fetch(" not in page
    assert "default-src 'none'" in page  # and the CSP forbids any request anyway
    data = _embedded(page)
    assert len(data["nodes"]) == fixture_result.graph.number_of_nodes() == 13
    assert len(data["edges"]) == fixture_result.graph.number_of_edges()
    pcv = next(n for n in data["nodes"] if n["id"] == "pcv")
    assert pcv["abbr"] == "PCV" and pcv["statements"] == 4 and pcv["years"] == [2011, 2018]
    assert [m["id"] for m in data["meetings"]] == [
        "ecm-2011-04-11-brussels",
        "imcwp-13",
        "imcwp-20",
    ]
    assert data["years"] == [2011, 2014, 2018]


def test_page_escapes_script_breaking_labels(fixture_result):
    g = fixture_result.graph
    old = g.nodes["kke"]["label"]
    g.nodes["kke"]["label"] = "</script><script>alert(1)</script>"
    try:
        page = render_page(fixture_result)
    finally:
        g.nodes["kke"]["label"] = old
    assert page.count("</script>") == 2  # the data block and the renderer only
    kke = next(n for n in _embedded(page)["nodes"] if n["id"] == "kke")
    assert kke["label"] == "</script><script>alert(1)</script>"


def test_layout_is_seeded(fixture_result):
    assert layout(fixture_result.graph) == layout(fixture_result.graph)
    assert render_page(fixture_result) == render_page(fixture_result)


def test_page_keeps_backbone_and_strongest_edges_when_capped(fixture_result):
    from partygraph.viz.html import page_data

    g = fixture_result.graph
    data = page_data(fixture_result, layout(g), max_edges=10)
    assert len(data["edges"]) == 10 and data["edgesTotal"] == g.number_of_edges()
    names = [n["id"] for n in data["nodes"]]
    kept = sorted(e[2] for e in data["edges"])
    heaviest = sorted(a["weight"] for _, _, a in g.edges(data=True))[-10:]
    assert kept == pytest.approx(heaviest)  # no backbone edge in the fixture at alpha 0.05
    assert all(0 <= e[0] < len(names) and 0 <= e[1] < len(names) for e in data["edges"])


def test_network_by_country_colours_active_countries_labels_apart_backbone(bundled_store):
    """Issue 15: the most active party sat in grey 'others', labels overlapped, and every
    link was drawn."""
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_hex

    from partygraph.network import analyse
    from partygraph.viz.static import OTHER, PALETTE, network_figure

    result = analyse(bundled_store)
    g = result.graph
    fig = network_figure(result, layout(g), "country", labels=25)
    ax = fig.axes[0]
    assert len(set(PALETTE)) == len(PALETTE) and OTHER not in PALETTE
    # the most active party is coloured: its country is among the coloured ones
    top = max(g, key=lambda v: (g.nodes[v]["statements"], v))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert (g.nodes[top].get("country") or "?") in legend[: len(PALETTE)]
    # labels never overlap
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) >= 10
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    # only the backbone is drawn
    [lines] = [c for c in ax.collections if isinstance(c, LineCollection)]
    backbone = sum(1 for *_, a in g.edges(data=True) if a.get("backbone"))
    assert 0 < len(lines.get_segments()) == backbone < g.number_of_edges()
    assert to_hex(OTHER) == OTHER
    plt.close(fig)
