"""The ``partygraph`` command: a thin layer over the library, one module per verb group.

Errors caused by user input are :class:`~partygraph.errors.PartygraphError`: printed as
one line on stderr, exit status 1. Usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

import click

from partygraph import __version__
from partygraph.errors import PartygraphError
from partygraph.files import DEVICE_ERRORS
from partygraph.project import Project


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, not at exit, so a full device is reported below
            return result
        except PartygraphError as error:
            click.echo(f"partygraph: error: {error}", err=True)
            sys.exit(1)
        except OSError as error:
            # stdout on a full disk or /dev/full, or closed by the reader (| head)
            if error.errno not in DEVICE_ERRORS:
                raise
            if error.errno != errno.EPIPE:
                where = f" {error.filename}" if error.filename else ""
                click.echo(f"partygraph: error: cannot write{where}: {error.strerror}", err=True)
            # what is still buffered would fail again at exit, with a traceback
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("partygraph: interrupted; nothing half-written was kept", err=True)
            sys.exit(130)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="partygraph")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="PARTYGRAPH_HOME",
    default=None,
    help="Project folder (made by 'partygraph init'; $PARTYGRAPH_HOME; default: the "
    "current folder if it holds partygraph.toml, else the bundled data only).",
)
@click.pass_context
def main(ctx: click.Context, home: Path | None) -> None:
    """Turn joint statements of political parties into a knowledge graph.

    \b
    A typical session:
      partygraph init ws && cd ws
      partygraph extract statement.txt
      partygraph ingest statements/
      partygraph query --list
      partygraph query signatories --param title=korea
      partygraph export --format turtle -o graph.ttl
      partygraph demo --out out
    """
    ctx.ensure_object(dict)["home"] = home


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Make DIRECTORY a project folder: partygraph.toml, a copy of the registry,
    empty queries/ (your own saved queries) and statements/.

    Inside it (or with --home DIRECTORY) the registry verbs edit DIRECTORY/registry,
    saved queries of DIRECTORY/queries join the bundled ones (same name: yours wins),
    and the store defaults to DIRECTORY/.partygraph/store.

    \b
    Example:
      partygraph init ws && cd ws && partygraph registry add-alias akel "A.K.E.L."
    """
    _, created = Project.init(directory)
    for path in created:
        click.echo(f"created {path}{'/' if path.is_dir() else ''}")
    click.echo(f"project folder ready: cd {directory} (or give --home {directory})")


def _register() -> None:
    from partygraph.cli import (
        link,
        network,
        pipeline_cmds,
        query,
        registry,
        serve,
        solidarity,
        store,
    )

    for module in (pipeline_cmds, store, query, registry, network, solidarity, link, serve):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
