"""Communities (Louvain over a sweep of resolutions) and partition comparison."""

from __future__ import annotations

import csv
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import networkx as nx
import numpy as np

DEFAULT_RESOLUTIONS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
DEFAULT_SEED = 42


def louvain(
    g: nx.Graph, resolution: float = 1.0, seed: int = DEFAULT_SEED, weight: str = "weight"
) -> dict[str, int]:
    """Louvain communities with a fixed seed, numbered by size (0 = largest).

    Ties in size are broken by the smallest member id, so the numbering is
    reproducible.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...               ("x", "z"), ("c", "x")])
    >>> louvain(g)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1, 'z': 1}
    """
    if g.number_of_nodes() == 0:
        return {}
    comms = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    ordered = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))
    return {v: i for i, c in enumerate(ordered) for v in c}


def modularity(g: nx.Graph, partition: Mapping[str, int], weight: str = "weight") -> float:
    """Newman-Girvan modularity (resolution 1) of a partition; 0 for an edgeless graph.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> modularity(g, {"a": 0, "b": 0, "c": 1, "d": 1})
    0.5
    """
    if g.number_of_edges() == 0:
        return 0.0
    groups: dict[int, set[str]] = {}
    for v, c in partition.items():
        groups.setdefault(c, set()).add(v)
    return float(nx.community.modularity(g, list(groups.values()), weight=weight))


def _contingency(a: Sequence[Hashable], b: Sequence[Hashable]) -> np.ndarray:
    ia = {x: i for i, x in enumerate(dict.fromkeys(a))}
    ib = {x: i for i, x in enumerate(dict.fromkeys(b))}
    table = np.zeros((len(ia), len(ib)))
    for x, y in zip(a, b, strict=True):
        table[ia[x], ib[y]] += 1
    return table


def adjusted_rand_index(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Adjusted Rand index of two labelings of the same items (Hubert and Arabie 1985).

    1 for identical partitions (up to renaming), about 0 for independent ones.

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    -0.5
    >>> round(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.2424
    """
    n = len(a)
    if n != len(b):
        raise ValueError("labelings differ in length")
    if n < 2:
        return 1.0
    t = _contingency(a, b)

    def comb2(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = comb2(t)
    sum_a, sum_b = comb2(t.sum(axis=1)), comb2(t.sum(axis=0))
    expected = sum_a * sum_b / (n * (n - 1) / 2)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:  # both trivial (all one cluster, or all singletons)
        return 1.0
    return float((index - expected) / (maximum - expected))


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def normalized_mutual_info(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Normalised mutual information, arithmetic-mean normalisation (as scikit-learn's default).

    Examples
    --------
    >>> normalized_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    >>> round(normalized_mutual_info([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.5158
    """
    if len(a) != len(b):
        raise ValueError("labelings differ in length")
    if not a:
        return 1.0
    t = _contingency(a, b)
    ha, hb = _entropy(t.sum(axis=1)), _entropy(t.sum(axis=0))
    if ha == 0 and hb == 0:
        return 1.0
    n = t.sum()
    nz = t > 0
    outer = np.outer(t.sum(axis=1), t.sum(axis=0))
    mi = float((t[nz] / n * np.log(t[nz] * n / outer[nz])).sum())
    denom = (ha + hb) / 2
    return max(0.0, min(1.0, mi / denom)) if denom > 0 else 0.0


@cache
def region_table() -> dict[str, tuple[str, str]]:
    """ISO2 -> (UN M49 region, sub-region), from ``network/data/m49_regions.csv``.

    Examples
    --------
    >>> region_table()["GR"]
    ('Europe', 'Southern Europe')
    >>> region_table()["VE"]
    ('Americas', 'Latin America and the Caribbean')
    """
    text = resources.files("partygraph.network").joinpath("data/m49_regions.csv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return {r["iso2"]: (r["region"], r["subregion"]) for r in csv.DictReader(lines)}


def region_of(iso2: str | None) -> tuple[str | None, str | None]:
    """(region, sub-region) of a country code, ``(None, None)`` when unknown.

    Examples
    --------
    >>> region_of("cu"), region_of(None)
    (('Americas', 'Latin America and the Caribbean'), (None, None))
    """
    if not iso2:
        return None, None
    return region_table().get(iso2.upper(), (None, None))


@dataclass(frozen=True)
class SweepRow:
    """Louvain at one resolution, compared with the country and region partitions."""

    resolution: float
    communities: int
    modularity: float
    ari_country: float
    nmi_country: float
    ari_region: float
    nmi_region: float
    ari_subregion: float
    nmi_subregion: float


def compare_with_geography(
    partition: Mapping[str, int], countries: Mapping[str, str | None]
) -> dict[str, float]:
    """ARI and NMI of a partition against country, M49 region and sub-region.

    Parties without a country are left out of the comparison.

    Examples
    --------
    >>> r = compare_with_geography({"a": 0, "b": 0, "c": 1}, {"a": "GR", "b": "GR", "c": "VE"})
    >>> r["ari_country"], r["nmi_region"]
    (1.0, 1.0)
    """
    items = [p for p in partition if countries.get(p)]
    comm = [partition[p] for p in items]
    ctry = [str(countries[p]) for p in items]
    reg = [region_of(c)[0] or c for c in ctry]
    sub = [region_of(c)[1] or c for c in ctry]
    out = {}
    for name, labels in (("country", ctry), ("region", reg), ("subregion", sub)):
        out[f"ari_{name}"] = adjusted_rand_index(comm, labels) if items else math.nan
        out[f"nmi_{name}"] = normalized_mutual_info(comm, labels) if items else math.nan
    return out


def louvain_sweep(
    g: nx.Graph,
    resolutions: Sequence[float] = DEFAULT_RESOLUTIONS,
    seed: int = DEFAULT_SEED,
) -> tuple[list[SweepRow], dict[float, dict[str, int]]]:
    """Run :func:`louvain` at each resolution; modularity is reported at resolution 1.

    Returns
    -------
    (rows, partitions)
        One :class:`SweepRow` per resolution, and the partition found at each.

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...               ("x", "z"), ("c", "x")])
    >>> for v in g:
    ...     g.nodes[v]["country"] = "GR" if v in "abc" else "VE"
    >>> rows, parts = louvain_sweep(g, [1.0])
    >>> rows[0].communities, round(rows[0].modularity, 3), rows[0].ari_country
    (2, 0.357, 1.0)
    """
    countries = {v: g.nodes[v].get("country") or None for v in g}
    rows, parts = [], {}
    for r in resolutions:
        part = louvain(g, r, seed)
        parts[float(r)] = part
        cmp = compare_with_geography(part, countries)
        rows.append(
            SweepRow(
                resolution=float(r),
                communities=len(set(part.values())),
                modularity=modularity(g, part),
                **cmp,
            )
        )
    return rows, parts
