"""Write a :class:`NetworkResult`: CSV tables, GEXF and GraphML, a Markdown report."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.files import atomic_write, output_folder
from partygraph.network.analysis import NetworkResult
from partygraph.network.load import SignatureData


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Atomically write a UTF-8 CSV with a header row (floats to 6 significant digits).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_csv(Path(tmp) / "x.csv", ["a", "b"], [[1 / 3, None], [True, "z"]])
    ...     path.read_text().splitlines()
    ['a,b', '0.333333,', 'true,z']
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else _fmt(v) for v in row])
    data = buf.getvalue().encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(data))


def _fmt(v: Any) -> Any:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.6g}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def edge_spans(data: SignatureData) -> dict[frozenset[str], tuple[set[int], set[str]]]:
    """For each co-signing pair: the years and the meetings where they signed together.

    Examples
    --------
    >>> from partygraph.network.load import StatementInfo
    >>> d = SignatureData.from_records([("s1", "a", "x"), ("s1", "b", "x")],
    ...     statements={"s1": StatementInfo("s1", "", year=2011, meeting="imcwp-13")})
    >>> edge_spans(d)[frozenset("ab")]
    ({2011}, {'imcwp-13'})
    """
    members: dict[str, set[str]] = {}
    for s in data.signatures:
        members.setdefault(s.statement, set()).add(s.party)
    out: dict[frozenset[str], tuple[set[int], set[str]]] = {}
    for st, parties in members.items():
        info = data.statements.get(st)
        for u, v in combinations(sorted(parties), 2):
            years, meetings = out.setdefault(frozenset((u, v)), (set(), set()))
            if info is not None and info.year is not None:
                years.add(info.year)
            if info is not None and info.meeting:
                meetings.add(info.meeting)
    return out


_YEARS = ("first_year", "last_year")


def year_spells(years: Sequence[int]) -> list[tuple[str, str]]:
    """GEXF spells for the years a party was active: one per run of consecutive years.

    Examples
    --------
    >>> year_spells([2008, 2011, 2012, 2018])
    [('2008-01-01', '2008-12-31'), ('2011-01-01', '2012-12-31'), ('2018-01-01', '2018-12-31')]
    """
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return [(f"{a:04d}-01-01", f"{b:04d}-12-31") for a, b in runs]


def _scalar(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool | int | float | str):
        return v
    return str(v)


def export_graph(result: NetworkResult) -> nx.Graph:
    """A copy of the projection with scalar attributes only and GEXF time spans.

    Nodes get one spell per run of consecutive years they signed in (a party active
    in 2008 and 2018 is not shown as active in between), edges the ``start``/``end``
    of the years co-signed, so Gephi's timeline shows who was active when; undated
    parties and edges get none, and an unknown first or last year is left out.
    """
    g = result.graph
    spans = edge_spans(result.data)
    h = nx.Graph(
        weighting=result.weighting,
        slice=result.slice.describe(),
        resolution=result.resolution,
    )
    for v, a in g.nodes(data=True):
        # an unknown year is left out (never -1), as in nodes.csv
        attrs = {k: _scalar(x) for k, x in a.items() if not (k in _YEARS and x == -1)}
        attrs["label"] = a.get("label") or v
        m = result.metrics.get(v)
        if m is not None and m.years:
            attrs["spells"] = year_spells(m.years)
        h.add_node(v, **attrs)
    for u, v, a in g.edges(data=True):
        attrs = {k: _scalar(x) for k, x in a.items() if k != "distance"}
        years, meetings = spans.get(frozenset((u, v)), (set(), set()))
        if years:
            attrs["start"] = f"{min(years):04d}-01-01"
            attrs["end"] = f"{max(years):04d}-12-31"
        attrs["meetings"] = ";".join(sorted(meetings))
        h.add_edge(u, v, **attrs)
    return h


def _without_spans(g: nx.Graph) -> nx.Graph:
    h = g.copy()
    for _, a in h.nodes(data=True):
        a.pop("spells", None)  # GraphML has no spells: first_year/last_year say it
        if "start" in a:
            a["start_date"], a["end_date"] = a.pop("start"), a.pop("end")
    for _, _, a in h.edges(data=True):
        if "start" in a:
            a["start_date"], a["end_date"] = a.pop("start"), a.pop("end")
    return h


NODE_COLUMNS = [
    "id",
    "label",
    "abbreviation",
    "country",
    "country_label",
    "region",
    "subregion",
    "statements",
    "initiated",
    "first_year",
    "last_year",
    "first_year_uncertain",
    "community",
]
METRIC_COLUMNS = [
    "id",
    "label",
    "country",
    "statements",
    "initiated",
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "closeness",
    "core",
    "community",
]
EDGE_COLUMNS = ["source", "target", "count", "newman", "jaccard", "weight", "alpha", "backbone"]


def write_all(result: NetworkResult, out_dir: Path) -> dict[str, Path]:
    """Write every network output of ``result`` under ``out_dir``; return name -> path."""
    output_folder(out_dir)
    g = result.graph
    files: dict[str, Path] = {}
    nodes = sorted(g.nodes)

    def node_row(v: str, cols: Sequence[str]) -> list[Any]:
        a = g.nodes[v]
        row = []
        for c in cols:
            x = v if c == "id" else a.get(c)
            if c in ("first_year", "last_year") and x == -1:
                x = None
            row.append(x)
        return row

    files["nodes.csv"] = write_csv(
        out_dir / "nodes.csv", NODE_COLUMNS, (node_row(v, NODE_COLUMNS) for v in nodes)
    )
    by_rank = sorted(nodes, key=lambda v: (-g.nodes[v]["statements"], v))
    files["metrics.csv"] = write_csv(
        out_dir / "metrics.csv", METRIC_COLUMNS, (node_row(v, METRIC_COLUMNS) for v in by_rank)
    )
    alphas = _edge_alphas(result)
    edges = sorted((min(u, v), max(u, v), a) for u, v, a in g.edges(data=True))
    files["edges.csv"] = write_csv(
        out_dir / "edges.csv",
        EDGE_COLUMNS,
        (
            [
                u,
                v,
                a["count"],
                a["newman"],
                a["jaccard"],
                a["weight"],
                alphas.get(frozenset((u, v))),
                a["backbone"],
            ]
            for u, v, a in edges
        ),
    )
    files["communities.csv"] = write_csv(
        out_dir / "communities.csv",
        [
            "resolution",
            "communities",
            "modularity",
            "ari_country",
            "nmi_country",
            "ari_region",
            "nmi_region",
            "ari_subregion",
            "nmi_subregion",
        ],
        (
            [
                r.resolution,
                r.communities,
                r.modularity,
                r.ari_country,
                r.nmi_country,
                r.ari_region,
                r.nmi_region,
                r.ari_subregion,
                r.nmi_subregion,
            ]
            for r in result.sweep
        ),
    )
    c = result.countries
    files["countries.csv"] = write_csv(
        out_dir / "countries.csv",
        [
            "country",
            "label",
            "region",
            "subregion",
            "parties",
            "statements",
            "internal_count",
            "internal_weight",
            "degree",
            "strength",
        ],
        (
            [
                k,
                a["label"],
                a["region"],
                a["subregion"],
                a["parties"],
                a["statements"],
                a["internal_count"],
                a["internal_weight"],
                c.degree(k),
                c.degree(k, weight="weight"),
            ]
            for k, a in sorted(c.nodes(data=True))
        ),
    )
    files["country_edges.csv"] = write_csv(
        out_dir / "country_edges.csv",
        ["source", "target", "count", "weight"],
        ([min(u, v), max(u, v), a["count"], a["weight"]] for u, v, a in sorted(c.edges(data=True))),
    )
    h = export_graph(result)
    files["network.gexf"] = atomic_write(out_dir / "network.gexf", lambda fh: nx.write_gexf(h, fh))
    files["network.graphml"] = atomic_write(
        out_dir / "network.graphml", lambda fh: nx.write_graphml(_without_spans(h), fh)
    )
    files["countries.graphml"] = atomic_write(
        out_dir / "countries.graphml", lambda fh: nx.write_graphml(c, fh)
    )
    if result.diff is not None:
        other = result.compare_result
        assert other is not None
        labels = {
            **{v: other.graph.nodes[v].get("label", v) for v in other.graph},
            **{v: g.nodes[v].get("label", v) for v in g},
        }
        rows = [[p, labels[p], "joined", "", other.partition.get(p)] for p in result.diff.joined]
        rows += [[p, labels[p], "left", result.partition.get(p), ""] for p in result.diff.left]
        rows += [[p, labels[p], "moved", a, b] for p, a, b in result.diff.moved]
        rows += [
            [p, labels[p], "stayed", result.partition[p], other.partition[p]]
            for p in result.diff.stayed
        ]
        files["diff.csv"] = write_csv(
            out_dir / "diff.csv", ["party", "label", "status", "community_a", "community_b"], rows
        )
    from partygraph.network.report import report_markdown

    text = report_markdown(result).encode("utf-8")
    files["report.md"] = atomic_write(out_dir / "report.md", lambda fh: fh.write(text))
    return files


def _edge_alphas(result: NetworkResult) -> dict[frozenset[str], float]:
    from partygraph.network.backbone import disparity_alpha

    if result.graph.number_of_edges() == 0:
        return {}
    return {frozenset(k): a for k, a in disparity_alpha(result.graph).items()}


def top_countries(result: NetworkResult, parties: Iterable[str], n: int = 3) -> str:
    """``GR 3, PT 2`` for the most frequent countries among ``parties``."""
    counts = Counter(result.graph.nodes[p].get("country") or "?" for p in parties)
    return ", ".join(f"{c} {k}" for c, k in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:n])
