"""``/reconcile``: the reconciliation service (W3C Entity Reconciliation API) mounted in serve."""

from __future__ import annotations

import json
import time
from urllib.parse import quote, urlencode

from partygraph.serve import Request

from .conftest import get


def _post(app, target: str, form: dict[str, str]):
    body = urlencode(form).encode()
    headers = {"host": "127.0.0.1", "content-type": "application/x-www-form-urlencoded"}
    return app.handle(Request("POST", target, headers, body))


def test_manifest_on_get(app):
    r = get(app, "/reconcile")
    assert r.status == 200 and r.content_type.startswith("application/json")
    manifest = json.loads(r.body)
    assert manifest["versions"] == ["0.2"] and "identifierSpace" in manifest


def test_a_batch_posted_as_openrefine_does(app):
    queries = {
        "q0": {"query": "Partido Comunista Português"},
        "q1": {"query": "Kommunistische Partei Griechenlands"},
    }
    r = _post(app, "/reconcile", {"queries": json.dumps(queries)})
    assert r.status == 200
    out = json.loads(r.body)
    assert out["q0"]["result"][0]["id"] == "portuguese-communist-party"
    assert out["q1"]["result"][0]["id"] == "communist-party-of-greece"


def test_a_batch_of_100_names_over_http_takes_under_a_second(app):
    get(app, "/reconcile")  # loads the registry once
    names = ["Communist Party of Greece", "PCP", "Partito Comunista", "KKE (Greece)"] * 25
    batch = {f"q{i}": {"query": n} for i, n in enumerate(names)}
    start = time.perf_counter()
    r = get(app, "/reconcile?queries=" + quote(json.dumps(batch)))
    assert r.status == 200 and len(json.loads(r.body)) == 100
    assert time.perf_counter() - start < 1.0


def test_bad_json_and_unknown_paths(app):
    assert get(app, "/reconcile?queries=" + quote("{not json")).status == 400
    assert get(app, "/reconcile/nothing").status == 404
    props = json.loads(get(app, "/reconcile/properties").body)
    assert props["properties"]
