"""A polite client for Wikidata's SPARQL endpoint (or any SPARQL 1.1 endpoint).

Etiquette of Wikidata's public services, kept by :class:`SparqlClient`:

* a descriptive User-Agent with a contact (:data:`USER_AGENT`);
* one request at a time (a lock; callers never run queries in parallel);
* on HTTP 429 or 503 it waits as long as ``Retry-After`` says (seconds or an HTTP
  date), else 1, 2, 4... seconds, and gives up with a clear error after
  ``max_retries`` or when asked to wait longer than ``max_wait``;
* every answer is cached on disk, keyed by endpoint and query text, with the date it
  was retrieved: a re-run asks nothing twice;
* no network: one clear error line naming the endpoint.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
import urllib.error
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from partygraph import __version__
from partygraph.errors import PartygraphError
from partygraph.files import write_text

WDQS = "https://query.wikidata.org/sparql"
USER_AGENT = (
    f"partygraph/{__version__} (https://w3id.org/partygraph; party registry linker; "
    "contact: partygraph maintainers <partygraph@w3id.org>) SPARQLWrapper"
)
# Queries longer than this go by POST (a GET URL has limits; WDQS caches GETs).
_GET_LIMIT = 1500

Row = dict[str, str]


def today() -> str:
    """Today's UTC date, YYYY-MM-DD (the ``retrieved`` date of a fresh answer)."""
    return datetime.now(UTC).strftime("%Y-%m-%d")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date).

    Examples
    --------
    >>> _retry_after("3")
    3.0
    >>> _retry_after(None) is None
    True
    >>> _retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    0.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class SparqlClient:
    """SELECT queries against one endpoint, cached on disk, with back-off.

    Parameters
    ----------
    endpoint
        The SPARQL endpoint URL (default Wikidata Query Service).
    cache_dir
        Folder of cached answers (one JSON file per endpoint and query); ``None``: no cache.
    user_agent
        Sent with every request.
    max_retries
        How many times a 429/503 answer is retried before giving up.
    max_wait
        The longest single wait accepted (seconds); a longer ``Retry-After`` is an error.
    timeout
        Seconds before a request is abandoned.
    sleep
        How to wait (``time.sleep``).

    Attributes
    ----------
    requests
        How many HTTP requests were sent (cached answers send none).
    """

    def __init__(
        self,
        endpoint: str = WDQS,
        *,
        cache_dir: Path | str | None = None,
        user_agent: str = USER_AGENT,
        max_retries: int = 5,
        max_wait: float = 120.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.user_agent = user_agent
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.requests = 0
        self.waited: list[float] = []
        self._lock = threading.Lock()

    def _cache_path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
        return self.cache_dir / f"{key}.json"

    def select(self, query: str) -> tuple[list[Row], str]:
        """Run a SELECT query; its rows (variable -> lexical value) and retrieval date.

        Raises
        ------
        PartygraphError
            The endpoint cannot be reached, refuses the query, or keeps asking to wait.
        """
        path = self._cache_path(query)
        if path is not None and path.is_file():
            cached = json.loads(path.read_text(encoding="utf-8"))
            return cached["rows"], cached["retrieved"]
        with self._lock:  # one request at a time
            result = self._fetch(query)
        rows = [
            {k: v["value"] for k, v in binding.items()}
            for binding in result.get("results", {}).get("bindings", [])
        ]
        retrieved = today()
        if path is not None:
            payload = {
                "endpoint": self.endpoint,
                "retrieved": retrieved,
                "query": query,
                "rows": rows,
            }
            write_text(path, json.dumps(payload, ensure_ascii=False, indent=1))
        return rows, retrieved

    def _fetch(self, query: str) -> dict[str, Any]:
        sparql = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        sparql.setQuery(query)
        sparql.setReturnFormat(JSON)
        sparql.setMethod(GET if len(query) <= _GET_LIMIT else POST)
        sparql.setTimeout(int(self.timeout))
        delay = 1.0
        for attempt in range(self.max_retries + 1):
            self.requests += 1
            try:
                return sparql.queryAndConvert()  # type: ignore[return-value]
            except urllib.error.HTTPError as error:
                if error.code not in (429, 503) or attempt == self.max_retries:
                    raise PartygraphError(
                        f"the SPARQL endpoint {self.endpoint} answered HTTP {error.code} "
                        f"({error.reason}){' after retries' if attempt else ''}"
                    ) from None
                wait = _retry_after(error.headers.get("Retry-After") if error.headers else None)
                wait = delay if wait is None else wait
                if wait > self.max_wait:
                    raise PartygraphError(
                        f"the SPARQL endpoint {self.endpoint} asks to wait {wait:.0f} s "
                        f"(more than {self.max_wait:.0f} s); try again later"
                    ) from None
                self.waited.append(wait)
                self.sleep(wait)
                delay = min(delay * 2, self.max_wait)
            except OSError as error:  # URLError, timeouts, refused connections
                reason = getattr(error, "reason", None) or error
                raise PartygraphError(
                    f"cannot reach the SPARQL endpoint {self.endpoint} ({reason}); "
                    "check the network, or give another endpoint with --endpoint"
                ) from None
            except SPARQLWrapperException as error:
                first = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise PartygraphError(
                    f"the SPARQL endpoint {self.endpoint} refused the query: {first}"
                ) from None
        raise AssertionError("unreachable")  # pragma: no cover
