"""``kill -9`` in the middle of ingest leaves each graph fully present or absent."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pyoxigraph as ox

from partygraph.store import EmbeddedStore

PER_GRAPH = 2000
WRITER = textwrap.dedent(
    """
    import sys
    import pyoxigraph as ox
    from partygraph.store import EmbeddedStore

    store = EmbeddedStore(sys.argv[1])
    n = int(sys.argv[2])
    for i in range(100000):
        # document k = i % 10 gets a new version v<i>, replacing v<i-10> as a changed
        # file does in ingest: add the new graph and drop the old one in one write
        g = f"http://example.org/doc/{i % 10}/v{i}"
        tag = ox.Literal(str(i))
        quads = [
            ox.Quad(ox.NamedNode(f"http://example.org/s/{j}"), ox.NamedNode("http://example.org/v"),
                    tag, ox.NamedNode(g))
            for j in range(n)
        ]
        old = [f"http://example.org/doc/{i % 10}/v{i - 10}"] if i >= 10 else []
        store.replace_graphs({g: quads}, drop=old)
        print(i, flush=True)
    """
)


def _check(path, written: int) -> None:
    store = EmbeddedStore(path)  # opens again after the crash
    st = store.oxigraph
    names = store.graph_names()
    versions: dict[str, list[str]] = {}
    for g in names:
        quads = list(st.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        # all quads of one version, none of an older or a later one
        assert len(quads) == PER_GRAPH, (g, len(quads))
        assert {q.object.value for q in quads} == {g.rsplit("/v", 1)[1]}, g
        versions.setdefault(g.rsplit("/", 1)[0], []).append(g)
    # every document written at least once is there, in exactly one version
    assert len(versions) == min(written, 10) or len(versions) == min(written + 1, 10)
    assert all(len(v) == 1 for v in versions.values()), versions
    store.close()


def test_kill_minus_nine_mid_ingest(tmp_path):
    for round_, wait_lines in enumerate((4, 13, 27)):
        path = tmp_path / f"store{round_}"
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(PER_GRAPH)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(wait_lines):
            assert proc.stdout.readline(), "writer died early"
        time.sleep(0.007 * round_)  # land at different points of a write
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        _check(path, wait_lines)


def test_store_writable_after_crash(tmp_path):
    path = tmp_path / "s"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(PER_GRAPH)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    store = EmbeddedStore(path)
    q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    store.replace_graphs({"http://e/after": [q]}, drop=["http://example.org/doc/0/v0"])
    assert "http://e/after" in store.graph_names()
    assert "http://example.org/doc/0/v0" not in store.graph_names()
