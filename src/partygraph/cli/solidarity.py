"""``partygraph solidarity``: who expresses solidarity with whom (subjects of statements)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import open_project, out_dir_option, store_options
from partygraph.errors import PartygraphError


@click.command()
@out_dir_option(
    Path("out") / "solidarity", "Folder for the CSV, GEXF and GraphML files and the drawings."
)
@click.option("--top", type=int, default=10, show_default=True, help="Rows of each summary.")
@click.option(
    "--draw/--no-draw",
    default=True,
    show_default=True,
    help="Also write solidarity.html (interactive, offline) and solidarity.png/.svg.",
)
@store_options
def solidarity(store: dict[str, Any], out_dir: Path, top: int, draw: bool) -> None:
    """Build the solidarity network (signing party -> subject) and write its files.

    An edge goes from each party that signed or initiated a statement to each party or
    country the statement is about (pg:about, solidarity stance; a party never to
    itself). Writes solidarity-edges.csv, solidarity-strengths.csv,
    solidarity-reciprocity.csv, solidarity-bridges.csv (subjects supported from several
    co-signature communities), solidarity.gexf and solidarity.graphml, and the drawings
    solidarity.html (an offline page: arrows, search, name on hover),
    solidarity.png/.svg and solidarity-by-community.png/.svg; then prints who gives
    and who receives most.

    \b
    Example:
      partygraph ingest data/statements
      partygraph solidarity --out out/solidarity --top 5
      partygraph solidarity --out out/solidarity --no-draw
    """
    from partygraph.network.community import louvain
    from partygraph.network.load import load_signatures
    from partygraph.network.projection import project
    from partygraph.network.solidarity import (
        bridging_subjects,
        reciprocity,
        strengths,
        write_all,
    )

    with open_project(store) as kg:
        g = kg.solidarity()
        partition = louvain(project(load_signatures(kg.store())))
    files = write_all(g, out_dir, partition)
    if draw:
        from partygraph.viz import render_solidarity

        try:
            files.update(render_solidarity(g, out_dir, partition=partition))
        except OSError as exc:
            raise PartygraphError(f"cannot write: {exc.strerror}", source=str(out_dir)) from exc
    rows = strengths(g)
    parties = sum(1 for _, k in g.nodes(data="kind") if k == "party")
    click.echo(
        f"solidarity network: {g.number_of_nodes()} nodes ({parties} parties), "
        f"{g.number_of_edges()} edges"
    )
    click.echo("gives most (out-strength):")
    for r in [r for r in rows if r["out_strength"]][:top]:
        click.echo(f"  {r['out_strength']:4d}  {r['label']}")
    click.echo("receives most (in-strength):")
    for r in sorted(rows, key=lambda r: (-r["in_strength"], r["node"]))[:top]:
        if r["in_strength"]:
            click.echo(f"  {r['in_strength']:4d}  {r['label']} ({r['kind']})")
    rec = reciprocity(g)
    click.echo(
        f"reciprocity between parties: {rec['reciprocity']:.3f} "
        f"({rec['reciprocated']} of {rec['edges']} party-to-party edges)"
    )
    bridges = bridging_subjects(g, partition)[:top]
    if bridges:
        click.echo("subjects bridging communities:")
        for b in bridges:
            click.echo(f"  {b['communities']:3d} communities  {b['label']}")
    for path in files.values():
        click.echo(f"wrote {path}")


COMMANDS = [solidarity]
