"""The network of the bundled graph (data/statements, ingested by the real pipeline).

The numbers are checked against independent computations (a second SPARQL
query, plain Python over statement memberships), not against hard-coded values,
so the test holds as the bundled data grows.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from partygraph.network.export import write_all
from partygraph.paths import statements_dir


@pytest.fixture(scope="module")
def bundled_store():
    pipeline = pytest.importorskip("partygraph.pipeline")
    from partygraph.store import EmbeddedStore

    store = EmbeddedStore()
    pipeline.ingest_paths(store, [statements_dir()])
    yield store
    store.close()


MEMBERS = """
PREFIX pg: <https://w3id.org/partygraph/ontology#>
SELECT DISTINCT ?statement ?party WHERE {
  { ?statement pg:signedBy ?party } UNION { ?statement pg:initiatedBy ?party }
}
"""


def test_bundled_network_matches_independent_counts(bundled_store, tmp_path):
    from partygraph.network import analyse

    members: dict[str, set[str]] = {}
    for st, party in bundled_store.select(MEMBERS).rows:
        members.setdefault(str(st), set()).add(str(party).rsplit("/", 1)[-1])
    assert len(members) >= 10  # the bundled statements were ingested

    r = analyse(bundled_store, weighting="newman")
    write_all(r, tmp_path)
    g = r.graph
    parties = set().union(*members.values())
    assert set(g.nodes) == parties
    pairs = {frozenset(p) for m in members.values() for p in combinations(sorted(m), 2)}
    assert g.number_of_edges() == len(pairs)
    for p in parties:
        signed = [m for m in members.values() if p in m]
        assert r.metrics[p].statements == len(signed)
        # Newman weighting: each statement with k >= 2 parties gives a party strength 1
        assert r.metrics[p].strength == pytest.approx(sum(1 for m in signed if len(m) > 1))
    assert (tmp_path / "report.md").read_text().count("|") > 20
    assert 0.0 < r.modularity < 1.0
