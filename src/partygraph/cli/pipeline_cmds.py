"""``extract``, ``ingest``, ``validate`` and ``demo``: the verbs that run the pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import (
    emit_rows,
    format_option,
    open_project,
    out_dir_option,
    resolve_format,
    store_options,
)
from partygraph.pipeline import IngestInterrupted, IngestReport


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option(choices=("table", "json"), fallback="json")
def extract(files: tuple[Path, ...], fmt: str | None) -> None:
    """Read statement documents and print what was extracted, without storing.

    json is the extract JSON (an array for several files); table a readable summary.

    Each signatory line is resolved against the party registry (the project's, else
    the bundled one).

    \b
    Examples:
      partygraph extract data/statements/000_d09a13167ed8fed5.txt
      partygraph extract --format json data/statements/*.txt > facts.json
    """
    project = open_project()
    results = [project.read(f) for f in files]
    if resolve_format(fmt) == "json":
        payload: Any = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for result in results:
        _print_summary(result)


def _print_summary(result: dict[str, Any]) -> None:
    meeting = result.get("meeting") or {}
    place = result.get("place") or {}
    facts = [
        ("source", result["source"]),
        ("language", result.get("language")),
        ("title", result.get("title")),
        ("headline", result.get("headline")),
        ("date", result.get("date")),
        ("published", result.get("publication_date")),
        ("place", ", ".join(p for p in (place.get("city"), place.get("country")) if p)),
        (
            "meeting",
            " ".join(
                str(v)
                for v in (
                    meeting.get("ordinal") and f"#{meeting['ordinal']}",
                    meeting.get("name"),
                    meeting.get("city"),
                    meeting.get("country"),
                    meeting.get("start") and f"{meeting['start']}..{meeting.get('end')}",
                )
                if v
            ),
        ),
        ("initiators", "; ".join(i["as_printed"] for i in result.get("initiators", []))),
        (
            "about",
            "; ".join(f"{x['name'] or x['id']} ({x['kind']})" for x in result.get("subjects", [])),
        ),
    ]
    emit_rows(["field", "value"], [(k, v) for k, v in facts if v], "table")
    sigs = result.get("signatories", [])
    emit_rows(
        ["#", "as printed", "party", "country", "match"],
        [(s["position"], s["as_printed"], s["party_id"], s["country"], s["match"]) for s in sigs],
        "table",
        title=f"{len(sigs)} signatory lines, {len({s['party_id'] for s in sigs})} parties",
    )
    for w in result.get("warnings", []):
        click.echo(f"warning: {w}")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--skip-errors", is_flag=True, help="Load the good documents, report the bad ones.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a folder holding files that are not statement documents (a PDF, .xhtml); "
    "without it they are listed on stderr and in the report as skipped.",
)
@format_option(choices=("table", "json"), fallback="json")
@store_options
def ingest(
    paths: tuple[Path, ...], skip_errors: bool, strict: bool, fmt: str | None, store: dict
) -> None:
    """Extract, resolve, convert to RDF and load documents (files or folders).

    Each document becomes one named graph. Re-ingesting an unchanged file changes
    nothing; a changed file replaces its own graph. Nothing is written when a
    document cannot be read, unless --skip-errors is given.

    \b
    Examples:
      partygraph ingest data/statements
      partygraph ingest --store /tmp/kg statement.html
      partygraph ingest --endpoint http://127.0.0.1:7878/query \\
          --graph-store http://127.0.0.1:7878/store data/statements
    """
    try:
        with open_project(store) as project:
            if sys.stderr.isatty():
                from rich.progress import Progress

                with Progress(transient=True) as bar:
                    task = bar.add_task("reading documents", total=None)
                    reports = project.ingest(
                        *paths,
                        skip_errors=skip_errors,
                        strict=strict,
                        progress=lambda done, total: bar.update(task, completed=done, total=total),
                    )
            else:
                reports = project.ingest(*paths, skip_errors=skip_errors, strict=strict)
    except IngestInterrupted as stopped:
        _print_reports(stopped.reports, fmt)  # what landed, then the one-line error
        raise
    for r in reports:
        if r.status == "skipped":
            click.echo(f"partygraph: skipped {r.source}: {r.error}", err=True)
    _print_reports(reports, fmt)
    if any(r.status == "error" for r in reports):
        sys.exit(1)


def _status(r: IngestReport) -> str:
    if r.same_as:
        return f"{r.status}: same content as {r.same_as}"
    return r.status if not r.error else f"{r.status}: {r.error}"


def _print_reports(reports: list[IngestReport], fmt: str | None) -> None:
    if resolve_format(fmt) == "json":
        click.echo(json.dumps([r.__dict__ for r in reports], ensure_ascii=False, indent=1))
        return
    emit_rows(
        ["source", "status", "lines", "parties", "new parties", "warnings"],
        [
            (
                r.source,
                _status(r),
                r.signatories,
                r.parties,
                len(r.new_parties),
                len(r.warnings),
            )
            for r in reports
        ],
        "table",
    )


@click.command()
@store_options
def validate(store: dict) -> None:
    """Check the stored graph against the SHACL shapes in ontology/shapes.ttl.

    Exit 1 with a readable report when the graph has violations.

    \b
    Example:
      partygraph validate --store .partygraph/store
    """
    with open_project(store) as project:
        report = project.validate()
    click.echo(report.text)
    if not report.conforms:
        sys.exit(1)


@click.command()
@out_dir_option(Path("out"), "Folder for every output.")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Statement folder (default: the project's statements/, else the bundled ones).",
)
def demo(out_dir: Path, data_dir: Path | None) -> None:
    """Build the graph from the bundled statements in a fresh embedded store and
    write every output (graph exports, query results, network, visualizations).

    \b
    Example:
      partygraph demo --out out
    """
    from partygraph.demo import run_demo

    for line in run_demo(out_dir, data_dir, home=open_project().home):
        click.echo(line)


COMMANDS = [extract, ingest, validate, demo]
