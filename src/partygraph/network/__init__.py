"""Co-signature network analysis: who signs with whom.

Reads the graph only through SPARQL (:func:`load_signatures`), builds the
bipartite party x statement graph and its projections, computes party
metrics, communities, a backbone and the country network, and writes CSV,
GEXF, GraphML and a Markdown report (:func:`analyse`).
"""

from __future__ import annotations

from partygraph.network.analysis import NetworkResult, analyse, analyse_data
from partygraph.network.backbone import disparity_alpha, disparity_filter
from partygraph.network.community import (
    adjusted_rand_index,
    compare_with_geography,
    louvain,
    louvain_sweep,
    modularity,
    normalized_mutual_info,
    region_of,
)
from partygraph.network.countries import country_network
from partygraph.network.load import SIGNATURES_QUERY, SignatureData, load_signatures
from partygraph.network.metrics import (
    eigenvector,
    party_metrics,
    weighted_betweenness,
    weighted_closeness,
)
from partygraph.network.projection import bipartite_graph, project
from partygraph.network.slices import Slice, SliceDiff, apply_slice, diff_partitions

__all__ = [
    "SIGNATURES_QUERY",
    "NetworkResult",
    "SignatureData",
    "Slice",
    "SliceDiff",
    "adjusted_rand_index",
    "analyse",
    "analyse_data",
    "apply_slice",
    "bipartite_graph",
    "compare_with_geography",
    "country_network",
    "diff_partitions",
    "disparity_alpha",
    "disparity_filter",
    "eigenvector",
    "load_signatures",
    "louvain",
    "louvain_sweep",
    "modularity",
    "normalized_mutual_info",
    "party_metrics",
    "project",
    "region_of",
    "weighted_betweenness",
    "weighted_closeness",
]
