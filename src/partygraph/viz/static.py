"""Static figures (matplotlib, Agg backend): the networks with a legend, and charts.

:func:`draw_network` draws any network (directed ones with arrows);
:func:`network_figure` (co-signature) and :func:`solidarity_figure` set its colours,
sizes and texts.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: figures are files

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from partygraph.files import atomic_write
from partygraph.network.analysis import NetworkResult
from partygraph.viz.html import describe_solidarity, label_priority, node_size

PALETTE = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#a6761d",
    "#393b79",
    "#ad494a",
    "#637939",
    "#e7ba52",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#1b9e77",
]  # fmt: skip  (no grey: grey is OTHER)
OTHER = "#c7c7c7"


def save(fig: Figure, base: Path) -> list[Path]:
    """Write ``base.png`` (150 dpi) and ``base.svg`` atomically; close the figure.

    SVG ids are salted with a constant and the date is left out, so the same
    figure gives the same bytes.
    """
    out = []
    for ext in ("png", "svg"):
        buf = io.BytesIO()
        # text stays text in SVG (searchable, smaller); ids salted for stable bytes
        with plt.rc_context({"svg.hashsalt": "partygraph", "svg.fonttype": "none"}):
            fig.savefig(
                buf,
                format=ext,
                dpi=150,
                bbox_inches="tight",
                metadata={"Date": None} if ext == "svg" else {"Software": None},
            )
        data = buf.getvalue()
        out.append(atomic_write(base.with_suffix("." + ext), lambda fh, d=data: fh.write(d)))
    plt.close(fig)
    return out


def _short(g: nx.Graph, p: str) -> str:
    a = g.nodes[p]
    return a.get("abbreviation") or a.get("label") or p


def _colour(i: int) -> str:
    return PALETTE[i] if 0 <= i < len(PALETTE) else OTHER


def _marker_areas(g: nx.Graph, sizes: Mapping[str, float]) -> dict[str, float]:
    """Scatter area (points^2) of each node: 20 to 420, proportional to its size measure."""
    most = max((sizes.get(v, 1) for v in g), default=1) or 1
    return {v: 20 + 400 * sizes.get(v, 1) / most for v in g}


def draw_network(
    g: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    key: Mapping[str, int],
    names: Mapping[int, str],
    sizes: Mapping[str, float],
    title: str,
    legend_title: str,
    label_of: Callable[[str], str],
    labels: int = 15,
    labelled: Sequence[str] | None = None,
    extra_handles: Sequence[Artist] = (),
) -> Figure:
    """Draw a network with a legend: the one drawing behind every network figure.

    Parameters
    ----------
    g
        The graph; a ``DiGraph`` is drawn with arrows that stop at the target's rim.
        Edges need a ``weight`` (line width and opacity grow with it).
    positions
        Node -> (x, y) in the unit square.
    key, names
        Node -> colour index (into :data:`PALETTE`; others grey), and index -> legend text.
    sizes
        Node -> size measure (marker area grows linearly with it).
    title, legend_title
        Texts above the drawing and the legend.
    label_of
        Node -> short name; the ``labels`` largest nodes are labelled.
    labelled
        The nodes to label instead, in order of priority (the first ``labels`` of them).
    extra_handles
        More legend entries (after the colours).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b", {"weight": 1})])
    >>> fig = draw_network(g, {"a": (0, 0), "b": (1, 1)}, key={"a": 0, "b": 1},
    ...                    names={0: "giver", 1: "subject"}, sizes={"a": 1, "b": 2},
    ...                    title="t", legend_title="kind", label_of=str)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['giver', 'subject']
    >>> len(fig.axes[0].patches)  # one arrow
    1
    >>> plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(11, 8.5))
    weights = [float(a.get("weight", 1)) for _, _, a in g.edges(data=True)]
    maxw = max(weights, default=1.0) or 1.0
    area = _marker_areas(g, sizes)
    if g.is_directed():
        for (u, v), w in zip(g.edges, weights, strict=True):
            t = w / maxw
            ax.add_patch(
                FancyArrowPatch(
                    positions[u],
                    positions[v],
                    arrowstyle="-|>",
                    mutation_scale=7 + 5 * t,
                    # markers are sized in points: the arrow stops at the target's rim
                    shrinkA=0,
                    shrinkB=math.sqrt(area[v]) / 2 + 1,
                    linewidth=0.3 + 1.8 * t,
                    color=(0.3, 0.3, 0.3, 0.1 + 0.45 * t),
                    zorder=1,
                )
            )
    elif weights:
        ax.add_collection(
            LineCollection(
                [(positions[u], positions[v]) for u, v in g.edges],
                linewidths=[0.3 + 2.5 * w / maxw for w in weights],
                colors=[(0.35, 0.35, 0.35, 0.08 + 0.5 * w / maxw) for w in weights],
                zorder=1,
            )
        )
    nodes = sorted(g.nodes)
    ax.scatter(
        [positions[v][0] for v in nodes],
        [positions[v][1] for v in nodes],
        s=[area[v] for v in nodes],
        c=[_colour(key[v]) for v in nodes],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )
    shown = sorted(names)[: len(PALETTE)]
    handles: list[Artist] = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=_colour(i), label=names[i])
        for i in shown
    ]
    if len(names) > len(PALETTE):
        handles.append(
            Line2D([], [], marker="o", linestyle="", markersize=8, color=OTHER, label="others")
        )
    handles.extend(extra_handles)
    ax.legend(
        handles=handles,
        title=legend_title,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )
    ax.set_title(title, fontsize=11)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    # labels last: their room is measured in the final axes
    if labelled is None:
        labelled = sorted(nodes, key=lambda v: (-sizes.get(v, 0), v))
    _place_labels(fig, ax, list(labelled)[:labels], positions, label_of)
    return fig


