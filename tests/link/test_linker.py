"""``link wikidata`` against a real local SPARQL server holding a Wikidata-shaped fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TO_FIND
from servers import FlakyProxy

from partygraph.link import review
from partygraph.link.identifiers import qids, read_identifiers
from partygraph.link.linker import link_wikidata
from partygraph.link.wikidata import USER_AGENT, SparqlClient
from partygraph.paths import registry_dir

pytestmark = pytest.mark.server

YEARS = {
    "communist-party-of-greece": (2011, 2018),
    "french-communist-party": (2011, 2018),
    "communist-party-of-britain": (2008, 2018),
}


def test_links_modern_parties_and_sends_namesakes_to_review(
    counting_proxy: FlakyProxy, registry_copy: Path, tmp_path: Path
) -> None:
    proxy = counting_proxy
    before = (registry_dir() / "identifiers.csv").read_bytes()
    client = SparqlClient(proxy.url + "/query", cache_dir=tmp_path / "cache")
    report = link_wikidata(registry_copy, client, years=YEARS, who="test")
    asked = len(proxy.requests)
    linked = qids(read_identifiers(registry_copy))
    assert {p: linked.get(p) for p in TO_FIND} == {
        "communist-party-of-greece": "Q192406",  # not the decoy dissolved in 1930
        "french-communist-party": "Q192821",  # P31 a subclass of Q7278
        "portuguese-communist-party": "Q769829",  # found by its Portuguese label
    }
    status = {o.party: o.status for o in report.outcomes}
    assert status["communist-party-of-britain"] == "review"  # only the 1920-91 namesake
    assert status["communist-party-of-azerbaijan"] == "review"  # two equal candidates
    assert report.count("linked") == 3 and report.count("review") == 2
    pending = {(r.registry_id, r.qid) for r in review.pending(registry_copy)}
    assert pending == {
        ("communist-party-of-britain", "Q900000002"),
        ("communist-party-of-azerbaijan", "Q900000004"),
        ("communist-party-of-azerbaijan", "Q900000005"),
    }
    cpb = next(r for r in review.pending(registry_copy) if r.qid == "Q900000002")
    assert "dissolved 1991, before its first statement (2008)" in cpb.evidence
    assert float(cpb.score) <= 0.5
    # one request per unlinked party, each with the descriptive User-Agent
    assert asked == report.requests == len(report.outcomes)
    assert all(h.get("User-Agent") == USER_AGENT for _, _, h in proxy.requests)
    assert "contact" in USER_AGENT
    # the source of an accepted link names the endpoint and its score; logged
    kke = next(
        i
        for i in read_identifiers(registry_copy)
        if (i.registry_id, i.scheme) == (TO_FIND[0], "wikidata")
    )
    assert (
        kke.source.startswith("partygraph link wikidata http://127.0.0.1")
        and "score 0.95" in kke.source
    )
    assert kke.retrieved
    assert [r["action"] for r in review.read_log(registry_copy)] == ["auto-accept"] * 3
    # the project's registry is untouched: fixture data never reaches data/registry
    assert (registry_dir() / "identifiers.csv").read_bytes() == before
    assert not (registry_dir() / "link-candidates.csv").exists()
    assert not (registry_dir() / "links-log.csv").exists()

    # a re-run asks nothing: linked parties are skipped, the others come from the cache
    again = link_wikidata(
        registry_copy,
        SparqlClient(proxy.url + "/query", cache_dir=tmp_path / "cache"),
        years=YEARS,
    )
    assert len(proxy.requests) == asked
    assert again.requests == 0 and again.count("review") == 2 and again.count("linked") == 0


def test_a_rejected_candidate_is_not_proposed_again(
    wikidata_server: str, registry_copy: Path, tmp_path: Path
) -> None:
    client = SparqlClient(wikidata_server, cache_dir=tmp_path / "cache")
    parties = ["communist-party-of-britain"]
    link_wikidata(registry_copy, client, years=YEARS, parties=parties)
    review.reject(registry_copy, "communist-party-of-britain", "Q900000002", who="t", why="1920-91")
    report = link_wikidata(registry_copy, client, years=YEARS, parties=parties)
    assert report.outcomes[0].status == "none" and review.pending(registry_copy) == []
    review.undo(registry_copy, "communist-party-of-britain", "Q900000002", who="t")
    assert [r.qid for r in review.pending(registry_copy)] == ["Q900000002"]


def test_without_statement_years_a_dissolved_item_is_never_auto_accepted(
    wikidata_server: str, registry_copy: Path
) -> None:
    # no years: a dissolved item may be a namesake, so it is capped below the threshold
    client = SparqlClient(wikidata_server)
    parties = ["communist-party-of-greece", "communist-party-of-britain"]
    report = {o.party: o for o in link_wikidata(registry_copy, client, parties=parties).outcomes}
    kke, cpb = report["communist-party-of-greece"], report["communist-party-of-britain"]
    assert kke.status == "linked"
    assert [(s.candidate.qid, s.score) for s in kke.ranked] == [
        ("Q192406", 0.9),
        ("Q900000001", 0.8),
    ]
    assert cpb.status == "review" and cpb.ranked[0].score == 0.8
    assert "statement years unknown" in cpb.ranked[0].evidence[-1]
