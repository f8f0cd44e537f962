"""``partygraph link wikidata``: find the Wikidata items of registry parties without a QID.

For each such party one SPARQL query asks for political parties
(``P31/P279* Q7278``) whose label or alias equals one of the party's names in one of
:data:`LANGUAGES`, with country (P17 -> P297), inception (P571), dissolution (P576),
official website (P856) and short name (P1813). Candidates are scored
(:mod:`partygraph.link.score`); the best is linked only when it scores at least
:data:`ACCEPT` and at least :data:`MARGIN` more than the runner-up. Every other
candidate scoring at least :data:`REVIEW_MIN` waits for a person
(:mod:`partygraph.link.review`).

What is written, in the registry folder:

* ``identifiers.csv``: the accepted QIDs, with the endpoint, score and date;
* ``link-candidates.csv``: every candidate with its status (``pending``,
  ``accepted``, ``auto-accepted``, ``rejected``) and evidence;
* ``links-log.csv``: who accepted or rejected what, when and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal

from partygraph.link.identifiers import Identifier, by_party, read_identifiers, set_identifier
from partygraph.link.review import (
    CandidateRow,
    log_link,
    read_candidates,
    rejected_pairs,
    write_candidates,
)
from partygraph.link.score import Candidate, Scored, score, year_of
from partygraph.link.wikidata import SparqlClient
from partygraph.resolve.model import Party
from partygraph.resolve.registry import Registry

ACCEPT = 0.85
MARGIN = 0.10
REVIEW_MIN = 0.40
# Languages a name is tried in: the registry's names are English plus the translations
# statements print (es, pt, it, fr, de, el, ru); "mul" is Wikidata's language-neutral tag.
LANGUAGES = ("en", "mul", "es", "pt", "it", "fr", "de", "el", "ru")

_PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass
class Outcome:
    """What the linker did for one party: ``linked``, ``review`` or ``none``."""

    party: str
    status: str
    ranked: list[Scored] = field(default_factory=list)


@dataclass
class LinkReport:
    """The outcome per party, and how many HTTP requests the run sent."""

    outcomes: list[Outcome]
    requests: int

    def count(self, status: str) -> int:
        """How many parties ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


def search_names(party: Party) -> tuple[str, ...]:
    """The names a party is searched under (its name and aliases, not its abbreviation).

    Examples
    --------
    >>> search_names(Party("x", "Communist Party of Greece", "GR", "KKE", ("KKE (Greece)",)))
    ('Communist Party of Greece', 'KKE (Greece)')
    """
    return tuple(dict.fromkeys(n for n in (party.name, *party.aliases) if n.strip()))


def candidate_query(names: Iterable[str], languages: Iterable[str] = LANGUAGES) -> str:
    """The SPARQL query for the candidates whose label or alias is one of ``names``.

    Examples
    --------
    >>> q = candidate_query(["Communist Party of Greece"], ["en", "el"])
    >>> '"Communist Party of Greece"@el' in q and "wd:Q7278" in q
    True
    """
    values = " ".join(str(Literal(n, language=lang)) for n in names for lang in languages)
    return (
        _PREFIXES
        + "SELECT ?item ?name ?how ?label ?iso ?inception ?dissolved ?website ?short WHERE {\n"
        f"  VALUES ?name {{ {values} }}\n"
        '  { ?item rdfs:label ?name BIND("label" AS ?how) }\n'
        '  UNION { ?item skos:altLabel ?name BIND("alias" AS ?how) }\n'
        "  ?item wdt:P31/wdt:P279* wd:Q7278 .\n"
        '  OPTIONAL { ?item rdfs:label ?label FILTER(LANG(?label) = "en") }\n'
        "  OPTIONAL { ?item wdt:P17/wdt:P297 ?iso }\n"
        "  OPTIONAL { ?item wdt:P571 ?inception }\n"
        "  OPTIONAL { ?item wdt:P576 ?dissolved }\n"
        "  OPTIONAL { ?item wdt:P856 ?website }\n"
        "  OPTIONAL { ?item wdt:P1813 ?short }\n"
        "}\nLIMIT 1000\n"
    )


