"""What every command shares: store options, output formats, one-line errors."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from partygraph.project import Project

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "csv", "tsv", "json")


def store_options(func: F) -> F:
    """Add the store selection options of SPEC section 1 to a command.

    The command receives them as one ``store`` keyword: a dict for :func:`open_project`.
    """
    options = [
        click.option(
            "--store",
            "store_dir",
            type=click.Path(file_okay=False, path_type=Path),
            envvar="PARTYGRAPH_STORE",
            default=None,
            help="Embedded Oxigraph store folder ($PARTYGRAPH_STORE; default: the project's "
            "store, else .partygraph/store).",
        ),
        click.option(
            "--endpoint", help="Remote SPARQL 1.1 query endpoint URL (instead of --store)."
        ),
        click.option("--update-endpoint", help="Remote SPARQL 1.1 update endpoint URL."),
        click.option("--graph-store", help="Remote Graph Store HTTP Protocol endpoint URL."),
        click.option(
            "--profile",
            type=click.Choice(["oxigraph", "fuseki", "virtuoso", "graphdb", "generic"]),
            default=None,
            help="Server profile: default endpoint paths and behaviour (see docs/stores.md).",
        ),
    ]

    def collect(**kwargs: Any) -> Any:
        store = {
            k: kwargs.pop(k)
            for k in ("store_dir", "endpoint", "update_endpoint", "graph_store", "profile")
        }
        return func(store=store, **kwargs)

    collect.__name__ = func.__name__
    collect.__doc__ = func.__doc__
    wrapped: Any = collect
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped  # type: ignore[no-any-return]


def open_project(store: dict[str, Any] | None = None) -> Project:
    """The :class:`~partygraph.Project` of this call: ``--home`` and the store options.

    Remote credentials come from ``$PARTYGRAPH_USER`` / ``$PARTYGRAPH_PASSWORD`` (read by
    :func:`partygraph.store.open_store`), never from the command line.
    """
    ctx = click.get_current_context(silent=True)
    home = (ctx.find_root().obj or {}).get("home") if ctx is not None else None
    store = store or {}
    return Project(
        home,
        store=store.get("store_dir"),
        endpoint=store.get("endpoint"),
        update_endpoint=store.get("update_endpoint"),
        graph_store=store.get("graph_store"),
        profile=store.get("profile"),
    )


def format_option(choices: Sequence[str] = FORMATS, fallback: str = "json") -> Callable[[F], F]:
    """``--format``: the one output rule of every verb that prints rows or facts.

    A table on a terminal; otherwise ``fallback`` (what scripts and pipes read); an
    explicit ``--format`` always wins. Pass the same ``fallback`` to :func:`resolve_format`.
    """
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=None,
        help=f"Output format: {', '.join(choices)} (default: table on a terminal, "
        f"{fallback} otherwise).",
    )


def out_dir_option(default: Path | None, help: str) -> Callable[[F], F]:
    """``--out`` (passed as ``out_dir``): the folder a command writes its files to."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        help=help,
    )


def resolve_format(fmt: str | None, fallback: str = "json") -> str:
    """The explicit format, else ``table`` on a terminal, else ``fallback``."""
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else fallback


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def emit_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    out: TextIO | None = None,
    title: str | None = None,
) -> None:
    """Print rows of plain values as a rich table, CSV, TSV or a JSON array of objects."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(
            [dict(zip(columns, r, strict=True)) for r in rows], out, ensure_ascii=False, indent=2
        )
        out.write("\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in r] for r in rows])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(v) for v in r))
        Console(file=out, width=None if out.isatty() else 200).print(table)
