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


def test_gexf_has_no_minus_one_and_a_spell_per_run_of_active_years(bundled_store, tmp_path):
    """Issue 15: -1 stood for an unknown year in the GEXF; Gephi's timeline needs spells."""
    import csv

    import networkx as nx

    from partygraph.network import analyse

    result = analyse(bundled_store)
    write_all(result, tmp_path)
    gexf = (tmp_path / "network.gexf").read_text(encoding="utf-8")
    assert 'value="-1"' not in gexf and "<spells>" in gexf
    g = nx.read_gexf(tmp_path / "network.gexf")
    for party, m in result.metrics.items():
        spells = g.nodes[party].get("spells", [])
        years = {y for start, end in spells for y in range(int(start[:4]), int(end[:4]) + 1)}
        assert years == set(m.years), party
    with (tmp_path / "nodes.csv").open(encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    # 6 of the 13 bundled statements have no known year: their signers' first year is a guess
    uncertain = {p for p, m in result.metrics.items() if m.undated}
    assert uncertain and all(rows[p]["first_year_uncertain"] == "true" for p in uncertain)
    assert all(rows[p]["first_year_uncertain"] == "false" for p in set(rows) - uncertain)
