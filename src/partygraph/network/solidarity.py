"""The solidarity network: who expresses solidarity with whom.

A directed, weighted graph read from the store through one SPARQL query
(:data:`SOLIDARITY_QUERY`, over ``pg:about``): an edge goes from each party that
signed or initiated a statement to each subject of that statement that is a party or
a country (party -> party, party -> country), with the statements as weight.

Choices, written down:

* only subjects with a solidarity stance count; a subject the statement condemns
  (``pg:stance "opposition"``: the Israeli army, NATO) or only names without saying
  for or against (``"mentioned"``) is not solidarity, and
  organisations are never nodes (they are condemned or invoked, not supported);
* self-loops are dropped: a party does not express solidarity with itself, so the
  Workers' Party of Korea, which signed the seed, has an edge only to Korea (KP);
* the weight of an edge is the number of distinct statements behind it; ``rank_weight``
  adds ``1 / rank`` per statement, so that first subjects weigh more.

Examples
--------
>>> g = nx.DiGraph()
>>> g.add_edge("a", "b", weight=2); g.add_edge("b", "a", weight=1); g.add_edge("a", "KP", weight=1)
>>> for n, k in [("a", "party"), ("b", "party"), ("KP", "country")]:
...     g.nodes[n]["kind"] = k
>>> strengths(g)[0]["node"], round(reciprocity(g)["reciprocity"], 2)
('a', 1.0)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.files import atomic_write
from partygraph.network.export import write_csv
from partygraph.network.load import SelectStore
from partygraph.vocab import ID, sparql_prologue

#: One row per (signing party, subject, statement) with a solidarity stance.
SOLIDARITY_QUERY = (
    sparql_prologue(["pg", "skos", "dcterms", "schema"])
    + """\
SELECT ?party ?subject ?statement ?kind (MIN(?rank0) AS ?rank)
  (SAMPLE(?plabel0) AS ?partyLabel) (SAMPLE(?pcode0) AS ?partyCountry)
  (SAMPLE(?slabel0) AS ?subjectLabel) (SAMPLE(?scode0) AS ?subjectCountry)
  (SAMPLE(?title0) AS ?title)
