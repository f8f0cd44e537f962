"""Network analysis on the hand-written fixture graph (tests/network/fixture.trig)."""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

import networkx as nx
import pytest

from partygraph.errors import PartygraphError
from partygraph.network import (
    Slice,
    adjusted_rand_index,
    analyse,
    analyse_data,
    apply_slice,
    disparity_alpha,
    disparity_filter,
    eigenvector,
    louvain,
    normalized_mutual_info,
    project,
    region_of,
    weighted_betweenness,
    weighted_closeness,
)
from partygraph.network.export import write_all
from partygraph.network.projection import bipartite_graph

# --- reading the store --------------------------------------------------------------


def test_load_reads_parties_statements_and_roles(fixture_data):
    d = fixture_data
    assert len(d.statements) == 6
    assert len(d.parties) == 13
    assert d.parties["kke"].label == "Communist Party of Greece"
    assert d.parties["kke"].abbreviation == "KKE"
    assert d.parties["kke"].country == "GR"
    assert d.parties["kke"].country_label == "Greece"
    assert d.parties["new-left-front"].country is None
    roles = {(s.statement, s.party, s.role) for s in d.signatures}
    assert ("s1", "kke", "initiator") in roles
    assert ("s5", "cpim", "initiator") in roles
    assert ("s5", "cpim", "signatory") not in roles
    # signatures: 7 + 1 initiator (s1), 7 (s2), 4 (s3), 3 (s4), 3 + 1 initiator (s5), 4 (s6)
    assert len(d.signatures) == 30


def test_years_fall_back_to_meeting_start_then_publication(fixture_data):
    st = fixture_data.statements
    assert (st["s1"].date, st["s1"].year) == ("2011-12-11", 2011)
    assert st["s3"].year == 2011  # no date; meeting start 2011-04-11
    assert st["s5"].year == 2018  # only dcterms:issued
    assert st["s6"].year == 2018  # meeting imcwp-20
    assert st["s4"].meeting is None
    assert st["s2"].meeting == "imcwp-20" and st["s2"].series == "imcwp"
    assert st["s3"].meeting_label == "European Communist Meeting 2011 Brussels"
    assert fixture_data.years() == [2011, 2014, 2018]


def test_real_embedded_store_gives_same_rows(fixture_data):
    store_mod = pytest.importorskip("partygraph.store")
    if not hasattr(store_mod, "EmbeddedStore"):
        pytest.skip("partygraph.store.EmbeddedStore not there yet")
    import pyoxigraph as ox

    from partygraph.network import load_signatures

    s = store_mod.EmbeddedStore()
    with (Path(__file__).parent / "fixture.trig").open("rb") as fh:
        s.oxigraph.load(fh, ox.RdfFormat.TRIG)
    d = load_signatures(s)
    assert d.signatures == fixture_data.signatures
    assert d.parties == fixture_data.parties


# --- graphs ---------------------------------------------------------------------------


def test_bipartite_graph(fixture_data):
    b = bipartite_graph(fixture_data)
    parties = [v for v, a in b.nodes(data=True) if a["bipartite"] == 0]
    assert len(parties) == 13
    assert b.number_of_nodes() == 13 + 6
    assert b.number_of_edges() == 7 + 7 + 4 + 3 + 4 + 4  # cpim on s5 as initiator only
    assert b.edges["party/kke", "statement/s1"]["roles"] == "initiator,signatory"


def test_projection_weights_worked_by_hand(fixture_data):
    g = project(fixture_data, "newman")
    e = g.edges["kke", "pcp"]  # s1 (7 parties) and s2 (7 parties)
    assert e["count"] == 2
    assert e["newman"] == pytest.approx(1 / 6 + 1 / 6)
    assert e["jaccard"] == pytest.approx(2 / (3 + 3 - 2))  # kke: s1 s2 s4; pcp: s1 s2 s3
    assert e["weight"] == e["newman"]
    assert e["distance"] == pytest.approx(1 / e["newman"])
    # pcv-pcc: s2 (7 parties) and s6 (4 parties)
    assert g.edges["pcv", "pcc"]["newman"] == pytest.approx(1 / 6 + 1 / 3)
    assert project(fixture_data, "count").edges["pcv", "pcc"]["weight"] == 2
    assert not g.has_edge("sacp", "kke")


