"""Where the bundled data lives in a source checkout, and under which name in the package.

Read by ``setup.py`` (it copies these folders into the wheel as ``partygraph/_data/``)
and by :mod:`partygraph.paths` (an editable install reads them from the checkout), so
this file imports nothing.
"""

#: package-data name -> folder of the source checkout (relative to its top)
BUNDLED = {
    "ontology": "ontology",
    "registry": "data/registry",
    "statements": "data/statements",
    "queries": "queries",
}
