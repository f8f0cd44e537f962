"""The pages for things (``/id/party/...`` and friends): their queries and their HTML.

Each query binds the resource as an IRI written by :func:`sparql_term` (validated), reads
only from that resource outwards, and uses ``DISTINCT`` because parties, meetings and
countries are repeated in every source graph that mentions them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

from rdflib.term import URIRef

from partygraph.rdf.namespaces import REGISTRY_GRAPH
from partygraph.serve.html import esc, items, link, section
from partygraph.store.base import GraphStore, sparql_term
from partygraph.vocab import ID, PG

PREFIXES = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
SKOS = "http://www.w3.org/2004/02/skos/core#"
KINDS = ("party", "statement", "meeting", "country")

_FACTS = PREFIXES + "SELECT DISTINCT ?p ?o WHERE { $X ?p ?o }"
# parties and countries are named once in the registry graph (and again in every document
# that mentions them): that graph is read first, the union only for what it lacks
_REGISTRY_LABELS = PREFIXES + (
    "SELECT ?x ?label WHERE { VALUES ?x { $XS } GRAPH <" + REGISTRY_GRAPH + "> "
    "{ ?x skos:prefLabel ?label } }"
)
_LABELS = PREFIXES + (
    "SELECT ?x (MIN(?l) AS ?label) WHERE { VALUES ?x { $XS } "
    "OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x dcterms:title ?t } "
    "OPTIONAL { ?x schema:headline ?h } BIND(COALESCE(?pl, ?t, ?h) AS ?l) } GROUP BY ?x"
)
_STATEMENT_LIST = PREFIXES + (
    "SELECT ?s (MIN(?a) AS ?adopted) (MIN(?i) AS ?issued) (SAMPLE(?m) AS ?meeting) WHERE { "
    "$PATTERN OPTIONAL { ?s dcterms:date ?a } OPTIONAL { ?s dcterms:issued ?i } "
    "OPTIONAL { ?s pg:adoptedAt ?m } } GROUP BY ?s"
)
# a meeting is described again in each of its statements' graphs: one lookup per meeting
_MEETING_STARTS = PREFIXES + (
    "SELECT ?m (MIN(?d) AS ?start) WHERE { VALUES ?m { $XS } ?m schema:startDate ?d } GROUP BY ?m"
)
_CO_SIGNERS = (
    PREFIXES
    + """
SELECT ?co (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pg:signedBy $X . ?s pg:signedBy ?co .
  FILTER(?co != $X) } GROUP BY ?co ORDER BY DESC(?n) ?co LIMIT 40"""
)
_SIGNATORIES = (
    PREFIXES
    + """
SELECT ?party (MIN(?pos) AS ?position) (SAMPLE(?printed) AS ?asPrinted) (SAMPLE(?m) AS ?match)
WHERE { $X pg:hasSignature ?sig . ?sig pg:signatory ?party .
  OPTIONAL { ?sig pg:listPosition ?pos } OPTIONAL { ?sig pg:nameAsPrinted ?printed }
  OPTIONAL { ?sig pg:match ?m } }
GROUP BY ?party ORDER BY ?position"""
)
_SOURCES = (
    PREFIXES
    + """
SELECT DISTINCT ?src ?file ?warning WHERE { $X prov:wasDerivedFrom ?src .
  OPTIONAL { ?src pg:fileName ?file } OPTIONAL { ?src pg:warning ?warning } }"""
)
_PARTICIPANTS = (
    PREFIXES
    + """
SELECT ?party (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pg:adoptedAt $X ; pg:signedBy ?party }
GROUP BY ?party ORDER BY DESC(?n) ?party"""
)
_COUNTRY_PARTIES = PREFIXES + (
    "SELECT ?party WHERE { { SELECT DISTINCT ?party WHERE { ?party pg:country $X } } "
    "FILTER EXISTS { ?party a pg:Party } }"
)
_SOLIDARITY_GIVEN = (
    PREFIXES
    + """
SELECT ?subject (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pg:signedBy $X ; pg:about ?subject .
  FILTER(?subject != $X) } GROUP BY ?subject ORDER BY DESC(?n) ?subject LIMIT 40"""
)
_SOLIDARITY_RECEIVED = (
    PREFIXES
    + """
SELECT ?party (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pg:about $X ; pg:signedBy ?party .
  FILTER(?party != $X) } GROUP BY ?party ORDER BY DESC(?n) ?party LIMIT 40"""
)
_DESCRIBE = (
    PREFIXES
    + """