def test_role_filter_changes_the_projection(fixture_data):
    both = project(apply_slice(fixture_data, Slice(role="both")), "count")
    sig = project(apply_slice(fixture_data, Slice(role="signatory")), "count")
    init = apply_slice(fixture_data, Slice(role="initiator"))
    assert both.has_edge("cpim", "cpi")
    assert not sig.has_edge("cpim", "cpi")
    assert sorted(init.parties) == ["cpim", "kke"]
    assert project(init, "count").number_of_edges() == 0


def test_unknown_weighting_is_a_user_error(fixture_data):
    with pytest.raises(PartygraphError, match="weighting"):
        project(fixture_data, "cosine")


# --- slices ---------------------------------------------------------------------------


def test_slices_by_meeting_year_and_series(fixture_data):
    def statements(spec):
        return sorted(apply_slice(fixture_data, spec).statements)

    assert statements(Slice(meetings=("imcwp-20",))) == ["s2", "s6"]
    assert statements(
        Slice(meetings=("20th International Meeting of Communist and Workers' Parties",))
    ) == [
        "s2",
        "s6",
    ]
    assert statements(Slice(since=2014)) == ["s2", "s4", "s5", "s6"]
    assert statements(Slice(since=2011, until=2011)) == ["s1", "s3"]
    assert statements(Slice(series=("ecm",))) == ["s3"]
    with pytest.raises(PartygraphError, match="unknown meeting 'imcwp-99'"):
        apply_slice(fixture_data, Slice(meetings=("imcwp-99",)))
    with pytest.raises(PartygraphError, match="after"):
        apply_slice(fixture_data, Slice(since=2018, until=2011))
    with pytest.raises(PartygraphError, match="role"):
        apply_slice(fixture_data, Slice(role="observer"))


def test_diff_between_two_meetings(fixture_data):
    r = analyse_data(
        fixture_data,
        Slice(meetings=("imcwp-13",)),
        compare=Slice(meetings=("imcwp-20",)),
        resolutions=[1.0],
    )
    assert r.diff is not None
    assert r.diff.joined == ["cpb", "cpim", "new-left-front", "pcc"]
    assert r.diff.left == ["akel", "pce"]
    # a 7-clique in imcwp-13 is one community: nobody present in both can have moved
    # unless imcwp-20 splits them; moved + stayed covers exactly the common parties
    common = {"kke", "pcp", "cprf", "kpu", "pcv"}
    assert {p for p, _, _ in r.diff.moved} | set(r.diff.stayed) == common


def test_empty_slice_is_a_user_error(fixture_data):
    with pytest.raises(PartygraphError, match="no signatures"):
        analyse_data(fixture_data, Slice(since=1990, until=1991))


# --- metrics against networkx ---------------------------------------------------------


