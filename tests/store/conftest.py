"""Store tests: the real-server fixtures of ``tests/servers.py`` and the sample dataset."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from servers import oxigraph_server, virtuoso_server  # noqa: F401
