"""The hand-written fixture graph in a store.

The real ``partygraph.store.EmbeddedStore`` is tested separately when it is
importable; this minimal adapter over ``pyoxigraph.Store`` implements the one
method the network stage needs (``select`` returning rdflib terms).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

FIXTURE = Path(__file__).with_name("fixture.trig")


def _rdflib(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(type(term))


class OxigraphAdapter:
    """In-memory pyoxigraph store with the GraphStore ``select`` signature."""

    def __init__(self, trig: Path):
        self.store = ox.Store()
        with trig.open("rb") as fh:
            self.store.load(fh, ox.RdfFormat.TRIG)

    def select(self, query: str, bindings: dict[str, Any] | None = None) -> Any:
        assert not bindings
        res = self.store.query(query, use_default_graph_as_union=True)
        columns = [v.value for v in res.variables]
        rows = [tuple(_rdflib(sol[c]) for c in columns) for sol in res]
        return type("Table", (), {"columns": columns, "rows": rows})()
