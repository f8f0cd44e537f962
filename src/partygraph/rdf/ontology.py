"""The ontology file as quads, for loading next to the data (graph ``graph/ontology``).

With the ontology in the store, SPARQL queries can read class and property labels
and comments (e.g. to label a chart axis) without a second source.

Examples
--------
>>> qs = ontology_quads()
>>> all(q.graph_name.value.endswith("graph/ontology") for q in qs)
True
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from partygraph.errors import PartygraphError
from partygraph.paths import ontology_dir
from partygraph.rdf.namespaces import ONTOLOGY_GRAPH

__all__ = ["ontology_quads"]


def ontology_quads(path: Path | None = None) -> list[pyoxigraph.Quad]:
    """Parse ``ontology/partygraph.ttl`` into quads of the graph ``graph/ontology``.

    Parameters
    ----------
    path
        Another ontology file (Turtle).

    Returns
    -------
    list[pyoxigraph.Quad]
        The ontology's triples; its few blank nodes (``owl:unionOf`` lists) are kept.

    Raises
    ------
    PartygraphError
        If the file is missing or not valid Turtle.
    """
    path = path or ontology_dir() / "partygraph.ttl"
    graph = pyoxigraph.NamedNode(ONTOLOGY_GRAPH)
    try:
        with path.open("rb") as f:
            triples = list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))
    except FileNotFoundError:
        raise PartygraphError("file not found", source=str(path)) from None
    except SyntaxError as e:
        raise PartygraphError(f"not valid Turtle: {e}", source=str(path)) from None
    return [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
