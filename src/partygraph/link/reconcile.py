"""A reconciliation service over the party registry (W3C Entity Reconciliation API).

OpenRefine and other clients send party names in any language (optionally with a
country) and get registry ids, names, Wikidata QIDs and match scores back. The
library side is here; ``partygraph serve`` mounts :meth:`Reconciler.answer` at
``/reconcile`` (GET or POST form fields ``queries`` / ``extend``; none: the manifest).

Matching is the resolver's (:meth:`partygraph.resolve.Registry.match`: names,
aliases, translations, abbreviations, a guarded fuzzy match, the country a name states)
plus a ranked list of weaker candidates by shared name words; the ``country`` property
accepts an ISO code or a country name in any language the gazetteer knows
(:func:`partygraph.extract.countries.country_code`).

Shapes (API version 0.2): a query batch ``{"q0": {"query": "KKE", "limit": 3,
"properties": [{"pid": "country", "v": "Greece"}]}}`` answers ``{"q0": {"result":
[{"id": "communist-party-of-greece", "name": "Communist Party of Greece", "score":
100, "match": true, "type": [{"id": "Party", "name": "Political party"}],
"description": "…"}]}}``; a data extension ``{"ids": [...], "properties": [{"id":
"wikidata"}]}`` answers ``{"meta": [...], "rows": {id: {"wikidata": [{"str": "Q…"}]}}}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partygraph.extract.countries import country_code, country_name
from partygraph.link.identifiers import by_party, read_identifiers
from partygraph.rdf.namespaces import PG
from partygraph.resolve.gazetteer import implied_countries
from partygraph.resolve.model import Party
from partygraph.resolve.normalize import content_tokens
from partygraph.resolve.registry import PARTY_IRI, Registry

TYPE = {"id": "Party", "name": "Political party"}
PROPERTIES = (
    ("country", "Country (ISO 3166-1 alpha-2)"),
    ("wikidata", "Wikidata QID"),
    ("partyfacts", "Party Facts ID"),
    ("parlgov", "ParlGov ID"),
)
DEFAULT_LIMIT = 5
# Scores (0-100): the resolver's own matches first, then shared name words.
_KIND_SCORE = {"exact": 100.0, "alias": 95.0}
_WORDS_SCORE = 80.0


@dataclass(frozen=True)
class _Form:
    party: Party
    words: frozenset[str]


class Reconciler:
    """Answers reconciliation requests against one registry folder.

    Parameters
    ----------
    folder
        The registry folder (``parties.csv``, ``identifiers.csv``, ...); default the
        project's.
    registry
        The registry already loaded from that folder (a server keeps one), instead of
        loading it again.

    Examples
    --------
    >>> r = Reconciler()
    >>> out = r.reconcile({"q0": {"query": "Partido Comunista de Grecia"}})
    >>> top = out["q0"]["result"][0]
    >>> top["id"], top["score"], top["match"]
    ('communist-party-of-greece', 95.0, True)
    >>> r.reconcile({"q0": {"query": "Communist Party", "properties":
    ...     [{"pid": "country", "v": "Ελλάδα"}]}})["q0"]["result"][0]["id"]
    'communist-party-of-greece'
    """

    def __init__(
        self, folder: Path | str | None = None, *, registry: Registry | None = None
    ) -> None:
        self.registry = registry if registry is not None else Registry.load(folder)
        self.identifiers = by_party(read_identifiers(self.registry.directory or Path()))
        self._demonyms = (
            self.registry.directory / "demonyms.csv" if self.registry.directory else None
        )
        self._forms = [
            _Form(p, frozenset(content_tokens(n)))
            for p in self.registry.parties()
            for n in dict.fromkeys((p.name, *p.aliases, p.abbreviation or ""))
            if n and content_tokens(n)
        ]

    # ------------------------------------------------------------------ manifest
    def manifest(self, base_url: str = "") -> dict[str, Any]:
        """The service manifest (what ``GET /reconcile`` without parameters returns)."""
        return {
            "versions": ["0.2"],
            "name": "partygraph party registry",
            "identifierSpace": PARTY_IRI,
            "schemaSpace": PG,
            "defaultTypes": [TYPE],
            "view": {"url": PARTY_IRI + "{{id}}"},
            "extend": {
                "propose_properties": {"service_url": base_url, "service_path": "/properties"},
                "property_settings": [],
            },
            "batchSize": 100,
        }

    def properties(self) -> dict[str, Any]:
        """What ``propose_properties`` answers: the properties a data extension offers."""
        return {
            "type": TYPE["id"],
            "properties": [{"id": pid, "name": name} for pid, name in PROPERTIES],
        }

    # ------------------------------------------------------------------ reconcile
    def reconcile(self, queries: Mapping[str, Any]) -> dict[str, Any]:
        """Answer a batch of queries (``{"q0": {"query": ...}, ...}``; a bare string works)."""
        return {key: {"result": self.candidates(q)} for key, q in queries.items()}

    def candidates(self, query: Any) -> list[dict[str, Any]]:
        """The ranked candidates of one query object."""
        if isinstance(query, str):
            query = {"query": query}
        text = " ".join(str(query.get("query", "")).split())
        wanted_type = query.get("type")
        if not text or (wanted_type and wanted_type not in (TYPE["id"], PG + "Party")):
            return []
        limit = int(query.get("limit") or DEFAULT_LIMIT)
        country = None
        for prop in query.get("properties") or ():
            if prop.get("pid") == "country":
                value = str(prop.get("v", "")).strip()
                country = value.upper() if country_name(value) else country_code(value)
        if country is None:
            implied = implied_countries(text, self._demonyms)
            country = next(iter(implied)) if len(implied) == 1 else None
        scores: dict[str, float] = {}
        match = self.registry.match(text, country)
        if match.party is not None and match.kind is not None:
            scores[match.party.id] = _KIND_SCORE.get(match.kind, round(90.0 * match.score, 1))
        words = frozenset(content_tokens(text))
        for form in self._forms if words else ():
            if country and form.party.country and form.party.country != country:
                continue
            shared = len(words & form.words)
            if shared:
                s = round(_WORDS_SCORE * shared / len(words | form.words), 1)
                if s > scores.get(form.party.id, 0.0):
                    scores[form.party.id] = s
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        out = []
        for i, (pid, score) in enumerate(ranked):
            runner_up = ranked[i + 1][1] if i + 1 < len(ranked) else 0.0
            party = self.registry.get(pid)
            assert party is not None
            out.append(
                {
                    "id": pid,
                    "name": party.name,
                    "score": score,
                    "match": i == 0 and score >= _KIND_SCORE["alias"] and score - runner_up >= 10,
                    "type": [TYPE],
                    "description": self._describe(party),
                }
            )
        return out

    def _describe(self, party: Party) -> str:
        ids = self.identifiers.get(party.id, {})
        parts = [country_name(party.country) or "", party.abbreviation or ""]
        parts += [
            f"{scheme} {ids[scheme].value}"
            for scheme in ("wikidata", "partyfacts")
            if scheme in ids
        ]
        return " · ".join(p for p in parts if p)

    # ------------------------------------------------------------------ extend
    def extend(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Data extension: the registry's country and identifiers of some ids."""
        names = dict(PROPERTIES)
        wanted = [p.get("id") for p in request.get("properties") or () if p.get("id") in names]
        rows: dict[str, dict[str, list[dict[str, str]]]] = {}
        for pid in request.get("ids") or ():
            party = self.registry.get(str(pid))
            ids = self.identifiers.get(party.id, {}) if party else {}
            row: dict[str, list[dict[str, str]]] = {}
            for prop in wanted:
                if party is None:
                    row[prop] = []
                elif prop == "country":
                    row[prop] = [{"str": party.country}] if party.country else []
                else:
                    row[prop] = [{"str": ids[prop].value}] if prop in ids else []
            rows[str(pid)] = row
        return {"meta": [{"id": p, "name": names[p]} for p in wanted], "rows": rows}

    # ------------------------------------------------------------------ HTTP
    def answer(self, params: Mapping[str, str], base_url: str = "") -> dict[str, Any]:
        """Answer the form fields of a ``/reconcile`` request (GET query string or POST form).

        ``queries`` (a JSON batch) -> :meth:`reconcile`; ``extend`` -> :meth:`extend`;
        ``query`` (a JSON object or a plain name) -> one result list; none -> the manifest.

        Raises
        ------
        ValueError
            A field that is not valid JSON (the server answers HTTP 400).
        """
        if "queries" in params:
            return self.reconcile(_json(params["queries"], "queries"))
        if "extend" in params:
            return self.extend(_json(params["extend"], "extend"))
        if "query" in params:
            raw = params["query"]
            single = _json(raw, "query") if raw.lstrip().startswith("{") else raw
            return {"result": self.candidates(single)}
        return self.manifest(base_url)


def _json(text: str, field: str) -> Any:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"field {field}: expected JSON ({error.msg} at {error.pos})") from None
    if not isinstance(value, dict):
        raise ValueError(f"field {field}: expected a JSON object")
    return value
