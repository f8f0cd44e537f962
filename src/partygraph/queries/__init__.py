"""Saved SPARQL queries: the catalogue in ``queries/*.rq``, typed parameters, running them.

Examples
--------
>>> from partygraph.queries import Catalogue
>>> q = Catalogue.load().get("co-signers")
>>> q.title, [(p.name, p.type, p.required) for p in q.params]
('Top co-signers of a party', [('party', 'party', True), ('min', 'integer', False)])
"""

from partygraph.queries.catalogue import (
    PARAM_TYPES,
    Catalogue,
    Param,
    SavedQuery,
    load_query_file,
    parse_query,
)
from partygraph.queries.params import bind_params, convert
from partygraph.queries.run import (
    GRAPH_FORMATS,
    Page,
    Result,
    example_params,
    graph_text,
    plain,
    result_text,
    rows_plain,
    run,
    run_all,
    run_query,
    to_csv,
    to_dataframe,
    to_json,
    to_records,
    to_tsv,
)

__all__ = [
    "GRAPH_FORMATS",
    "PARAM_TYPES",
    "Catalogue",
    "Page",
    "Param",
    "Result",
    "SavedQuery",
    "bind_params",
    "convert",
    "example_params",
    "graph_text",
    "load_query_file",
    "parse_query",
    "plain",
    "result_text",
    "rows_plain",
    "run",
    "run_all",
    "run_query",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_records",
    "to_tsv",
]