WHERE {
  ?statement pg:about ?subject .
  { ?statement pg:signedBy ?party } UNION { ?statement pg:initiatedBy ?party }
  FILTER(!sameTerm(?party, ?subject))
  ?subject a ?type .
  FILTER(?type IN (pg:Party, pg:Country))
  BIND(IF(?type = pg:Party, "party", "country") AS ?kind)
  OPTIONAL {
    ?statement pg:hasMention ?mention .
    ?mention pg:mentioned ?subject .
    OPTIONAL { ?mention pg:subjectRank ?rank0 }
    OPTIONAL { ?mention pg:stance ?stance }
  }
  FILTER(!BOUND(?stance) || STR(?stance) = "solidarity")
  OPTIONAL { ?party skos:prefLabel ?plabel0 }
  OPTIONAL { ?party pg:country/skos:notation ?pcode0 }
  OPTIONAL { ?subject skos:prefLabel ?slabel0 }
  OPTIONAL { ?subject skos:notation ?scode1 }
  OPTIONAL { ?subject pg:country/skos:notation ?scode2 }
  BIND(COALESCE(?scode1, ?scode2) AS ?scode0)
  OPTIONAL { ?statement dcterms:title ?t }
  OPTIONAL { ?statement schema:headline ?h }
  BIND(COALESCE(?t, ?h) AS ?title0)
}
GROUP BY ?party ?subject ?statement ?kind
"""
)


@dataclass(frozen=True)
class SolidarityRow:
    """One party signing one statement about one subject."""

    party: str
    subject: str
    statement: str
    kind: str  # kind of the subject: "party" or "country"
    rank: int | None
    party_label: str | None
    party_country: str | None
    subject_label: str | None
    subject_country: str | None
    title: str | None


def node_id(iri: str) -> str:
    """A short, stable node id: ``party/<slug>`` -> slug, ``country/<ISO2>`` -> ISO2.

    Examples
    --------
    >>> node_id("https://w3id.org/partygraph/id/party/kke"), node_id(ID + "country/KP")
    ('kke', 'KP')
    """
    for prefix in ("party/", "country/", "organisation/"):
        if iri.startswith(ID + prefix):
            return iri[len(ID + prefix) :]
    return iri


def _text(term: Any) -> str | None:
    return None if term is None else str(term)


def load_rows(store: SelectStore) -> list[SolidarityRow]:
    """Run :data:`SOLIDARITY_QUERY` on a store and return its rows."""
    table = store.select(SOLIDARITY_QUERY)
    col = {c: i for i, c in enumerate(table.columns)}
    rows = []
    for r in table.rows:
        rank = r[col["rank"]]
        rows.append(
            SolidarityRow(
                party=str(r[col["party"]]),
                subject=str(r[col["subject"]]),
                statement=str(r[col["statement"]]),
                kind=str(r[col["kind"]]),
                rank=int(str(rank)) if rank is not None else None,
                party_label=_text(r[col["partyLabel"]]),
                party_country=_text(r[col["partyCountry"]]),
                subject_label=_text(r[col["subjectLabel"]]),
                subject_country=_text(r[col["subjectCountry"]]),
                title=_text(r[col["title"]]),
            )
        )
    return rows


def build_graph(rows: Sequence[SolidarityRow]) -> nx.DiGraph:
    """The solidarity network of the rows (see the module docstring).

    Nodes carry ``kind`` ("party" or "country"), ``label``, ``country`` (ISO2, the
    party's own for parties) and ``iri``; edges ``weight`` (statements),
    ``rank_weight`` and ``statements`` (titles, ``|``-separated).

    Examples
    --------
    >>> r = SolidarityRow(ID + "party/a", ID + "country/KP", "s1", "country", 1,
    ...                   "A", "GR", "North Korea", "KP", "T")
    >>> g = build_graph([r, r])
    >>> list(g.edges(data="weight")), g.nodes["KP"]["kind"]
    ([('a', 'KP', 1)], 'country')
    """
    g = nx.DiGraph(name="solidarity")
    statements: dict[tuple[str, str], dict[str, tuple[int | None, str | None]]] = defaultdict(dict)
    for r in rows:
        if r.party == r.subject:
            continue  # a party does not express solidarity with itself
        a, b = node_id(r.party), node_id(r.subject)
        if a not in g:
            g.add_node(a, kind="party", label=r.party_label or a, country=r.party_country or "")
            g.nodes[a]["iri"] = r.party
        if b not in g:
            g.add_node(b, kind=r.kind, label=r.subject_label or b, country=r.subject_country or "")
            g.nodes[b]["iri"] = r.subject
        elif r.kind == "party":
            g.nodes[b]["kind"] = "party"
        statements[(a, b)][r.statement] = (r.rank, r.title)
    for (a, b), stmts in statements.items():
        g.add_edge(
            a,
            b,
            weight=len(stmts),
            rank_weight=round(sum(1 / (rank or 1) for rank, _ in stmts.values()), 6),
            statements=" | ".join(sorted(t or s for s, (_, t) in stmts.items())),
        )
    return g


def solidarity_network(store: SelectStore) -> nx.DiGraph:
    """Read the store and build the solidarity network.

    Examples
    --------
    >>> from partygraph.store.embedded import EmbeddedStore
    >>> solidarity_network(EmbeddedStore()).number_of_edges()
    0
    """
    return build_graph(load_rows(store))


def strengths(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Who gives and who receives solidarity: in/out strength and degree of every node.

    Sorted by out-strength, then in-strength (both descending), then id.
    """
    rows = []
    for n, data in g.nodes(data=True):
        rows.append(
            {
                "node": n,
                "label": data.get("label", n),
                "kind": data.get("kind", ""),
                "country": data.get("country", ""),
                "out_strength": int(g.out_degree(n, weight="weight")),
                "in_strength": int(g.in_degree(n, weight="weight")),
                "out_degree": int(g.out_degree(n)),
                "in_degree": int(g.in_degree(n)),
            }
        )
    rows.sort(key=lambda r: (-r["out_strength"], -r["in_strength"], r["node"]))
    return rows


def reciprocity(g: nx.DiGraph) -> dict[str, Any]:
    """Reciprocity between parties: the share of party -> party edges returned.

    Returns
    -------
    dict
        ``edges`` (party -> party edges), ``reciprocated`` (edges whose reverse exists),
        ``reciprocity`` (their ratio, 0.0 without edges) and ``pairs`` (sorted pairs of
        parties that expressed solidarity with each other).
    """
    parties = {n for n, k in g.nodes(data="kind") if k == "party"}
    edges = [(a, b) for a, b in g.edges() if a in parties and b in parties]
    mutual = [(a, b) for a, b in edges if g.has_edge(b, a)]
    pairs = sorted({tuple(sorted(e)) for e in mutual})
    return {
        "edges": len(edges),
        "reciprocated": len(mutual),
        "reciprocity": len(mutual) / len(edges) if edges else 0.0,
        "pairs": pairs,
    }


def bridging_subjects(
    g: nx.DiGraph, partition: Mapping[str, Any], *, min_communities: int = 2
) -> list[dict[str, Any]]:
    """Subjects that bridge communities: supported by parties of several communities.

    Parameters
    ----------
    g : networkx.DiGraph
        The solidarity network.
    partition : mapping
        Party node id -> community (e.g. Louvain communities of the co-signature
        network); parties missing from it count as one community of their own.
    min_communities : int
        Keep subjects supported from at least this many communities.

    Returns
    -------
    list of dict
        ``subject``, ``label``, ``kind``, ``communities`` (distinct communities of its
        supporters), ``supporters``, ``in_strength`` and ``participation``
        (``1 - sum((w_c / w)^2)`` over the communities' shares of its in-strength:
        0 when one community gives all, towards 1 when spread evenly), most bridging
        first.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "X", {"weight": 1}), ("b", "X", {"weight": 1}),
    ...                 ("a", "Y", {"weight": 2})])
    >>> [(r["subject"], r["communities"], r["participation"])
    ...  for r in bridging_subjects(g, {"a": 0, "b": 1})]
    [('X', 2, 0.5)]
    """
    rows = []
    for n in g.nodes:
        incoming = list(g.in_edges(n, data="weight"))
        if not incoming:
            continue
        by_community: Counter[Any] = Counter()
        for src, _, w in incoming:
            by_community[partition.get(src, ("alone", src))] += w or 1
        total = sum(by_community.values())
        if len(by_community) < min_communities:
            continue
        participation = 1 - sum((w / total) ** 2 for w in by_community.values())
        rows.append(
            {
                "subject": n,
                "label": g.nodes[n].get("label", n),
                "kind": g.nodes[n].get("kind", ""),
                "communities": len(by_community),
                "supporters": len(incoming),
                "in_strength": int(total),
                "participation": round(participation, 6),
            }
        )
    rows.sort(
        key=lambda r: (-r["communities"], -r["participation"], -r["in_strength"], r["subject"])
    )
    return rows


def write_edges_csv(g: nx.DiGraph, path: Path) -> Path:
    """The edge list as CSV: source, labels, target kind, weight, rank weight, statements."""
    header = [
        "source",
        "source_label",
        "source_country",
        "target",
        "target_label",
        "target_kind",
        "target_country",
        "weight",
        "rank_weight",
        "statements",
    ]
    rows = [
        [
            a,
            g.nodes[a].get("label", a),
            g.nodes[a].get("country", ""),
            b,
            g.nodes[b].get("label", b),
            g.nodes[b].get("kind", ""),
            g.nodes[b].get("country", ""),
            d.get("weight", 1),
            d.get("rank_weight", 0),
            d.get("statements", ""),
        ]
        for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))
    ]
    return write_csv(path, header, rows)


