"""The interactive network page: one HTML file, everything inlined, no request leaves it.

The page template, script and style are package files under
``partygraph/viz/assets/`` (written for partygraph, MIT like the project); the
graph is embedded as JSON. Node positions are computed here (seeded spring
layout), so the browser only draws.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.network.analysis import NetworkResult
from partygraph.network.export import atomic_write, edge_spans

LAYOUT_SEED = 42


def layout(g: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled into the unit square (isolated parties on the margin).

    Examples
    --------
    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pos.values())
    True
    >>> layout(nx.path_graph(["a", "b", "c"])) == pos
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g)): (0.5, 0.5)}
    k = 1.5 / max(1.0, g.number_of_nodes() ** 0.5)
    raw = nx.spring_layout(g, weight="weight", seed=seed, k=k, iterations=100)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    return {
        v: (round(float((p[0] - x0) / sx), 5), round(float((p[1] - y0) / sy), 5))
        for v, p in sorted(raw.items())
    }


def community_labels(result: NetworkResult) -> list[dict[str, Any]]:
    """Legend entries ``{"id", "label"}``: community number, size and leading countries."""
    g = result.graph
    groups: dict[int, list[str]] = {}
    for p, c in result.partition.items():
        groups.setdefault(c, []).append(p)
    out = []
    for c in sorted(groups):
        countries = Counter(g.nodes[p].get("country") or "?" for p in groups[c])
        lead = ", ".join(k for k, _ in sorted(countries.items(), key=lambda x: (-x[1], x[0]))[:3])
        out.append({"id": c, "label": f"{c}: {len(groups[c])} parties ({lead})"})
    return out


MAX_EDGES = 5000


def page_data(
    result: NetworkResult,
    positions: dict[str, tuple[float, float]],
    max_edges: int = MAX_EDGES,
) -> dict[str, Any]:
    """The JSON embedded in the page: nodes, edges (index pairs), meetings, years.

    Above ``max_edges`` links the page keeps the backbone links and then the
    heaviest ones, so that it stays light; ``edgesTotal`` says how many there were.
    """
    g, d = result.graph, result.data
    meetings = d.meetings()
    meeting_index = {m: i for i, m in enumerate(meetings)}
    party_years: dict[str, set[int]] = {}
    party_meetings: dict[str, set[int]] = {}
    for s in d.signatures:
        st = d.statements.get(s.statement)
        if st is None:
            continue
        if st.year is not None:
            party_years.setdefault(s.party, set()).add(st.year)
        if st.meeting:
            party_meetings.setdefault(s.party, set()).add(meeting_index[st.meeting])
    order = sorted(g.nodes)
    index = {v: i for i, v in enumerate(order)}
    nodes = []
    for v in order:
        a = g.nodes[v]
        x, y = positions[v]
        nodes.append(
            {
                "id": v,
                "label": a.get("label") or v,
                "abbr": a.get("abbreviation") or "",
                "country": a.get("country") or "",
                "countryLabel": a.get("country_label") or "",
                "community": int(result.partition.get(v, -1)),
                "statements": int(a.get("statements", 0)),
                "x": x,
                "y": y,
                "years": sorted(party_years.get(v, ())),
                "meetings": sorted(party_meetings.get(v, ())),
            }
        )
    kept = list(g.edges(data=True))
    if len(kept) > max_edges:
        kept.sort(key=lambda e: (not e[2].get("backbone", False), -e[2]["weight"]))
        kept = kept[:max_edges]
    spans = edge_spans(d)
    edges = []
    for u, v, a in sorted(kept, key=lambda e: (index[e[0]], index[e[1]])):
        years, ms = spans.get(frozenset((u, v)), (set(), set()))
        edges.append(
            [
                index[u],
                index[v],
                round(float(a["weight"]), 6),
                sorted(years),
                sorted(meeting_index[m] for m in ms),
            ]
        )
    country_labels = {
        a["country"]: a.get("country_label") or a["country"]
        for _, a in g.nodes(data=True)
        if a.get("country")
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "edgesTotal": g.number_of_edges(),
        "meetings": [{"id": m, "label": label} for m, label in meetings.items()],
        "years": d.years(),
        "communities": community_labels(result),
        "countryLabels": dict(sorted(country_labels.items())),
    }


def _asset(name: str) -> str:
    return resources.files("partygraph.viz").joinpath("assets", name).read_text("utf-8")


def render_page(
    result: NetworkResult, title: str = "Who signs with whom", max_edges: int = MAX_EDGES
) -> str:
    """The complete HTML page as a string (scripts, style and data inlined).

    Examples
    --------
    >>> from partygraph.network import analyse_data
    >>> from partygraph.network.load import SignatureData
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory")])
    >>> page = render_page(analyse_data(d, resolutions=[1.0]))
    >>> "<script src" in page, '"nodes": [{"id": "a"' in page
    (False, True)
    """
    data = page_data(result, layout(result.graph), max_edges)
    # "</" inside a script element would end it; JSON allows "<\/" for it
    payload = json.dumps(data, ensure_ascii=False, separators=(", ", ": ")).replace("</", "<\\/")
    subtitle = (
        f"Slice: {result.slice.describe()}; weighting {result.weighting}; "
        f"Louvain resolution {result.resolution:g}, modularity {result.modularity:.3f}."
    )
    template = _asset("network.html")
    return (
        template.replace("__CSS__", _asset("network.css"))
        .replace("__JS__", _asset("network.js"))
        .replace("__TITLE__", html.escape(title))
        .replace("__SUBTITLE__", html.escape(subtitle))
        .replace("__DATA__", payload)
    )


def write_page(result: NetworkResult, path: Path, title: str = "Who signs with whom") -> Path:
    """Atomically write :func:`render_page` to ``path``."""
    text = render_page(result, title).encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(text))
