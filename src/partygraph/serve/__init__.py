"""``partygraph serve``: a read-only SPARQL endpoint and a browsable explorer of the graph.

Examples
--------
>>> from partygraph.serve import Request, create_app
>>> from partygraph.store import open_store
>>> app = create_app(open_store(), workers=1)
>>> r = app.handle(Request("GET", "/sparql?query=ASK%7B%7D", {"host": "127.0.0.1:8000"}))
>>> r.status, r.content_type, r.text
(200, 'application/sparql-results+json; charset=utf-8', '{"head": {}, "boolean": true}')
>>> app.handle(Request("GET", "/", {"host": "evil.example:8000"})).status
403
>>> app.close()
"""

from partygraph.serve.app import App, Request, Response, create_app, make_server, serve
from partygraph.serve.worker import StoreOpener, WorkerPool

__all__ = [
    "App",
    "Request",
    "Response",
    "StoreOpener",
    "WorkerPool",
    "create_app",
    "make_server",
    "serve",
]
