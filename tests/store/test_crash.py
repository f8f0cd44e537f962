"""``kill -9`` in the middle of ingest leaves each graph fully present or absent."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pyoxigraph as ox
import pytest

from partygraph.errors import PartygraphError
from partygraph.store import EmbeddedStore
from partygraph.store.embedded import LOADING_GRAPH

PER_GRAPH = 3000
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
        print("writing", i, flush=True)  # the parent kills soon after this line
        store.replace_graphs({g: quads}, drop=old)
        print("wrote", i, flush=True)
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
    assert min(written, 10) <= len(versions) <= min(written + 1, 10), versions
    assert all(len(v) == 1 for v in versions.values()), versions
    store.close()


def kill_while_writing(path, writer: str, lines: int, fraction: float) -> int:
    """Start ``writer``; kill -9 it ``fraction`` of a typical write after write ``lines`` began.

    The earlier writes are timed (from "writing" to "wrote") so that the kill lands
    inside the write, where a non-atomic replacement would leave a document half done.
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", writer, str(path), str(PER_GRAPH)],
        stdout=subprocess.PIPE,
        text=True,
    )
    durations: list[float] = []
    for n in range(1, lines + 1):
        assert proc.stdout.readline().startswith("writing"), "writer died early"
        started = time.monotonic()
        if n == lines:
            # later writes replace a graph: time only those for the drop + insert path
            typical = sorted(durations[-3:])[len(durations[-3:]) // 2] if durations else 0.01
            time.sleep(fraction * typical)
            break
        assert proc.stdout.readline().startswith("wrote")
        durations.append(time.monotonic() - started)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    return lines - 1  # writes known to be finished


def test_kill_minus_nine_mid_ingest(tmp_path):
    # a first write (one extend: nothing to drop) and later ones (drop + insert: one
    # update), each killed at a different point inside the write
    for round_, (lines, fraction) in enumerate([(2, 0.5), (12, 0.4), (13, 0.75)]):
        path = tmp_path / f"store{round_}"
        finished = kill_while_writing(path, WRITER, lines, fraction)
        _check(path, finished)


def test_store_writable_after_crash(tmp_path):
    path = tmp_path / "s"
    kill_while_writing(path, WRITER, 2, 0.5)
    store = EmbeddedStore(path)
    q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    store.replace_graphs({"http://e/after": [q]}, drop=["http://example.org/doc/0/v0"])
    assert "http://e/after" in store.graph_names()
    assert "http://example.org/doc/0/v0" not in store.graph_names()


# A batch of new graphs large enough for the bulk loader (journaled, see
# EmbeddedStore.load_graphs): write i holds version v<i> of documents 0..BATCH-1 and
# drops version v<i-1> of each.
BATCH = 8
WRITER_BULK = textwrap.dedent(
    f"""
    import sys
    from partygraph.store import EmbeddedStore, embedded

    embedded.BULK_MIN_BYTES = 0  # every batch through the bulk loader
    store = EmbeddedStore(sys.argv[1])
    n = int(sys.argv[2])
    for i in range(100000):
        graphs = {{}}
        for k in range({BATCH}):
            g = f"http://example.org/doc/{{k}}/v{{i}}"
            graphs[g] = "".join(
                f'<http://example.org/s/{{j}}> <http://example.org/v> "{{i}}" <{{g}}> .\\n'
                for j in range(n)
            ).encode()
        old = [f"http://example.org/doc/{{k}}/v{{i - 1}}" for k in range({BATCH})] if i else []
        print("writing", i, flush=True)
        store.load_graphs(graphs, drop=old)
        print("wrote", i, flush=True)
    """
)


def test_kill_minus_nine_mid_bulk_load_undoes_the_batch(tmp_path):
    for round_, (lines, fraction) in enumerate([(1, 0.3), (3, 0.5), (4, 0.9)]):
        path = tmp_path / f"store{round_}"
        finished = kill_while_writing(path, WRITER_BULK, lines, fraction)
        store = EmbeddedStore(path)  # opening for writing undoes an unfinished load
        st = store.oxigraph
        assert LOADING_GRAPH not in store.graph_names()
        versions = set()
        for g in store.graph_names():
            quads = list(st.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            assert len(quads) == PER_GRAPH, (g, len(quads))
            versions.add(g.rsplit("/v", 1)[1])
        # the whole batch of one write, never a mix of two writes nor a part of one
        assert len(store.graph_names()) in (0, BATCH)
        assert len(versions) <= 1 and {int(v) for v in versions} <= {finished - 1, finished}
        store.close()


def test_read_only_refuses_a_store_with_a_load_in_progress(tmp_path):
    st = ox.Store(str(tmp_path / "s"))
    g = ox.NamedNode(LOADING_GRAPH)
    st.add(ox.Quad(g, ox.NamedNode("https://w3id.org/partygraph/ontology#loading"), g, g))
    st.flush()
    del st
    with pytest.raises(PartygraphError, match="an ingest is loading a batch"):
        EmbeddedStore.read_only(tmp_path / "s")
    store = EmbeddedStore(tmp_path / "s")  # a writer repairs it
    assert store.graph_names() == []
    store.close()
    EmbeddedStore.read_only(tmp_path / "s").close()
