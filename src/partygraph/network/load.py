"""Read who signed what from a graph store, through one SPARQL query.

The network stage never reads documents: everything it knows comes from the
rows of :data:`SIGNATURES_QUERY`, run with ``GraphStore.select`` on the union
default graph (see docs/CONTRACTS.md, rdf section).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from partygraph.vocab import ID, sparql_prologue

ROLE_SIGNATORY = "signatory"
ROLE_INITIATOR = "initiator"
ROLES = (ROLE_SIGNATORY, ROLE_INITIATOR)

#: One row per (statement, party, role), with what slices and labels need.
SIGNATURES_QUERY = (
    sparql_prologue(["pg", "schema", "skos", "dcterms"])
    + """\
SELECT ?statement ?party ?role
  (SAMPLE(?title0) AS ?title) (SAMPLE(?date0) AS ?date) (SAMPLE(?issued0) AS ?issued)
  (SAMPLE(?meeting0) AS ?meeting) (SAMPLE(?mlabel0) AS ?meetingLabel)
  (SAMPLE(?mstart0) AS ?meetingStart) (SAMPLE(?mplace0) AS ?meetingPlace)
  (SAMPLE(?series0) AS ?series) (SAMPLE(?slabel0) AS ?seriesLabel)
  (SAMPLE(?plabel0) AS ?partyLabel) (SAMPLE(?abbr0) AS ?partyAbbreviation)
  (SAMPLE(?country0) AS ?country) (SAMPLE(?iso0) AS ?countryCode)
  (SAMPLE(?clabel0) AS ?countryLabel) (SAMPLE(?approx0) AS ?approximate)
WHERE {
  {
    { ?statement pg:signedBy ?party . BIND(pg:SignatoryRole AS ?role) }
    UNION { ?statement pg:initiatedBy ?party . BIND(pg:InitiatorRole AS ?role) }
    UNION { ?statement pg:hasSignature ?sig . ?sig pg:signatory ?party ; pg:role ?role . }
  }
  ?statement a pg:Statement .
  OPTIONAL { ?statement dcterms:title ?title0 }
  OPTIONAL { ?statement dcterms:date ?date0 }
  OPTIONAL { ?statement dcterms:issued ?issued0 }
  OPTIONAL { ?statement pg:approximateDate ?approx0 }  # a month or year without the day
  OPTIONAL {
    ?statement pg:adoptedAt ?meeting0 .
    OPTIONAL { ?meeting0 skos:prefLabel ?mlabel0 }
    OPTIONAL { ?meeting0 schema:startDate ?mstart0 }
    OPTIONAL { ?meeting0 schema:location ?mplace0 }
    OPTIONAL { ?meeting0 pg:inSeries ?series0 . OPTIONAL { ?series0 skos:prefLabel ?slabel0 } }
  }
  OPTIONAL { ?party skos:prefLabel ?plabel0 }
  OPTIONAL { ?party pg:abbreviation ?abbr0 }
  OPTIONAL {
    ?party pg:country ?country0 .
    OPTIONAL { ?country0 skos:notation ?iso0 }
    OPTIONAL { ?country0 skos:prefLabel ?clabel0 }
  }
}
GROUP BY ?statement ?party ?role
"""
)


class SelectStore(Protocol):
    """The part of ``partygraph.store.GraphStore`` this stage uses."""

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class PartyInfo:
    """A party as the graph describes it."""

    id: str
    iri: str
    label: str
    abbreviation: str | None = None
    country: str | None = None  # ISO2
    country_label: str | None = None


@dataclass(frozen=True)
class StatementInfo:
    """A statement with its date (adopted, else meeting start, else publication)."""

    id: str
    iri: str
    title: str | None = None
    date: str | None = None
    year: int | None = None
    meeting: str | None = None  # meeting slug
    meeting_label: str | None = None
    series: str | None = None  # series slug
    series_label: str | None = None


@dataclass(frozen=True)
class Signature:
    """One party's role on one statement."""

    statement: str
    party: str
    role: str


@dataclass
class SignatureData:
    """Everything the network stage reads from the store.

    Examples
    --------
    >>> d = SignatureData.from_records([("s1", "a", "signatory"), ("s1", "b", "signatory")])
    >>> sorted(d.parties), len(d.signatures)
    (['a', 'b'], 2)
    """

    signatures: list[Signature] = field(default_factory=list)
    parties: dict[str, PartyInfo] = field(default_factory=dict)
    statements: dict[str, StatementInfo] = field(default_factory=dict)

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple[str, str, str]],
        *,
        parties: Mapping[str, PartyInfo] | None = None,
        statements: Mapping[str, StatementInfo] | None = None,
    ) -> SignatureData:
        """Build from plain ``(statement, party, role)`` tuples (tests, benchmarks).

        Parties and statements not described get a bare entry (label = id).
        """
        data = cls(parties=dict(parties or {}), statements=dict(statements or {}))
        seen: set[tuple[str, str, str]] = set()
        for st, party, role in records:
            if (st, party, role) in seen:
                continue
            seen.add((st, party, role))
            data.signatures.append(Signature(st, party, role))
            data.parties.setdefault(party, PartyInfo(party, ID + "party/" + party, party))
            data.statements.setdefault(st, StatementInfo(st, ID + "statement/" + st))
        return data

    def meetings(self) -> dict[str, str]:
        """Meeting slug -> label, for the meetings that have signatures."""
        return _slug_labels((st.meeting, st.meeting_label) for st in self.statements.values())

    def series(self) -> dict[str, str]:
        """Series slug -> label."""
        return _slug_labels((st.series, st.series_label) for st in self.statements.values())

    def years(self) -> list[int]:
        """The years that have at least one dated statement."""
        return sorted({st.year for st in self.statements.values() if st.year is not None})


