"""Links from registry parties to Wikidata and the party datasets researchers use.

* :mod:`~partygraph.link.identifiers`: ``identifiers.csv`` (QIDs, Party Facts and
  ParlGov IDs, with source and date);
* :mod:`~partygraph.link.wikidata`: a polite, caching SPARQL client;
* :mod:`~partygraph.link.score` and :mod:`~partygraph.link.linker`: ``partygraph link
  wikidata``; :mod:`~partygraph.link.review`: the review list;
* :mod:`~partygraph.link.enrich`: facts about linked parties in ``graph/wikidata``;
* :mod:`~partygraph.link.rdf`: identifiers in the registry graph;
* :mod:`~partygraph.link.reconcile`: the W3C reconciliation service over the registry.

The package imports nothing eagerly: :mod:`partygraph.rdf.convert` uses
:mod:`~partygraph.link.rdf`.
"""