CONSTRUCT { $X ?p ?o . ?o ?p2 ?o2 } WHERE { $X ?p ?o .
  OPTIONAL { ?o ?p2 ?o2 FILTER(isBlank(?o) || STRSTARTS(STR(?o), "$SIG")) } }"""
)

# registry parties by their names in the registry graph; provisional ones in their documents
_PARTY_NAMES = PREFIXES + (
    "SELECT DISTINCT ?x ?text WHERE { { GRAPH <" + REGISTRY_GRAPH + "> { ?x a pg:Party ; "
    "skos:prefLabel|skos:altLabel|pg:abbreviation ?text } } UNION { ?x pg:provisional true ; "
    "skos:prefLabel|skos:altLabel|pg:abbreviation ?text } }"
)
# a statement is described in its own document's graph only
_STATEMENT_TEXTS = PREFIXES + (
    "SELECT ?x ?title ?headline ?text WHERE { ?x a pg:Statement . "
    "OPTIONAL { ?x dcterms:title ?title } OPTIONAL { ?x schema:headline ?headline } "
    "OPTIONAL { ?x pg:searchText ?text } }"
)
_MEETING_COUNTS = PREFIXES + "SELECT ?m (COUNT(?s) AS ?n) WHERE { ?s pg:adoptedAt ?m } GROUP BY ?m"
_COUNTRY_COUNTS = PREFIXES + (
    "SELECT ?c (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH <" + REGISTRY_GRAPH + "> "
    "{ ?p a pg:Party ; pg:country ?c } } GROUP BY ?c ORDER BY DESC(?n) ?c"
)

#: names shown for the predicates of the facts table
PREDICATE_NAMES = {
    SKOS + "prefLabel": "name",
    SKOS + "altLabel": "also known as",
    SKOS + "exactMatch": "same as",
    SKOS + "notation": "code",
    PG + "abbreviation": "abbreviation",
    PG + "country": "country",
    PG + "provisional": "provisional",
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/date": "date adopted",
    "http://purl.org/dc/terms/issued": "date issued",
    "https://schema.org/headline": "headline",
    "https://schema.org/location": "place",
    "https://schema.org/startDate": "start",
    "https://schema.org/endDate": "end",
    "https://schema.org/inLanguage": "language",
    PG + "adoptedAt": "meeting",
    PG + "inSeries": "series",
    PG + "initiatedBy": "initiated by",
    PG + "placeCountry": "country of the place",
}
#: facts shown in their own section (or not at all) rather than in the facts table
HIDDEN = {
    PG + "signedBy",
    PG + "hasSignature",
    PG + "hasMention",
    PG + "searchText",
    PG + "about",
    "https://schema.org/text",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
}


def bind(query: str, iri: str, **extra: str) -> str:
    """The query with ``$X`` replaced by the resource IRI (validated) and other fields."""
    text = query.replace("$X", sparql_term(URIRef(iri), where="resource"))
    for key, value in extra.items():
        text = text.replace("$" + key, value)
    return text


def _chunks(iris: list[str], size: int = 200) -> Iterator[str]:
    for start in range(0, len(iris), size):
        yield " ".join(sparql_term(URIRef(t)) for t in iris[start : start + size])


def labels(store: GraphStore, iris: Iterable[Any]) -> dict[str, str]:
    """The name (or title) of each resource, by IRI; resources without one are left out."""
    # (an rdflib Literal is a str too: only URIRefs and plain strings are IRIs)
    terms = sorted({str(i) for i in iris if isinstance(i, URIRef) or type(i) is str})
    out: dict[str, str] = {}
    for chunk in _chunks(terms):
        for x, label in store.select(_REGISTRY_LABELS.replace("$XS", chunk)).rows:
            out.setdefault(str(x), str(label))
    for chunk in _chunks([t for t in terms if t not in out]):
        for x, label in store.select(_LABELS.replace("$XS", chunk)).rows:
            if label is not None:
                out[str(x)] = str(label)
    return out


def facts(store: GraphStore, iri: str) -> list[tuple[str, Any]]:
    """The resource's own triples as (predicate IRI, object) pairs."""
    return [(str(p), o) for p, o in store.select(bind(_FACTS, iri)).rows]


