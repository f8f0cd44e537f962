"""Entity resolution: printed party lines -> registry parties (``data/registry/``).

>>> from partygraph.resolve import Registry
>>> Registry.load().find("AKEL").country
'CY'
"""

from __future__ import annotations

from partygraph.resolve.jsonout import to_json
from partygraph.resolve.model import MatchKind, Party, Resolution, ResolvedStatement
from partygraph.resolve.registry import Match, Registry, Suggestion, party_iri

__all__ = [
    "Match",
    "MatchKind",
    "Party",
    "Registry",
    "Resolution",
    "ResolvedStatement",
    "Suggestion",
    "party_iri",
    "to_json",
]
