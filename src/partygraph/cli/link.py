"""``partygraph link``: external identifiers of registry parties; ``registry review-links``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import emit_rows, format_option, open_project, resolve_format
from partygraph.cli.registry import registry
from partygraph.errors import PartygraphError
from partygraph.link import enrich as enrichment
from partygraph.link import review
from partygraph.link.identifiers import import_table, read_identifiers
from partygraph.link.linker import ACCEPT, MARGIN, link_wikidata
from partygraph.link.rdf import WIKIDATA_GRAPH
from partygraph.link.wikidata import WDQS, SparqlClient
from partygraph.rdf import iris, versioned_registry_quads
from partygraph.resolve import Registry
from partygraph.store import open_store

_REGISTRY = click.option(
    "--registry",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Registry folder (default: data/registry of the project).",
)
# Only --store: --endpoint names the Wikidata endpoint here, not a store.
_STORE = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Embedded store: statement years for scoring; identifiers and --enrich are written "
    "there (default: the project's store, $PARTYGRAPH_STORE or .partygraph/store).",
)
_WHO = click.option("--who", default=None, help="Recorded in links-log.csv (default: login name).")
_WHY = click.option("--why", default="", help="Why (recorded in links-log.csv).")


def _folder(folder: Path | None) -> Path:
    """Where link edits go: ``--registry DIR``, else the project folder's registry."""
    return folder if folder is not None else open_project().editable_registry_dir


def _store_dir(store_dir: Path | None) -> Path:
    if store_dir is not None:
        return store_dir
    path = open_project().store_path
    assert path is not None  # a Project without an endpoint always has a store path
    return path


def statement_years(store_dir: Path) -> dict[str, tuple[int, int]]:
    """``{party id: (first, last year)}`` of dated signatures (saved query party-activity)."""
    from partygraph.queries.run import run, to_records

    store = open_store(path=store_dir)
    try:
        records = to_records(run(store, "party-activity"))
    finally:
        store.close()
    years = {}
    for r in records:
        first, last = str(r.get("first") or ""), str(r.get("last") or "")
        if first[:4].isdigit() and last[:4].isdigit():
            years[str(r["party"]).rsplit("/", 1)[-1]] = (int(first[:4]), int(last[:4]))
    return years


@click.group("link")
def link() -> None:
    """Link registry parties to Wikidata and other party datasets.

    \b
    Examples:
      partygraph link import ../shared/linking/party-ids.csv
      partygraph link wikidata
      partygraph link wikidata --endpoint http://127.0.0.1:7878/query --enrich
      partygraph registry review-links
    """


@link.command("import")
@click.argument("table", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--retrieved",
    default=None,
    help="Date (YYYY-MM-DD) recorded with every value (default: today).",
)
@_REGISTRY
def import_cmd(table: Path, retrieved: str | None, folder: Path | None) -> None:
    """Merge TABLE (registry_id, <scheme>_id columns, source, review) into identifiers.csv.

    \b
    Example:
      partygraph link import ../shared/linking/party-ids.csv --retrieved 2026-12-02
    """
    target = _folder(folder)
    reg = Registry.load(target)
    found = import_table(
        table,
        target,
        [p.id for p in reg.all_parties()],
        retrieved=retrieved or date.today().isoformat(),
    )
    parties = len({i.registry_id for i in found})
    click.echo(f"{len(found)} identifiers of {parties} parties -> {target / 'identifiers.csv'}")


