"""Shared fixtures: the bundled data built once into an embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_testing import STATEMENTS


@pytest.fixture(scope="session")
def bundled_store_dir(tmp_path_factory) -> Path:
    """An embedded store built once from all bundled statements (do not modify it)."""
    from partygraph.pipeline import ingest_paths
    from partygraph.store import open_store

    path = tmp_path_factory.mktemp("bundled") / "store"
    store = open_store(path=path)
    try:
        ingest_paths(store, [STATEMENTS])
    finally:
        store.close()
    return path


@pytest.fixture()
def bundled_store(bundled_store_dir):
    from partygraph.store import open_store

    store = open_store(path=bundled_store_dir)
    yield store
    store.close()
