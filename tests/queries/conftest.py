"""Fixtures for the saved-query tests: the hand-written fixture graph, in memory."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from partygraph.queries import Catalogue
from partygraph.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).with_name("fixture.trig")
ID = "https://w3id.org/partygraph/id/"


def fixture_graphs() -> dict[str, list[ox.Quad]]:
    """The fixture's quads, by named graph."""
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG):
        graphs[q.graph_name.value].append(q)
    return dict(graphs)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.load()


@pytest.fixture()
def fixture_store():
    """A fresh in-memory embedded store holding the fixture graph."""
    store = EmbeddedStore()
    store.replace_graphs(fixture_graphs())
    yield store
    store.close()
