"""Fixtures: a store holding tests/network/fixture.trig, and its signatures."""

from __future__ import annotations

import pytest

from .fixture_store import FIXTURE, OxigraphAdapter


@pytest.fixture(scope="session")
def fixture_store() -> OxigraphAdapter:
    return OxigraphAdapter(FIXTURE)


@pytest.fixture(scope="session")
def fixture_data(fixture_store):
    from partygraph.network import load_signatures

    return load_signatures(fixture_store)
