"""``partygraph network`` and ``partygraph viz``: co-signature analysis and its pictures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from partygraph.cli.common import open_project, out_dir_option, store_options
from partygraph.errors import PartygraphError

F = TypeVar("F", bound=Callable[..., Any])


def slice_options(func: F) -> F:
    """Slice, weighting and community options shared by ``network`` and ``viz``."""
    options = [
        click.option(
            "--meeting",
            "meetings",
            multiple=True,
            metavar="SLUG",
            help="Only statements adopted at this meeting (slug, IRI or name; repeatable).",
        ),
        click.option("--since", type=int, metavar="YEAR", help="Only statements from YEAR on."),
        click.option("--until", type=int, metavar="YEAR", help="Only statements up to YEAR."),
        click.option(
            "--series",
            multiple=True,
            metavar="SLUG",
            help="Only meetings of this series, e.g. imcwp (repeatable).",
        ),
        click.option(
            "--role",
            type=click.Choice(["signatory", "initiator", "both"]),
            default="both",
            show_default=True,
            help="Which signatures make a link.",
        ),
        click.option(
            "--weighting",
            type=click.Choice(["count", "newman", "jaccard"]),
            default="newman",
            show_default=True,
            help="Edge weight: shared statements, Newman's 1/(k-1), or Jaccard overlap.",
        ),
        click.option(
            "--resolution",
            type=float,
            default=1.0,
            show_default=True,
            help="Louvain resolution of the main partition.",
        ),
        click.option(
            "--resolutions",
            default="0.5,0.75,1,1.25,1.5,2",
            show_default=True,
            metavar="LIST",
            help="Louvain resolutions to sweep (comma-separated).",
        ),
        click.option("--seed", type=int, default=42, show_default=True, help="Louvain seed."),
        click.option(
            "--alpha",
            type=click.FloatRange(0, 1, min_open=True),
            default=0.05,
            show_default=True,
            help="Disparity-filter significance level for the backbone.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _summary(result: Any) -> str:
    g = result.graph
    return (
        f"{len(result.data.statements)} statements, {g.number_of_nodes()} parties, "
        f"{g.number_of_edges()} links; {len(set(result.partition.values()))} communities "
        f"(modularity {result.modularity:.3f}); backbone {result.backbone.number_of_edges()} links"
    )


@click.command()
@out_dir_option(
    None,
    "Folder for the CSV, GEXF, GraphML and report files (default: out/network, and for a "
    "slice its own folder named after it, e.g. out/network-meeting-imcwp-13).",
)
@slice_options
@click.option("--compare-meeting", multiple=True, metavar="SLUG", help="Second slice: meeting(s).")
@click.option("--compare-since", type=int, metavar="YEAR", help="Second slice: from YEAR.")
@click.option("--compare-until", type=int, metavar="YEAR", help="Second slice: up to YEAR.")
@click.option("--compare-series", multiple=True, metavar="SLUG", help="Second slice: series.")
@store_options
def network(
    out_dir: Path,
    compare_meeting: tuple[str, ...],
    compare_since: int | None,
    compare_until: int | None,
    compare_series: tuple[str, ...],
    store: dict,
    **kwargs: Any,
) -> None:
    """Co-signature network analysis: who signs with whom.

    Writes nodes.csv, edges.csv, metrics.csv, communities.csv, countries.csv,
    country_edges.csv, network.gexf, network.graphml, countries.graphml and
    report.md (plus diff.csv with a --compare-* slice). See docs/network.md.

    \b
    Examples:
      partygraph network --out out/network
      partygraph network --since 2011 --until 2014 --weighting jaccard
      partygraph network --meeting imcwp-13 --compare-meeting imcwp-20
      partygraph network --series imcwp --role signatory --out out/imcwp
    """
    from partygraph.network import Slice

    compare = None
    if compare_meeting or compare_since is not None or compare_until is not None or compare_series:
        compare = Slice(
            meetings=compare_meeting,
            since=compare_since,
            until=compare_until,
            series=compare_series,
            role=kwargs["role"],
        )
    from partygraph.network.export import write_all

    with open_project(store) as project:
        result = project.network(compare=compare, **_slice_kwargs(kwargs))
    out_dir = out_dir or _slice_folder("network", result)
    files = write_all(result, out_dir)
    click.echo(_summary(result))
    if result.diff is not None:
        d = result.diff
        click.echo(
            f"compared with {result.compare.describe()}: {len(d.joined)} joined, "
            f"{len(d.left)} left, {len(d.moved)} moved community"
        )
    for name in files:
        click.echo(f"wrote {out_dir / name}")


def _slice_folder(kind: str, result: Any) -> Path:
    """``out/<kind>`` for the whole store; a slice (and a comparison) gets its own folder,
    so that it never overwrites the whole store's files."""
    names = [result.slice.slug()]
    if result.compare is not None:
        names.append("vs-" + (result.compare.slug() or "all"))
    suffix = "-".join(n for n in names if n)
    return Path("out") / (f"{kind}-{suffix}" if suffix else kind)


