"""``partygraph link wikidata --enrich``: what Wikidata says about the linked parties.

For every QID of ``identifiers.csv``, the item's English label, inception (P571),
dissolution (P576), official website (P856), ideologies (P1142) and memberships (P463)
with their English labels go into their own named graph
:data:`~partygraph.link.rdf.WIKIDATA_GRAPH`, described with ``dcterms:source`` (the
endpoint) and ``dcterms:date`` (retrieved). Subjects are the Wikidata items; queries
reach them from a party through ``schema:sameAs``, and nothing here is mixed with what
the statements say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode, Quad

from partygraph.link.identifiers import Identifier, qids
from partygraph.link.rdf import WIKIDATA_GRAPH
from partygraph.link.wikidata import SparqlClient
from partygraph.rdf import iris
from partygraph.rdf.namespaces import RDFS, dcterms, pg, schema, xsd

BATCH = 50
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def enrich_query(qid_list: Iterable[str]) -> str:
    """The query for the facts of some items, one row per fact (``?item ?p ?v ?label``).

    Examples
    --------
    >>> "wd:Q192406" in enrich_query(["Q192406"])
    True
    """
    values = " ".join(f"wd:{q}" for q in qid_list)
    named = 'OPTIONAL { ?v rdfs:label ?label FILTER(LANG(?label) = "en") }'
    return (
        _PREFIXES + "SELECT ?item ?p ?v ?label WHERE {\n"
        f"  VALUES ?item {{ {values} }}\n"
        f'  {{ ?item rdfs:label ?v FILTER(LANG(?v) = "en") BIND("label" AS ?p) }}\n'
        '  UNION { ?item wdt:P571 ?v BIND("inception" AS ?p) }\n'
        '  UNION { ?item wdt:P576 ?v BIND("dissolved" AS ?p) }\n'
        '  UNION { ?item wdt:P856 ?v BIND("website" AS ?p) }\n'
        f'  UNION {{ ?item wdt:P1142 ?v BIND("ideology" AS ?p) {named} }}\n'
        f'  UNION {{ ?item wdt:P463 ?v BIND("member" AS ?p) {named} }}\n'
        "}\n"
    )


def enrichment_quads(
    rows: Iterable[Mapping[str, str]], endpoint: str, retrieved: str
) -> list[Quad]:
    """The quads of :data:`WIKIDATA_GRAPH` from the rows of :func:`enrich_query`.

    Examples
    --------
    >>> rows = [{"item": "http://www.wikidata.org/entity/Q1", "p": "inception",
    ...          "v": "1918-11-17T00:00:00Z"},
    ...         {"item": "http://www.wikidata.org/entity/Q1", "p": "ideology",
    ...          "v": "http://www.wikidata.org/entity/Q2", "label": "Marxism-Leninism"}]
    >>> [str(q.object) for q in enrichment_quads(rows, "http://x/sparql", "2026-12-02")][:3]
    ['"1918-11-17"^^<http://www.w3.org/2001/XMLSchema#date>', \
'<http://www.wikidata.org/entity/Q2>', '"Marxism-Leninism"@en']
    """
    g = NamedNode(WIKIDATA_GRAPH)
    label = NamedNode(RDFS + "label")
    dated = {"inception": schema("foundingDate"), "dissolved": schema("dissolutionDate")}
    linked = {"ideology": pg("ideology"), "member": schema("memberOf")}
    out: list[Quad] = []
    for row in rows:
        try:
            item = NamedNode(iris.wikidata(row.get("item", "")))
        except ValueError:
            continue
        p, v = row.get("p", ""), row.get("v", "")
        if p == "label" and v:
            out.append(Quad(item, label, Literal(v, language="en"), g))
        elif p in dated and (m := _DAY.match(v)):
            out.append(Quad(item, dated[p], Literal(m.group(1), datatype=xsd("date")), g))
        elif p == "website" and re.match(r"^https?://\S+$", v):
            out.append(Quad(item, schema("url"), NamedNode(v), g))
        elif p in linked and v.startswith("http"):
            target = NamedNode(v)
            out.append(Quad(item, linked[p], target, g))
            if row.get("label"):
                out.append(Quad(target, label, Literal(row["label"], language="en"), g))
    out += [
        Quad(g, dcterms("source"), Literal(endpoint), g),
        Quad(g, dcterms("date"), Literal(retrieved, datatype=xsd("date")), g),
    ]
    return sorted(set(out), key=str)


def enrich(identifiers: Iterable[Identifier], client: SparqlClient) -> list[Quad]:
    """Fetch the facts of every linked QID (batches of :data:`BATCH`); the graph's quads.

    The retrieval date recorded is the oldest among the (possibly cached) answers.
    """
    linked = sorted(set(qids(identifiers).values()), key=lambda q: int(q[1:]))
    rows: list[dict[str, str]] = []
    dates: list[str] = []
    for start in range(0, len(linked), BATCH):
        found, retrieved = client.select(enrich_query(linked[start : start + BATCH]))
        rows += found
        dates.append(retrieved)
    return enrichment_quads(rows, client.endpoint, min(dates) if dates else "")
