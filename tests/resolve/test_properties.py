"""Any printed line resolves to a party (registry or provisional), never a traceback."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partygraph.extract.model import PrintedParty
from partygraph.resolve import Registry
from partygraph.resolve.lines import parse_line
from partygraph.resolve.normalize import name_key, slugify

REGISTRY = Registry.load()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WORDS = st.sampled_from(
    [
        "Communist",
        "Party",
        "of",
        "the",
        "in",
        "Workers'",
        "New",
        "-",
        "–",
        ",",
        "(",
        ")",
        "[",
        "KKE",
        "PCP",
        "Greece",
        "Britain",
        "Denmark",
        "Partido",
        "Comunista",
        "de",
        "«",
        "»",
        "CP",
        "Union",
        "CPSU",
        "Socialist",
        "Bohemia",
        "&",
        "Moravia",
        ".",
        "The",
        "Líbano",
        "Ελλάδα",
    ]
)
LINES = st.one_of(
    st.text(max_size=80),
    st.lists(WORDS, min_size=1, max_size=9).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from([None, "GR", "GB", "DK", "XX"]))
def test_any_line_resolves(line: str, country: str | None):
    printed = PrintedParty(1, line, line, country=country)
    r, warnings = REGISTRY.resolve_line(printed)
    assert r.printed is printed
    assert SLUG.match(r.party.id)
    assert r.match in ("exact", "alias", "fuzzy", "new")
    assert (r.match == "new") == r.party.provisional
    if r.match in ("new", "fuzzy"):
        assert warnings
    if r.match != "new" and country and r.party.country:
        assert r.party.country == country  # a stated country always agrees


@given(st.text(max_size=120))
def test_parsing_and_keys_are_total(text: str):
    p = parse_line(text)
    assert isinstance(p.name, str)
    assert p.country is None or len(p.country) == 2
    assert isinstance(name_key(text), str)
    assert SLUG.match(slugify(text))
