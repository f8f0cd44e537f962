"""A network result of the hand-written fixture graph, for the visualization tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

# tests/network/fixture_store.py, loaded by path (works with any pytest import mode)
_spec = importlib.util.spec_from_file_location(
    "partygraph_tests_fixture_store", Path(__file__).parents[1] / "network" / "fixture_store.py"
)
assert _spec and _spec.loader
fixture_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixture_store)
FIXTURE, OxigraphAdapter = fixture_store.FIXTURE, fixture_store.OxigraphAdapter


@pytest.fixture(scope="session")
def fixture_result():
    from partygraph.network import analyse

    return analyse(OxigraphAdapter(FIXTURE))


@pytest.fixture(scope="session")
def rendered(fixture_result, tmp_path_factory):
    from partygraph.viz import render_all

    out = tmp_path_factory.mktemp("viz")
    return out, render_all(fixture_result, out)


SEED = Path(__file__).resolve().parents[2] / "data" / "statements" / "000_d09a13167ed8fed5.txt"


@pytest.fixture(scope="session")
def seed_store():
    """The seed statement (61 parties in solidarity with Korea), through the real pipeline."""
    from partygraph.pipeline import ingest_paths
    from partygraph.store.embedded import EmbeddedStore

    store = EmbeddedStore()
    ingest_paths(store, [SEED])
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_solidarity(seed_store):
    """The solidarity network of the seed: 61 parties -> North Korea and the WPK."""
    from partygraph.network.solidarity import solidarity_network

    g = solidarity_network(seed_store)
    assert g.number_of_edges() == 121, "the pipeline wrote no pg:about for the seed"
    return g


@pytest.fixture(scope="session")
def seed_result(seed_store):
    """The co-signature analysis of the same store (one community: one statement)."""
    from partygraph.network import analyse

    return analyse(seed_store, resolutions=[1.0])


@pytest.fixture(scope="session")
def solidarity_rendered(seed_result, seed_solidarity, tmp_path_factory):
    """Both pages of the seed in one folder, linked by the view switch, and the figures."""
    from partygraph.viz import render_solidarity, write_page

    out = tmp_path_factory.mktemp("solidarity")
    write_page(seed_result, out / "network.html", views=["solidarity.html"])
    files = render_solidarity(seed_solidarity, out, partition=seed_result.partition)
    return out, files


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium per test module, driven through CDP, networking disabled."""
    from .cdp import Chromium
    from .test_browser import CHROMIUM, OFFLINE_FLAGS

    assert CHROMIUM is not None
    b = Chromium(
        CHROMIUM,
        [f for f in OFFLINE_FLAGS if not f.startswith(("--window-size", "--virtual-time"))],
        tmp_path_factory.mktemp("cdp-profile"),
    )
    yield b
    b.close()
