"""Visualizations of a network result: an offline HTML page, PNG/SVG figures and charts.

:func:`render_all` writes, under ``out_dir``:

- ``network.html``: interactive page (search, colour switch, year/meeting filter),
  fully self-contained;
- ``network.png`` / ``network.svg``: the network coloured by community, with a legend;
- ``network-by-country.png`` / ``.svg``: the same coloured by country;
- ``top-parties.png`` / ``.svg``: signatures per party (top 20);
- ``per-year.png`` / ``.svg``: statements and signatures per year;
- ``parties-per-country.png`` / ``.svg``: parties per country.

:func:`render_solidarity` writes the view of the solidarity network
(:mod:`partygraph.network.solidarity`) beside it:

- ``solidarity.html``: interactive page, directed (arrows from the signing party to the
  subject), with the same search, hover and pan/zoom, and a view switch to
  ``network.html`` when that page is in the same folder;
- ``solidarity.png`` / ``.svg``: the network coloured by kind (party or country);
- ``solidarity-by-community.png`` / ``.svg``: coloured by co-signature community
  (with a partition).

Pass the solidarity network to :func:`render_all` (``solidarity=g``) to write both
views at once, each linking to the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.files import output_folder
from partygraph.network.analysis import NetworkResult
from partygraph.viz.html import (
    layout,
    render_page,
    render_solidarity_page,
    write_page,
    write_solidarity_page,
)
from partygraph.viz.static import (
    network_figure,
    parties_per_country_figure,
    per_year_figure,
    save,
    solidarity_figure,
    top_parties_figure,
)

__all__ = [
    "layout",
    "render_all",
    "render_page",
    "render_solidarity",
    "render_solidarity_page",
    "write_page",
    "write_solidarity_page",
]


def _save_figures(figures: Mapping[str, Any], out: Path) -> dict[str, Path]:
    """Save each figure as ``out/<name>.png`` and ``.svg``; file name -> path."""
    return {path.name: path for name, fig in figures.items() for path in save(fig, out / name)}


def render_all(
    result: NetworkResult,
    out_dir: str | Path,
    *,
    top: int = 20,
    solidarity: nx.DiGraph | None = None,
) -> dict[str, Path]:
    """Write every visualization of ``result`` under ``out_dir``.

    Parameters
    ----------
    result
        From :func:`partygraph.network.analyse` (or ``analyse_data``).
    out_dir
        Output folder, created if missing.
    top
        How many parties the top-parties chart shows.
    solidarity
        The solidarity network: also write its view (:func:`render_solidarity`, with
        ``result.partition``), and link the two pages. ``network.html`` also links to a
        ``solidarity.html`` already in ``out_dir``.

    Returns
    -------
    dict
        File name -> path of each file written.

    Examples
    --------
    >>> import tempfile
    >>> from partygraph.network import analyse_data
    >>> from partygraph.network.load import SignatureData
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = render_all(analyse_data(d, resolutions=[1.0]), tmp)
    >>> sorted(files)[:3]
    ['network-by-country.png', 'network-by-country.svg', 'network.html']
    """
    out = output_folder(out_dir)
    files: dict[str, Path] = {}
    has_solidarity = solidarity is not None or (out / "solidarity.html").is_file()
    views = ["solidarity.html"] if has_solidarity else []
    files["network.html"] = write_page(result, out / "network.html", views=views)
    positions = layout(result.graph)
    figures = {
        "network": network_figure(result, positions, "community"),
        "network-by-country": network_figure(result, positions, "country"),
        "top-parties": top_parties_figure(result, top),
        "per-year": per_year_figure(result),
        "parties-per-country": parties_per_country_figure(result),
    }
    files.update(_save_figures(figures, out))
    if solidarity is not None:
        files.update(render_solidarity(solidarity, out, partition=result.partition))
    return files


def render_solidarity(
    g: nx.DiGraph,
    out_dir: str | Path,
    *,
    partition: Mapping[str, Any] | None = None,
) -> dict[str, Path]:
    """Write the solidarity view: ``solidarity.html`` and its PNG/SVG figures.

    Parameters
    ----------
    g
        The solidarity network (:func:`partygraph.network.solidarity.solidarity_network`).
    out_dir
        Output folder, created if missing. When it holds ``network.html``, the page's
        view switch links to it.
    partition
        Party -> co-signature community (e.g. ``NetworkResult.partition``): adds a
        "community" colouring to the page and ``solidarity-by-community.png``/``.svg``.

    Returns
    -------
    dict
        File name -> path of each file written.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.DiGraph([("a", "KP", {"weight": 1}), ("b", "KP", {"weight": 2})])
    >>> for v, k in [("a", "party"), ("b", "party"), ("KP", "country")]:
    ...     g.nodes[v]["kind"] = k
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = render_solidarity(g, tmp, partition={"a": 0, "b": 1})
    >>> sorted(files)[:3]
    ['solidarity-by-community.png', 'solidarity-by-community.svg', 'solidarity.html']
    >>> sorted(files)[3:]
    ['solidarity.png', 'solidarity.svg']
    """
    out = output_folder(out_dir)
    views = ["network.html"] if (out / "network.html").is_file() else []
    files = {
        "solidarity.html": write_solidarity_page(g, out / "solidarity.html", partition, views=views)
    }
    positions = layout(g)
    figures = {"solidarity": solidarity_figure(g, positions, "kind")}
    if partition is not None:
        figures["solidarity-by-community"] = solidarity_figure(g, positions, "community", partition)
    files.update(_save_figures(figures, out))
    return files
