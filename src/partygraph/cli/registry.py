"""``partygraph registry``: live with the party registry.

Reading verbs read the project folder's ``registry/`` (else the bundled one); editing
verbs write only to the project folder's (or ``--registry DIR``), never into the
installed package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from partygraph.cli.common import emit_rows, format_option, open_project, resolve_format
from partygraph.errors import PartygraphError
from partygraph.resolve import Registry, party_iri
from partygraph.resolve import edit as registry_edit

_DIR_OPTION_HELP = (
    "Registry folder (default: the project folder's registry/; reading falls back to "
    "the bundled registry, editing needs a project: see 'partygraph init')."
)


def _load(ctx: click.Context) -> Registry:
    folder = ctx.obj.get("registry_dir")
    return Registry.load(folder) if folder is not None else open_project().registry


def _directory(ctx: click.Context) -> Path:
    """Where an edit goes: ``--registry DIR``, else the project folder's registry."""
    folder = ctx.obj.get("registry_dir")
    return folder if folder is not None else open_project().editable_registry_dir


@click.group("registry")
@click.option(
    "--registry",
    "registry_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=_DIR_OPTION_HELP,
)
@click.pass_context
def registry(ctx: click.Context, registry_dir: Path | None) -> None:
    """Inspect and curate the party registry (names, aliases, countries, merges).

    \b
    Examples:
      partygraph registry list --country GB
      partygraph registry show KKE
      partygraph registry suggest
      partygraph registry add-alias communist-party-of-greece "K.K.E." --why "seen in a list"
      partygraph registry merge communist-party-of-romania romanian-socialist-party --why "..."
      partygraph registry unmerge romanian-socialist-party
      partygraph registry add "Communist Party of Nepal" --country NP --source x.txt
      partygraph registry log
    """
    ctx.ensure_object(dict)
    ctx.obj["registry_dir"] = registry_dir


@registry.command("list")
@click.option("--country", help="Only parties of this ISO2 country (use 'none' for no country).")
@click.option("--search", help="Only parties whose name, alias or abbreviation contains TEXT.")
@format_option(choices=("table", "csv", "json"), fallback="csv")
@click.pass_context
def list_cmd(ctx: click.Context, country: str | None, search: str | None, fmt: str | None) -> None:
    """List the registry's parties.

    \b
    Examples:
      partygraph registry list
      partygraph registry list --country DK --format csv
      partygraph registry list --search "workers" --format json
    """
    reg = _load(ctx)
    rows = []
    needle = search.casefold() if search else None
    for p in reg.parties():
        if country:
            wanted = None if country.lower() == "none" else country.upper()
            if p.country != wanted:
                continue
        if needle:
            hay = " | ".join([p.id, p.name, p.abbreviation or "", *p.aliases]).casefold()
            if needle not in hay:
                continue
        rows.append([p.id, p.name, p.abbreviation, p.country, list(p.aliases)])
    emit_rows(
        ["id", "name", "abbreviation", "country", "aliases"],
        rows,
        resolve_format(fmt, "csv"),
        title=f"{len(rows)} parties",
    )


@registry.command("show")
@click.argument("party")
@format_option(choices=("table", "json"), fallback="json")
@click.pass_context
def show_cmd(ctx: click.Context, party: str, fmt: str | None) -> None:
    """Show one party: by id, name, alias, abbreviation or IRI.

    \b
    Examples:
      partygraph registry show KKE
      partygraph registry show "CP of Britain" --format json
      partygraph registry show https://w3id.org/partygraph/id/party/akel
    """
    reg = _load(ctx)
    p = reg.get(party) or reg.find(party)
    if p is None:
        raise PartygraphError(
            f"no registry party matches {party!r}; try 'partygraph registry list --search'",
            where="PARTY",
        )
    merged_here = sorted(m for m, k in reg.merges().items() if k == p.id)
    info: dict[str, Any] = {
        "id": p.id,
        "iri": party_iri(p.id),
        "name": p.name,
        "abbreviation": p.abbreviation,
        "country": p.country,
        "aliases": list(p.aliases),
        "wikidata": p.wikidata,
        "source": reg.sources.get(p.id) or None,
        "notes": reg.notes.get(p.id) or None,
        "merged_parties": merged_here,
        "distinct_from": sorted(q.id for q in reg.parties() if reg.are_distinct(p.id, q.id)),
    }
    if resolve_format(fmt, "json") == "json":
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        emit_rows(["field", "value"], [[k, v] for k, v in info.items()], "table", title=p.name)


@registry.command("suggest")
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.75,
    show_default=True,
    help="Lowest similarity (0-1) to report.",
)
@format_option(choices=("table", "csv", "json"), fallback="csv")
@click.pass_context
def suggest_cmd(ctx: click.Context, min_score: float, fmt: str | None) -> None:
    """List candidate duplicates, with their evidence, for a person to review.

    Pairs recorded in distinct.csv and parties of different countries are left out.
    Nothing is changed: merge what you confirm with 'partygraph registry merge'.

    \b
    Examples:
      partygraph registry suggest
      partygraph registry suggest --min-score 0.9 --format json
    """
    reg = _load(ctx)
    rows = [
        [s.a.id, s.b.id, round(s.score, 3), s.a.country or s.b.country, list(s.evidence)]
        for s in reg.suggest(min_score)
    ]
    emit_rows(
        ["a", "b", "score", "country", "evidence"],
        rows,
        resolve_format(fmt, "csv"),
        title=f"{len(rows)} candidate duplicates",
    )


