"""Fixtures for the resolution tests: the bundled registry and a temporary copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partygraph.paths import registry_dir
from partygraph.resolve import Registry

HERE = Path(__file__).parent
EXPECTED = HERE.parent / "expected"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture()
def registry_copy(tmp_path: Path) -> Path:
    """A copy of data/registry that a test may change."""
    target = tmp_path / "registry"
    shutil.copytree(registry_dir(), target)
    return target
