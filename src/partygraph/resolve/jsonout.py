"""SPEC section 2's JSON for a resolved statement (``partygraph extract --format json``)."""

from __future__ import annotations

from typing import Any

from partygraph.resolve.model import Mention, ResolvedStatement, Subject


def to_json(resolved: ResolvedStatement) -> dict[str, Any]:
    """Build the JSON object of SPEC section 2, keys in the SPEC's order.

    Extra keys follow the SPEC ones: ``subjects`` and ``mentions`` (what the
    statement is about, ranked; items of :func:`item_json`),
    ``partial_dates`` (month-only facts kept out of the dated fields), and
    ``initiators[].party_name`` / ``match``.

    Parameters
    ----------
    resolved
        The output of :meth:`partygraph.resolve.Registry.resolve`.

    Returns
    -------
    dict
        Plain JSON values (str, int, None, lists, dicts).

    Examples
    --------
    >>> from partygraph.extract.model import PrintedParty, StatementRecord, Place
    >>> from partygraph.resolve import Registry
    >>> from partygraph.subjects import SubjectFinder
    >>> rec = StatementRecord(source="a.txt", sha256="ab" * 32, language="en",
    ...     title="Solidarity with Cuba", place=Place("Athens", "GR"),
    ...     signatories=[PrintedParty(1, "AKEL, Cyprus", "AKEL", country="CY")])
    >>> reg = Registry.load()
    >>> doc = to_json(SubjectFinder(reg).annotate(reg.resolve(rec)))
    >>> list(doc)  # doctest: +NORMALIZE_WHITESPACE
    ['source', 'sha256', 'language', 'title', 'headline', 'date', 'publication_date',
     'place', 'meeting', 'initiators', 'signatories', 'warnings', 'subjects', 'mentions']
    >>> doc["signatories"]  # doctest: +NORMALIZE_WHITESPACE
    [{'position': 1, 'as_printed': 'AKEL, Cyprus', 'party_id': 'akel',
      'party_name': 'Progressive Party of the Working People', 'country': 'CY',
      'match': 'alias', 'role': 'signatory'}]
    >>> doc["place"], doc["meeting"]
    ({'city': 'Athens', 'country': 'GR'}, None)
    >>> [(s["kind"], s["id"], s["where"], s["reason"]) for s in doc["subjects"]]
    [('country', 'CU', 'title', 'title')]
    """
    rec = resolved.record
    place = None
    if rec.place is not None:
        place = {"city": rec.place.city, "country": rec.place.country}
    meeting = None
    if rec.meeting is not None:
        m = rec.meeting
        meeting = {
            "ordinal": m.ordinal,
            "name": m.name,
            "series": m.series,
            "city": m.city,
            "country": m.country,
            "start": m.start,
            "end": m.end,
        }
    out: dict[str, Any] = {
        "source": rec.source,
        "sha256": rec.sha256,
        "language": rec.language,
        "title": rec.title,
        "headline": rec.headline,
        "date": rec.date,
        "publication_date": rec.publication_date,
        "place": place,
        "meeting": meeting,
        "initiators": [
            {
                "as_printed": r.printed.as_printed,
                "party_id": r.party.id,
                "party_name": r.party.name,
                "match": r.match,
            }
            for r in resolved.initiators
        ],
        "signatories": [
            {
                "position": r.printed.position,
                "as_printed": r.printed.as_printed,
                "party_id": r.party.id,
                "party_name": r.party.name,
                "country": r.party.country,
                "match": r.match,
                "role": r.printed.role,
            }
            for r in resolved.signatories
        ],
        # extraction's warnings, then resolution's (each once)
        "warnings": list(dict.fromkeys([*rec.warnings, *resolved.warnings])),
        "subjects": [item_json(s) for s in resolved.subjects],
        "mentions": [item_json(m) for m in resolved.mentions],
    }
    if rec.partial_dates:
        out["partial_dates"] = dict(rec.partial_dates)
    return out


def item_json(item: Mention | Subject) -> dict[str, Any]:
    """One ``subjects`` or ``mentions`` item of ``partygraph extract``'s JSON.

    ``kind``, ``id`` (party slug, ISO2 or organisation id), ``name``, ``as_printed``,
    ``count``, ``where`` (title, headline or body), ``rank`` and ``stance``; a subject
    adds ``reason``, a mention ``places``.

    Examples
    --------
    >>> from partygraph.extract.model import StatementRecord
    >>> from partygraph.subjects import find_subjects
    >>> r = StatementRecord(source="x", sha256="0", title="Hands off Cuba")
    >>> item_json(find_subjects(r, None, signers=())[0])  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'country', 'id': 'CU', 'name': 'Cuba', 'as_printed': 'Cuba', 'count': 1,
     'where': 'title', 'rank': 1, 'stance': 'solidarity', 'reason': 'title'}
    """
    out: dict[str, Any] = {
        "kind": item.kind,
        "id": item.id,
        "name": item.label,
        "as_printed": item.as_printed,
        "count": item.count,
        "where": item.where,
        "rank": item.rank,
        "stance": item.stance,
    }
    if isinstance(item, Subject):
        out["reason"] = item.reason
    else:
        out["places"] = list(item.places)
    return out
