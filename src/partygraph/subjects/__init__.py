"""What a statement is about: the stage after resolve (subjects, mentions, stance).

:class:`SubjectFinder` reads the title, headline and body of a resolved statement and
fills its ``subjects`` and ``mentions`` (:mod:`partygraph.subjects.about` has the rules);
:class:`partygraph.resolve.Registry` only matches printed party lines.

>>> from partygraph.extract.model import StatementRecord
>>> from partygraph.resolve import Registry
>>> reg = Registry.load()
>>> rec = StatementRecord(source="x", sha256="0", title="Solidarity with Venezuela")
>>> [s.id for s in SubjectFinder(reg).annotate(reg.resolve(rec)).subjects]
['VE']
"""

from __future__ import annotations

from partygraph.subjects.about import *  # noqa: F403 (the public API of the stage)
from partygraph.subjects.about import __all__ as __all__
