"""Backbone of a weighted graph by the disparity filter (Serrano, Boguñá, Vespignani 2009).

For a node ``i`` of degree ``k`` and strength ``s``, the null model spreads ``s``
uniformly at random over its ``k`` edges; the probability that an edge gets a
share at least ``p = w_ij / s`` is ``alpha_ij = (1 - p) ** (k - 1)``. An edge is
kept when it is significant (``alpha_ij < alpha``) for at least one of its two
ends. A node with a single edge cannot judge it (``alpha = 1`` from its side),
so such an edge survives only if its other end finds it significant.
"""

from __future__ import annotations

import networkx as nx


def disparity_alpha(g: nx.Graph, weight: str = "weight") -> dict[tuple[str, str], float]:
    """The disparity-filter p-value of every edge: the smaller of its two ends' alphas.

    Parameters
    ----------
    g
        Undirected graph with positive weights.
    weight
        Edge attribute holding the weight.

    Returns
    -------
    dict
        ``(u, v)`` as iterated by ``g.edges`` -> alpha in ``[0, 1]``.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 3.0), ("a", "c", 1.0)])
    >>> disparity_alpha(g)
    {('a', 'b'): 0.25, ('a', 'c'): 0.75}
    """
    strength = dict(g.degree(weight=weight))
    degree = dict(g.degree())

    def side(node: str, w: float) -> float:
        k = degree[node]
        if k <= 1 or strength[node] <= 0:
            return 1.0
        return (1.0 - w / strength[node]) ** (k - 1)

    out = {}
    for u, v, w in g.edges(data=weight, default=1.0):
        out[(u, v)] = min(side(u, w), side(v, w))
    return out


def disparity_filter(g: nx.Graph, alpha: float = 0.05, weight: str = "weight") -> nx.Graph:
    """Keep the edges whose disparity p-value is below ``alpha``.

    Every node of ``g`` stays in the result (possibly isolated) with its
    attributes; kept edges carry their attributes plus ``alpha``.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 9.0), ("a", "c", 1.0), ("a", "d", 1.0)])
    >>> sorted(disparity_filter(g, alpha=0.05).edges)
    [('a', 'b')]
    """
    if not 0 < alpha <= 1:
        raise ValueError("alpha must be in (0, 1]")
    alphas = disparity_alpha(g, weight)
    b = nx.Graph(**g.graph)
    b.add_nodes_from(g.nodes(data=True))
    for (u, v), a in alphas.items():
        if a < alpha:
            b.add_edge(u, v, **g.edges[u, v], alpha=a)
    return b