def candidates_from_rows(rows: Iterable[Mapping[str, str]]) -> list[Candidate]:
    """Fold the query's rows (one per combination of values) into one candidate per item.

    Examples
    --------
    >>> rows = [{"item": "http://www.wikidata.org/entity/Q1", "name": "KKE", "how": "alias",
    ...          "iso": "GR", "inception": "1918-11-17T00:00:00Z", "short": "KKE"}]
    >>> c = candidates_from_rows(rows)[0]
    >>> c.qid, c.label, c.on_label, c.inception, c.short_names
    ('Q1', 'KKE', False, 1918, ('KKE',))
    """
    items: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        qid = row.get("item", "").rsplit("/", 1)[-1]
        if not qid.startswith("Q"):
            continue
        item = items.setdefault(qid, {})
        for key in ("name", "how", "label", "iso", "inception", "dissolved", "website", "short"):
            if row.get(key):
                item.setdefault(key, set()).add(row[key])
    out = []
    for qid, item in items.items():
        matched = tuple(sorted(item.get("name", ())))
        isos = item.get("iso", set())
        inceptions = [y for v in item.get("inception", ()) if (y := year_of(v)) is not None]
        dissolutions = [y for v in item.get("dissolved", ()) if (y := year_of(v)) is not None]
        out.append(
            Candidate(
                qid=qid,
                label=min(item.get("label", ())) if item.get("label") else (matched or (qid,))[0],
                matched=matched,
                on_label="label" in item.get("how", ()),
                country=next(iter(isos)) if len(isos) == 1 else None,
                inception=min(inceptions) if inceptions else None,
                dissolved=max(dissolutions) if dissolutions else None,
                websites=tuple(sorted(item.get("website", ()))),
                short_names=tuple(sorted(item.get("short", ()))),
            )
        )
    return sorted(out, key=lambda c: c.qid)


def link_wikidata(
    folder: Path | str,
    client: SparqlClient,
    *,
    years: Mapping[str, tuple[int, int]] | None = None,
    parties: Iterable[str] | None = None,
    accept: float = ACCEPT,
    margin: float = MARGIN,
    who: str | None = None,
) -> LinkReport:
    """Look for the QIDs of the registry's parties that have none, and record the outcome.

    Parameters
    ----------
    folder
        The registry folder (``parties.csv``, ``identifiers.csv``, ...).
    client
        Where and how to ask (endpoint, cache, etiquette).
    years
        ``{party id: (first year, last year)}`` of its dated statements; a candidate
        dissolved before the first year is a namesake.
    parties
        Only these party ids (default: every registry party without a QID).
    accept, margin
        The score a candidate needs to be linked without review, and its lead over the
        runner-up.
    who
        Recorded in ``links-log.csv`` (default: the login name).

    Returns
    -------
    LinkReport
    """
    folder = Path(folder)
    registry = Registry.load(folder)
    known = by_party(read_identifiers(folder))
    years = years or {}
    rejected = rejected_pairs(folder)
    taken = {ids["wikidata"].value: pid for pid, ids in known.items() if "wikidata" in ids}
    taken.update({p.wikidata: p.id for p in registry.parties() if p.wikidata})
    wanted = set(parties) if parties is not None else None
    rows = read_candidates(folder)
    outcomes: list[Outcome] = []
    for party in registry.parties():
        if party.wikidata or "wikidata" in known.get(party.id, {}):
            continue
        if wanted is not None and party.id not in wanted:
            continue
        names = search_names(party)
        found, retrieved = client.select(candidate_query(names))
        websites = tuple(i.value for s, i in known.get(party.id, {}).items() if s == "website")
        ranked = sorted(
            (
                score(
                    c,
                    names=names,
                    country=party.country,
                    abbreviation=party.abbreviation,
                    years=years.get(party.id),
                    websites=websites,
                )
                for c in candidates_from_rows(found)
                if (party.id, c.qid) not in rejected and c.qid not in taken
            ),
            key=lambda s: (-s.score, s.candidate.qid),
        )
        ranked = [s for s in ranked if s.score >= REVIEW_MIN]
        best = ranked[0] if ranked else None
        lead = best.score - (ranked[1].score if len(ranked) > 1 else 0.0) if best else 0.0
        # this run's candidates replace the party's earlier ones (rejections stay)
        rows = [r for r in rows if r.registry_id != party.id or r.status == "rejected"]
        if best is not None and best.score >= accept and lead >= margin - 1e-9:
            qid = best.candidate.qid
            source = (
                f"partygraph link wikidata {client.endpoint}: score {best.score:.2f}, "
                f"lead {lead:.2f}; " + "; ".join(best.evidence)
            )
            set_identifier(folder, Identifier(party.id, "wikidata", qid, source, retrieved, ""))
            log_link(folder, "auto-accept", party.id, qid, who, f"score {best.score:.2f}")
            taken[qid] = party.id
            outcomes.append(Outcome(party.id, "linked", ranked))
            rows.append(
                CandidateRow.of(party.id, best, "auto-accepted", client.endpoint, retrieved)
            )
        else:
            outcomes.append(Outcome(party.id, "review" if ranked else "none", ranked))
            rows += [
                CandidateRow.of(party.id, s, "pending", client.endpoint, retrieved) for s in ranked
            ]
    write_candidates(folder, rows)
    return LinkReport(outcomes, client.requests)