#: Where a label may sit around its node (points), tried in this order.
_LABEL_OFFSETS = tuple(
    (dx * r, dy * r)
    for r in (1, 2, 3)
    for dx, dy in ((5, 4), (5, -12), (-5, 4), (-5, -12), (0, 10), (0, -16))
)


def _place_labels(
    fig: Figure,
    ax: Any,
    nodes: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    label_of: Callable[[str], str],
) -> list[Any]:
    """Label ``nodes`` in order of priority where no earlier label is; skip a node
    whose label fits nowhere around it. Returns the labels drawn."""
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    boxes: list[Any] = []
    for v in nodes:
        for dx, dy in _LABEL_OFFSETS:
            label = ax.annotate(
                label_of(v),
                positions[v],
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx >= 0 else "right",
                fontsize=8,
                zorder=3,
                # a light box keeps labels readable over links and stays text in SVG
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.7, "lw": 0},
            )
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(b) for b in boxes):
                placed.append(label)
                boxes.append(box)
                break
            label.remove()
    return placed


def _country_key(g: nx.Graph) -> tuple[dict[str, int], dict[int, str]]:
    """Countries ranked by activity (the statements their parties signed), so that the
    most active ones get the colours and the rest are grey "others"."""
    counts: Counter[str] = Counter()
    for v in g:
        counts[g.nodes[v].get("country") or "?"] += g.nodes[v].get("statements", 1)
    ranked = [c for c, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    rank = {c: i for i, c in enumerate(ranked)}
    return {v: rank[g.nodes[v].get("country") or "?"] for v in g}, dict(enumerate(ranked))


def _community_key(
    g: nx.Graph, partition: Mapping[str, Any]
) -> tuple[dict[str, int], dict[int, str]]:
    key = {v: partition.get(v, -1) for v in g}
    names = {}
    for c in sorted(set(key.values())):
        members = [v for v in g if key[v] == c]
        counts = Counter(g.nodes[v].get("country") or "?" for v in members)
        top = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:3]
        names[c] = f"{c}: {len(members)} parties ({', '.join(k for k, _ in top)})"
    return key, names


def network_figure(
    result: NetworkResult,
    positions: dict[str, tuple[float, float]],
    colour_by: str = "community",
    labels: int = 15,
) -> Figure:
    """The co-signature network: node area ~ statements, colour by community or country.

    The ``labels`` most active parties are labelled where labels do not overlap; the
    legend names each colour. By country, the most active countries get the colours
    and only the backbone's links are drawn.
    """
    g = result.graph
    links = f"{g.number_of_edges()} links"
    if colour_by == "country":
        key, names = _country_key(g)
        legend_title = "colour: country (most active first)"
        # every link of a dense network is a grey mat: draw the backbone (disparity filter)
        kept = [(u, v) for u, v, a in g.edges(data=True) if a.get("backbone")]
        if kept:
            drawn = nx.Graph()
            drawn.add_nodes_from(g.nodes(data=True))
            drawn.add_edges_from((u, v, g.edges[u, v]) for u, v in kept)
            links = f"backbone: {len(kept)} of {g.number_of_edges()} links"
            g = drawn
    else:
        key, names = _community_key(g, result.partition)
        legend_title = f"colour: Louvain community (resolution {result.resolution:g})"
    return draw_network(
        g,
        positions,
        key=key,
        names=names,
        sizes={v: g.nodes[v].get("statements", 1) for v in g},
        title=(
            f"Co-signature network: {g.number_of_nodes()} parties, {links} "
            f"({result.weighting} weights; node area ~ statements signed)"
        ),
        legend_title=legend_title,
        label_of=lambda v: _short(result.graph, v),
        labels=labels,
    )


