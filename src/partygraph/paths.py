"""Where the project's curated files live (registry, ontology, saved queries, bundled data).

partygraph keeps its curated tables beside the code, in the repository's top-level
``data/``, ``ontology/`` and ``queries/`` folders (the user's design card). They are
found, in order, under ``$PARTYGRAPH_HOME``, the current folder, or the source
checkout this package was installed from (``pip install -e .``).
"""

from __future__ import annotations

import os
from pathlib import Path

_MARKER = Path("ontology") / "partygraph.ttl"


def project_home() -> Path:
    """Return the folder that holds ``ontology/``, ``data/`` and ``queries/``."""
    candidates = []
    if env := os.environ.get("PARTYGRAPH_HOME"):
        candidates.append(Path(env))
    candidates.append(Path.cwd())
    candidates.append(Path(__file__).resolve().parents[2])
    for c in candidates:
        if (c / _MARKER).is_file():
            return c
    return candidates[-1]


def ontology_dir() -> Path:
    return project_home() / "ontology"


def registry_dir() -> Path:
    return project_home() / "data" / "registry"


def statements_dir() -> Path:
    return project_home() / "data" / "statements"


def queries_dir() -> Path:
    return project_home() / "queries"
