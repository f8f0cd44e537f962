"""partygraph: joint statements of political parties as a knowledge graph."""

__version__ = "0.1.0"
