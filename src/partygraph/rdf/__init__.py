"""RDF stage: resolved statements -> pyoxigraph quads under the partygraph ontology.

IRIs (:mod:`partygraph.rdf.iris`), namespaces (:mod:`partygraph.rdf.namespaces`),
conversion (:mod:`partygraph.rdf.convert`; subjects and mentions in
:mod:`partygraph.rdf.subjects`), SHACL validation
(:mod:`partygraph.rdf.validate`) and compact JSON-LD (:mod:`partygraph.rdf.jsonld`).
This stage writes nothing: the store loads what it returns.
"""

from partygraph.rdf import iris, namespaces
from partygraph.rdf.convert import (
    meeting_label,
    registry_quads,
    statement_quads,
    to_rdflib_dataset,
    versioned_registry_quads,
)
from partygraph.rdf.jsonld import jsonld_context, serialize_jsonld
from partygraph.rdf.ontology import ontology_quads
from partygraph.rdf.subjects import subject_quads
from partygraph.rdf.validate import ValidationReport, ValidationResult, validate

__all__ = [
    "ValidationReport",
    "ValidationResult",
    "iris",
    "jsonld_context",
    "meeting_label",
    "namespaces",
    "ontology_quads",
    "registry_quads",
    "serialize_jsonld",
    "statement_quads",
    "subject_quads",
    "to_rdflib_dataset",
    "validate",
    "versioned_registry_quads",
]
