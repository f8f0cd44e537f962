"""The one error type users see.

Every failure caused by user input (a file, a parameter, a query name, an endpoint)
is raised as :class:`PartygraphError`. The CLI prints ``str(error)`` as one line on
stderr and exits 1; the library lets callers catch it. Anything else is a bug.

``str(error)`` is always one printable line: a newline in a file name, a control
character or a byte that is not UTF-8 (a file name Python decoded with
``surrogateescape``) is shown escaped.
"""

from __future__ import annotations


class PartygraphError(Exception):
    r"""A user-facing error: names the file (or field), where, and what was expected.

    Examples
    --------
    >>> str(PartygraphError("empty document", source="a.txt"))
    'a.txt: empty document'
    >>> str(PartygraphError("expected YYYY-MM-DD", source="q.rq", where="param since"))
    'q.rq: param since: expected YYYY-MM-DD'
    >>> print(PartygraphError("empty document", source="two\nlines\udcff.txt"))
    two\nlines\xff.txt: empty document
    """

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None):
        self.message = message
        self.source = source
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.where, self.message) if p]
        return printable(": ".join(parts))


def printable(text: str) -> str:
    r"""``text`` on one line: control characters escaped, undecodable bytes as ``\xNN``.

    Examples
    --------
    >>> printable("a\tb")
    'a\\tb'
    >>> printable("caf\udce9")  # the byte 0xE9 of a Latin-1 file name
    'caf\\xe9'
    >>> printable("Κομμουνιστικό")
    'Κομμουνιστικό'
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte code - 0xDC00
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class PartialWriteError(PartygraphError):
    """A write of several named graphs that stopped midway: ``written`` landed, the rest
    did not (a remote server writes one graph per request).

    Examples
    --------
    >>> e = PartialWriteError("server error (HTTP 500)", written=["http://ex/g1"])
    >>> e.written, str(e)
    (['http://ex/g1'], 'server error (HTTP 500)')
    """

    def __init__(self, message: str, *, written: list[str], source: str | None = None):
        super().__init__(message, source=source)
        self.written = written
