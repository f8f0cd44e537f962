"""The interactive network pages: one HTML file each, everything inlined, no request leaves.

The page template, script and style are package files under
``partygraph/viz/assets/`` (written for partygraph, MIT like the project); the
graph is embedded as JSON. Node positions are computed here (seeded spring
layout), so the browser only draws. One renderer draws both views:

- ``network.html``, the co-signature network (:func:`render_page`);
- ``solidarity.html``, the directed solidarity network (:func:`render_solidarity_page`):
  arrows from the party that signed to the party or country the statement is about.

Options in the embedded JSON tell the renderer what differs between views
(``directed``, ``colourModes``, ``kinds``, ``noun``; see ``assets/network.js``); the
same template (:func:`build_page`) takes the title, hints and the view switch.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.files import atomic_write
from partygraph.network.analysis import NetworkResult
from partygraph.network.export import edge_spans

LAYOUT_SEED = 42


def layout(g: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled into the unit square (isolated parties on the margin).

    Examples
    --------
    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in pos.values())
    True
    >>> layout(nx.path_graph(["a", "b", "c"])) == pos
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() == 1:
        return {next(iter(g)): (0.5, 0.5)}
    k = 1.5 / max(1.0, g.number_of_nodes() ** 0.5)
    raw = nx.spring_layout(g, weight="weight", seed=seed, k=k, iterations=100)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    return {
        v: (round(float((p[0] - x0) / sx), 5), round(float((p[1] - y0) / sy), 5))
        for v, p in sorted(raw.items())
    }


def community_labels(result: NetworkResult) -> list[dict[str, Any]]:
    """Legend entries ``{"id", "label"}``: community number, size and leading countries."""
    g = result.graph
    groups: dict[int, list[str]] = {}
    for p, c in result.partition.items():
        groups.setdefault(c, []).append(p)
    out = []
    for c in sorted(groups):
        countries = Counter(g.nodes[p].get("country") or "?" for p in groups[c])
        lead = ", ".join(k for k, _ in sorted(countries.items(), key=lambda x: (-x[1], x[0]))[:3])
        out.append({"id": c, "label": f"{c}: {len(groups[c])} parties ({lead})"})
    return out


MAX_EDGES = 5000


def page_data(
    result: NetworkResult,
    positions: dict[str, tuple[float, float]],
    max_edges: int = MAX_EDGES,
) -> dict[str, Any]:
    """The JSON embedded in the page: nodes, edges (index pairs), meetings, years.

    Above ``max_edges`` links the page keeps the backbone links and then the
    heaviest ones, so that it stays light; ``edgesTotal`` says how many there were.
    """
    g, d = result.graph, result.data
    meetings = d.meetings()
    meeting_index = {m: i for i, m in enumerate(meetings)}
    party_years: dict[str, set[int]] = {}
    party_meetings: dict[str, set[int]] = {}
    for s in d.signatures:
        st = d.statements.get(s.statement)
        if st is None:
            continue
        if st.year is not None:
            party_years.setdefault(s.party, set()).add(st.year)
        if st.meeting:
            party_meetings.setdefault(s.party, set()).add(meeting_index[st.meeting])
    order = sorted(g.nodes)
    index = {v: i for i, v in enumerate(order)}
    nodes = []
    for v in order:
        a = g.nodes[v]
        x, y = positions[v]
        nodes.append(
            {
                "id": v,
                "label": a.get("label") or v,
                "abbr": a.get("abbreviation") or "",
                "country": a.get("country") or "",
                "countryLabel": a.get("country_label") or "",
                "community": int(result.partition.get(v, -1)),
                "statements": int(a.get("statements", 0)),
                "x": x,
                "y": y,
                "years": sorted(party_years.get(v, ())),
                "meetings": sorted(party_meetings.get(v, ())),
            }
        )
    kept = list(g.edges(data=True))
    if len(kept) > max_edges:
        kept.sort(key=lambda e: (not e[2].get("backbone", False), -e[2]["weight"]))
        kept = kept[:max_edges]
    spans = edge_spans(d)
    edges = []
    for u, v, a in sorted(kept, key=lambda e: (index[e[0]], index[e[1]])):
        years, ms = spans.get(frozenset((u, v)), (set(), set()))
        edges.append(
            [
                index[u],
                index[v],
                round(float(a["weight"]), 6),
                sorted(years),
                sorted(meeting_index[m] for m in ms),
            ]
        )
    country_labels = {
        a["country"]: a.get("country_label") or a["country"]
        for _, a in g.nodes(data=True)
        if a.get("country")
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "edgesTotal": g.number_of_edges(),
        "meetings": [{"id": m, "label": label} for m, label in meetings.items()],
        "years": d.years(),
        "communities": community_labels(result),
        "countryLabels": dict(sorted(country_labels.items())),
    }


def _asset(name: str) -> str:
    return resources.files("partygraph.viz").joinpath("assets", name).read_text("utf-8")


#: The pages of the view switch: file name -> link text.
VIEWS = {"network.html": "who signs with whom", "solidarity.html": "who supports whom"}


def view_switch(current: str, views: Sequence[str]) -> str:
    """The view switch: a link to each other page in ``views`` (file names of :data:`VIEWS`).

    Empty when there is no other page to go to, so that no link points to a missing file.

    Examples
    --------
    >>> view_switch("network.html", ["network.html"])
    ''
    >>> switch = view_switch("solidarity.html", ["network.html", "solidarity.html"])
    >>> 'href="network.html"' in switch, 'aria-current="page">who supports whom' in switch
    (True, True)
    """
    names = [v for v in VIEWS if v in views or v == current]
    if len(names) < 2:
        return ""
    parts = [
        f'<b aria-current="page">{html.escape(VIEWS[v])}</b>'
        if v == current
        else f'<a href="{html.escape(v)}">{html.escape(VIEWS[v])}</a>'
        for v in names
    ]
    return '<nav id="views" aria-label="views">View: ' + " \u00b7 ".join(parts) + "</nav>"


# Inside <script>, "</script" ends the element and "<!--" followed by "<script" swallows
# the rest of the page (HTML's script-data escape states): no "<" or ">" may reach the
# page, so they travel as JSON escapes, with "&" and the JavaScript line separators.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: Any) -> str:
    """JSON text that is safe as the content of a ``<script type="application/json">``.

    Parameters
    ----------
    data
        Any JSON-serializable value.

    Returns
    -------
    str
        The JSON with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped (``JSON.parse`` and
        ``json.loads`` read the same value back).

    Examples
    --------
    >>> text = script_json({"name": "Communist Party <!--<script> of Nowhere & Co"})
    >>> text
    '{"name": "Communist Party \\\\u003c!--\\\\u003cscript\\\\u003e of Nowhere \\\\u0026 Co"}'
    >>> json.loads(text)["name"]
    'Communist Party <!--<script> of Nowhere & Co'
    """
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")).translate(_SCRIPT_ESCAPES)


def build_page(
    data: Mapping[str, Any],
    *,
    title: str,
    subtitle: str,
    hint: str,
    views: str = "",
    label: str = "network",
) -> str:
    """Fill the page template: style, script, the data as JSON, texts and the view switch.

    Parameters
    ----------
    data
        The JSON the renderer draws (:func:`page_data`, :func:`solidarity_page_data`).
    title, subtitle, hint
        Plain texts (escaped here): the heading, the provenance line, how to read the page.
    views
        HTML of the view switch (:func:`view_switch`), inserted as is.
    label
        Accessible name of the canvas.

    Returns
    -------
    str
        The complete page.

    Examples
    --------
    >>> page = build_page({"nodes": [], "edges": []}, title="T <1>", subtitle="", hint="h")
    >>> "<title>T &lt;1&gt;</title>" in page, '"nodes": []' in page
    (True, True)
    """
    payload = script_json(data)
    template = _asset("network.html")
    # the texts go in before the assets and the data, so nothing in those is replaced
    for key, value in (
        ("__TITLE__", html.escape(title)),
        ("__SUBTITLE__", html.escape(subtitle)),
        ("__HINT__", html.escape(hint)),
        ("__LABEL__", html.escape(label)),
        ("__VIEWS__", views),
    ):
        template = template.replace(key, value)
    css, js = _asset("network.css"), _asset("network.js")
    head, rest = template.split("__CSS__", 1)
    rest, tail = rest.split("__DATA__", 1)
    return head + css + rest + payload + tail.replace("__JS__", js, 1)


COSIGNATURE_HINT = (
    "Node size: statements signed. Hover a node for its name; drag to pan, wheel to zoom. "
    "Link a state with #search=KKE&colour=country&filter=year:2018."
)


def render_page(
    result: NetworkResult,
    title: str = "Who signs with whom",
    max_edges: int = MAX_EDGES,
    views: Sequence[str] = (),
    node_link: str | None = None,
) -> str:
    """The complete HTML page as a string (scripts, style and data inlined).

    Parameters
    ----------
    result
        From :func:`partygraph.network.analyse`.
    title
        Heading and window title.
    max_edges
        Most links embedded (see :func:`page_data`).
    views
        File names of the pages written beside this one (``"solidarity.html"``): the
        view switch links to them.
    node_link
        A URL with ``{id}`` for the party's id: clicking a node opens it
        (``partygraph serve`` links each node to the party's page).

    Examples
    --------
    >>> from partygraph.network import analyse_data
    >>> from partygraph.network.load import SignatureData
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory")])
    >>> page = render_page(analyse_data(d, resolutions=[1.0]))
    >>> "<script src" in page, '"nodes": [{"id": "a"' in page
    (False, True)
    """
    data = page_data(result, layout(result.graph), max_edges)
    if node_link:
        data["nodeLink"] = node_link
    subtitle = (
        f"Slice: {result.slice.describe()}; weighting {result.weighting}; "
        f"Louvain resolution {result.resolution:g}, modularity {result.modularity:.3f}."
    )
    return build_page(
        data,
        title=title,
        subtitle=subtitle,
        hint=COSIGNATURE_HINT,
        views=view_switch("network.html", views),
        label="co-signature network",
    )


def write_page(
    result: NetworkResult,
    path: Path,
    title: str = "Who signs with whom",
    views: Sequence[str] = (),
) -> Path:
    """Atomically write :func:`render_page` to ``path``."""
    text = render_page(result, title, views=views).encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(text))


# --- the solidarity view ---------------------------------------------------------------

#: Node kinds of the solidarity network, in legend order (colour = position).
SOLIDARITY_KINDS = [
    {"id": "party", "label": "party"},
    {"id": "country", "label": "country"},
]


def node_size(g: nx.DiGraph, v: str) -> int:
    """Size of a solidarity node: in-strength for a subject, out-strength for a giver.

    A party that both gives and receives counts as a subject (what it receives is the
    rarer and more telling figure).

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP", {"weight": 2}), ("b", "KP", {"weight": 1})])
    >>> node_size(g, "KP"), node_size(g, "a")
    (3, 2)
    """
    received = g.in_degree(v, weight="weight")
    return int(received if received else g.out_degree(v, weight="weight"))


def label_priority(g: nx.DiGraph, givers: int = 3) -> list[str]:
    """The solidarity nodes that get a label: every subject, then the top ``givers``.

    Subjects (by in-strength, descending) are what the view is about; a few of the
    parties that give most follow (more would crowd the centre of the drawing).

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP", {"weight": 1}), ("b", "KP", {"weight": 1}),
    ...                 ("b", "a", {"weight": 1}), ("c", "KP", {"weight": 1})])
    >>> label_priority(g, givers=1), label_priority(g, givers=0)
    (['KP', 'a', 'b'], ['KP', 'a'])
    """

    def received(v: str) -> float:
        return float(g.in_degree(v, weight="weight"))

    def given(v: str) -> float:
        return float(g.out_degree(v, weight="weight"))

    subjects = sorted((v for v in g if received(v)), key=lambda v: (-received(v), -given(v), v))
    others = sorted((v for v in g if not received(v)), key=lambda v: (-given(v), v))
    return subjects + others[:givers]


LABELLED = 15


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe_solidarity(g: nx.DiGraph) -> str:
    """One line on a solidarity network: its parties, countries, edges and subjects.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP"), ("b", "KP"), ("b", "a")])
    >>> for v, k in [("a", "party"), ("b", "party"), ("KP", "country")]:
    ...     g.nodes[v]["kind"] = k
    >>> describe_solidarity(g)
    '2 parties, 1 country, 3 edges; 2 subjects of solidarity'
    """
    parties = sum(1 for _, k in g.nodes(data="kind") if k == "party")
    subjects = sum(1 for v in g if g.in_degree(v))
    return (
        f"{_counted(parties, 'party', 'parties')}, "
        f"{_counted(g.number_of_nodes() - parties, 'country', 'countries')}, "
        f"{_counted(g.number_of_edges(), 'edge', 'edges')}; "
        f"{_counted(subjects, 'subject', 'subjects')} of solidarity"
    )


def _country_labels(g: nx.DiGraph) -> dict[str, str]:
    # country nodes carry the country's name; parties only its code
    return {
        v: str(a.get("label") or v) for v, a in g.nodes(data=True) if a.get("kind") == "country"
    }


def solidarity_page_data(
    g: nx.DiGraph,
    positions: Mapping[str, tuple[float, float]],
    partition: Mapping[str, Any] | None = None,
    max_edges: int = MAX_EDGES,
) -> dict[str, Any]:
    """The JSON of the solidarity page: directed edges, nodes sized and described.

    Parameters
    ----------
    g
        The solidarity network (:func:`partygraph.network.solidarity.solidarity_network`).
    positions
        Node -> (x, y) in the unit square (:func:`layout`).
    partition
        Party -> community of the co-signature network; adds a "community" colouring.
    max_edges
        Above this many edges, the heaviest are kept.

    Returns
    -------
    dict
        ``nodes`` (with ``kind``, ``size``, ``info`` for the tooltip), ``edges``
        (``[source, target, weight, [], []]``), ``directed``, ``colourModes``,
        ``kinds``, ``communities``, ``countryLabels``, ``noun`` and ``labelled``
        (indices of the nodes always labelled, :func:`label_priority`).

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP", {"weight": 1})])
    >>> g.nodes["a"].update(kind="party", label="Party A", country="GR")
    >>> g.nodes["KP"].update(kind="country", label="North Korea", country="KP")
    >>> d = solidarity_page_data(g, layout(g))
    >>> d["directed"], d["edges"], [n["size"] for n in d["nodes"]]
    (True, [[1, 0, 1.0, [], []]], [1, 1])
    >>> d["nodes"][1]["info"]
    'party \u00b7 GR \u00b7 supports 1 subject in 1 statement'
    """
    countries = _country_labels(g)
    order = sorted(g.nodes)
    index = {v: i for i, v in enumerate(order)}
    nodes = []
    for v in order:
        a = g.nodes[v]
        kind = str(a.get("kind") or "party")
        country = str(a.get("country") or "")
        x, y = positions[v]
        gives, given_to = int(g.out_degree(v, weight="weight")), g.out_degree(v)
        gets, got_from = int(g.in_degree(v, weight="weight")), g.in_degree(v)
        facts = [kind]
        if kind == "party":
            facts.append(countries.get(country, country) or "no country")
        if given_to:
            facts.append(
                f"supports {given_to} subject{'s' * (given_to != 1)} "
                f"in {gives} statement{'s' * (gives != 1)}"
            )
        if got_from:
            facts.append(
                f"supported by {got_from} part{'ies' if got_from != 1 else 'y'} "
                f"in {gets} signature{'s' * (gets != 1)}"
            )
        community = partition.get(v, -1) if partition is not None else -1
        nodes.append(
            {
                "id": v,
                "label": str(a.get("label") or v),
                "abbr": str(a.get("abbreviation") or ""),
                "kind": kind,
                "country": country,
                "countryLabel": countries.get(country, ""),
                "community": int(community) if isinstance(community, int) else -1,
                "size": node_size(g, v),
                "statements": gives,
                "x": x,
                "y": y,
                "years": [],
                "meetings": [],
                "info": " \u00b7 ".join(facts),
            }
        )
    kept = list(g.edges(data=True))
    if len(kept) > max_edges:
        kept.sort(key=lambda e: (-float(e[2].get("weight", 1)), e[0], e[1]))
        kept = kept[:max_edges]
    edges = [
        [index[u], index[v], round(float(a.get("weight", 1)), 6), [], []]
        for u, v, a in sorted(kept, key=lambda e: (index[e[0]], index[e[1]]))
    ]
    modes = [{"id": "kind", "label": "party or country"}]
    communities: list[dict[str, Any]] = []
    if partition is not None:
        modes.append({"id": "community", "label": "co-signature community"})
        communities = _solidarity_communities(g, partition)
    modes.append({"id": "country", "label": "country"})
    return {
        "nodes": nodes,
        "edges": edges,
        "edgesTotal": g.number_of_edges(),
        "directed": True,
        "colourModes": modes,
        "kinds": SOLIDARITY_KINDS,
        "communities": communities,
        "countryLabels": dict(sorted(countries.items())),
        "meetings": [],
        "years": [],
        "noun": ["party or country", "parties and countries"],
        # always labelled on the canvas: the subjects first
        "labelled": [index[v] for v in label_priority(g)[:LABELLED]],
    }


def _solidarity_communities(g: nx.DiGraph, partition: Mapping[str, Any]) -> list[dict[str, Any]]:
    groups: dict[int, list[str]] = {}
    for v in g:
        c = partition.get(v)
        if isinstance(c, int):
            groups.setdefault(c, []).append(v)
    out = []
    for c in sorted(groups):
        countries = Counter(g.nodes[p].get("country") or "?" for p in groups[c])
        lead = ", ".join(k for k, _ in sorted(countries.items(), key=lambda x: (-x[1], x[0]))[:3])
        out.append({"id": c, "label": f"{c}: {len(groups[c])} parties ({lead})"})
    if any(not isinstance(partition.get(v), int) for v in g):
        out.append({"id": -1, "label": "countries, parties outside the partition"})
    return out


SOLIDARITY_HINT = (
    "An arrow goes from a party that signed a statement to each party or country the "
    "statement expresses solidarity with; its width is the number of statements. Node "
    "size: solidarity received (subjects) or given (parties that only sign). Hover a node "
    "for its name; drag to pan, wheel to zoom. Link a state with #search=Korea&colour=kind."
)


def render_solidarity_page(
    g: nx.DiGraph,
    partition: Mapping[str, Any] | None = None,
    *,
    title: str = "Who expresses solidarity with whom",
    views: Sequence[str] = (),
    max_edges: int = MAX_EDGES,
) -> str:
    """The solidarity page as a string (the same template and renderer, directed).

    Parameters
    ----------
    g
        The solidarity network.
    partition
        Party -> co-signature community, for the "community" colouring (optional).
    title
        Heading and window title.
    views
        File names of the pages beside this one (``"network.html"``) for the switch.
    max_edges
        Most edges embedded.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "KP", {"weight": 1})])
    >>> page = render_solidarity_page(g, views=["network.html"])
    >>> '"directed": true' in page, 'href="network.html"' in page
    (True, True)
    """
    data = solidarity_page_data(g, layout(g), partition, max_edges)
    subtitle = describe_solidarity(g) + "."
    return build_page(
        data,
        title=title,
        subtitle=subtitle,
        hint=SOLIDARITY_HINT,
        views=view_switch("solidarity.html", views),
        label="solidarity network",
    )


def write_solidarity_page(
    g: nx.DiGraph,
    path: Path,
    partition: Mapping[str, Any] | None = None,
    *,
    views: Sequence[str] = (),
) -> Path:
    """Atomically write :func:`render_solidarity_page` to ``path``."""
    text = render_solidarity_page(g, partition, views=views).encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(text))
