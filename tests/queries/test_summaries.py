"""The derived summary graph follows every write and equals a full recomputation."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from partygraph.errors import PartygraphError
from partygraph.store import EmbeddedStore, embedded
from partygraph.store.embedded import LOADING_GRAPH
from partygraph.store.summaries import PGS, SOURCE_PREFIX, SUMMARY_GRAPH, rebuild

from .conftest import fixture_graphs


def _summary(store: EmbeddedStore) -> list[str]:
    graph = ox.NamedNode(SUMMARY_GRAPH)
    return sorted(str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, graph))


def test_incremental_summaries_equal_a_rebuild():
    store = EmbeddedStore()
    graphs = fixture_graphs()
    store.replace_graphs(graphs)
    added = _summary(store)
    assert added
    rebuild(store)
    assert _summary(store) == added
    sources = [g for g in store.graph_names() if g.startswith(SOURCE_PREFIX)]
    store.drop_graphs(sources[:2])
    dropped = _summary(store)
    rebuild(store)
    assert _summary(store) == dropped != added
    store.replace_graphs({g: graphs[g] for g in sources[:2]})
    assert _summary(store) == added


def test_a_write_behind_the_summaries_back_is_found_when_the_store_is_opened(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    store.replace_graphs(graphs)
    full = _summary(store)
    store.oxigraph.remove_graph(ox.NamedNode(sources[0]))  # behind the summaries' back
    store.close()
    store = EmbeddedStore(tmp_path / "s")
    without = _summary(store)
    rebuild(store)
    assert _summary(store) == without != full
    store.replace_graphs({sources[0]: graphs[sources[0]]})
    assert _summary(store) == full
    store.close()


def test_a_store_others_may_write_compares_the_summaries_at_every_write():
    store = EmbeddedStore()
    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    store.replace_graphs(graphs)
    full = _summary(store)
    store._summaries_trusted = False  # as a SPARQL server's store: never trusted
    store.oxigraph.remove_graph(ox.NamedNode(sources[0]))  # another writer
    store.replace_graphs({sources[0]: graphs[sources[0]]})
    assert _summary(store) == full


def test_an_update_that_fails_midway_is_not_trusted(monkeypatch):
    store = EmbeddedStore()
    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    store.replace_graphs({g: q for g, q in graphs.items() if g != sources[0]})
    patch = store.patch_graph
    calls = []

    def failing(graph, delete, insert):
        calls.append(graph)
        if len(calls) == 2:  # after pgs:pending is set, before the update itself
            raise OSError("disk full")
        patch(graph, delete, insert)

    monkeypatch.setattr(store, "patch_graph", failing)
    with pytest.raises(OSError, match="disk full"):
        store.replace_graphs({sources[0]: graphs[sources[0]]})
    monkeypatch.setattr(store, "patch_graph", patch)
    assert not store._summaries_trusted  # the flag left set is seen by the next write
    store.replace_graphs({sources[1]: graphs[sources[1]]})
    full = _summary(store)
    rebuild(store)
    assert _summary(store) == full


def test_documents_written_one_by_one_give_the_summaries_of_a_rebuild():
    store = EmbeddedStore()
    for graph, quads in fixture_graphs().items():
        store.replace_graphs({graph: quads})
    incremental = _summary(store)
    rebuild(store)
    assert _summary(store) == incremental


def _as_nquads(graphs: dict[str, list[ox.Quad]]) -> dict[str, bytes]:
    return {g: "".join(f"{q} .\n" for q in quads).encode() for g, quads in graphs.items()}


def test_bulk_loaded_batches_hold_the_same_graphs_and_summaries(tmp_path, monkeypatch):
    graphs = fixture_graphs()
    ordinary = EmbeddedStore()
    ordinary.replace_graphs(graphs)
    monkeypatch.setattr(embedded, "BULK_MIN_BYTES", 0)  # every batch through the bulk loader
    bulk = EmbeddedStore(tmp_path / "bulk")
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    first = {g: q for g, q in graphs.items() if g not in sources[:2]}
    bulk.load_graphs(_as_nquads(first))
    bulk.load_graphs(_as_nquads({g: graphs[g] for g in sources[:2]}))
    assert not bulk.oxigraph.contains_named_graph(ox.NamedNode(LOADING_GRAPH))
    assert set(bulk.oxigraph) == set(ordinary.oxigraph)
    assert _summary(bulk) == _summary(ordinary)
    # a batch that replaces graphs (drop and journal in the transaction that ends it)
    bulk.load_graphs(_as_nquads({g: graphs[g] for g in sources[:2]}), drop=sources[2:3])
    ordinary.drop_graphs(sources[2:3])
    assert set(bulk.oxigraph) == set(ordinary.oxigraph)
    rebuild(bulk)
    assert _summary(bulk) == _summary(ordinary)


def test_an_interrupted_run_leaves_summaries_rebuilt_when_the_store_is_opened(tmp_path):
    graphs = fixture_graphs()
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graphs(graphs)
    full = _summary(store)
    store.oxigraph.remove_graph(ox.NamedNode(SUMMARY_GRAPH))  # its update never ran
    store.close()
    store = EmbeddedStore(tmp_path / "s")
    assert _summary(store) == full
    store.close()


RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def test_summaries_of_an_older_derivation_are_rebuilt_by_the_next_write():
    store = EmbeddedStore()
    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    store.replace_graphs(graphs)
    full = _summary(store)
    # an older layout: another derivation query and no graph sizes
    store.oxigraph.update(
        f"DELETE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{SUMMARY_GRAPH}> "
        f"{{ ?s ?p ?o FILTER(?p IN (<{PGS}triples>, <{RDFS}comment>)) }} }}"
    )
    store.replace_graphs({sources[0]: graphs[sources[0]]})
    assert _summary(store) == full
    sizes = dict(store.select(f"SELECT ?g ?n WHERE {{ ?g <{PGS}triples> ?n }}").rows)
    assert len(sizes) == len(sources) and all(int(n) > 0 for n in sizes.values())


def test_summaries_of_an_older_layout_are_rebuilt_when_the_store_is_opened(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    store.replace_graphs(fixture_graphs())
    full = _summary(store)
    ranks = f"<{PGS}rank>"
    store.oxigraph.update(  # as an earlier version wrote them: no ranks, another derivation
        f"DELETE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{SUMMARY_GRAPH}> "
        f"{{ ?s ?p ?o FILTER(?p IN ({ranks}, <{RDFS}comment>)) }} }}"
    )
    store.close()
    with pytest.raises(PartygraphError, match="written by an earlier partygraph"):
        EmbeddedStore.read_only(tmp_path / "s")  # serve: it cannot rebuild them
    store = EmbeddedStore(tmp_path / "s")
    assert _summary(store) == full
    store.close()
    EmbeddedStore.read_only(tmp_path / "s").close()


def test_summaries_written_in_small_parts_equal_those_written_at_once(monkeypatch):
    from partygraph.store import summaries

    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    whole = EmbeddedStore()
    whole.replace_graphs(graphs)
    monkeypatch.setattr(summaries, "_PAIRS_A_PART", 7)  # the fixture's 28 pairs: 4 parts
    parts = EmbeddedStore()
    parts.replace_graphs(graphs)
    assert _summary(parts) == _summary(whole)
    for store in (whole, parts):
        store.drop_graphs(sources[:2])
    assert _summary(parts) == _summary(whole)


def test_summaries_bulk_loaded_as_text_equal_those_added_as_terms(monkeypatch, tmp_path):
    graphs = fixture_graphs()
    sources = [g for g in graphs if g.startswith(SOURCE_PREFIX)]
    small = EmbeddedStore()
    small.replace_graphs(graphs)
    monkeypatch.setattr(embedded, "_BULK_TRIPLES", 0)  # every patch through the bulk loader
    bulk = EmbeddedStore(tmp_path / "bulk")
    bulk.replace_graphs(graphs)
    assert _summary(bulk) == _summary(small)
    for store in (small, bulk):
        store.drop_graphs(sources[:2])
    assert _summary(bulk) == _summary(small)
    rebuild(bulk)
    assert _summary(bulk) == _summary(small)
    bulk.close()


@pytest.mark.parametrize("fold_at", [1, 5, 4_000_000])
def test_pair_counts_equal_a_count_of_every_pair(monkeypatch, fold_at):
    import itertools
    import random
    from collections import Counter

    from partygraph.store.summaries import PairCounts

    monkeypatch.setattr(PairCounts, "_FOLD_AT", fold_at)
    rng = random.Random(3)
    parties = [f"http://e/p{i}" for i in range(12)]
    counts, expected = PairCounts(), Counter()
    for _ in range(40):
        ordered = sorted(rng.sample(parties, rng.randint(0, 6)))
        sign = rng.choice([1, 1, -1])
        counts.add(ordered, sign)
        expected.update({pair: sign for pair in itertools.combinations(ordered, 2)})
    assert sorted(counts.items()) == sorted((k, v) for k, v in expected.items() if v)