def describe(store: GraphStore, iri: str) -> list[tuple[Any, Any, Any]]:
    """The resource's triples (and those of its signatures), as pyoxigraph terms."""
    triples = store.construct(bind(_DESCRIBE, iri, SIG=ID + "signature/"))
    unique = {(t.subject, t.predicate, t.object) for t in triples}
    return sorted(unique, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def _facts_table(rows: list[tuple[str, Any]], names: dict[str, str]) -> str:
    shown = [(p, o) for p, o in rows if p not in HIDDEN and not p.endswith("#type")]
    shown.sort(key=lambda po: (PREDICATE_NAMES.get(po[0], "~" + po[0]), str(po[1])))
    body = []
    for p, o in shown:
        label = PREDICATE_NAMES.get(p) or p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        value = link(o, names.get(str(o))) if isinstance(o, URIRef) else esc(o)
        body.append(f"<tr><th>{esc(label)}</th><td>{value}</td></tr>")
    return f'<table class="facts">{"".join(body)}</table>' if body else ""


def _statement_items(store: GraphStore, pattern: str, iri: str) -> tuple[list[tuple], dict]:
    """Statements matching ``pattern`` (about ``$X``), newest first, and their titles.

    A statement's date is the day it was adopted, else its meeting's first day, else the
    day it was issued (as in the saved queries).
    """
    rows = store.select(bind(_STATEMENT_LIST, iri, PATTERN=bind(pattern, iri))).rows
    starts: dict[str, Any] = {}
    for chunk in _chunks(sorted({str(m) for *_, m in rows if m is not None})):
        query = _MEETING_STARTS.replace("$XS", chunk)
        starts.update((str(m), d) for m, d in store.select(query).rows)
    dated = [
        (s, adopted or (starts.get(str(m)) if m is not None else None) or issued)
        for s, adopted, issued, m in rows
    ]
    dated.sort(key=lambda sd: (str(sd[1] or ""), str(sd[0])), reverse=True)
    return dated, labels(store, (s for s, _ in dated))


def _counted(rows: list[tuple], names: dict[str, str], unit: str) -> str:
    return items(f"{link(x, names.get(str(x)))} <small>({esc(n)} {unit})</small>" for x, n in rows)


def party_body(store: GraphStore, iri: str, data_links: str) -> tuple[str, str]:
    """Title and body of a party page."""
    own = facts(store, iri)
    names = labels(store, [iri] + [o for _, o in own])
    title = names.get(iri, iri)
    statements, st_names = _statement_items(store, "?s pg:signedBy $X .", iri)
    by_year: dict[str, list[str]] = defaultdict(list)
    for s, date in statements:
        by_year[str(date)[:4] if date is not None else "undated"].append(
            f"{link(s, st_names.get(str(s)))} <small>{esc(date or '')}</small>"
        )
    years = "".join(
        f"<h3>{esc(y)} <small>({len(v)})</small></h3>{items(v)}" for y, v in by_year.items()
    )
    co = store.select(bind(_CO_SIGNERS, iri)).rows
    given = store.select(bind(_SOLIDARITY_GIVEN, iri)).rows
    received = store.select(bind(_SOLIDARITY_RECEIVED, iri)).rows
    more = labels(store, [x for x, _ in co + given + received])
    abbr = next((str(o) for p, o in own if p == PG + "abbreviation"), "")
    network = "/network#search=" + quote(abbr or title)
    body = (
        data_links
        + f'<p><a href="{esc(network)}">Its place in the co-signature network</a></p>'
        + _facts_table(own, names)
        + section(f"Statements signed ({len(statements)})", years)
        + section("Co-signers", _counted(co, more, "statements together"))
        + section("Expressed solidarity with", _counted(given, more, "statements"))
        + section(
            "Parties that expressed solidarity with it", _counted(received, more, "statements")
        )
    )
    return title, body


def statement_body(store: GraphStore, iri: str, data_links: str) -> tuple[str, str]:
    """Title and body of a statement page."""
    own = facts(store, iri)
    signatories = store.select(bind(_SIGNATORIES, iri)).rows
    subjects = [o for p, o in own if p == PG + "about"]
    names = labels(store, [iri] + [o for _, o in own] + [r[0] for r in signatories])
    title = names.get(iri, iri)
    rows = "".join(
        f"<tr><td>{esc(pos)}</td><td>{esc(printed)}</td><td>{link(party, names.get(str(party)))}"
        f"</td><td>{esc(match)}</td></tr>"
        for party, pos, printed, match in signatories
    )
    sig_table = (
        '<table class="rows"><thead><tr><th>#</th><th>name as printed</th><th>party</th>'
        f"<th>match</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    sources = store.select(bind(_SOURCES, iri)).rows
    files = {str(src): file for src, file, _ in sources}
    warnings = sorted({str(w) for _, _, w in sources if w is not None})
    text = next((str(o) for p, o in own if p == "https://schema.org/text"), "")
    body = (
        data_links
        + _facts_table(own, names)
        + section(
            f"Signatories ({len(signatories)}), in printed order",
            sig_table,
        )
        + section("Subjects", items(link(s, names.get(str(s))) for s in subjects))
        + section("Text", f'<div class="text">{esc(text)}</div>' if text else "")
        + section("Warnings", items(esc(w) for w in warnings))
        + section(
            "Source document (provenance)",
            items(link(src, files[src] or src) for src in sorted(files)),
        )
    )
    return title, body


def meeting_body(store: GraphStore, iri: str, data_links: str) -> tuple[str, str]:
    """Title and body of a meeting page."""
    own = facts(store, iri)
    statements, st_names = _statement_items(store, "?s pg:adoptedAt $X .", iri)
    participants = store.select(bind(_PARTICIPANTS, iri)).rows
    names = labels(store, [iri] + [o for _, o in own] + [p for p, _ in participants])
    title = names.get(iri, iri)
    body = (
        data_links
        + _facts_table(own, names)
        + section(
            f"Statements ({len(statements)})",
            items(
                f"{link(s, st_names.get(str(s)))} <small>{esc(d or '')}</small>"
                for s, d in statements
            ),
        )
        + section(f"Participants ({len(participants)})", _counted(participants, names, "signed"))
    )
    return title, body


def country_body(store: GraphStore, iri: str, data_links: str) -> tuple[str, str]:
    """Title and body of a country page."""
    own = facts(store, iri)
    parties = [r[0] for r in store.select(bind(_COUNTRY_PARTIES, iri)).rows]
    names = labels(store, [iri, *parties])
    title = names.get(iri, iri)
    listed = sorted(parties, key=lambda p: names.get(str(p), str(p)).casefold())
    body = (
        data_links
        + _facts_table(own, names)
        + section(f"Parties ({len(parties)})", items(link(p, names.get(str(p))) for p in listed))
    )
    return title, body


def other_body(store: GraphStore, iri: str, data_links: str) -> tuple[str, str]:
    """Title and body of any other resource (source document, signature, series)."""
    own = facts(store, iri)
    names = labels(store, [iri] + [o for _, o in own])
    return names.get(iri, iri), data_links + _facts_table(own, names)


BODIES = {
    "party": party_body,
    "statement": statement_body,
    "meeting": meeting_body,
    "country": country_body,
}


def exists(store: GraphStore, iri: str) -> bool:
    """Whether the graph says anything about ``iri``."""
    return store.ask(bind("ASK { $X ?p ?o }", iri))


def search_entries(store: GraphStore) -> list[tuple[str, str, str, str]]:
    """(kind, IRI, name, text to search) of every party and statement."""
    texts: dict[str, list[str]] = defaultdict(list)
    for x, text in store.select(_PARTY_NAMES).rows:
        texts[str(x)].append(str(text))
    names = labels(store, texts)
    out = [("party", x, names.get(x, x), " | ".join(t)) for x, t in texts.items()]
    for x, title, headline, text in store.select(_STATEMENT_TEXTS).rows:
        name = str(title or headline or x)
        searched = " | ".join(str(t) for t in (title, headline, text) if t)
        out.append(("statement", str(x), name, searched))
    return out


def meetings(store: GraphStore) -> list[tuple[Any, Any, Any]]:
    """(meeting, first day, statements adopted) of each meeting with statements, newest first."""
    counts = store.select(_MEETING_COUNTS).rows
    starts: dict[str, Any] = {}
    for chunk in _chunks(sorted(str(m) for m, _ in counts)):
        query = _MEETING_STARTS.replace("$XS", chunk)
        starts.update((str(m), d) for m, d in store.select(query).rows)
    rows = [(m, starts.get(str(m)), n) for m, n in counts]
    rows.sort(key=lambda r: (str(r[1] or ""), str(r[0])), reverse=True)
    return rows


def countries(store: GraphStore) -> list[tuple[Any, Any]]:
    """(country, registry parties) of each country with parties, most parties first."""
    return [(c, n) for c, n in store.select(_COUNTRY_COUNTS).rows]
