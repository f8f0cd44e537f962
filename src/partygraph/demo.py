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

from partygraph.errors import PartygraphError
from partygraph.files import write_text
from partygraph.project import Project

EXPORTS = {
    "turtle": "graph.ttl",
    "trig": "graph.trig",
    "nquads": "graph.nq",
    "jsonld": "graph.jsonld",
}


def run_demo(
    out_dir: Path, data_dir: Path | None = None, *, home: Path | None = None
) -> Iterator[str]:
    """Run the whole pipeline on ``data_dir`` (default: the project's or bundled statements).

    Every step is one :class:`~partygraph.Project` call; writing files is this function's.
    Yields one progress line per step, for the CLI to print.
    """
    from partygraph.network.export import write_all as write_network
    from partygraph.network.solidarity import write_all as write_solidarity
    from partygraph.pipeline import discover
    from partygraph.queries import run_all
    from partygraph.viz import render_all

    store_dir = out_dir / "store"
    with Project(home, store=store_dir) as project:
        data_dir = data_dir or project.statements_dir
        if not data_dir.is_dir():
            raise PartygraphError("statement folder not found", source=str(data_dir))
        out_dir.mkdir(parents=True, exist_ok=True)
        if store_dir.exists():
            shutil.rmtree(store_dir)

        files = discover([data_dir])
        for f in files:
            facts = json.dumps(project.read(f), ensure_ascii=False, indent=1)
            write_text(out_dir / "extract" / f"{f.stem}.json", facts)
        yield f"extract: {len(files)} documents -> {out_dir / 'extract'}/"

        reports = project.ingest(*files)
        write_text(
            out_dir / "ingest-report.json",
            json.dumps([r.__dict__ for r in reports], ensure_ascii=False, indent=1),
        )
        yield "ingest: " + ", ".join(f"{v} {k}" for k, v in project.stats().items())

        for fmt, name in EXPORTS.items():
            project.export(fmt, out_dir / name)
        yield "export: " + ", ".join(str(out_dir / n) for n in EXPORTS.values())

        report = project.validate()
        write_text(out_dir / "validation.txt", report.text + "\n")
        verdict = "conforms" if report.conforms else "VIOLATIONS"
        yield f"validate: {verdict} -> {out_dir / 'validation.txt'}"

        run_all(
            project.store(), out_dir / "queries", catalogue=project.catalogue,
            registry=project.registry,
        )  # fmt: skip
        yield f"queries: {len(project.catalogue)} results -> {out_dir / 'queries'}/"

        result = project.network()
        write_network(result, out_dir / "network")
        yield f"network: -> {out_dir / 'network'}/"
        solidarity = project.solidarity()
        write_solidarity(solidarity, out_dir / "solidarity", result.partition)
        yield (
            f"solidarity: {solidarity.number_of_nodes()} nodes, "
            f"{solidarity.number_of_edges()} edges -> {out_dir / 'solidarity'}/"
        )
        render_all(result, out_dir / "viz", solidarity=solidarity)
        yield f"viz: -> {out_dir / 'viz'}/"
