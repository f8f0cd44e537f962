"""A short Markdown report of the main findings, with the numbers."""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from partygraph.network.analysis import NetworkResult


def _f(x: float, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.000"


def _short_names(g: nx.Graph) -> dict[str, str]:
    """Abbreviation (else name) of each party, with the country when two would read alike."""
    short = {v: g.nodes[v].get("abbreviation") or g.nodes[v].get("label") or v for v in g}
    seen = Counter(short.values())
    return {
        v: f"{s} ({g.nodes[v].get('country') or '?'})" if seen[s] > 1 else s
        for v, s in short.items()
    }


def _party(result: NetworkResult, p: str) -> str:
    a = result.graph.nodes[p]
    abbr = a.get("abbreviation")
    country = a.get("country") or "no country"
    return f"{a.get('label', p)}{f' ({abbr})' if abbr else ''}, {country}"


def report_markdown(result: NetworkResult, top: int = 10) -> str:
    """Render the findings of ``result`` as Markdown.

    Examples
    --------
    >>> from partygraph.network.analysis import analyse_data
    >>> from partygraph.network.load import SignatureData
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory")])
    >>> text = report_markdown(analyse_data(d, resolutions=[1.0]))
    >>> text.splitlines()[0], "2 parties" in text
    ('# Co-signature network report', True)
    """
    g, d, m = result.graph, result.data, result.metrics
    short = _short_names(g)
    n, e = g.number_of_nodes(), g.number_of_edges()
    comps = list(nx.connected_components(g)) if n else []
    giant = max((len(c) for c in comps), default=0)
    members: dict[str, set[str]] = {}
    for s in d.signatures:
        members.setdefault(s.statement, set()).add(s.party)
    sizes = Counter(len(v) for v in members.values())
    all_sizes = sorted(len(v) for v in members.values())
    median_size = all_sizes[len(all_sizes) // 2] if all_sizes else 0
    lines = [
        "# Co-signature network report",
        "",
        f"Slice: {result.slice.describe()}. Weighting: {result.weighting}.",
        "",
        "## The graph",
        "",
        f"- {len(d.statements)} statements, {n} parties, {len(d.signatures)} signatures "
        f"(party-statement-role triples); {len(d.meetings())} meetings; years "
        f"{', '.join(map(str, d.years())) or 'unknown'}.",
        f"- {e} co-signing pairs; density {_f(nx.density(g) if n > 1 else 0.0)}; "
        f"{len(comps)} connected component{'s' if len(comps) != 1 else ''}, the largest with "
        f"{giant} parties.",
        f"- Statement sizes (parties per statement): median {median_size}, "
        f"largest {max(sizes, default=0)}.",
        "",
        f"## Most active parties (top {top} by statements signed)",
        "",
        "| party | statements | degree | strength | betweenness | eigenvector | closeness | core |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_statements = sorted(m.values(), key=lambda x: (-x.statements, -x.strength, x.party))[:top]
    for x in by_statements:
        lines.append(
            f"| {_party(result, x.party)} | {x.statements} | {x.degree} | {_f(x.strength, 2)} | "
            f"{_f(x.betweenness)} | {_f(x.eigenvector)} | {_f(x.closeness)} | {x.core} |"
        )
    brokers = sorted(m.values(), key=lambda x: (-x.betweenness, x.party))[:5]
    lines += ["", "## Bridges (highest betweenness)", ""]
    lines += [
        f"- {_party(result, x.party)}: {_f(x.betweenness)}" for x in brokers if x.betweenness > 0
    ]
    if not any(x.betweenness > 0 for x in brokers):
        lines.append("- no party lies on shortest paths between others in this slice.")
    max_core = max((x.core for x in m.values()), default=0)
    core = sorted(x.party for x in m.values() if x.core == max_core)
    lines += [
        "",
        f"The innermost k-core (k = {max_core}) holds {len(core)} parties: "
        + ", ".join(short[p] for p in core[:30])
        + (" ..." if len(core) > 30 else "")
        + ".",
        "",
        f"## Communities (Louvain, seed fixed, resolution {result.resolution:g})",
        "",
        f"{len(set(result.partition.values()))} communities, modularity {_f(result.modularity)}.",
        "",
    ]
    groups: dict[int, list[str]] = {}
    for p, c in result.partition.items():
        groups.setdefault(c, []).append(p)
    for c in sorted(groups)[:top]:
        members = sorted(groups[c], key=lambda p: (-m[p].statements, p))
        countries = Counter(g.nodes[p].get("country") or "?" for p in members)
        top_c = ", ".join(
            f"{k} {v}" for k, v in sorted(countries.items(), key=lambda x: (-x[1], x[0]))[:4]
        )
        names = ", ".join(short[p] for p in members[:8])
        more = " ..." if len(members) > 8 else ""
        lines.append(f"- community {c}: {len(members)} parties ({top_c}): {names}{more}")
    lines += [
        "",
        "Resolution sweep, compared with the partition of parties by country and by UN M49 "
        "region (adjusted Rand index, normalised mutual information):",
        "",
        "| resolution | communities | modularity | ARI country | NMI country | ARI region "
        "| NMI region |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result.sweep:
        lines.append(
            f"| {r.resolution:g} | {r.communities} | {_f(r.modularity)} | {_f(r.ari_country)} | "
            f"{_f(r.nmi_country)} | {_f(r.ari_region)} | {_f(r.nmi_region)} |"
        )
    b = result.backbone
    lines += [
        "",
        f"## Backbone (disparity filter, alpha = {result.alpha:g})",
        "",
        f"{b.number_of_edges()} of {e} edges are significant "
        f"({_f(100 * b.number_of_edges() / e if e else 0.0, 1)}%), touching "
        f"{sum(1 for v in b if b.degree(v))} of {n} parties.",
    ]
    strongest = sorted(b.edges(data=True), key=lambda x: (-x[2]["weight"], x[0], x[1]))[:5]
    lines += [
        f"- {_party(result, u)} -- {_party(result, v)}: {a['count']} statements together, "
        f"weight {_f(a['weight'], 2)}"
        for u, v, a in strongest
    ]
    lines += _meetings_section(result)
    c = result.countries
    lines += [
        "",
        "## Countries",
        "",
        f"{c.number_of_nodes()} countries, {c.number_of_edges()} country pairs co-signing.",
    ]
    pairs = sorted(c.edges(data=True), key=lambda x: (-x[2]["weight"], x[0], x[1]))[:5]
    lines += [
        f"- {u} -- {v}: {a['count']} party pairs x statements, weight {_f(a['weight'], 2)}"
        for u, v, a in pairs
    ]
    if result.diff is not None and result.compare is not None:
        diff = result.diff
        lines += [
            "",
            f"## Change from this slice to: {result.compare.describe()}",
            "",
            f"- joined: {len(diff.joined)} parties"
            + (": " + ", ".join(diff.joined[:20]) if diff.joined else ""),
            f"- left: {len(diff.left)} parties"
            + (": " + ", ".join(diff.left[:20]) if diff.left else ""),
            f"- moved community: {len(diff.moved)} of {len(diff.moved) + len(diff.stayed)} "
            "parties present in both"
            + (": " + ", ".join(p for p, _, _ in diff.moved[:20]) if diff.moved else ""),
        ]
    return "\n".join(lines) + "\n"


def meeting_turnover(result: NetworkResult) -> list[tuple[str, str, int, int, int]]:
    """Per meeting, in date order: (slug, label, statements, parties, parties new to the slice).

    "New" means not seen at an earlier meeting of the slice; meetings with no
    known date come last, in slug order.

    Examples
    --------
    >>> from partygraph.network.analysis import analyse_data
    >>> from partygraph.network.load import SignatureData, StatementInfo
    >>> d = SignatureData.from_records(
    ...     [("s1", "a", "signatory"), ("s1", "b", "signatory"), ("s2", "b", "signatory"),
    ...      ("s2", "c", "signatory")],
    ...     statements={"s1": StatementInfo("s1", "", year=2011, meeting="m1", date="2011-01-01"),
    ...                 "s2": StatementInfo("s2", "", year=2012, meeting="m2", date="2012-01-01")})
    >>> meeting_turnover(analyse_data(d, resolutions=[1.0]))
    [('m1', 'm1', 1, 2, 2), ('m2', 'm2', 1, 2, 1)]
    """
    d = result.data
    when: dict[str, str] = {}
    statements: dict[str, set[str]] = {}
    parties: dict[str, set[str]] = {}
    for st in d.statements.values():
        if st.meeting:
            statements.setdefault(st.meeting, set()).add(st.id)
            if st.date:
                when[st.meeting] = min(when.get(st.meeting, st.date), st.date)
    for sig in d.signatures:
        st = d.statements.get(sig.statement)
        if st is not None and st.meeting:
            parties.setdefault(st.meeting, set()).add(sig.party)
    order = sorted(statements, key=lambda m: (m not in when, when.get(m, ""), m))
    labels = d.meetings()
    seen: set[str] = set()
    out = []
    for m in order:
        ps = parties.get(m, set())
        out.append((m, labels.get(m, m), len(statements[m]), len(ps), len(ps - seen)))
        seen |= ps
    return out


def _meetings_section(result: NetworkResult) -> list[str]:
    rows = meeting_turnover(result)
    if not rows:
        return []
    lines = [
        "",
        "## Meetings",
        "",
        "In date order; a party is new when no earlier meeting of the slice has its signature.",
        "",
        "| meeting | statements | parties | new parties |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {label} | {n_st} | {n_p} | {n_new} |" for _, label, n_st, n_p, n_new in rows]
    return lines
