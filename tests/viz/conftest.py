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

    return analyse(OxigraphAdapter(FIXTURE), None)


@pytest.fixture(scope="session")
def rendered(fixture_result, tmp_path_factory):
    from partygraph.viz import render_all

    out = tmp_path_factory.mktemp("viz")
    return out, render_all(fixture_result, out)