@link.command("wikidata")
@click.option(
    "--endpoint", default=WDQS, show_default=True, help="The Wikidata SPARQL endpoint to ask."
)
@click.option(
    "--enrich", is_flag=True, help="Also fetch facts of linked parties into graph/wikidata."
)
@click.option("--party", "parties", multiple=True, help="Only this party id (repeatable).")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".partygraph") / "cache" / "wikidata",
    show_default=True,
    help="Folder of cached answers (a re-run asks nothing twice).",
)
@click.option("--accept", type=float, default=ACCEPT, show_default=True, help="Auto-accept score.")
@click.option(
    "--margin", type=float, default=MARGIN, show_default=True, help="Lead over the runner-up."
)
@_WHO
@_REGISTRY
@_STORE
def wikidata_cmd(
    endpoint: str,
    enrich: bool,
    parties: tuple[str, ...],
    cache_dir: Path,
    accept: float,
    margin: float,
    who: str | None,
    folder: Path | None,
    store_dir: Path | None,
) -> None:
    """Find the Wikidata QIDs of registry parties that have none.

    Clear winners are written to identifiers.csv; the rest waits in the review list
    (partygraph registry review-links). Statement years come from the store when there
    is one (a party dissolved before it signed is a namesake).

    \b
    Examples:
      partygraph link wikidata
      partygraph link wikidata --party communist-party-of-britain
      partygraph link wikidata --endpoint http://127.0.0.1:7878/query --enrich
    """
    _check_endpoint(endpoint)
    target = _folder(folder)
    store_dir = _store_dir(store_dir)
    client = SparqlClient(endpoint, cache_dir=cache_dir)
    years: dict[str, tuple[int, int]] = {}
    if store_dir.exists():
        years = statement_years(store_dir)
    else:
        click.echo(f"note: no store at {store_dir}; scoring without statement years", err=True)
    report = link_wikidata(
        target,
        client,
        years=years,
        parties=parties or None,
        accept=accept,
        margin=margin,
        who=who,
    )
    click.echo(
        f"{report.count('linked')} linked, {report.count('review')} to review "
        f"(partygraph registry review-links), {report.count('none')} without candidates; "
        f"{report.requests} requests to {endpoint}"
    )
    graphs: dict[str, list[Any]] = {}
    if enrich:
        graphs[WIKIDATA_GRAPH] = enrichment.enrich(read_identifiers(target), client)
        click.echo(
            f"{len(graphs[WIKIDATA_GRAPH])} quads in {WIKIDATA_GRAPH} "
            f"({client.requests} requests in all)"
        )
    if store_dir.exists() or enrich:
        # the registry graph carries the identifiers: rewrite it as ingest would
        graphs[iris.registry_graph()] = versioned_registry_quads(Registry.load(target))[0]
        store = open_store(path=store_dir)
        try:
            store.replace_graphs(graphs)
        finally:
            store.close()
        click.echo(f"updated {', '.join(sorted(graphs))} in {store_dir}")


def _registry_folder(ctx: click.Context) -> Path:
    obj = ctx.find_object(dict) or {}
    return _folder(obj.get("registry_dir"))


@registry.group("review-links", invoke_without_command=True)
@format_option(choices=("table", "csv", "json"), fallback="csv")
@click.pass_context
def review_links(ctx: click.Context, fmt: str | None) -> None:
    """The Wikidata links that wait for a person: list, accept, reject, undo.

    \b
    Examples:
      partygraph registry review-links
      partygraph registry review-links accept communist-party-of-britain Q1234 --why "..."
      partygraph registry review-links reject communist-party-of-britain Q5678 --why "1920-91 party"
      partygraph registry review-links undo communist-party-of-britain Q5678
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = review.pending(_registry_folder(ctx))
    emit_rows(
        ["party", "qid", "label", "score", "evidence", "retrieved"],
        [(r.registry_id, r.qid, r.label, r.score, r.evidence, r.retrieved) for r in rows],
        resolve_format(fmt, "csv"),
        title=f"{len(rows)} links to review",
    )


def _decision(name: str, doc: str, act: Callable[..., Any], done: str) -> None:
    """Add ``review-links NAME PARTY QID`` calling ``act`` and echoing ``done``."""

    @review_links.command(name, help=doc)
    @click.argument("party")
    @click.argument("qid")
    @_WHO
    @_WHY
    @click.pass_context
    def command(ctx: click.Context, party: str, qid: str, who: str | None, why: str) -> None:
        result = act(_registry_folder(ctx), party, qid, who=who, why=why)
        click.echo(done.format(party=party, qid=qid, result=result))


_decision(
    "accept",
    "Link PARTY (its id) to QID, logged in links-log.csv.",
    review.accept,
    "linked {party} to {qid}",
)
_decision(
    "reject",
    "Record that QID is not PARTY; the linker will not propose it again.",
    review.reject,
    "rejected {qid} for {party}",
)
_decision(
    "undo",
    "Reverse the last accept or reject of QID for PARTY.",
    review.undo,
    "undid {result} of {qid} for {party}; it is pending again",
)


def _check_endpoint(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise PartygraphError(f"expected an http(s) URL, got {url!r}", where="--endpoint")


COMMANDS = [link]