def _slug_labels(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """Slug -> label (the slug when unlabelled), sorted by slug; empty slugs are skipped.

    Examples
    --------
    >>> _slug_labels([("b", None), ("a", "A"), (None, "x"), ("a", "A")])
    {'a': 'A', 'b': 'b'}
    """
    out: dict[str, str] = {}
    for slug, label in pairs:
        if slug:
            out[slug] = label or slug
    return dict(sorted(out.items()))


def _text(term: Any) -> str | None:
    """Lexical value of an rdflib term (or a pyoxigraph one), None for unbound."""
    if term is None:
        return None
    try:
        from rdflib.term import Identifier

        if isinstance(term, Identifier):
            return str(term)
    except ImportError:  # pragma: no cover - rdflib is a core dependency
        pass
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def local_id(iri: str, kind: str) -> str:
    """The slug of a partygraph IRI, or the IRI itself when it is foreign.

    Examples
    --------
    >>> local_id("https://w3id.org/partygraph/id/party/kke", "party")
    'kke'
    >>> local_id("http://example.org/x", "party")
    'http://example.org/x'
    """
    prefix = f"{ID}{kind}/"
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def role_name(iri: str) -> str:
    """``pg:SignatoryRole`` -> ``signatory``; other role IRIs by their local name.

    Examples
    --------
    >>> role_name("https://w3id.org/partygraph/ontology#InitiatorRole")
    'initiator'
    """
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if local.endswith("Role"):
        local = local[: -len("Role")]
    return local.lower()


def _year(*dates: str | None) -> tuple[str | None, int | None]:
    for d in dates:
        if d and len(d) >= 4 and d[:4].isdigit():
            return d, int(d[:4])
    return None, None


def rows_to_data(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> SignatureData:
    """Turn the rows of :data:`SIGNATURES_QUERY` into :class:`SignatureData`.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from partygraph.vocab import PG
    >>> row = (URIRef(ID + "statement/s1"), URIRef(ID + "party/kke"),
    ...        URIRef(PG + "SignatoryRole"), None, Literal("2011-12-11"), None, None, None,
    ...        None, None, None, None, Literal("Communist Party of Greece"), Literal("KKE"),
    ...        URIRef(ID + "country/GR"), None, None)
    >>> cols = ["statement", "party", "role", "title", "date", "issued", "meeting",
    ...         "meetingLabel", "meetingStart", "meetingPlace", "series", "seriesLabel",
    ...         "partyLabel", "partyAbbreviation", "country", "countryCode", "countryLabel"]
    >>> d = rows_to_data(cols, [row])
    >>> d.signatures[0], d.parties["kke"].country, d.statements["s1"].year
    (Signature(statement='s1', party='kke', role='signatory'), 'GR', 2011)
    """
    data = SignatureData()
    seen: set[tuple[str, str, str]] = set()
    for raw in rows:
        r = {c: _text(v) for c, v in zip(columns, raw, strict=False)}
        st_iri, party_iri, role_iri = r.get("statement"), r.get("party"), r.get("role")
        if not (st_iri and party_iri and role_iri):
            continue
        st, party, role = (
            local_id(st_iri, "statement"),
            local_id(party_iri, "party"),
            role_name(role_iri),
        )
        if (st, party, role) not in seen:
            seen.add((st, party, role))
            data.signatures.append(Signature(st, party, role))
        if party not in data.parties:
            iso = r.get("countryCode") or (
                local_id(r["country"], "country") if r.get("country") else None
            )
            data.parties[party] = PartyInfo(
                id=party,
                iri=party_iri,
                label=r.get("partyLabel") or r.get("partyAbbreviation") or party,
                abbreviation=r.get("partyAbbreviation"),
                country=iso.upper() if iso and len(iso) == 2 else None,
                country_label=r.get("countryLabel"),
            )
        if st not in data.statements:
            date, year = _year(
                r.get("date"), r.get("meetingStart"), r.get("issued"), r.get("approximate")
            )
            meeting = local_id(r["meeting"], "meeting") if r.get("meeting") else None
            series = local_id(r["series"], "series") if r.get("series") else None
            label = r.get("meetingLabel")
            if meeting and not label:
                parts = [
                    r.get("seriesLabel") or series or "Meeting",
                    str(year or ""),
                    r.get("meetingPlace") or "",
                ]
                label = " ".join(p for p in parts if p) or meeting
            data.statements[st] = StatementInfo(
                id=st,
                iri=st_iri,
                title=r.get("title"),
                date=date,
                year=year,
                meeting=meeting,
                meeting_label=label,
                series=series,
                series_label=r.get("seriesLabel"),
            )
    data.signatures.sort(key=lambda s: (s.statement, s.party, s.role))
    return data


def load_signatures(store: SelectStore) -> SignatureData:
    """Run :data:`SIGNATURES_QUERY` on ``store`` and return its rows as records.

    Parameters
    ----------
    store
        Anything with ``select(query, bindings) -> Table`` (``columns``, ``rows``).

    Returns
    -------
    SignatureData
        Signatures, parties and statements, sorted for reproducible output.
    """
    table = store.select(SIGNATURES_QUERY, None)
    columns = list(getattr(table, "columns", None) or [])
    rows = getattr(table, "rows", table)
    return rows_to_data(columns, rows)