def _random_weighted(n: int, p: float, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    g = nx.relabel_nodes(g, {i: f"n{i}" for i in g})
    for _, _, a in g.edges(data=True):
        a["weight"] = rng.uniform(0.1, 5.0)
        a["distance"] = 1.0 / a["weight"]
    g.add_node("isolated")
    return g


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_matches_networkx_on_random_weights(seed):
    g = _random_weighted(40, 0.12, seed)
    ours = weighted_betweenness(g)
    ref = nx.betweenness_centrality(g, weight="distance")
    for v in g:
        assert ours[v] == pytest.approx(ref[v], abs=1e-9), v
    raw = weighted_betweenness(g, normalized=False)
    ref_raw = nx.betweenness_centrality(g, weight="distance", normalized=False)
    assert raw["n0"] == pytest.approx(ref_raw["n0"], abs=1e-9)


def test_betweenness_counts_tied_shortest_paths():
    # unit weights: many equal-length paths, split evenly as in Brandes' algorithm
    g = nx.grid_2d_graph(4, 4)
    g = nx.relabel_nodes(g, {v: f"{v[0]}-{v[1]}" for v in g})
    ours = weighted_betweenness(g)
    ref = nx.betweenness_centrality(g)
    for v in g:
        assert ours[v] == pytest.approx(ref[v], abs=1e-9)


def test_closeness_and_eigenvector_match_networkx():
    g = _random_weighted(30, 0.2, 7)
    ours = weighted_closeness(g)
    ref = nx.closeness_centrality(g, distance="distance")
    for v in g:
        assert ours[v] == pytest.approx(ref[v], abs=1e-9)
    h = g.subgraph(max(nx.connected_components(g), key=len)).copy()
    ev = eigenvector(h)
    ref_ev = nx.eigenvector_centrality_numpy(h, weight="weight")
    for v in h:
        assert ev[v] == pytest.approx(ref_ev[v], abs=1e-6)


def test_party_metrics_on_fixture(fixture_data):
    r = analyse_data(fixture_data, weighting="count", resolutions=[1.0])
    m = r.metrics
    assert m["kke"].statements == 3 and m["kke"].initiated == 1
    assert m["pcv"].statements == 4  # s1 s2 s5 s6
    assert (m["pcv"].first_year, m["pcv"].last_year) == (2011, 2018)
    # pcv signed s1, s2, s5 and s6, which together hold all 12 other parties
    assert m["pcv"].degree == 12
    neighbours = set(r.graph["pcv"])
    assert "sacp" in neighbours and "new-left-front" in neighbours
    # pcv is the only bridge to the s5 group (cpi, sacp): highest betweenness
    assert max(m.values(), key=lambda x: x.betweenness).party == "pcv"
    assert m["sacp"].betweenness == 0.0
    assert m["kke"].strength == pytest.approx(
        sum(a["count"] for _, _, a in r.graph.edges("kke", data=True))
    )
    assert m["kke"].core == nx.core_number(r.graph)["kke"]


# --- communities and comparisons ------------------------------------------------------


def test_ari_and_nmi_properties():
    rng = random.Random(0)
    a = [rng.randrange(4) for _ in range(200)]
    b = [rng.randrange(4) for _ in range(200)]
    relabel = [{0: "w", 1: "x", 2: "y", 3: "z"}[x] for x in a]
    assert adjusted_rand_index(a, relabel) == pytest.approx(1.0)
    assert normalized_mutual_info(a, relabel) == pytest.approx(1.0)
    assert abs(adjusted_rand_index(a, b)) < 0.05
    assert normalized_mutual_info(a, b) < 0.05
    assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_index(b, a))
    # by hand: contingency [[2, 0], [1, 1]], n = 4 -> index 1, a-sum 2, b-sum 3, expected 1
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx(0.0)


def test_louvain_is_reproducible_and_sweep_reports_modularity(fixture_data):
    g = project(fixture_data, "newman")
    assert louvain(g, 1.0, seed=42) == louvain(g, 1.0, seed=42)
    r = analyse_data(fixture_data, resolutions=[0.5, 1.0, 2.0])
    assert [row.resolution for row in r.sweep] == [0.5, 1.0, 2.0]
    counts = [row.communities for row in r.sweep]
    assert counts == sorted(counts)  # higher resolution, no fewer communities here
    for row in r.sweep:
        assert -0.5 <= row.modularity <= 1.0
        assert 0.0 <= row.nmi_country <= 1.0
    assert r.modularity == r.sweep[1].modularity
    assert set(r.partition) == set(g.nodes)


