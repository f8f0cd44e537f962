"""The bipartite party x statement graph and its projections onto parties."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from partygraph.errors import PartygraphError
from partygraph.network.load import SignatureData

WEIGHTINGS = ("count", "newman", "jaccard")


def bipartite_graph(data: SignatureData) -> nx.Graph:
    """Party x statement graph: nodes ``party/<id>`` (bipartite=0) and ``statement/<id>`` (1).

    An edge carries ``roles``, the sorted roles the party had on the statement
    (comma-separated, so the graph exports to GraphML).

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "a", "initiator")])
    >>> g = bipartite_graph(d)
    >>> g.edges["party/a", "statement/s1"]["roles"]
    'initiator,signatory'
    """
    g = nx.Graph()
    for pid in sorted({s.party for s in data.signatures}):
        g.add_node(f"party/{pid}", bipartite=0, kind="party", label=data.parties[pid].label)
    for sid in sorted({s.statement for s in data.signatures}):
        g.add_node(f"statement/{sid}", bipartite=1, kind="statement")
    roles: dict[tuple[str, str], set[str]] = {}
    for s in data.signatures:
        roles.setdefault((s.party, s.statement), set()).add(s.role)
    for (p, st), rs in roles.items():
        g.add_edge(f"party/{p}", f"statement/{st}", roles=",".join(sorted(rs)))
    return g


@dataclass
class Incidence:
    """Sparse party x statement incidence matrix with its row and column labels."""

    parties: list[str]
    statements: list[str]
    matrix: sp.csr_matrix  # float64 0/1, parties x statements


def incidence(data: SignatureData) -> Incidence:
    """Build the 0/1 incidence matrix (a party counts once per statement, whatever its roles).

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s2", "a", "signatory"),
    ...                                 ("s2", "b", "initiator")])
    >>> inc = incidence(d)
    >>> inc.matrix.toarray().tolist()
    [[1.0, 1.0], [0.0, 1.0]]
    """
    parties = sorted({s.party for s in data.signatures})
    statements = sorted({s.statement for s in data.signatures})
    pi = {p: i for i, p in enumerate(parties)}
    si = {s: i for i, s in enumerate(statements)}
    pairs = sorted({(pi[s.party], si[s.statement]) for s in data.signatures})
    rows = np.array([p for p, _ in pairs], dtype=np.int64)
    cols = np.array([s for _, s in pairs], dtype=np.int64)
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(parties), len(statements)))
    return Incidence(parties, statements, m)


def projection_matrices(inc: Incidence) -> dict[str, sp.coo_matrix]:
    """Upper-triangle party x party matrices: ``count``, ``newman`` and ``jaccard``.

    ``count[i, j]`` is the number of statements both signed; ``newman`` adds
    ``1/(k-1)`` per shared statement signed by ``k`` parties (Newman 2001), so a
    statement signed by many parties weighs less per pair; ``jaccard`` is
    ``count / (n_i + n_j - count)`` with ``n`` the statements each signed.
    The three share one sparsity pattern, in the same (row-major) order.

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "x"), ("s1", "b", "x"), ("s1", "c", "x"),
    ...                                 ("s2", "a", "x"), ("s2", "b", "x")])
    >>> m = projection_matrices(incidence(d))
    >>> m["count"].toarray()[0, 1], m["newman"].toarray()[0, 1], m["jaccard"].toarray()[0, 2]
    (np.float64(2.0), np.float64(1.5), np.float64(0.5))
    """
    b = inc.matrix
    k = np.asarray(b.sum(axis=0)).ravel()
    w = np.divide(1.0, k - 1, out=np.zeros_like(k, dtype=float), where=k > 1)
    count = sp.csr_matrix(sp.triu(b @ b.T, k=1))
    count.sort_indices()
    newman = sp.csr_matrix(sp.triu(b @ sp.diags(w) @ b.T, k=1))
    newman.sort_indices()
    count, newman = count.tocoo(), newman.tocoo()
    n = np.asarray(b.sum(axis=1)).ravel()
    jac = count.data / (n[count.row] + n[count.col] - count.data)
    jaccard = sp.coo_matrix((jac, (count.row, count.col)), shape=count.shape)
    return {"count": count, "newman": newman, "jaccard": jaccard}


def project(data: SignatureData, weighting: str = "newman") -> nx.Graph:
    """Project signatures onto parties: one edge per pair that signed a statement together.

    Every edge carries ``count``, ``newman`` and ``jaccard``; ``weight`` is the
    chosen weighting and ``distance`` is ``1/weight`` (for path-based metrics).
    Parties that never co-signed stay as isolated nodes.

    Parameters
    ----------
    data
        Signatures (already sliced).
    weighting
        ``count``, ``newman`` or ``jaccard``.

    Returns
    -------
    networkx.Graph
        Nodes are party ids with ``label``, ``abbreviation``, ``country``, ``country_label``.

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "x"), ("s1", "b", "x"), ("s1", "c", "x")])
    >>> g = project(d, "newman")
    >>> g.number_of_edges(), g.edges["a", "b"]["weight"], g.edges["a", "b"]["count"]
    (3, 0.5, 1)
    """
    if weighting not in WEIGHTINGS:
        raise PartygraphError(
            f"unknown weighting {weighting!r}, expected one of {', '.join(WEIGHTINGS)}",
            where="--weighting",
        )
    inc = incidence(data)
    mats = projection_matrices(inc)
    g = nx.Graph(weighting=weighting)
    for p in inc.parties:
        info = data.parties[p]
        g.add_node(
            p,
            label=info.label,
            abbreviation=info.abbreviation or "",
            country=info.country or "",
            country_label=info.country_label or "",
        )
    c, nw, jc = mats["count"], mats["newman"], mats["jaccard"]
    # a pair co-signs iff some statement with k >= 2 holds both, so count and
    # newman have one pattern; sorted CSR -> COO keeps their entries aligned
    if not (np.array_equal(c.row, nw.row) and np.array_equal(c.col, nw.col)):
        raise AssertionError("count and newman projections differ in pattern")
    chosen = {"count": c.data, "newman": nw.data, "jaccard": jc.data}[weighting]
    names = inc.parties
    g.add_edges_from(
        (
            names[i],
            names[j],
            {
                "count": round(cnt),
                "newman": nwv,
                "jaccard": jcv,
                "weight": w,
                "distance": 1.0 / w,
            },
        )
        for i, j, cnt, nwv, jcv, w in zip(
            c.row.tolist(),
            c.col.tolist(),
            c.data.tolist(),
            nw.data.tolist(),
            jc.data.tolist(),
            chosen.tolist(),
            strict=True,
        )
    )
    return g
