"""The ``partygraph`` command: a thin layer over the library, one module per verb group.

Errors caused by user input are :class:`~partygraph.errors.PartygraphError`: printed as
one line on stderr, exit status 1. Usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from partygraph import __version__
from partygraph.errors import PartygraphError


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PartygraphError as error:
            click.echo(f"partygraph: error: {error}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("partygraph: interrupted; nothing half-written was kept", err=True)
            sys.exit(130)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="partygraph")
def main() -> None:
    """Turn joint statements of political parties into a knowledge graph.

    \b
    A typical session:
      partygraph extract data/statements/000_d09a13167ed8fed5.txt
      partygraph ingest data/statements
      partygraph query --list
      partygraph query signatories --param title=korea
      partygraph export --format turtle -o graph.ttl
      partygraph demo --out out
    """


def _register() -> None:
    from partygraph.cli import network, pipeline_cmds, query, registry, serve, solidarity, store

    for module in (pipeline_cmds, store, query, registry, network, solidarity, serve):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