def test_regions_from_m49_table():
    assert region_of("PT") == ("Europe", "Southern Europe")
    assert region_of("ru") == ("Europe", "Eastern Europe")
    assert region_of("IN") == ("Asia", "Southern Asia")
    assert region_of("ZA") == ("Africa", "Sub-Saharan Africa")
    assert region_of(None) == (None, None)
    assert region_of("QQ") == (None, None)


# --- disparity filter, worked by hand -------------------------------------------------


def test_disparity_filter_hand_worked():
    """Edges and the alphas computed on paper.

    A: k=4, s=10 (AB 7, AC 1, AD 1, AE 1): alpha_AB = (1 - 0.7)^3 = 0.027,
       alpha_AC = alpha_AD = alpha_AE = 0.9^3 = 0.729.
    B: k=2, s=8 (BA 7, BC 1): alpha_BA = 1/8 = 0.125, alpha_BC = 7/8 = 0.875.
    C: k=2, s=2 (CA 1, CB 1): 0.5 each.  D, E: degree one, alpha 1 from their side.
    Edge alpha = the smaller end: AB 0.027, AC 0.5, BC 0.5, AD 0.729, AE 0.729.
    """
    g = nx.Graph()
    g.add_weighted_edges_from(
        [("A", "B", 7), ("A", "C", 1), ("A", "D", 1), ("A", "E", 1), ("B", "C", 1)]
    )
    alphas = {frozenset(k): v for k, v in disparity_alpha(g).items()}
    assert alphas[frozenset("AB")] == pytest.approx(0.027)
    assert alphas[frozenset("AC")] == pytest.approx(0.5)
    assert alphas[frozenset("BC")] == pytest.approx(0.5)
    assert alphas[frozenset("AD")] == pytest.approx(0.729)
    assert alphas[frozenset("AE")] == pytest.approx(0.729)
    assert sorted(map(sorted, disparity_filter(g, 0.05).edges)) == [["A", "B"]]
    assert sorted(map(sorted, disparity_filter(g, 0.6).edges)) == [
        ["A", "B"],
        ["A", "C"],
        ["B", "C"],
    ]
    kept = disparity_filter(g, 0.05)
    assert set(kept.nodes) == set("ABCDE")
    assert kept.edges["A", "B"]["alpha"] == pytest.approx(0.027)
    with pytest.raises(ValueError):
        disparity_filter(g, 0.0)


# --- outputs --------------------------------------------------------------------------


def test_analyse_writes_every_output(fixture_store, tmp_path):
    r = analyse(fixture_store, weighting="newman", compare=Slice(since=2018))
    files = write_all(r, tmp_path)
    names = {
        "nodes.csv",
        "edges.csv",
        "metrics.csv",
        "communities.csv",
        "countries.csv",
        "country_edges.csv",
        "network.gexf",
        "network.graphml",
        "countries.graphml",
        "report.md",
        "diff.csv",
    }
    assert set(files) == names
    assert {p.name for p in tmp_path.iterdir()} == names  # no temporary files left
    with (tmp_path / "nodes.csv").open() as fh:
        nodes = list(csv.DictReader(fh))
    assert len(nodes) == 13
    kke = next(n for n in nodes if n["id"] == "kke")
    assert (kke["country"], kke["region"], kke["statements"]) == ("GR", "Europe", "3")
    with (tmp_path / "edges.csv").open() as fh:
        edges = list(csv.DictReader(fh))
    assert len(edges) == r.graph.number_of_edges()
    e = next(x for x in edges if (x["source"], x["target"]) == ("kke", "pcp"))
    assert (e["count"], float(e["newman"]), float(e["jaccard"])) == ("2", pytest.approx(1 / 3), 0.5)
    with (tmp_path / "metrics.csv").open() as fh:
        metrics = list(csv.DictReader(fh))
    assert metrics[0]["id"] == "pcv"  # most statements first
    assert set(metrics[0]) >= {"betweenness", "eigenvector", "closeness", "core", "community"}

    gexf = nx.read_gexf(tmp_path / "network.gexf")
    assert gexf.number_of_nodes() == 13
    text = (tmp_path / "network.gexf").read_text()
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    spells = gexf.nodes["pcv"]["spells"]  # one per run of active years
    assert spells[0][0] == "2011-01-01" and spells[-1][1] == "2018-12-31"
    graphml = nx.read_graphml(tmp_path / "network.graphml")
    assert graphml.number_of_edges() == r.graph.number_of_edges()
    assert graphml.nodes["kke"]["country"] == "GR"
    countries = nx.read_graphml(tmp_path / "countries.graphml")
    assert countries.nodes["IN"]["parties"] == 2
    assert "GR" in countries and not any(v == "" for v in countries)

    report = (tmp_path / "report.md").read_text()
    assert "13 parties" in report and "6 statements" in report
    assert "Communist Party of Venezuela (PCV), VE" in report
    assert "## Change from this slice to: years 2018-, role both" in report
    with (tmp_path / "diff.csv").open() as fh:
        diff = {row["party"]: row["status"] for row in csv.DictReader(fh)}
    assert sorted(p for p, status in diff.items() if status == "left") == ["akel", "pce"]
    assert diff["kpu"] in ("stayed", "moved")  # kpu signed s2 in 2018
    assert diff["pcv"] in ("stayed", "moved")


