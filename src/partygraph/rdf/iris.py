"""Deterministic IRIs for every kind of resource partygraph describes.

All resources live under :data:`partygraph.rdf.namespaces.ID`. The same input always
gives the same IRI, so that a re-ingested document replaces its own triples and two
documents naming the same party or meeting meet on the same node.

Examples
--------
>>> slugify("Communist Party of The Peoples of Spain")
'communist-party-of-the-peoples-of-spain'
>>> party("kke")
'https://w3id.org/partygraph/id/party/kke'
>>> signature("solidarity-ab12cd34", "kke")
'https://w3id.org/partygraph/id/signature/solidarity-ab12cd34/kke'
>>> country("gr")
'https://w3id.org/partygraph/id/country/GR'
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from partygraph.extract.model import Meeting
from partygraph.rdf.namespaces import ID, REGISTRY_GRAPH, WD
from partygraph.text import slugify

_ISO2 = re.compile(r"^[A-Z]{2}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_QID = re.compile(r"(?:^|/)(Q[1-9][0-9]*)$")


_WHITE_SPACE = re.compile(r"\s")


def _check_slug(slug: str, kind: str) -> str:
    if not slug or slug[0] == "/" or slug[-1] == "/" or _WHITE_SPACE.search(slug):
        raise ValueError(f"invalid {kind} slug: {slug!r}")
    return slug


def registry_graph() -> str:
    """IRI of the shared named graph that holds the registry.

    Examples
    --------
    >>> registry_graph()
    'https://w3id.org/partygraph/id/graph/registry'
    """
    return REGISTRY_GRAPH


def party(slug: str) -> str:
    """IRI of the party ``slug`` (a registry id).

    Examples
    --------
    >>> party("communist-party-of-greece")
    'https://w3id.org/partygraph/id/party/communist-party-of-greece'
    """
    return f"{ID}party/{_check_slug(slug, 'party')}"


def organisation(slug: str) -> str:
    """IRI of the non-party body ``slug`` (``nato``, ``eu``, ``un``...).

    Examples
    --------
    >>> organisation("nato")
    'https://w3id.org/partygraph/id/organisation/nato'
    """
    return f"{ID}organisation/{_check_slug(slug, 'organisation')}"


def statement(slug: str) -> str:
    """IRI of the statement ``slug`` (see :func:`statement_slug`)."""
    return f"{ID}statement/{_check_slug(slug, 'statement')}"


def meeting(slug: str) -> str:
    """IRI of the meeting ``slug`` (see :func:`meeting_slug`)."""
    return f"{ID}meeting/{_check_slug(slug, 'meeting')}"


def series(slug: str) -> str:
    """IRI of the meeting series ``slug``.

    Examples
    --------
    >>> series("imcwp")
    'https://w3id.org/partygraph/id/series/imcwp'
    """
    return f"{ID}series/{_check_slug(slug, 'series')}"


def signature(statement_slug: str, party_slug: str) -> str:
    """IRI of one party's signature on one statement."""
    return (
        f"{ID}signature/{_check_slug(statement_slug, 'statement')}/"
        f"{_check_slug(party_slug, 'party')}"
    )


def mention(statement_slug: str, kind: str, target: str) -> str:
    """IRI of the qualified mention of ``target`` (a ``kind`` id) in a statement.

    Examples
    --------
    >>> mention("s-1234abcd", "country", "KP")
    'https://w3id.org/partygraph/id/mention/s-1234abcd/country-KP'
    """
    return f"{ID}mention/{_check_slug(statement_slug, 'statement')}/{kind}-{target}"


def change(old_slug: str, new_slug: str) -> str:
    """IRI of the rename (an ``org:ChangeEvent``) of party ``old_slug`` into ``new_slug``.

    Examples
    --------
    >>> change("ppr", "pcpe")
    'https://w3id.org/partygraph/id/change/ppr--pcpe'
    """
    return f"{ID}change/{_check_slug(old_slug, 'party')}--{_check_slug(new_slug, 'party')}"


def country(iso2: str) -> str:
    """IRI of a country from its ISO 3166-1 alpha-2 code (case-insensitive).

    Raises
    ------
    ValueError
        If ``iso2`` is not two Latin letters.

    Examples
    --------
    >>> country("KP")
    'https://w3id.org/partygraph/id/country/KP'
    """
    code = iso2.strip().upper()
    if not _ISO2.match(code):
        raise ValueError(f"not an ISO 3166-1 alpha-2 code: {iso2!r}")
    return f"{ID}country/{code}"


