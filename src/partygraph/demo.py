"""The main job on the bundled data: a fresh embedded store and every output under ``out/``.

Files written (relative to the output folder):

``store/``
    the embedded Oxigraph store the run built (open it with ``--store out/store``)
``graph.ttl``, ``graph.trig``, ``graph.nq``, ``graph.jsonld``
    the whole graph (Turtle: union of all graphs; TriG/N-Quads/JSON-LD: with named graphs)
``extract/<document>.json``
    what ``partygraph extract --format json`` reads from each bundled document
``ingest-report.json``
    the per-document ingest report (lines, parties, new parties, warnings)
``validation.txt``
    the SHACL validation report
``queries/<name>.csv``
    the result of each saved query (parameters at their documented defaults)
``network/``, ``solidarity/``, ``viz/``
    co-signature and solidarity networks, and their drawings (see docs/network.md)
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from partygraph import paths
from partygraph.errors import PartygraphError
from partygraph.store.export import atomic_output

EXPORTS = {
    "turtle": "graph.ttl",
    "trig": "graph.trig",
    "nquads": "graph.nq",
    "jsonld": "graph.jsonld",
}


def _write_text(path: Path, text: str) -> None:
    with atomic_output(path) as out:
        out.write(text.encode("utf-8"))


def run_demo(out_dir: Path, data_dir: Path | None = None) -> Iterator[str]:
    """Run the whole pipeline on ``data_dir`` (default: bundled statements) into ``out_dir``.

    Yields one progress line per step, for the CLI to print.
    """
    from partygraph.extract import read_document
    from partygraph.network import analyse
    from partygraph.network.solidarity import solidarity_network
    from partygraph.network.solidarity import write_all as write_solidarity
    from partygraph.pipeline import discover, ingest_paths
    from partygraph.queries import run_all
    from partygraph.rdf import validate
    from partygraph.resolve import Registry, to_json
    from partygraph.store import open_store
    from partygraph.subjects import SubjectFinder
    from partygraph.viz import render_all

    data_dir = data_dir or paths.statements_dir()
    if not data_dir.is_dir():
        raise PartygraphError("statement folder not found", source=str(data_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    store_dir = out_dir / "store"
    if store_dir.exists():
        shutil.rmtree(store_dir)
    registry = Registry.load()

    extract_dir = out_dir / "extract"
    extract_dir.mkdir(exist_ok=True)
    files = discover([data_dir])
    finder = SubjectFinder(registry)
    for f in files:
        facts = to_json(finder.annotate(registry.resolve(read_document(f))))
        _write_text(extract_dir / f"{f.stem}.json", json.dumps(facts, ensure_ascii=False, indent=1))
    yield f"extract: {len(files)} documents -> {extract_dir}/"

    store = open_store(path=store_dir)
    try:
        reports = ingest_paths(store, files, registry)
        _write_text(
            out_dir / "ingest-report.json",
            json.dumps([r.__dict__ for r in reports], ensure_ascii=False, indent=1),
        )
        stats = store.stats()
        yield "ingest: " + ", ".join(f"{v} {k}" for k, v in stats.items())

        for fmt, name in EXPORTS.items():
            store.export(fmt, out_dir / name)
        yield "export: " + ", ".join(str(out_dir / n) for n in EXPORTS.values())

        report = validate(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
        _write_text(out_dir / "validation.txt", report.text + "\n")
        verdict = "conforms" if report.conforms else "VIOLATIONS"
        yield f"validate: {verdict} -> {out_dir / 'validation.txt'}"

        written = run_all(store, out_dir / "queries")
        yield f"queries: {len(written)} results -> {out_dir / 'queries'}/"

        result = analyse(store, out_dir / "network")
        yield f"network: -> {out_dir / 'network'}/"
        solidarity = solidarity_network(store)
        write_solidarity(solidarity, out_dir / "solidarity", result.partition)
        yield (
            f"solidarity: {solidarity.number_of_nodes()} nodes, "
            f"{solidarity.number_of_edges()} edges -> {out_dir / 'solidarity'}/"
        )
        render_all(result, out_dir / "viz", solidarity=solidarity)
        yield f"viz: -> {out_dir / 'viz'}/"
    finally:
        store.close()