def test_output_is_reproducible(fixture_store, tmp_path):
    write_all(analyse(fixture_store), tmp_path / "a")
    write_all(analyse(fixture_store), tmp_path / "b")
    for name in ("nodes.csv", "edges.csv", "metrics.csv", "communities.csv", "report.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_country_network_sums_party_pairs(fixture_data):
    r = analyse_data(fixture_data, weighting="count", resolutions=[1.0])
    c = r.countries
    assert c.nodes["IN"]["parties"] == 2
    assert c.nodes["IN"]["internal_count"] == 1  # cpim-cpi on s5 (cpim as initiator)
    # GR-PT: kke-pcp co-signed s1 and s2
    assert c.edges["GR", "PT"]["count"] == 2
    assert "new-left-front" not in c
    assert not math.isnan(r.sweep[0].ari_region)


def test_meeting_turnover_worked_by_hand(fixture_data):
    from partygraph.network.report import meeting_turnover, report_markdown

    r = analyse_data(fixture_data, resolutions=[1.0])
    # ecm (2011-04-11): pce akel pcp cpb; imcwp-13 (2011-12-11): 7, new kke cprf kpu pcv;
    # imcwp-20 (from 2018-11-23): s2 + s6 = 9 parties, new pcc cpim new-left-front
    assert [(m, n_st, n_p, new) for m, _, n_st, n_p, new in meeting_turnover(r)] == [
        ("ecm-2011-04-11-brussels", 1, 4, 4),
        ("imcwp-13", 1, 7, 4),
        ("imcwp-20", 2, 9, 3),
    ]
    assert "| 20th International Meeting of Communist and Workers' Parties | 2 | 9 | 3 |" in (
        report_markdown(r)
    )


@pytest.mark.parametrize(
    "records",
    [
        [("s1", "a", "signatory")],  # one party
        [("s1", "a", "signatory"), ("s2", "b", "signatory"), ("s3", "c", "signatory")],  # no links
        [("s1", "a", "signatory"), ("s1", "b", "signatory")],  # one link
    ],
)
def test_degenerate_graphs_still_give_every_output(records, tmp_path):
    from partygraph.network.export import write_all
    from partygraph.network.load import SignatureData
    from partygraph.viz import render_all

    r = analyse_data(SignatureData.from_records(records))
    assert len(write_all(r, tmp_path / "net")) == 10
    assert len(render_all(r, tmp_path / "viz")) == 11
    assert all(m.betweenness == 0.0 for m in r.metrics.values())
    assert r.modularity == 0.0
