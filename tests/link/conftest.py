"""Fixtures for the linker tests: a real ``oxigraph serve`` holding a Wikidata-shaped graph.

The server is this package's own (not the shared ``oxigraph_server``), read-only,
loaded once with ``wikidata-fixture.ttl``; registries are copies of the project's in a
temporary folder, so nothing from the fixture reaches ``data/registry``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import FlakyProxy, _stop, _wait_http, free_port, oxigraph_binary

from partygraph.paths import registry_dir

FIXTURE = Path(__file__).with_name("wikidata-fixture.ttl")
# Parties whose shared QIDs the tests remove so that the linker has to find them.
TO_FIND = ("communist-party-of-greece", "french-communist-party", "portuguese-communist-party")


@pytest.fixture(scope="session")
def wikidata_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``oxigraph serve-read-only`` with the fixture; yields the query endpoint URL."""
    folder = tmp_path_factory.mktemp("wikidata")
    binary = oxigraph_binary()
    subprocess.run(
        [binary, "load", "--location", str(folder / "data"), "--file", str(FIXTURE)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = folder / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                binary,
                "serve-read-only",
                "--location",
                str(folder / "data"),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
        yield base + "/query"
    finally:
        _stop(proc)


@pytest.fixture()
def registry_copy(tmp_path: Path) -> Path:
    """The project's registry in a temporary folder, without the QIDs of :data:`TO_FIND`."""
    target = tmp_path / "registry"
    shutil.copytree(registry_dir(), target)
    path = target / "identifiers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not any(line.startswith(f"{p},wikidata,") for p in TO_FIND)]
    path.write_text("".join(kept), encoding="utf-8")
    return target


@pytest.fixture()
def counting_proxy(wikidata_server: str) -> Iterator[FlakyProxy]:
    """A real HTTP proxy in front of the fixture server that records every request."""
    with FlakyProxy(wikidata_server.rsplit("/", 1)[0]) as proxy:
        yield proxy