#: Colour index of each kind of solidarity node (the order of the page's legend).
SOLIDARITY_KINDS = {"party": 0, "country": 1}


def solidarity_figure(
    g: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    colour_by: str = "kind",
    partition: Mapping[str, Any] | None = None,
    labels: int = 15,
) -> Figure:
    """The solidarity network: arrows from signing parties to the subjects of statements.

    Node area ~ solidarity received (in-strength) for subjects, given (out-strength)
    for parties that only sign; colour by ``kind`` (party or country), ``country``
    or ``community`` (needs ``partition``). The ``labels`` largest nodes are labelled.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP", {"weight": 1}), ("b", "KP", {"weight": 1})])
    >>> for v, k in [("a", "party"), ("b", "party"), ("KP", "country")]:
    ...     g.nodes[v]["kind"] = k
    >>> fig = solidarity_figure(g, {"a": (0, 0), "b": (1, 0), "KP": (0.5, 1)})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2]
    ['party', 'country']
    >>> plt.close(fig)
    """
    if colour_by == "community":
        if partition is None:
            raise ValueError("colour_by='community' needs a partition")
        key, names = _community_key(g, partition)
        legend_title = "colour: co-signature community"
    elif colour_by == "country":
        key, names = _country_key(g)
        legend_title = "colour: country"
    else:
        key = {v: SOLIDARITY_KINDS.get(g.nodes[v].get("kind", "party"), -1) for v in g}
        names = {i: k for k, i in SOLIDARITY_KINDS.items()}
        legend_title = "colour: kind of node"
    sizes = {v: node_size(g, v) for v in g}
    arrow = Line2D(
        [], [], color="#555", marker=">", markersize=6, linewidth=1.2,
        label="signed a statement in solidarity with\n(width: statements)",
    )  # fmt: skip
    return draw_network(
        g,
        positions,
        key=key,
        names=names,
        sizes=sizes,
        title=(
            f"Solidarity network: {describe_solidarity(g)}\n(arrow: signing party \u2192 "
            "subject; node area ~ solidarity received, or given by parties that only sign)"
        ),
        legend_title=legend_title,
        label_of=lambda v: _short(g, v),
        labels=labels,
        labelled=label_priority(g),
        extra_handles=[arrow],
    )


def top_parties_figure(result: NetworkResult, n: int = 20) -> Figure:
    """Horizontal bars: statements signed by the ``n`` most active parties."""
    m = sorted(result.metrics.values(), key=lambda x: (-x.statements, x.party))[:n]
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(m), 3) + 1.2))
    labels = [f"{_short(result.graph, x.party)} ({x.country or '?'})" for x in m][::-1]
    ax.barh(labels, [x.statements for x in m][::-1], color=PALETTE[0])
    ax.set_xlabel("statements signed")
    ax.set_title(f"Signatures per party (top {len(m)})")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def per_year_figure(result: NetworkResult) -> Figure:
    """Bars per year: statements, and signatures (distinct party-statement pairs)."""
    d = result.data
    statements = Counter(st.year for st in d.statements.values() if st.year is not None)
    pairs = {(s.statement, s.party) for s in d.signatures}
    signatures = Counter(
        d.statements[st].year for st, _ in pairs if d.statements[st].year is not None
    )
    years = sorted(set(statements) | set(signatures))
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * len(years) + 3), 4))
    xs = range(len(years))
    ax.bar(
        [x - 0.2 for x in xs],
        [statements[y] for y in years],
        0.4,
        label="statements",
        color=PALETTE[0],
    )
    ax2 = ax.twinx()
    ax2.bar(
        [x + 0.2 for x in xs],
        [signatures[y] for y in years],
        0.4,
        label="signatures",
        color=PALETTE[3],
    )
    ax.set_xticks(list(xs), [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
    ax.set_ylabel("statements")
    ax2.set_ylabel("signatures")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax2.yaxis.get_major_locator().set_params(integer=True)
    undated = sum(1 for st in d.statements.values() if st.year is None)
    ax.set_title(
        "Statements and signatures per year"
        + (f" ({undated} undated statements not shown)" if undated else "")
    )
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", frameon=False)
    return fig


def parties_per_country_figure(result: NetworkResult, n: int = 30) -> Figure:
    """Horizontal bars: number of parties per country (the ``n`` largest)."""
    g = result.graph
    counts = Counter(g.nodes[v].get("country") or "no country" for v in g)
    labels = {
        a["country"]: a.get("country_label") or a["country"]
        for _, a in g.nodes(data=True)
        if a.get("country")
    }
    top = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:n]
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(top), 3) + 1.2))
    ax.barh([labels.get(c, c) for c, _ in top][::-1], [k for _, k in top][::-1], color=PALETTE[2])
    ax.set_xlabel("parties")
    ax.set_title(f"Parties per country ({len(counts)} countries)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
