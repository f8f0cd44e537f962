"""The reconciliation service: W3C Entity Reconciliation API shapes, speed, extension."""

from __future__ import annotations

import json
import time

import pytest

from partygraph.link.reconcile import Reconciler
from partygraph.resolve import Registry


@pytest.fixture(scope="module")
def reconciler() -> Reconciler:
    return Reconciler()


def test_manifest_has_the_required_fields(reconciler: Reconciler) -> None:
    m = reconciler.answer({})
    assert m["versions"] == ["0.2"]
    assert {"name", "identifierSpace", "schemaSpace", "defaultTypes", "view"} <= set(m)
    assert m["identifierSpace"] == "https://w3id.org/partygraph/id/party/"
    assert "{{id}}" in m["view"]["url"]
    assert all({"id", "name"} <= set(t) for t in m["defaultTypes"])
    json.dumps(m)  # serialisable as is


def test_batch_results_follow_the_documented_shape(reconciler: Reconciler) -> None:
    queries = {
        "q0": {"query": "Kommunistische Partei Griechenlands (KKE)", "type": "Party", "limit": 3},
        "q1": {"query": "Partido Comunista Português"},
        "q2": {"query": "Communist Party", "properties": [{"pid": "country", "v": "France"}]},
        "q3": {"query": "A party nobody has heard of"},
        "q4": {"query": "KKE", "type": "Country"},
    }
    out = json.loads(json.dumps(reconciler.answer({"queries": json.dumps(queries)})))
    assert set(out) == set(queries)
    for key in out:
        for r in out[key]["result"]:
            assert {"id", "name", "score", "match", "type"} <= set(r)
            assert isinstance(r["score"], float) and isinstance(r["match"], bool)
    kke = out["q0"]["result"][0]
    assert kke["id"] == "communist-party-of-greece" and kke["match"] is True
    assert "wikidata Q192406" in kke["description"]
    assert len(out["q0"]["result"]) <= 3
    assert out["q1"]["result"][0]["id"] == "portuguese-communist-party"
    assert out["q2"]["result"][0]["id"] == "french-communist-party"
    assert not any(r["match"] for r in out["q3"]["result"])
    assert out["q4"]["result"] == []  # not a type this service knows


def test_country_property_accepts_codes_and_names_in_other_languages(
    reconciler: Reconciler,
) -> None:
    for value in ("GR", "Greece", "Grecia", "Ελλάδα"):
        q = {"query": "Communist Party", "properties": [{"pid": "country", "v": value}]}
        assert reconciler.candidates(q)[0]["id"] == "communist-party-of-greece", value


def test_single_query_and_bad_json(reconciler: Reconciler) -> None:
    assert reconciler.answer({"query": "AKEL"})["result"][0]["id"] == "akel"
    assert reconciler.answer({"query": '{"query": "AKEL"}'})["result"][0]["id"] == "akel"
    with pytest.raises(ValueError, match="field queries: expected JSON"):
        reconciler.answer({"queries": "{not json"})


def test_data_extension_returns_qids_and_party_facts_ids(reconciler: Reconciler) -> None:
    request = {
        "ids": ["communist-party-of-greece", "communist-party-of-britain", "nobody"],
        "properties": [{"id": "wikidata"}, {"id": "partyfacts"}, {"id": "country"}],
    }
    out = reconciler.answer({"extend": json.dumps(request)})
    assert [m["id"] for m in out["meta"]] == ["wikidata", "partyfacts", "country"]
    assert out["rows"]["communist-party-of-greece"] == {
        "wikidata": [{"str": "Q192406"}],
        "partyfacts": [{"str": "48"}],
        "country": [{"str": "GR"}],
    }
    assert out["rows"]["communist-party-of-britain"]["wikidata"] == []
    assert out["rows"]["nobody"] == {"wikidata": [], "partyfacts": [], "country": []}
    assert {p["id"] for p in reconciler.properties()["properties"]} >= {"wikidata", "parlgov"}


def test_a_batch_of_100_names_takes_under_a_second() -> None:
    registry = Registry.load()
    names = [n for p in registry.parties() for n in (p.name, *p.aliases)]
    batch = {
        f"q{i}": {"query": n if i % 4 else n.upper().replace("PARTY", "PARTTY"), "limit": 3}
        for i, n in enumerate(names[:100])
    }
    assert len(batch) == 100
    start = time.perf_counter()
    out = Reconciler().reconcile(batch)  # a fresh service: loading counts too
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, elapsed
    matched = sum(1 for v in out.values() if v["result"] and v["result"][0]["match"])
    assert matched >= 70
