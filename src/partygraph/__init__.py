"""partygraph: joint statements of political parties as a knowledge graph.

:class:`Project` is the front door: ``Project().ingest(path)``, ``.query(name)`` ...
"""

__version__ = "0.1.0"

from partygraph.project import Project, Rows

__all__ = ["Project", "Rows", "__version__"]
