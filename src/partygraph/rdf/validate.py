"""SHACL validation of partygraph data against ``ontology/shapes.ttl``.

Validation runs on the union of all named graphs (parties and countries live in the
registry graph, statements in document graphs), copied once into one rdflib graph.

Examples
--------
>>> from partygraph.rdf.convert import registry_quads
>>> from partygraph.resolve.model import Party
>>> report = validate(registry_quads([Party("kke", "Communist Party of Greece", "GR")],
...                                  {"GR": "Greece"}))
>>> report.conforms
True
>>> print(validate([]).text)
Conforms: no violations in 0 triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import SH

from partygraph.errors import PartygraphError
from partygraph.paths import ontology_dir
from partygraph.rdf.namespaces import PREFIXES
from partygraph.terms import to_rdflib

__all__ = [
    "ValidationInput",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "union_graph",
    "validate",
]

#: What :func:`validate` accepts: an rdflib graph or dataset, a pyoxigraph store, quads or
#: triples, or a GraphStore (anything with ``construct``).
ValidationInput = (
    rdflib.Graph | pyoxigraph.Store | Iterable[pyoxigraph.Quad | pyoxigraph.Triple] | Any
)

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: the node, the property path and what is wrong."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # compacted IRI (id:party/x) or blank-node label
    path: str | None  # compacted path (pg:signatory, ^pg:hasSignature)
    message: str
    value: str | None = None
    shape: str | None = None

    def line(self) -> str:
        """One readable line: ``Violation id:signature/s/p pg:signatory: message``."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity} {self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation.

    ``conforms`` is False when there is at least one result of severity Violation;
    warnings are listed but do not make the graph invalid.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    triples: int

    @property
    def violations(self) -> list[ValidationResult]:
        """Results of severity Violation."""
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        """Results of severity Warning or Info."""
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def text(self) -> str:
        """A readable report: a summary line, then one line per result."""
        nv, nw = len(self.violations), len(self.warnings)
        head = (
            f"Conforms: no violations in {self.triples} triples."
            if self.conforms
            else f"Does not conform: {nv} violation(s) in {self.triples} triples."
        )
        if nw:
            head += f" {nw} warning(s)."
        return "\n".join([head, *(r.line() for r in self.results)])

    def __str__(self) -> str:
        return self.text


def _compact(term: Any) -> str:
    if isinstance(term, rdflib.URIRef):
        iri = str(term)
        # Longest namespace first, so id: wins over a shorter prefix of it.
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    if isinstance(term, rdflib.Literal):
        return repr(str(term)) if len(str(term)) <= 80 else repr(str(term)[:77] + "...")
    return f"_:{term}"


def _path(graph: rdflib.Graph, node: Any) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return _compact(node)
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + (_path(graph, inverse) or "?")
    seq = list(Collection(graph, node)) if graph.value(node, rdflib.RDF.first) else []
    if seq:
        return "/".join(_path(graph, p) or "?" for p in seq)
    return "(complex path)"


@lru_cache(maxsize=4)
def _parse(path: str, mtime: float) -> rdflib.Graph:
    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError:
        raise PartygraphError("file not found", source=path) from None
    except Exception as e:  # a syntax error in a curated file the user may have edited
        raise PartygraphError(f"not valid Turtle: {e}", source=path) from None
    return g


def _load(path: Path) -> rdflib.Graph:
    if not path.is_file():
        raise PartygraphError("file not found", source=str(path))
    return _parse(str(path), path.stat().st_mtime)


def load_shapes(path: Path | None = None) -> rdflib.Graph:
    """Parse the SHACL shapes (``ontology/shapes.ttl`` by default); cached per file version."""
    return _load(path or ontology_dir() / "shapes.ttl")


def union_graph(data: ValidationInput) -> rdflib.Graph:
    """Copy the union of all graphs of ``data`` into one rdflib :class:`~rdflib.Graph`.

    ``data`` may be an rdflib Graph or Dataset, a pyoxigraph Store, an object with a
    ``construct(query)`` method (a partygraph GraphStore), or an iterable of
    pyoxigraph Quads or Triples.
    """
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        g = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    if isinstance(data, rdflib.Graph):
        return data
    if isinstance(data, pyoxigraph.Store):
        items: Iterable[Any] = data.quads_for_pattern(None, None, None, None)
    elif hasattr(data, "construct"):
        items = data.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    else:
        items = data
    g = rdflib.Graph()
    cache: dict[Any, Any] = {}

    def conv(t: Any) -> Any:
        r = cache.get(t)
        if r is None:
            r = cache[t] = to_rdflib(t)
        return r

    add = g.add
    for q in items:
        add((conv(q.subject), conv(q.predicate), conv(q.object)))
    return g


def validate(
    data: ValidationInput,
    *,
    shapes: Path | None = None,
    inference: str | None = None,
) -> ValidationReport:
    """Validate partygraph data against the SHACL shapes.

    Parameters
    ----------
    data
        An rdflib Graph or Dataset, a pyoxigraph Store, a GraphStore (anything with
        ``construct``), or an iterable of pyoxigraph Quads/Triples. Named graphs are
        merged: validation sees their union.
    shapes
        Another shapes file (default ``ontology/shapes.ttl``).
    inference
        ``None`` (default, fastest: partygraph data is explicitly typed) or ``"rdfs"``
        to expand the data with the ontology's RDFS entailments first.

    Returns
    -------
    ValidationReport
        ``conforms`` and one :class:`ValidationResult` per problem, violations first.
    """
    graph = union_graph(data)
    shacl = load_shapes(shapes)
    ont = _load(ontology_dir() / "partygraph.ttl") if inference else None
    import pyshacl  # a fifth of a second to import: only for a validation, not every command

    conforms, results_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shacl,
        ont_graph=ont,
        inference=inference or "none",
        allow_warnings=True,
        allow_infos=True,
        inplace=False,
    )
    results = []
    for r in results_graph.objects(None, SH.result):
        sev = results_graph.value(r, SH.resultSeverity)
        severity = str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"
        msgs = sorted(str(m) for m in results_graph.objects(r, SH.resultMessage))
        value = results_graph.value(r, SH.value)
        shape = results_graph.value(r, SH.sourceShape)
        results.append(
            ValidationResult(
                severity=severity,
                focus=_compact(results_graph.value(r, SH.focusNode)),
                path=_path(results_graph, results_graph.value(r, SH.resultPath)),
                message="; ".join(msgs) or "constraint violated",
                value=_compact(value) if value is not None else None,
                shape=_compact(shape) if isinstance(shape, rdflib.URIRef) else None,
            )
        )
    results.sort(
        key=lambda r: (_SEVERITY_ORDER.get(r.severity, 3), r.focus, r.path or "", r.message)
    )
    violated = any(r.severity == "Violation" for r in results)
    return ValidationReport(
        conforms=bool(conforms) and not violated, results=tuple(results), triples=len(graph)
    )
