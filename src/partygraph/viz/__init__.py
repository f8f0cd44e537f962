"""Visualizations of a network result: an offline HTML page, PNG/SVG figures and charts.

:func:`render_all` writes, under ``out_dir``:

- ``network.html``: interactive page (search, colour switch, year/meeting filter),
  fully self-contained;
- ``network.png`` / ``network.svg``: the network coloured by community, with a legend;
- ``network-by-country.png`` / ``.svg``: the same coloured by country;
- ``top-parties.png`` / ``.svg``: signatures per party (top 20);
- ``per-year.png`` / ``.svg``: statements and signatures per year;
- ``parties-per-country.png`` / ``.svg``: parties per country.
"""

from __future__ import annotations

from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.network.analysis import NetworkResult
from partygraph.viz.html import layout, render_page, write_page
from partygraph.viz.static import (
    network_figure,
    parties_per_country_figure,
    per_year_figure,
    save,
    top_parties_figure,
)

__all__ = ["layout", "render_all", "render_page", "write_page"]


def render_all(result: NetworkResult, out_dir: str | Path, *, top: int = 20) -> dict[str, Path]:
    """Write every visualization of ``result`` under ``out_dir``.

    Parameters
    ----------
    result
        From :func:`partygraph.network.analyse` (or ``analyse_data``).
    out_dir
        Output folder, created if missing.
    top
        How many parties the top-parties chart shows.

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
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PartygraphError(
            f"cannot create output folder: {exc.strerror}", source=str(out)
        ) from exc
    files: dict[str, Path] = {}
    files["network.html"] = write_page(result, out / "network.html")
    positions = layout(result.graph)
    figures = {
        "network": network_figure(result, positions, "community"),
        "network-by-country": network_figure(result, positions, "country"),
        "top-parties": top_parties_figure(result, top),
        "per-year": per_year_figure(result),
        "parties-per-country": parties_per_country_figure(result),
    }
    for name, fig in figures.items():
        for path in save(fig, out / name):
            files[path.name] = path
    return files
