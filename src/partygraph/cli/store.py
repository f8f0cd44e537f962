"""``export``, ``remove`` and ``stats``: the verbs that work on the stored graph as a whole."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import emit_rows, open_store_from, store_options
from partygraph.errors import PartygraphError
from partygraph.store.base import EXPORT_FORMATS
from partygraph.vocab import ID, PG

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
    help="turtle and ntriples hold the union of all graphs; nquads, trig and jsonld keep "
    "each source document's named graph. jsonld is compact, with ontology/context.jsonld.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (written to a temporary file, then renamed). Default: stdout.",
)
@store_options
def export(store: dict[str, Any], fmt: str, output: Path | None) -> None:
    """Write the whole stored graph in an RDF format.

    \b
    Examples:
      partygraph export --format trig -o out/graph.trig
      partygraph export --format jsonld -o out/graph.jsonld
      partygraph export --format ntriples | wc -l
    """
    gs = open_store_from(store)
    try:
        if output is None:
            gs.export(fmt, sys.stdout.buffer)
        else:
            gs.export(fmt, output)
            click.echo(f"wrote {output}", err=True)
    finally:
        gs.close()


def find_source_graph(gs: Any, source: str) -> str:
    """The named graph of one ingested document, found by path, sha256 or IRI.

    Raises :class:`PartygraphError` naming ``source`` when no document matches.
    """
    from rdflib import Literal

    if source.startswith(("http://", "https://")):
        candidates = [source]
    elif _SHA256.match(source):
        candidates = [f"{ID}source/{source.lower()}"]
    else:
        keys = {source}
        try:
            from partygraph.pipeline import source_key

            keys.add(source_key(Path(source)))
        except ImportError:  # pragma: no cover - pipeline always ships with the package
            pass
        candidates = []
        for key in sorted(keys):
            table = gs.select(
                f"SELECT DISTINCT ?g WHERE {{ ?g <{PG}sourcePath> ?_path }}",
                {"_path": Literal(key)},
            )
            candidates += [str(g) for (g,) in table.rows]
    names = set(gs.graph_names())
    found = [c for c in candidates if c in names and c.startswith(f"{ID}source/")]
    if not found:
        raise PartygraphError(
            "no ingested document with this path, sha256 or source IRI", source=source
        )
    return found[0]


@click.command()
@click.argument("source")
@store_options
def remove(store: dict[str, Any], source: str) -> None:
    """Drop one source document's named graph (everything read from that document).

    SOURCE is the path as it was ingested, the document's sha256, or its source IRI.
    The registry graph is never removed this way.

    \b
    Examples:
      partygraph remove data/statements/000_d09a13167ed8fed5.txt
      partygraph remove https://w3id.org/partygraph/id/source/d09a1316...
    """
    gs = open_store_from(store)
    try:
        graph = find_source_graph(gs, source)
        gs.drop_graphs([graph])
        click.echo(f"removed {graph}")
    finally:
        gs.close()


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table, or one JSON object.",
)
@store_options
def stats(store: dict[str, Any], fmt: str) -> None:
    """Count what the store holds: statements, parties, meetings, signatures, triples, graphs.

    \b
    Examples:
      partygraph stats
      partygraph stats --format json --endpoint http://localhost:7878 --profile oxigraph
    """
    gs = open_store_from(store)
    try:
        counts = gs.stats()
    finally:
        gs.close()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=1))
    else:
        emit_rows(["what", "count"], list(counts.items()), "table")


COMMANDS = [export, remove, stats]
