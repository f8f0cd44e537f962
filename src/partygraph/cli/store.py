"""``export``, ``remove`` and ``stats``: the verbs that work on the stored graph as a whole."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import (
    emit_rows,
    format_option,
    open_project,
    resolve_format,
    store_options,
)
from partygraph.store.base import EXPORT_FORMATS

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    default="turtle",
    show_default=True,
    help="turtle, ntriples and jsonld hold the union of all graphs (a set; what "
    "rdflib.Graph().parse loads); nquads and trig keep each source document's named "
    "graph, and jsonld too with --graphs. jsonld is compact, with ontology/context.jsonld.",
)
@click.option(
    "--graphs",
    is_flag=True,
    help="JSON-LD with one named graph per source document (load it with rdflib.Dataset).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="File to write (written to a temporary file, then renamed; an existing device or "
    "pipe is refused). Default, or '-': stdout.",
)
@store_options
def export(store: dict[str, Any], fmt: str, graphs: bool, output: Path | None) -> None:
    """Write the whole stored graph in an RDF format.

    \b
    Examples:
      partygraph export --format trig -o out/graph.trig
      partygraph export --format jsonld -o out/graph.jsonld
      partygraph export --format jsonld --graphs -o out/graphs.jsonld
      partygraph export --format ntriples | wc -l
    """
    if output is not None and str(output) == "-":
        output = None
    with open_project(store) as project:
        project.export(fmt, sys.stdout.buffer if output is None else output, graphs=graphs)
    if output is not None:
        click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("source")
@store_options
def remove(store: dict[str, Any], source: str) -> None:
    """Remove one ingested source document (everything read from it).

    SOURCE is the path as it was ingested, the document's sha256, or its source IRI.
    The same bytes ingested from several paths are one document that records every
    path: removing one path keeps the document while another path holds it; its last
    path, its sha256 or its IRI removes it. The registry graph is never removed this way.

    \b
    Examples:
      partygraph remove data/statements/000_d09a13167ed8fed5.txt
      partygraph remove https://w3id.org/partygraph/id/source/d09a1316...
    """
    with open_project(store) as project:
        removal = project.remove(source)
    if removal.dropped:
        click.echo(f"removed {removal.graph}")
    else:
        kept = ", ".join(removal.remaining)
        click.echo(
            f"removed the path {removal.path}; {removal.graph} stays (also ingested from {kept})"
        )


@click.command()
@format_option(choices=("table", "json"), fallback="json")
@store_options
def stats(store: dict[str, Any], fmt: str | None) -> None:
    """Count what the store holds: statements, parties, meetings, signatures, triples, graphs.

    parties: those that signed or initiated a statement; registry_parties: the
    registry's. triples: the distinct triples of the union (as in the Turtle export
    and validate); quads: what is stored, graph by graph.

    \b
    Examples:
      partygraph stats
      partygraph stats --format json --endpoint http://localhost:7878 --profile oxigraph
    """
    with open_project(store) as project:
        counts = project.stats()
    if not counts.get("statements"):
        click.echo("this store is empty: nothing was ingested (run 'partygraph ingest')", err=True)
    if resolve_format(fmt) == "json":
        click.echo(json.dumps(counts, indent=1))
    else:
        emit_rows(["what", "count"], list(counts.items()), "table")


COMMANDS = [export, remove, stats]