def write_strengths_csv(g: nx.DiGraph, path: Path) -> Path:
    """In- and out-strength of every node as CSV (see :func:`strengths`)."""
    rows = strengths(g)
    header = list(rows[0]) if rows else ["node", "label", "kind", "country"]
    return write_csv(path, header, [[r[h] for h in header] for r in rows])


def write_gexf(g: nx.DiGraph, path: Path) -> Path:
    """The network as GEXF (scalar node and edge attributes only)."""
    return atomic_write(path, lambda fh: nx.write_gexf(g, fh))


def write_graphml(g: nx.DiGraph, path: Path) -> Path:
    """The network as GraphML (scalar node and edge attributes only)."""
    return atomic_write(path, lambda fh: nx.write_graphml(g, fh))


def write_all(
    g: nx.DiGraph, out_dir: Path, partition: Mapping[str, Any] | None = None
) -> dict[str, Path]:
    """Write every solidarity output under ``out_dir``; return them by name.

    Files: ``solidarity-edges.csv``, ``solidarity-strengths.csv``,
    ``solidarity-reciprocity.csv``, ``solidarity.gexf``, ``solidarity.graphml`` and,
    with a partition, ``solidarity-bridges.csv``.
    """
    out_dir = Path(out_dir)
    files = {
        "edges": write_edges_csv(g, out_dir / "solidarity-edges.csv"),
        "strengths": write_strengths_csv(g, out_dir / "solidarity-strengths.csv"),
        "gexf": write_gexf(g, out_dir / "solidarity.gexf"),
        "graphml": write_graphml(g, out_dir / "solidarity.graphml"),
    }
    rec = reciprocity(g)
    files["reciprocity"] = write_csv(
        out_dir / "solidarity-reciprocity.csv",
        ["party_a", "party_b"],
        [list(p) for p in rec["pairs"]],
    )
    if partition is not None:
        rows = bridging_subjects(g, partition)
        header = [
            "subject",
            "label",
            "kind",
            "communities",
            "supporters",
            "in_strength",
            "participation",
        ]
        files["bridges"] = write_csv(
            out_dir / "solidarity-bridges.csv", header, [[r[h] for h in header] for r in rows]
        )
    return files
