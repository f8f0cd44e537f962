"""The whole network analysis of one slice, and the entry point ``analyse``."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from partygraph.errors import PartygraphError
from partygraph.network.backbone import disparity_filter
from partygraph.network.community import (
    DEFAULT_RESOLUTIONS,
    DEFAULT_SEED,
    SweepRow,
    louvain_sweep,
    region_of,
)
from partygraph.network.countries import country_network
from partygraph.network.load import SelectStore, SignatureData, load_signatures
from partygraph.network.metrics import PartyMetrics, party_metrics
from partygraph.network.projection import bipartite_graph, project
from partygraph.network.slices import Slice, SliceDiff, apply_slice, diff_partitions


@dataclass
class NetworkResult:
    """Everything computed for one slice (and, optionally, its diff with another)."""

    slice: Slice
    weighting: str
    data: SignatureData
    bipartite: nx.Graph
    graph: nx.Graph  # party projection, node attributes include metrics and community
    metrics: dict[str, PartyMetrics]
    sweep: list[SweepRow]
    partitions: dict[float, dict[str, int]]
    resolution: float
    partition: dict[str, int]
    backbone: nx.Graph
    alpha: float
    countries: nx.Graph
    compare: Slice | None = None
    compare_result: NetworkResult | None = None
    diff: SliceDiff | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def modularity(self) -> float:
        """Modularity of the main partition."""
        for row in self.sweep:
            if row.resolution == self.resolution:
                return row.modularity
        return float("nan")


def analyse_data(
    data: SignatureData,
    spec: Slice | None = None,
    *,
    weighting: str = "newman",
    resolutions: Sequence[float] = DEFAULT_RESOLUTIONS,
    resolution: float = 1.0,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
    compare: Slice | None = None,
) -> NetworkResult:
    """Run every step on signatures already read from the store (no I/O).

    Parameters
    ----------
    data
        All signatures (see :func:`partygraph.network.load.load_signatures`).
    spec
        The slice to analyse (default: everything, both roles).
    weighting
        Projection weight used by strength, paths, eigenvector, Louvain, backbone.
    resolutions
        Louvain resolutions to sweep; ``resolution`` (added if missing) gives the
        main partition.
    seed
        Louvain seed.
    alpha
        Disparity-filter significance level.
    compare
        A second slice; when given, the result carries its analysis and the diff.

    Returns
    -------
    NetworkResult

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory"),
    ...                                 ("s2", "b", "signatory"), ("s2", "c", "signatory")])
    >>> r = analyse_data(d, weighting="count", resolutions=[1.0])
    >>> r.graph.number_of_nodes(), r.graph.number_of_edges(), r.metrics["b"].degree
    (3, 2, 2)
    """
    spec = (spec or Slice()).validate()
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[name] = now - t
        t = now

    sliced = apply_slice(data, spec)
    if not sliced.signatures:
        raise PartygraphError(
            "no signatures in this slice (is the store empty? try `partygraph ingest`)",
            where=spec.describe(),
        )
    lap("slice")
    bip = bipartite_graph(sliced)
    lap("bipartite")
    g = project(sliced, weighting)
    lap("projection")
    metrics = party_metrics(g, sliced)
    lap("metrics")
    res = [float(r) for r in resolutions]
    if float(resolution) not in res:
        res.append(float(resolution))
    sweep, parts = louvain_sweep(g, res, seed)
    partition = parts[float(resolution)]
    lap("communities")
    backbone = disparity_filter(g, alpha) if g.number_of_edges() else g.copy()
    lap("backbone")
    for p, m in metrics.items():
        region, sub = region_of(m.country)
        g.nodes[p].update(
            region=region or "",
            subregion=sub or "",
            statements=m.statements,
            initiated=m.initiated,
            degree=m.degree,
            strength=m.strength,
            betweenness=m.betweenness,
            eigenvector=m.eigenvector,
            closeness=m.closeness,
            core=m.core,
            community=partition.get(p, -1),
            first_year=m.first_year if m.first_year is not None else -1,
            last_year=m.last_year if m.last_year is not None else -1,
            first_year_uncertain=m.first_year_uncertain,
        )
    kept = {frozenset(e) for e in backbone.edges}
    for u, v, a in g.edges(data=True):
        a["backbone"] = frozenset((u, v)) in kept
    countries = country_network(g, sliced)
    lap("countries")
    result = NetworkResult(
        slice=spec,
        weighting=weighting,
        data=sliced,
        bipartite=bip,
        graph=g,
        metrics=metrics,
        sweep=sweep,
        partitions=parts,
        resolution=float(resolution),
        partition=partition,
        backbone=backbone,
        alpha=alpha,
        countries=countries,
        timings=timings,
    )
    if compare is not None:
        other = analyse_data(
            data,
            compare,
            weighting=weighting,
            resolutions=[resolution],
            resolution=resolution,
            seed=seed,
            alpha=alpha,
        )
        result.compare = compare
        result.compare_result = other
        result.diff = diff_partitions(
            list(g.nodes), partition, list(other.graph.nodes), other.partition
        )
        lap("compare")
    return result


def analyse(
    store: SelectStore,
    *,
    meetings: Sequence[str] = (),
    since: int | None = None,
    until: int | None = None,
    series: Sequence[str] = (),
    role: str = "both",
    weighting: str = "newman",
    resolutions: Sequence[float] = DEFAULT_RESOLUTIONS,
    resolution: float = 1.0,
    seed: int = DEFAULT_SEED,
    alpha: float = 0.05,
    compare: Slice | None = None,
) -> NetworkResult:
    """Read the signatures from ``store`` (SPARQL) and analyse one slice.

    Writing files is the caller's step: :func:`partygraph.network.export.write_all`.

    Parameters
    ----------
    store
        A ``GraphStore`` (only ``select`` is used).
    meetings, since, until, series, role
        The slice (see :class:`partygraph.network.slices.Slice`).
    weighting, resolutions, resolution, seed, alpha, compare
        As in :func:`analyse_data`.

    Returns
    -------
    NetworkResult
    """
    t = time.perf_counter()
    data = load_signatures(store)
    load_time = time.perf_counter() - t
    spec = Slice(
        meetings=tuple(meetings), since=since, until=until, series=tuple(series), role=role
    )
    result = analyse_data(
        data,
        spec,
        weighting=weighting,
        resolutions=resolutions,
        resolution=resolution,
        seed=seed,
        alpha=alpha,
        compare=compare,
    )
    result.timings = {"query": load_time, **result.timings}
    return result