def _resolutions(text: str) -> list[float]:
    try:
        values = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise PartygraphError(
            f"expected comma-separated numbers, got {text!r}", where="--resolutions"
        ) from None
    if not values or any(v <= 0 for v in values):
        raise PartygraphError(f"expected positive numbers, got {text!r}", where="--resolutions")
    return values


def _slice_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "meetings": kwargs["meetings"],
        "since": kwargs["since"],
        "until": kwargs["until"],
        "series": kwargs["series"],
        "role": kwargs["role"],
        "weighting": kwargs["weighting"],
        "resolution": kwargs["resolution"],
        "resolutions": _resolutions(kwargs["resolutions"]),
        "seed": kwargs["seed"],
        "alpha": kwargs["alpha"],
    }


@click.command()
@out_dir_option(
    None,
    "Folder for network.html and the PNG/SVG figures (default: out/viz, and for a slice "
    "its own folder named after it, e.g. out/viz-series-imcwp-2010).",
)
@slice_options
@click.option(
    "--top", type=click.IntRange(1), default=20, show_default=True, help="Parties in the top chart."
)
@click.option(
    "--solidarity/--no-solidarity",
    default=True,
    show_default=True,
    help="Also draw the solidarity network (solidarity.html, .png/.svg; whole store).",
)
@store_options
def viz(out_dir: Path, top: int, solidarity: bool, store: dict, **kwargs: Any) -> None:
    """Draw the co-signature and solidarity networks: offline HTML pages, PNG/SVG, charts.

    Writes network.html (search, colour by community or country, filter by
    year or meeting; works with no network connection), network.png/.svg,
    network-by-country.png/.svg, top-parties, per-year and parties-per-country
    charts (PNG and SVG); and, unless --no-solidarity, solidarity.html (arrows
    from each signing party to what its statements are about; a switch links the
    two pages), solidarity.png/.svg and solidarity-by-community.png/.svg. The
    slice options apply to the co-signature network; the solidarity view covers
    the whole store.

    \b
    Examples:
      partygraph viz --out out/viz
      partygraph viz --series imcwp --since 2010 --out out/viz-imcwp --no-solidarity
    """
    from partygraph.viz import render_all

    with open_project(store) as project:
        result = project.network(**_slice_kwargs(kwargs))
        g = project.solidarity() if solidarity else None
    out_dir = out_dir or _slice_folder("viz", result)
    try:
        files = render_all(result, out_dir, top=top, solidarity=g)
    except OSError as exc:
        raise PartygraphError(f"cannot write: {exc.strerror}", source=str(out_dir)) from exc
    click.echo(_summary(result))
    if g is not None:
        click.echo(f"solidarity: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    for name in files:
        click.echo(f"wrote {out_dir / name}")


COMMANDS = [network, viz]
