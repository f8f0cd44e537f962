"""Resolved statements and the registry as pyoxigraph quads under the partygraph ontology.

The triples follow ``docs/CONTRACTS.md`` (section "rdf"). Everything read from one
document goes into the named graph ``source/<sha256>``; the registry (parties,
countries, series, organisations, renames, signature roles) into ``graph/registry``.
Quads are built directly as pyoxigraph terms, since this is the ingest hot path;
:func:`to_rdflib_dataset` gives users the rdflib view.

Examples
--------
>>> from partygraph.extract.model import PrintedParty, StatementRecord
>>> from partygraph.resolve.model import Party, Resolution, ResolvedStatement
>>> kke = Party("communist-party-of-greece", "Communist Party of Greece", "GR", "KKE")
>>> line = PrintedParty(1, "Communist Party of Greece", "Communist Party of Greece")
>>> record = StatementRecord(source="a.txt", sha256="0" * 64, title="On peace")
>>> resolved = ResolvedStatement(record, [Resolution(line, kke, "exact")], [])
>>> from datetime import datetime, timezone
>>> quads = statement_quads(resolved, source_path="a.txt",
...                         ingested_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
>>> len(quads), quads[0].subject.value
(20, 'https://w3id.org/partygraph/id/statement/on-peace-00000000')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rdflib
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from partygraph import __version__
from partygraph.errors import PartygraphError
from partygraph.extract.countries import country_name, country_names
from partygraph.extract.meeting import SERIES_NAMES
from partygraph.extract.model import Meeting, StatementRecord
from partygraph.link import rdf as link_rdf
from partygraph.rdf import iris
from partygraph.rdf.namespaces import (
    PG,
    RDF_TYPE,
    REGISTRY_GRAPH,
    dcterms,
    org,
    pg,
    prov,
    schema,
    skos,
    xsd,
)
from partygraph.rdf.subjects import subject_quads
from partygraph.resolve.model import Party, Resolution, ResolvedStatement
from partygraph.subjects import extra_countries, load_organisations, search_fold
from partygraph.terms import to_rdflib

if TYPE_CHECKING:
    from partygraph.resolve import Registry

__all__ = [
    "ROLE_INITIATOR",
    "ROLE_PARTICIPANT",
    "ROLE_SIGNATORY",
    "meeting_label",
    "registry_quads",
    "statement_quads",
    "to_rdflib_dataset",
]

# Terms used on every statement, built once.
_T = {
    name: pg(name)
    for name in (
        "Statement",
        "Signature",
        "Meeting",
        "MeetingSeries",
        "Party",
        "Organisation",
        "Country",
        "SourceDocument",
        "Mention",
        "SignatureRole",
        "SignatureRoles",
        "signedBy",
        "initiatedBy",
        "hasSignature",
        "ofStatement",
        "signatory",
        "role",
        "listPosition",
        "nameAsPrinted",
        "listSection",
        "match",
        "matchScore",
        "adoptedAt",
        "participant",
        "approximateDate",
        "inSeries",
        "country",
        "placeCountry",
        "ordinal",
        "abbreviation",
        "provisional",
        "sha256",
        "fileName",
        "sourcePath",
        "ingestedAt",
        "toolVersion",
        "warning",
        "about",
        "mentions",
        "hasMention",
        "mentioned",
        "mentionCount",
        "mentionLocation",
        "subjectRank",
        "registryDigest",
    )
}
ROLE_SIGNATORY = pg("SignatoryRole")
ROLE_INITIATOR = pg("InitiatorRole")
ROLE_PARTICIPANT = pg("ParticipantRole")
_TITLE, _DATE, _ISSUED, _FORMAT = (dcterms(x) for x in ("title", "date", "issued", "format"))
_HEADLINE, _LOCATION, _LANG, _TEXT, _START, _END = (
    schema(x) for x in ("headline", "location", "inLanguage", "text", "startDate", "endDate")
)
_PREF, _ALT, _NOTATION, _EXACT = (
    skos(x) for x in ("prefLabel", "altLabel", "notation", "exactMatch")
)
_DERIVED = prov("wasDerivedFrom")
_XSD_DATE, _XSD_INT, _XSD_BOOL, _XSD_DT, _XSD_DEC = (
    xsd(x) for x in ("date", "integer", "boolean", "dateTime", "decimal")
)
_TRUE = Literal("true", datatype=_XSD_BOOL)
_SEARCH = NamedNode(PG + "searchText")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG_TAG = re.compile(r"^[a-z]{2,3}$")


_PARTIAL = {
    re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"): "gYearMonth",
    re.compile(r"^\d{4}$"): "gYear",
}


def _partial_date(value: str | None) -> Literal | None:
    """A month or a year the document prints without the day, as ``xsd:gYearMonth`` or
    ``xsd:gYear`` (``None`` for anything else).

    Examples
    --------
    >>> _partial_date("2012-11")
    <Literal value=2012-11 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYearMonth>>
    >>> _partial_date("2012-13") is None, _partial_date(None) is None
    (True, True)
    """
    for pattern, datatype in _PARTIAL.items():
        if value and pattern.match(value):
            return Literal(value, datatype=xsd(datatype))
    return None


def _date(value: str, source: str, where: str) -> Literal:
    if not _ISO_DATE.match(value):
        raise PartygraphError(
            f"expected a date YYYY-MM-DD, got {value!r}", source=source, where=where
        )
    try:
        date.fromisoformat(value)
    except ValueError:
        raise PartygraphError(
            f"not a calendar date: {value!r}", source=source, where=where
        ) from None
    return Literal(value, datatype=_XSD_DATE)


def _int(n: int) -> Literal:
    return Literal(str(int(n)), datatype=_XSD_INT)


def _country(code: str, source: str, where: str) -> NamedNode:
    try:
        return NamedNode(iris.country(code))
    except ValueError as e:
        raise PartygraphError(
            f"{e} (expected ISO 3166-1 alpha-2)", source=source, where=where
        ) from None


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_label(m: Meeting) -> str:
    """A readable, stable name for a meeting.

    With an ordinal: ``"20th International Meeting of ..."``; without one the city and
    start date are added so that editions stay apart.

    Examples
    --------
    >>> imcwp = "International Meeting of Communist and Workers' Parties"
    >>> meeting_label(Meeting(ordinal=20, name=imcwp))
    "20th International Meeting of Communist and Workers' Parties"
    >>> meeting_label(Meeting(name="ECM", city="Brussels", start="2011-04-11"))
    'ECM, Brussels, 2011-04-11'
    >>> meeting_label(Meeting(series="ecm", city="Lisbon"))
    'European Communist Meeting, Lisbon'
    >>> meeting_label(Meeting(series="regional-andean", city="Quito"))
    'regional-andean meeting, Quito'
    """
    base = (
        m.name
        or SERIES_NAMES.get(m.series or "")
        or (f"{m.series} meeting" if m.series else "Meeting")
    )
    if m.ordinal is not None:
        return f"{_ordinal_en(m.ordinal)} {base}"
    return ", ".join(p for p in (base, m.city, m.start) if p)


def _party_quads(p: Party, g: NamedNode | DefaultGraph, source: str) -> list[Quad]:
    """The description of one party (registry or provisional) in graph ``g``."""
    where = f"party {p.id}"
    try:
        node = NamedNode(iris.party(p.id))
    except ValueError as e:
        raise PartygraphError(str(e), source=source, where=where) from None
    out = [Quad(node, RDF_TYPE, _T["Party"], g), Quad(node, _PREF, Literal(p.name), g)]
    alts = dict.fromkeys(a for a in (*p.aliases, p.abbreviation) if a and a != p.name)
    out += [Quad(node, _ALT, Literal(a), g) for a in alts]
    if p.abbreviation:
        out.append(Quad(node, _T["abbreviation"], Literal(p.abbreviation), g))
    if p.country:
        out.append(Quad(node, _T["country"], _country(p.country, source, where), g))
    if p.wikidata:
        try:
            out.append(Quad(node, _EXACT, NamedNode(iris.wikidata(p.wikidata)), g))
        except ValueError as e:
            raise PartygraphError(str(e), source=source, where=f"{where}: wikidata") from None
    if p.provisional:
        out.append(Quad(node, _T["provisional"], _TRUE, g))
    return out


@dataclass
class _Sig:
    party: Party
    printed: str
    match: str
    score: float
    position: int | None = None
    section: str | None = None
    roles: list[NamedNode] = field(default_factory=list)


def _signatures(resolved: ResolvedStatement) -> dict[str, _Sig]:
    """One entry per distinct party: signatories in list order, then initiator-only parties."""
    sigs: dict[str, _Sig] = {}

    def take(r: Resolution, role: NamedNode) -> None:
        s = sigs.get(r.party.id)
        if s is None:
            s = sigs[r.party.id] = _Sig(r.party, r.printed.as_printed, r.match, r.score)
        if role is ROLE_SIGNATORY and s.position is None:
            # The signatory line wins over an initiator line for the printed name.
            s.position, s.section = r.printed.position, r.printed.section
            s.printed, s.match, s.score = r.printed.as_printed, r.match, r.score
        if role not in s.roles:
            s.roles.append(role)

    for r in resolved.signatories:
        take(r, ROLE_SIGNATORY)
        if r.printed.role == "participant":
            take(r, ROLE_PARTICIPANT)
    for r in resolved.initiators:
        take(r, ROLE_INITIATOR)
    return sigs


def _utc(ts: datetime) -> str:
    if ts.tzinfo is None:  # a naive time is taken as UTC, the only zone we write
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def statement_quads(
    resolved: ResolvedStatement,
    *,
    source_path: str,
    ingested_at: datetime,
    tool_version: str = __version__,
) -> list[Quad]:
    """All quads read from one document, in its named graph ``source/<sha256>``.

    The statement, its signatures, its meeting, its subjects and mentions, the
    provisional parties it introduces and the source document's own provenance.
    Registry parties are only referenced (they live in the registry graph).

    Parameters
    ----------
    resolved
        The extracted record with its resolved signatories and initiators.
    source_path
        Path (relative to the ingest root where possible) or URL of the document.
    ingested_at
        When the document was read; written in UTC (a naive time is taken as UTC).
    tool_version
        The partygraph version that read it.

    Returns
    -------
    list[pyoxigraph.Quad]
        The quads, in a deterministic order; no blank nodes.

    Raises
    ------
    PartygraphError
        If a date, country code or digest of the record is malformed.
    """
    rec: StatementRecord = resolved.record
    src = rec.source
    try:
        g = NamedNode(iris.source(rec.sha256))
    except ValueError as e:
        raise PartygraphError(str(e), source=src, where="sha256") from None
    s_slug = iris.statement_slug(rec.sha256, rec.title, rec.headline, rec.source)
    st = NamedNode(iris.statement(s_slug))
    q: list[Quad] = [Quad(st, RDF_TYPE, _T["Statement"], g)]
    add = q.append

    if rec.title:
        add(Quad(st, _TITLE, Literal(rec.title), g))
    if rec.headline:
        add(Quad(st, _HEADLINE, Literal(rec.headline), g))
    if rec.date:
        add(Quad(st, _DATE, _date(rec.date, src, "date"), g))
    if rec.publication_date:
        add(Quad(st, _ISSUED, _date(rec.publication_date, src, "publication_date"), g))
    approximate = _partial_date((rec.partial_dates or {}).get("date")) if not rec.date else None
    if approximate is not None:
        add(Quad(st, _T["approximateDate"], approximate, g))
    if rec.place and rec.place.city:
        add(Quad(st, _LOCATION, Literal(rec.place.city), g))
    if rec.place and rec.place.country:
        add(Quad(st, _T["placeCountry"], _country(rec.place.country, src, "place.country"), g))
    lang = (rec.language or "").strip().lower()
    lang = lang if _LANG_TAG.match(lang) else None
    if lang:
        add(Quad(st, _LANG, Literal(lang), g))
    # The body (the list left out) with its language, and a folded copy of title,
    # headline and body for case- and accent-insensitive search (queries/search-text.rq).
    if rec.text.strip():
        add(Quad(st, _TEXT, Literal(rec.text, language=lang) if lang else Literal(rec.text), g))
    searchable = "\n".join(t for t in (rec.title, rec.headline, rec.text) if t and t.strip())
    if searchable:
        add(Quad(st, _SEARCH, Literal(search_fold(searchable)), g))

    m = rec.meeting
    mt: NamedNode | None = None
    if m is not None and any((m.ordinal, m.name, m.series, m.city, m.country, m.start, m.end)):
        mt = NamedNode(iris.meeting(iris.meeting_slug(m, year=rec.date, fallback=rec.sha256[:8])))
        add(Quad(st, _T["adoptedAt"], mt, g))
        add(Quad(mt, RDF_TYPE, _T["Meeting"], g))
        add(Quad(mt, _PREF, Literal(meeting_label(m)), g))
        if m.series:
            sn = NamedNode(iris.series(m.series))
            add(Quad(mt, _T["inSeries"], sn, g))
            if m.series not in SERIES_NAMES:
                # A series the registry does not know (a regional meeting): described here.
                add(Quad(sn, RDF_TYPE, _T["MeetingSeries"], g))
                add(Quad(sn, _PREF, Literal(m.name or m.series), g))
        if m.ordinal is not None:
            add(Quad(mt, _T["ordinal"], _int(m.ordinal), g))
        if m.start:
            add(Quad(mt, _START, _date(m.start, src, "meeting.start"), g))
        if m.end:
            add(Quad(mt, _END, _date(m.end, src, "meeting.end"), g))
        if m.city:
            add(Quad(mt, _LOCATION, Literal(m.city), g))
        if m.country:
            add(Quad(mt, _T["country"], _country(m.country, src, "meeting.country"), g))

    sigs = _signatures(resolved)
    provisional: list[Party] = []
    for pid, s in sigs.items():
        pn = NamedNode(iris.party(pid))
        sn = NamedNode(iris.signature(s_slug, pid))
        if ROLE_SIGNATORY in s.roles:
            add(Quad(st, _T["signedBy"], pn, g))
        if ROLE_PARTICIPANT in s.roles and mt is not None:
            add(Quad(mt, _T["participant"], pn, g))
        if ROLE_INITIATOR in s.roles:
            add(Quad(st, _T["initiatedBy"], pn, g))
        add(Quad(st, _T["hasSignature"], sn, g))
        add(Quad(sn, RDF_TYPE, _T["Signature"], g))
        add(Quad(sn, _T["signatory"], pn, g))
        add(Quad(sn, _T["ofStatement"], st, g))
        for role in s.roles:
            add(Quad(sn, _T["role"], role, g))
        if s.position is not None:
            add(Quad(sn, _T["listPosition"], _int(s.position), g))
        add(Quad(sn, _T["nameAsPrinted"], Literal(s.printed), g))
        if s.section:
            add(Quad(sn, _T["listSection"], Literal(s.section), g))
        add(Quad(sn, _T["match"], Literal(s.match), g))
        if s.match == "fuzzy":
            score = min(1.0, max(0.0, s.score))
            add(Quad(sn, _T["matchScore"], Literal(f"{score:.3f}", datatype=_XSD_DEC), g))
        if s.party.provisional or s.match == "new":
            p = s.party
            provisional.append(p if p.provisional else replace(p, provisional=True))

    for p in provisional:
        q += _party_quads(p, g, src)

    q += subject_quads(st.value, g.value, resolved.subjects, resolved.mentions)

    add(Quad(st, _DERIVED, g, g))
    add(Quad(g, RDF_TYPE, _T["SourceDocument"], g))
    add(Quad(g, _T["sha256"], Literal(rec.sha256), g))
    add(Quad(g, _T["fileName"], Literal(iris.file_name(src)), g))
    add(Quad(g, _T["sourcePath"], Literal(source_path), g))
    add(Quad(g, _FORMAT, Literal(rec.media_type or "text/plain"), g))
    add(Quad(g, _T["ingestedAt"], Literal(_utc(ingested_at), datatype=_XSD_DT), g))
    add(Quad(g, _T["toolVersion"], Literal(tool_version), g))
    for w in dict.fromkeys([*rec.warnings, *resolved.warnings]):
        add(Quad(g, _T["warning"], Literal(w), g))
    return q


def _role_quads(g: NamedNode) -> list[Quad]:
    scheme = _T["SignatureRoles"]
    out = [
        Quad(scheme, RDF_TYPE, skos("ConceptScheme"), g),
        Quad(scheme, _PREF, Literal("Signature roles", language="en"), g),
    ]
    for role, label in (
        (ROLE_SIGNATORY, "signatory"),
        (ROLE_INITIATOR, "initiator"),
        (ROLE_PARTICIPANT, "participant"),
    ):
        out += [
            Quad(scheme, skos("hasTopConcept"), role, g),
            Quad(role, RDF_TYPE, skos("Concept"), g),
            Quad(role, RDF_TYPE, _T["SignatureRole"], g),
            Quad(role, _PREF, Literal(label, language="en"), g),
            Quad(role, skos("inScheme"), scheme, g),
            Quad(role, skos("topConceptOf"), scheme, g),
        ]
    return out


def registry_quads(
    parties: Registry | Iterable[Party],
    countries: Mapping[str, str] | None = None,
    *,
    series: Mapping[str, str] | None = None,
    organisations: Iterable[Any] | None = None,
    renames: Iterable[tuple[str, str, str | None]] = (),
    source: str = "registry",
) -> list[Quad]:
    """The shared registry graph ``graph/registry``.

    Parameters
    ----------
    parties
        A :class:`partygraph.resolve.Registry` (its parties and organisations are
        used), or an iterable of registry :class:`Party` records. Sorted by id.
    countries
        ISO2 -> country name. Default: every country of the gazetteer and those only
        ``demonyms.csv`` names (Kosovo), so that places, meetings and mentions in
        documents find their ``pg:Country``. Countries of parties missing here are
        still typed, without a name.
    series
        Meeting series slug -> name. Default: the series the extractor knows.
    organisations
        Non-party bodies (NATO, EU, UN): records with ``id``, ``name`` and optional
        ``abbreviation``, ``aliases``, ``wikidata``. Default: ``organisations.csv`` of
        the registry when ``parties`` is a Registry, else none.
    renames
        ``(old party id, new party id, date or None)``: each becomes an ``org:ChangeEvent``.
    source
        Name used in error messages.

    Returns
    -------
    list[pyoxigraph.Quad]
        Quads in the registry graph, in a deterministic order.

    Raises
    ------
    PartygraphError
        On a malformed id, country code, Wikidata QID or date.

    Examples
    --------
    >>> kke = Party("kke", "Communist Party of Greece", "GR", "KKE")
    >>> qs = registry_quads([kke], {"GR": "Greece"}, series={})
    >>> sorted({q.subject.value.rsplit("/", 1)[-1] for q in qs})[:3]
    ['GR', 'kke', 'ontology#InitiatorRole']
    """
    if callable(getattr(parties, "parties", None)):
        registry: Any = parties
        parties = registry.parties()
        folder = getattr(registry, "directory", None)
        if organisations is None:
            orgs_file = Path(folder) / "organisations.csv" if folder else None
            organisations = load_organisations(
                orgs_file if orgs_file and orgs_file.is_file() else None
            )
    else:
        folder = None
    if countries is None:
        countries = {code: country_name(code) or "" for _, code in country_names()}
        # and the few the gazetteer lacks that statements name (Kosovo, XK)
        demonyms = Path(folder) / "demonyms.csv" if folder else None
        for code, name in extra_countries(
            demonyms if demonyms and demonyms.is_file() else None
        ).items():
            countries.setdefault(code, name)
    if series is None:
        series = SERIES_NAMES
    g = NamedNode(REGISTRY_GRAPH)
    out = _role_quads(g)
    party_list = sorted(parties, key=lambda p: p.id)
    codes = {c.strip().upper(): n for c, n in countries.items()}
    for p in party_list:
        if p.country:
            code = _country(p.country, source, f"party {p.id}").value.rsplit("/", 1)[1]
            codes.setdefault(code, "")
    for code in sorted(codes):
        node = _country(code, source, f"country {code}")
        out += [Quad(node, RDF_TYPE, _T["Country"], g), Quad(node, _NOTATION, Literal(code), g)]
        if codes[code]:
            out.append(Quad(node, _PREF, Literal(codes[code]), g))
    for slug, name in sorted(series.items()):
        try:
            node = NamedNode(iris.series(slug))
        except ValueError as e:
            raise PartygraphError(str(e), source=source, where="series") from None
        out += [Quad(node, RDF_TYPE, _T["MeetingSeries"], g), Quad(node, _PREF, Literal(name), g)]
    for p in party_list:
        out += _party_quads(p, g, source)
    # external identifiers with their provenance (identifiers.csv, issue 13)
    out += link_rdf.registry_identifier_quads(folder, g, (p.id for p in party_list))
    for o in sorted(organisations or (), key=lambda o: o.id):
        try:
            node = NamedNode(iris.organisation(o.id))
        except ValueError as e:
            raise PartygraphError(str(e), source=source, where="organisation") from None
        out += [Quad(node, RDF_TYPE, _T["Organisation"], g), Quad(node, _PREF, Literal(o.name), g)]
        abbreviation = getattr(o, "abbreviation", None)
        names = (*getattr(o, "aliases", ()), abbreviation)
        out += [Quad(node, _ALT, Literal(a), g) for a in dict.fromkeys(names) if a and a != o.name]
        if abbreviation:
            out.append(Quad(node, _T["abbreviation"], Literal(abbreviation), g))
        if qid := getattr(o, "wikidata", None):
            try:
                out.append(Quad(node, _EXACT, NamedNode(iris.wikidata(qid)), g))
            except ValueError as e:
                raise PartygraphError(str(e), source=source, where=f"organisation {o.id}") from None
    for old, new, when in sorted(renames, key=lambda r: (r[0], r[1])):
        try:
            node = NamedNode(iris.change(old, new))
            before, after = NamedNode(iris.party(old)), NamedNode(iris.party(new))
        except ValueError as e:
            raise PartygraphError(str(e), source=source, where="renames") from None
        out += [
            Quad(node, RDF_TYPE, org("ChangeEvent"), g),
            Quad(node, org("originalOrganization"), before, g),
            Quad(node, org("resultingOrganization"), after, g),
        ]
        if when:
            out.append(Quad(node, _DATE, _date(when, source, f"rename {old}"), g))
    return out


def versioned_registry_quads(registry: Registry) -> tuple[list[Quad], str]:
    """The registry graph plus one triple recording its digest, and that digest.

    The digest is the sha256 of the graph's sorted N-Quads, so any change to the
    curated tables (parties, countries, series, organisations) changes it, and the
    pipeline rewrites the shared graph only then.

    Examples
    --------
    >>> from partygraph.resolve import Registry
    >>> quads, digest = versioned_registry_quads(Registry.load())
    >>> len(digest), quads[-1].predicate.value.endswith("registryDigest")
    (64, True)
    """
    quads = registry_quads(registry)
    digest = hashlib.sha256("\n".join(sorted(str(q) for q in quads)).encode("utf-8")).hexdigest()
    g = NamedNode(REGISTRY_GRAPH)
    return [*quads, Quad(g, _T["registryDigest"], Literal(digest), g)], digest


def to_rdflib_dataset(quads: Iterable[Quad]) -> rdflib.Dataset:
    """Copy quads into an rdflib :class:`~rdflib.Dataset` (one context per named graph).

    Examples
    --------
    >>> ds = to_rdflib_dataset(registry_quads([], {"GR": "Greece"}, series={}))
    >>> len(ds.graph(rdflib.URIRef(REGISTRY_GRAPH)))
    23
    """
    ds = rdflib.Dataset()
    cache: dict[Any, rdflib.term.Identifier] = {}

    def conv(t: Any) -> rdflib.term.Identifier:
        r = cache.get(t)
        if r is None:
            r = cache[t] = to_rdflib(t)  # type: ignore[assignment]
        return r

    graphs: dict[Any, rdflib.Graph] = {}
    for q in quads:
        gname = q.graph_name
        graph = graphs.get(gname)
        if graph is None:
            graph = graphs[gname] = (
                ds.default_graph
                if isinstance(gname, DefaultGraph)
                else ds.graph(rdflib.URIRef(gname.value))
            )
        graph.add((conv(q.subject), conv(q.predicate), conv(q.object)))
    return ds
