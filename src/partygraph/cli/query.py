"""``partygraph query``: list, describe and run the saved SPARQL queries."""

from __future__ import annotations

import click
from rdflib import URIRef

from partygraph.cli.common import (
    FORMATS,
    emit_rows,
    format_option,
    open_project,
    resolve_format,
    store_options,
)
from partygraph.errors import PartygraphError
from partygraph.queries.catalogue import SavedQuery
from partygraph.queries.run import GRAPH_FORMATS, page_key
from partygraph.store.base import Table


def parse_param_options(items: tuple[str, ...]) -> dict[str, str]:
    """Turn repeated ``--param NAME=VALUE`` options into a dict (the value may hold ``=``).

    Examples
    --------
    >>> parse_param_options(("party=kke", "text=a=b"))
    {'party': 'kke', 'text': 'a=b'}
    >>> parse_param_options(("party",))
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: --param: expected NAME=VALUE, got 'party'
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise PartygraphError(f"expected NAME=VALUE, got {item!r}", where="--param")
        if name in out:
            raise PartygraphError(f"parameter {name!r} given twice", where="--param")
        out[name] = value
    return out


def names_first(table: Table) -> list[int]:
    """Column positions for a terminal table: IRI columns last, so that names come first.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> names_first(Table(["party", "name"], [(URIRef("http://e/p"), Literal("KKE"))]))
    [1, 0]
    """
    iri = [
        any(isinstance(row[i], URIRef) for row in table.rows)
        and all(row[i] is None or isinstance(row[i], URIRef) for row in table.rows)
        for i in range(len(table.columns))
    ]
    return sorted(range(len(table.columns)), key=lambda i: iri[i])


def _describe(q: SavedQuery) -> str:
    lines = [f"{q.name}: {q.title}", ""]
    if q.summary:
        lines += [q.summary, ""]
    if q.description:
        lines += [q.description, ""]
    if q.tags:
        lines.append("tags: " + ", ".join(q.tags))
    lines.append(f"view: {q.default_view}")
    if q.pagination is not None:
        key = page_key(q.sparql)
        unit = key.unit if key else "rows"
        lines.append(f"pages: {q.pagination} {unit} a page (--page N, --all)")
    if q.path is not None:
        lines.append(f"file: {q.path}")
    lines.append("parameters:" if q.params else "parameters: none")
    for p in q.params:
        flags = "required" if p.required else "optional"
        default = f", default {p.default}" if p.default is not None else ""
        lines.append(f"  {p.name} ({p.type}, {flags}{default}): {p.description}")
    lines += ["", q.sparql.strip()]
    return "\n".join(lines)


@click.command("query")
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--list", "list_", is_flag=True, help="List the saved queries and their parameters.")
@click.option("--describe", is_flag=True, help="Show the query's header and its SPARQL.")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value (repeatable); see --describe for the names and types.",
)
@format_option(choices=(*FORMATS, *GRAPH_FORMATS))
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=None,
    help="Which page of a paged query (default 1); see --describe for its rows a page.",
)
@click.option("--all", "all_pages", is_flag=True, help="Every row of a paged query, not one page.")
@store_options
def query(
    name: str | None,
    list_: bool,
    describe: bool,
    params: tuple[str, ...],
    fmt: str | None,
    limit: int | None,
    page: int | None,
    all_pages: bool,
    store: dict,
) -> None:
    """Run a saved query by NAME or a SPARQL file, on the graph.

    The catalogue is the bundled one plus the project folder's queries/ (a query of
    the same name there overrides the bundled one).

    Parameter values are checked against their declared type (party, country, date,
    integer, iri, string) and bound as RDF terms, never pasted into the query.

    A query file may be a SELECT (rows), an ASK (prints true or false), or a
    CONSTRUCT or DESCRIBE (prints Turtle; --format ntriples, rdfxml or jsonld).

    A paged query (a '#+ pagination: N' header, as in grlc) prints page 1 of N rows;
    --page chooses another, --all prints every row.

    \b
    Examples:
      partygraph query --list
      partygraph query party-profile --describe
      partygraph query party-statements --param party=KKE
      partygraph query co-signers -p party="Portuguese Communist Party" -p min=2 --format csv
      partygraph query meetings-by-year --param year=2018 --format json
      partygraph query my-query.rq --limit 10
      partygraph query signatories --page 2
      partygraph query co-signature-edges --all --format csv
    """
    project = open_project(store)
    if list_:
        rows = [(q.name, q.title, q.signature()) for q in project.catalogue]
        out_fmt = resolve_format(fmt, fallback="json")
        emit_rows(["name", "title", "parameters"], rows, out_fmt, title="Saved queries")
        return
    if not name:
        raise click.UsageError("give a query NAME or FILE.rq (or --list)")
    if describe:
        click.echo(_describe(project.catalogue.find(name)))
        return
    if all_pages and page is not None:
        raise click.UsageError("give --page N or --all, not both")

    from partygraph.queries import result_text, rows_plain

    saved = project.catalogue.find(name)
    values = parse_param_options(params)
    with project:
        result = project.query(name, limit=limit, page=None if all_pages else page or 1, **values)
    if getattr(result, "more", False):
        n, size, unit = result.table.number, result.table.size, result.table.unit
        click.echo(
            f"page {n} of a paged query ({size} {unit} a page); "
            f"--page {n + 1} for more, --all for every row",
            err=True,
        )
    # a graph prints as Turtle unless a format is asked for, on a terminal or not
    out_fmt = fmt or ("turtle" if isinstance(result, list) else resolve_format(None, "json"))
    if out_fmt != "table" or isinstance(result, bool | list):
        click.echo(result_text(getattr(result, "table", result), out_fmt), nl=False)
        return
    table = result.table
    order = names_first(table)
    rows = [tuple(row[i] for i in order) for row in rows_plain(table)]
    emit_rows([table.columns[i] for i in order], rows, "table", title=saved.title)
    click.echo(f"{len(table.rows)} row(s)", err=True)


COMMANDS = [query]
__all__ = ["COMMANDS", "parse_param_options", "query"]
