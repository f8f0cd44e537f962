"""Static figures (matplotlib, Agg backend): the network with a legend, and charts."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: figures are files

import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from partygraph.network.analysis import NetworkResult
from partygraph.network.export import atomic_write

PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#e7ba52",
    "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
]  # fmt: skip
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


def _short(result: NetworkResult, p: str) -> str:
    a = result.graph.nodes[p]
    return a.get("abbreviation") or a.get("label") or p


def network_figure(
    result: NetworkResult,
    positions: dict[str, tuple[float, float]],
    colour_by: str = "community",
    labels: int = 15,
) -> Figure:
    """The co-signature network: node area ~ statements, colour by community or country.

    The ``labels`` most active parties are labelled; the legend names each colour.
    """
    g = result.graph
    if colour_by == "country":
        counts = Counter(g.nodes[v].get("country") or "?" for v in g)
        ranked = [c for c, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
        key = {v: ranked.index(g.nodes[v].get("country") or "?") for v in g}
        names = {i: c for i, c in enumerate(ranked)}
        title = "colour: country"
    else:
        key = {v: result.partition.get(v, -1) for v in g}
        names = {}
        for c in sorted(set(key.values())):
            members = [v for v in g if key[v] == c]
            counts = Counter(g.nodes[v].get("country") or "?" for v in members)
            top = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:3]
            names[c] = f"{c}: {len(members)} parties ({', '.join(k for k, _ in top)})"
        title = f"colour: Louvain community (resolution {result.resolution:g})"

    def colour(i: int) -> str:
        return PALETTE[i] if 0 <= i < len(PALETTE) else OTHER

    fig, ax = plt.subplots(figsize=(11, 8.5))
    maxw = max((a["weight"] for _, _, a in g.edges(data=True)), default=1.0) or 1.0
    segments = [(positions[u], positions[v]) for u, v in g.edges]
    widths = [0.3 + 2.5 * a["weight"] / maxw for _, _, a in g.edges(data=True)]
    alphas = [0.08 + 0.5 * a["weight"] / maxw for _, _, a in g.edges(data=True)]
    if segments:
        ax.add_collection(
            LineCollection(
                segments,
                linewidths=widths,
                colors=[(0.35, 0.35, 0.35, a) for a in alphas],
                zorder=1,
            )
        )
    nodes = sorted(g.nodes)
    most = max((g.nodes[v].get("statements", 1) for v in nodes), default=1) or 1
    ax.scatter(
        [positions[v][0] for v in nodes],
        [positions[v][1] for v in nodes],
        s=[20 + 400 * g.nodes[v].get("statements", 1) / most for v in nodes],
        c=[colour(key[v]) for v in nodes],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )
    top = sorted(nodes, key=lambda v: (-g.nodes[v].get("statements", 0), v))[:labels]
    for v in top:
        x, y = positions[v]
        ax.annotate(
            _short(result, v),
            (x, y),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=8,
            zorder=3,
            # a light box keeps labels readable over links and stays text in SVG
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.7, "lw": 0},
        )
    shown = sorted(names)[: len(PALETTE)]
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=colour(i), label=names[i])
        for i in shown
    ]
    if len(names) > len(PALETTE):
        handles.append(
            Line2D([], [], marker="o", linestyle="", markersize=8, color=OTHER, label="others")
        )
    ax.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )
    ax.set_title(
        f"Co-signature network: {g.number_of_nodes()} parties, {g.number_of_edges()} links "
        f"({result.weighting} weights; node area ~ statements signed)",
        fontsize=11,
    )
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


def top_parties_figure(result: NetworkResult, n: int = 20) -> Figure:
    """Horizontal bars: statements signed by the ``n`` most active parties."""
    m = sorted(result.metrics.values(), key=lambda x: (-x.statements, x.party))[:n]
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(m), 3) + 1.2))
    labels = [f"{_short(result, x.party)} ({x.country or '?'})" for x in m][::-1]
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
