"""The country-level co-signature network."""

from __future__ import annotations

import networkx as nx

from partygraph.network.community import region_of
from partygraph.network.load import SignatureData


def country_network(g: nx.Graph, data: SignatureData) -> nx.Graph:
    """Aggregate the party projection ``g`` by the parties' countries.

    Nodes are ISO2 codes with ``label``, ``region``, ``parties`` (parties of
    that country in ``g``), ``statements`` (statements signed by at least one
    of them) and ``internal_weight``/``internal_count`` (co-signature between
    parties of the same country). An edge sums ``weight`` and ``count`` over
    the party pairs between the two countries. Parties without a country
    (international organisations, unresolved names) are left out.

    Examples
    --------
    >>> from partygraph.network.load import PartyInfo
    >>> from partygraph.network.projection import project
    >>> parties = {p: PartyInfo(p, "", p.upper(), country=c)
    ...            for p, c in [("a", "GR"), ("b", "GR"), ("c", "VE")]}
    >>> d = SignatureData.from_records([("s1", "a", "x"), ("s1", "b", "x"), ("s1", "c", "x")],
    ...                                parties=parties)
    >>> c = country_network(project(d, "count"), d)
    >>> c.nodes["GR"]["parties"], c.nodes["GR"]["internal_count"], c.edges["GR", "VE"]["count"]
    (2, 1, 2)
    """
    c = nx.Graph(weighting=g.graph.get("weighting", ""))
    statements: dict[str, set[str]] = {}
    for s in data.signatures:
        iso = data.parties[s.party].country if s.party in data.parties else None
        if iso:
            statements.setdefault(iso, set()).add(s.statement)
    for _, attrs in g.nodes(data=True):
        iso = attrs.get("country")
        if not iso:
            continue
        if iso not in c:
            region, sub = region_of(iso)
            c.add_node(
                iso,
                label=attrs.get("country_label") or iso,
                region=region or "",
                subregion=sub or "",
                parties=0,
                statements=len(statements.get(iso, ())),
                internal_weight=0.0,
                internal_count=0,
            )
        c.nodes[iso]["parties"] += 1
    for u, v, a in g.edges(data=True):
        cu, cv = g.nodes[u].get("country"), g.nodes[v].get("country")
        if not cu or not cv:
            continue
        if cu == cv:
            c.nodes[cu]["internal_weight"] += a["weight"]
            c.nodes[cu]["internal_count"] += a["count"]
            continue
        if c.has_edge(cu, cv):
            c.edges[cu, cv]["weight"] += a["weight"]
            c.edges[cu, cv]["count"] += a["count"]
        else:
            c.add_edge(cu, cv, weight=a["weight"], count=a["count"])
    return c
