"""Read statement documents into :class:`~partygraph.extract.model.StatementRecord`.

Extraction knows no registry and no IRIs: it reports what a document prints (title,
dates, place, meeting, initiators, every signatory line in order) and a warning for
every uncertainty.

Examples
--------
>>> rec = read_bytes(b"Declaration\\n\\nWe support peace now.\\n\\nSigned by:\\n- KKE\\n- PCP\\n",
...                  "d.txt")
>>> rec.title, [p.as_printed for p in rec.signatories]
('Declaration', ['KKE', 'PCP'])
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from partygraph.errors import PartygraphError
from partygraph.extract.decode import decode
from partygraph.extract.model import Meeting, Place, PrintedParty, StatementRecord
from partygraph.extract.reader import read_text
from partygraph.files import path_text, read_document_bytes

__all__ = [
    "Meeting",
    "Place",
    "PrintedParty",
    "StatementRecord",
    "load_bytes",
    "media_type_of",
    "read_bytes",
    "read_document",
]

_SUFFIX_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
}
_MEDIA_ALIASES = {
    "": None,
    "text/plain": "text/plain",
    "text": "text/plain",
    "txt": "text/plain",
    "plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
    "markdown": "text/markdown",
    "md": "text/markdown",
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "html": "text/html",
    "htm": "text/html",
}
_PAGE_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p>)", re.IGNORECASE
)


def media_type_of(source: str, data: bytes | None = None) -> str:
    """The media type to read a document as, from its suffix or its first bytes.

    Examples
    --------
    >>> media_type_of("a.md"), media_type_of("page.HTM"), media_type_of("x", b"<html>")
    ('text/markdown', 'text/html', 'text/html')
    >>> media_type_of("saved.txt", b"<!DOCTYPE html><html><body>...")
    'text/html'
    """
    suffix = Path(source.split("?")[0]).suffix.lower()
    if suffix in _SUFFIX_TYPES and suffix not in (".txt", ".text"):
        return _SUFFIX_TYPES[suffix]
    if data is not None:
        head = data[:512].lstrip(b"\xef\xbb\xbf\xff\xfe")
        flat = head.replace(b"\x00", b"")
        # a page saved with a .txt name is still a page; other .txt files are text
        sniff = _PAGE_SNIFF if suffix in (".txt", ".text") else _HTML_SNIFF
        if sniff.match(head) or sniff.match(flat):
            return "text/html"
    return "text/plain"


def _heading(m: re.Match[str]) -> str:
    # the heading's text without its closing hashes ("## Title ##")
    return "\n" + m.group(1).rstrip().rstrip("#").rstrip() + "\n"


# Every rule is linear in its input: no character class of a rule's body matches the
# character that starts the next attempt ("[" in a link text, "(" in its target), and
# a heading's tail is stripped by _heading, not by a lazy group (500,000 "[" then "]("
# took minutes).
_MD_RULES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*)$\s*$", re.M), _heading),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)"), ""),
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),
    (re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),
    (re.compile(r"__([^_\n]+)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\s\n][^*\n]*?)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_([^_\s\n][^_\n]*?)_(?![\w_])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
    (re.compile(r"<[^<>\n]{1,200}>"), ""),
]


_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_tables(md: str) -> str:
    """Table rows become ``cell – cell`` lines; separator rows go."""
    if "|" not in md:
        return md
    out: list[str] = []
    prev_row = False
    for line in md.split("\n"):
        s = line.strip()
        if s.startswith("|") and s.endswith("|") and len(s) > 2:
            if _MD_TABLE_SEP.match(s):
                if prev_row:
                    out.pop()  # the header row names the columns
                prev_row = False
                continue
            prev_row = True
            cells = [c.strip() for c in s[1:-1].split("|")]
            out.append(" – ".join(c for c in cells if c))
        else:
            prev_row = False
            out.append(line)
    return "\n".join(out)


def markdown_to_text(md: str) -> str:
    """Strip Markdown markup, keeping headings as paragraphs and list markers as printed.

    Examples
    --------
    >>> markdown_to_text("# Title\\n**Signed by:**\\n* [KKE](http://kke.gr)\\n1\\\\. PCP")
    '\\nTitle\\n\\nSigned by:\\n* KKE\\n1. PCP'
    """
    md = _md_tables(md)
    for rx, rep in _MD_RULES:
        md = rx.sub(rep, md)
    return md


def read_bytes(
    data: bytes,
    source: str,
    media_type: str | None = None,
    known_names: Iterable[str] = (),
) -> StatementRecord:
    """Read a statement from raw bytes.

    Parameters
    ----------
    data
        The document's bytes (text, Markdown or HTML; UTF-8, UTF-16, cp1252, Latin-1).
    source
        The path or URL it came from (kept in the record, named in errors).
    media_type
        ``text/plain``, ``text/markdown`` or ``text/html``; guessed from ``source`` and the
        bytes when ``None``.
    known_names
        Party names the caller knows (e.g. a registry's names and aliases): names
        printed run together on one line are split at them first, longest first.

    Returns
    -------
    StatementRecord

    Raises
    ------
    PartygraphError
        Empty, binary or undecodable input.

    Examples
    --------
    >>> read_bytes(b"", "e.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: e.txt: empty document; expected a text, ...
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise PartygraphError("expected bytes", source=source)
    data = bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    text, encoding, warnings = decode(data, source)
    mt = _MEDIA_ALIASES.get((media_type or "").lower().split(";")[0].strip())
    if media_type and mt is None:
        raise PartygraphError(
            f"unknown media type {media_type!r}; expected text/plain, text/markdown or text/html",
            source=source,
        )
    mt = mt or media_type_of(source, data)
    title_hint = published = lang = None
    if mt == "text/html":
        from partygraph.extract.html import html_to_text

        h = html_to_text(text)
        text, title_hint, published, lang = h.text, h.title, h.published, h.language
        warnings.extend(h.warnings)
        if not text.strip():
            raise PartygraphError("HTML page has no readable text", source=source)
    elif mt == "text/markdown":
        text = markdown_to_text(text)
    return read_text(
        text,
        source=source,
        sha256=sha,
        media_type=mt,
        encoding=encoding,
        title_hint=title_hint,
        published_hint=published,
        language_hint=lang,
        warnings=warnings,
        known_names=known_names,
    )


def load_bytes(path: str | Path) -> bytes:
    """The raw bytes of a statement document file, or one clear error naming it.

    Only a regular file within the document size limit is read, and its size is
    checked before a byte is (see :func:`partygraph.files.read_document_bytes`).

    Raises
    ------
    PartygraphError
        Missing or unreadable file, a folder, not a regular file (a named pipe, a
        device), or larger than the limit.
    """
    return read_document_bytes(path)


def read_document(path: str | Path, known_names: Iterable[str] = ()) -> StatementRecord:
    """Read a statement document from a file.

    Parameters
    ----------
    path
        A ``.txt``, ``.md`` or ``.html`` file.
    known_names
        Party names the caller knows (see :func:`read_bytes`).

    Returns
    -------
    StatementRecord

    Raises
    ------
    PartygraphError
        Missing or unreadable file, a folder, empty, binary or undecodable content.

    Examples
    --------
    >>> read_document("no/such/file.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: no/such/file.txt: no such file; expected ...
    """
    return read_bytes(load_bytes(path), path_text(path), known_names=known_names)
