"""The SPARQL client's etiquette: Retry-After, back-off, cache, clear errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from servers import FlakyProxy, free_port

from partygraph.errors import PartygraphError
from partygraph.link.wikidata import SparqlClient

pytestmark = pytest.mark.server

ASK_PARTIES = (
    "SELECT ?item WHERE { ?item <http://www.wikidata.org/prop/direct/P31> ?c } ORDER BY ?item"
)


def test_waits_as_long_as_retry_after_says(wikidata_server: str) -> None:
    with FlakyProxy(
        wikidata_server.rsplit("/", 1)[0], fail_first=2, fail_status=429, retry_after="1"
    ) as proxy:
        client = SparqlClient(proxy.url + "/query")
        start = time.monotonic()
        rows, retrieved = client.select(ASK_PARTIES)
        elapsed = time.monotonic() - start
        assert len(proxy.requests) == 3
    assert client.requests == 3 and client.waited == [1.0, 1.0] and elapsed >= 2.0
    assert rows and len(retrieved) == 10


def test_backs_off_exponentially_without_retry_after(wikidata_server: str) -> None:
    waits: list[float] = []
    with FlakyProxy(wikidata_server.rsplit("/", 1)[0], fail_first=3, fail_status=503) as proxy:
        client = SparqlClient(proxy.url + "/query", sleep=waits.append)
        client.select(ASK_PARTIES)
    assert waits == [1.0, 2.0, 4.0]


def test_gives_up_on_a_long_retry_after_and_after_max_retries(wikidata_server: str) -> None:
    base = wikidata_server.rsplit("/", 1)[0]
    with (
        FlakyProxy(base, fail_first=1, fail_status=429, retry_after="3600") as proxy,
        pytest.raises(PartygraphError, match="asks to wait 3600 s"),
    ):
        SparqlClient(proxy.url + "/query").select(ASK_PARTIES)
    with FlakyProxy(base, fail_first=10, fail_status=429, retry_after="0") as proxy:
        with pytest.raises(PartygraphError, match=r"HTTP 429 .* after retries"):
            SparqlClient(proxy.url + "/query", max_retries=2).select(ASK_PARTIES)
        assert len(proxy.requests) == 3


def test_cache_answers_a_repeated_query_without_a_request(
    wikidata_server: str, tmp_path: Path
) -> None:
    with FlakyProxy(wikidata_server.rsplit("/", 1)[0]) as proxy:
        first = SparqlClient(proxy.url + "/query", cache_dir=tmp_path)
        second = SparqlClient(proxy.url + "/query", cache_dir=tmp_path)
        assert first.select(ASK_PARTIES) == second.select(ASK_PARTIES)
        assert len(proxy.requests) == 1 and second.requests == 0


def test_offline_is_one_clear_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"  # nobody listens there
    with pytest.raises(PartygraphError) as error:
        SparqlClient(url).select(ASK_PARTIES)
    message = str(error.value)
    assert message.startswith(f"cannot reach the SPARQL endpoint {url}") and "\n" not in message


def test_a_malformed_query_is_refused_clearly(wikidata_server: str) -> None:
    with pytest.raises(PartygraphError, match="refused the query"):
        SparqlClient(wikidata_server).select("SELECT nonsense")
