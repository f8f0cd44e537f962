"""Bytes to text: BOMs, UTF-8, UTF-16, then cp1252/Latin-1 and friends, or a clear error."""

from __future__ import annotations

import codecs
import re

from partygraph.errors import PartygraphError

_MAGIC = [
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
]
_EXPECTED = "expected a text, Markdown or HTML document (UTF-8, UTF-16, cp1252 or Latin-1)"
# C0 controls other than tab/newline/CR/FF: a few in real text, many in binary data
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile("(?:â€[™œ\u009d˜“”¦¢]|Ã[\u00a0-\u00bf])")


def _looks_utf16(sample: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the NUL bytes sit (ASCII-heavy text)."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _utf16_by_text(sample: bytes) -> str | None:
    """UTF-16 without a BOM and with few ASCII characters (Greek, Cyrillic): accept the byte
    order whose decoding reads as text."""
    sample = sample[: len(sample) // 2 * 2]
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            t = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if not t or "\x00" in t:
            continue
        ok = sum(1 for c in t if c.isprintable() or c in "\n\r\t")
        letters = sum(1 for c in t if c.isalpha())
        spaces = sum(1 for c in t if c.isspace())
        if ok >= 0.97 * len(t) and letters >= 0.5 * len(t) and spaces >= 0.05 * len(t):
            return enc
    return None


def decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Decode a document's bytes.

    Parameters
    ----------
    data
        The raw bytes.
    source
        The file name or URL, for error messages.

    Returns
    -------
    tuple
        ``(text, encoding, warnings)``.

    Raises
    ------
    PartygraphError
        For empty, binary or undecodable input.

    Examples
    --------
    >>> decode("Ελλάδα".encode("utf-16"), "a.txt")[:2]
    ('Ελλάδα', 'utf-16')
    >>> decode("Workers’ Party".encode("cp1252"), "a.txt")[:2]
    ('Workers’ Party', 'cp1252')
    >>> decode(b"%PDF-1.4 ...", "a.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: a.pdf: binary file (a PDF file); expected a text, ...
    """
    warnings: list[str] = []
    if not data or not data.strip():
        raise PartygraphError(f"empty document; {_EXPECTED}", source=source)
    text: str | None = None
    encoding = ""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise PartygraphError(
                    f"undecodable: starts with a {enc} byte-order mark but byte {e.start} "
                    f"is not {enc}; {_EXPECTED}",
                    source=source,
                ) from None
            break
    if text is None:
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise PartygraphError(f"binary file ({what}); {_EXPECTED}", source=source)
        head = data[:65536]
        if b"\x00" in head:
            enc16 = _looks_utf16(head) or _utf16_by_text(head)
            if enc16 is None:
                raise PartygraphError(f"binary file (NUL bytes); {_EXPECTED}", source=source)
            try:
                text, encoding = data.decode(enc16), enc16
            except UnicodeDecodeError:
                raise PartygraphError(
                    f"undecodable: looks like UTF-16 but is not; {_EXPECTED}", source=source
                ) from None
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = _fallback(data, source)
                warnings.append(f"encoding: not UTF-8; read as {encoding}")
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise PartygraphError(f"binary file (control characters); {_EXPECTED}", source=source)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise PartygraphError(f"empty document (only white space); {_EXPECTED}", source=source)
    if _MOJIBAKE.search(sample):
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            fixed = None
        if fixed:
            text = fixed
            warnings.append("encoding: UTF-8 text had been read as cp1252 once; repaired")
    return text, encoding, warnings


def _fallback(data: bytes, source: str) -> tuple[str, str]:
    """Choose a legacy 8-bit encoding: charset-normalizer among likely ones, else cp1252."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(
            data[:200_000],
            cp_isolation=[
                "cp1252",
                "latin_1",
                "iso8859_15",
                "cp1253",
                "iso8859_7",
                "cp1251",
                "cp1250",
                "mac_roman",
            ],
        ).best()
    except Exception:  # a detector failure must not hide a readable document
        best = None
    candidates = ["cp1252", "latin_1"]
    # Short Western texts fool detectors into cp1250 & co; trust them only for Greek or
    # Cyrillic, where cp1252 would give nonsense.
    if best is not None and best.encoding in ("cp1253", "iso8859_7", "cp1251"):
        candidates.insert(0, best.encoding)
    for enc in candidates:
        try:
            return data.decode(enc), codecs.lookup(enc).name
        except (UnicodeDecodeError, LookupError):
            continue
    raise PartygraphError(f"undecodable; {_EXPECTED}", source=source)  # pragma: no cover