_WHO = click.option("--who", help="Who makes the change (default: the login name).")
_WHY = click.option("--why", default="", help="Why: the source or evidence, recorded in the log.")


@registry.command("add-alias")
@click.argument("party")
@click.argument("alias")
@_WHO
@_WHY
@click.option("--force", is_flag=True, help="Add it even if the alias already names a party.")
@click.pass_context
def add_alias_cmd(
    ctx: click.Context, party: str, alias: str, who: str | None, why: str, force: bool
) -> None:
    """Add ALIAS to PARTY in parties.csv (logged in aliases-log.csv).

    Write a short form that needs its country the way lists print it: the alias
    "Socialist Party, Lithuania" only matches lines that state Lithuania.

    \b
    Examples:
      partygraph registry add-alias communist-party-of-greece "K.K.E." --why "KKE site"
      partygraph registry add-alias akel "A.K.E.L., Cyprus"
    """
    p = registry_edit.add_alias(
        party, alias, directory=_directory(ctx), who=who, why=why, force=force
    )
    click.echo(f"added alias {alias!r} to {p.id} ({p.name})")


@registry.command("remove-alias")
@click.argument("party")
@click.argument("alias")
@_WHO
@_WHY
@click.pass_context
def remove_alias_cmd(ctx: click.Context, party: str, alias: str, who: str | None, why: str) -> None:
    """Remove ALIAS from PARTY (the reverse of add-alias; logged).

    \b
    Example:
      partygraph registry remove-alias communist-party-of-greece "K.K.E."
    """
    p = registry_edit.remove_alias(party, alias, directory=_directory(ctx), who=who, why=why)
    click.echo(f"removed alias {alias!r} from {p.id} ({p.name})")


@registry.command("merge")
@click.argument("kept")
@click.argument("merged")
@_WHO
@_WHY
@click.option("--force", is_flag=True, help="Merge even parties recorded as distinct.")
@click.pass_context
def merge_cmd(
    ctx: click.Context, kept: str, merged: str, who: str | None, why: str, force: bool
) -> None:
    """Record that MERGED is the same party as KEPT (reversible with unmerge).

    MERGED's names then resolve to KEPT; its row stays in parties.csv and the merge
    is logged in merges.csv with who, when and why.

    \b
    Example:
      partygraph registry merge communist-party-of-romania romanian-socialist-party \\
          --why "renamed in 2010 (source: ...)"
    """
    a, b = registry_edit.merge(
        kept, merged, directory=_directory(ctx), who=who, why=why, force=force
    )
    click.echo(f"merged {b.id} into {a.id}; undo with: partygraph registry unmerge {b.id}")


@registry.command("unmerge")
@click.argument("merged")
@_WHO
@_WHY
@click.pass_context
def unmerge_cmd(ctx: click.Context, merged: str, who: str | None, why: str) -> None:
    """Undo the merge of MERGED (its id), logged in merges.csv.

    \b
    Example:
      partygraph registry unmerge romanian-socialist-party
    """
    kept, pid = registry_edit.unmerge(merged, directory=_directory(ctx), who=who, why=why)
    click.echo(f"unmerged {pid} from {kept}")


@registry.command("add")
@click.argument("name")
@click.option("--id", "party_id", help="Slug (default: from the name).")
@click.option("--country", help="ISO2 code; leave out for several countries or unknown.")
@click.option("--abbreviation", help="The party's usual abbreviation.")
@click.option("--alias", "aliases", multiple=True, help="An alias (repeatable).")
@click.option("--source", default="", help="Where the facts come from (e.g. a statement file).")
@click.option("--notes", default="", help="Free notes.")
@_WHO
@_WHY
@click.pass_context
def add_cmd(
    ctx: click.Context,
    name: str,
    party_id: str | None,
    country: str | None,
    abbreviation: str | None,
    aliases: tuple[str, ...],
    source: str,
    notes: str,
    who: str | None,
    why: str,
) -> None:
    """Add a party to parties.csv, e.g. a provisional party an ingest reported.

    \b
    Example:
      partygraph registry add "Communist Party of Nepal" --country NP \\
          --source data/statements/x.txt --alias "CP of Nepal"
    """
    p = registry_edit.add_party(
        name,
        party_id=party_id,
        country=country,
        abbreviation=abbreviation,
        aliases=aliases,
        source=source,
        notes=notes,
        directory=_directory(ctx),
        who=who,
        why=why,
    )
    click.echo(f"added {p.id} ({p.name}, {p.country or 'no country'})")


@registry.command("log")
@format_option(choices=("table", "csv", "json"), fallback="csv")
@click.pass_context
def log_cmd(ctx: click.Context, fmt: str | None) -> None:
    """Show every recorded change: aliases added or removed, parties added, merges.

    \b
    Example:
      partygraph registry log --format csv
    """
    folder = ctx.obj.get("registry_dir")
    rows = registry_edit.history(folder if folder is not None else open_project().registry_dir)
    columns = ["when", "who", "action", "party", "detail", "why"]
    emit_rows(columns, [[r[c] for c in columns] for r in rows], resolve_format(fmt, "csv"))


COMMANDS = [registry]