def source(sha256: str) -> str:
    """IRI of a source document (and of its named graph) from the sha256 of its bytes.

    Raises
    ------
    ValueError
        If ``sha256`` is not 64 lowercase hex digits.
    """
    if not _SHA256.match(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return f"{ID}source/{sha256}"


def wikidata(qid: str) -> str:
    """Wikidata entity IRI from a QID (``Q123``) or a Wikidata URL.

    Raises
    ------
    ValueError
        If no QID can be read.

    Examples
    --------
    >>> wikidata("Q216187")
    'http://www.wikidata.org/entity/Q216187'
    >>> wikidata("https://www.wikidata.org/wiki/Q216187")
    'http://www.wikidata.org/entity/Q216187'
    """
    m = _QID.search(qid.strip())
    if not m:
        raise ValueError(f"not a Wikidata QID: {qid!r}")
    return WD + m.group(1)


def file_stem(source_name: str) -> str:
    """The file name without extension of a path or URL (``""`` if there is none).

    Examples
    --------
    >>> file_stem("data/statements/ecm2011-resolution-on-belarus.txt")
    'ecm2011-resolution-on-belarus'
    >>> file_stem("https://example.org/news/2018/solidarity.html?x=1")
    'solidarity'
    """
    path = urlparse(source_name).path if "://" in source_name else source_name
    return PurePosixPath(unquote(path).replace("\\", "/")).stem


def file_name(source_name: str) -> str:
    """The last path segment of a path or URL.

    Examples
    --------
    >>> file_name("data/statements/a.txt")
    'a.txt'
    """
    path = urlparse(source_name).path if "://" in source_name else source_name
    return PurePosixPath(unquote(path).replace("\\", "/")).name or source_name


def statement_slug(
    sha256: str, title: str | None = None, headline: str | None = None, source: str = ""
) -> str:
    """Slug of a statement: its title (or headline, or file stem) cut to 60 chars + sha256[:8].

    The digest suffix keeps two statements with the same title apart.

    Examples
    --------
    >>> statement_slug("ab" * 32, title="Solidarity with the Korean people")
    'solidarity-with-the-korean-people-abababab'
    >>> statement_slug("0f" * 32, source="x/Déclaration.txt")
    'declaration-0f0f0f0f'
    >>> statement_slug("0f" * 32, title="中文")
    'statement-0f0f0f0f'
    """
    for text in (title, headline, file_stem(source) if source else None):
        if text and (base := slugify(text, 60)):
            return f"{base}-{sha256[:8]}"
    return f"statement-{sha256[:8]}"


def meeting_slug(m: Meeting, *, year: str | None = None, fallback: str | None = None) -> str:
    """Slug of a meeting, shared by every document that names the same meeting.

    ``<series>-<ordinal>`` when the ordinal is known (``imcwp-20``), else
    ``<series or name>-<start date or year>-<city>`` (``ecm-2011-04-11-brussels``).
    A meeting with neither an ordinal nor a date cannot be recognised across
    documents, so ``fallback`` (the statement's digest prefix) is appended to keep it
    local to its document.

    Parameters
    ----------
    m
        The meeting as extracted.
    year
        A year (or date) to use when the meeting has no start date, e.g. the
        statement's date.
    fallback
        Suffix used when the meeting cannot be told apart by date or ordinal.

    Examples
    --------
    >>> meeting_slug(Meeting(ordinal=20, series="imcwp"))
    'imcwp-20'
    >>> meeting_slug(Meeting(series="ecm", city="Brussels", start="2011-04-11"))
    'ecm-2011-04-11-brussels'
    >>> meeting_slug(Meeting(name="Meeting of Balkan Parties", city="Sofia"), year="1999-04-02")
    'meeting-of-balkan-parties-1999-sofia'
    >>> meeting_slug(Meeting(city="Lisbon"), fallback="1a2b3c4d")
    'meeting-lisbon-1a2b3c4d'
    """
    head = m.series or slugify(m.name or "", 40) or "meeting"
    if m.ordinal is not None:
        return f"{head}-{m.ordinal}"
    when = m.start or (year[:4] if year else None)
    parts = [head, when, slugify(m.city or "", 30) or None]
    if when is None and fallback:
        parts.append(fallback)
    return "-".join(p for p in parts if p)
