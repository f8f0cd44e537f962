"""The one error type users see.

Every failure caused by user input (a file, a parameter, a query name, an endpoint)
is raised as :class:`PartygraphError`. The CLI prints ``str(error)`` as one line on
stderr and exits 1; the library lets callers catch it. Anything else is a bug.
"""

from __future__ import annotations


class PartygraphError(Exception):
    """A user-facing error: names the file (or field), where, and what was expected.

    Examples
    --------
    >>> str(PartygraphError("empty document", source="a.txt"))
    'a.txt: empty document'
    >>> str(PartygraphError("expected YYYY-MM-DD", source="q.rq", where="param since"))
    'q.rq: param since: expected YYYY-MM-DD'
    """

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None):
        self.message = message
        self.source = source
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.where, self.message) if p]
        return ": ".join(parts)
