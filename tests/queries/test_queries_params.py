"""Typed parameters: validation, registry and country resolution, and injection safety."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from partygraph.errors import PartygraphError
from partygraph.queries import Param, bind_params, convert, run_query
from partygraph.resolve import Registry

ID = "https://w3id.org/partygraph/id/"
KKE = URIRef(ID + "party/communist-party-of-greece")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

INJECTIONS = [
    "kke> } ; DROP ALL ; #",
    '" ) } INSERT DATA { <a> <b> <c> } #',
    "' ) } ; CLEAR ALL ; #",
    '"""} DELETE WHERE { ?s ?p ?o } #',
    "x\n} ; DROP ALL ; #\n",
    '\\" } DROP ALL #',
    "?_party",
    "Κομμουνιστικό Κόμμα Ελλάδας 🚩 \u200b\u0000",
    '2018-11-25"^^<http://www.w3.org/2001/XMLSchema#date> } DROP ALL {',
    "<http://evil/> } INSERT DATA { <http://a> <http://b> <http://c> }",
]


@pytest.fixture(scope="module")
def registry():
    return Registry.load()


def snapshot(store) -> list[str]:
    return sorted(map(str, store.oxigraph))


@pytest.mark.parametrize(
    "ptype, text, expected",
    [
        ("date", "2018-11-25", Literal("2018-11-25", datatype=XSD_DATE)),
        ("integer", " 2018 ", Literal(2018)),
        ("integer", "-3", Literal(-3)),
        ("iri", "https://w3id.org/partygraph/id/meeting/imcwp-20", URIRef(ID + "meeting/imcwp-20")),
        ("iri", "/meeting/imcwp-20", URIRef(ID + "meeting/imcwp-20")),
        ("iri", "urn:x-test:1", URIRef("urn:x-test:1")),
        ("string", 'it\'s "quoted"\nand } braced', Literal('it\'s "quoted"\nand } braced')),
        ("country", "GR", Literal("GR")),
        ("country", "gb", Literal("GB")),
        ("country", "Britain", Literal("GB")),
        ("country", "Ελλάδα", Literal("GR")),
        ("country", "Líbano", Literal("LB")),
    ],
)
def test_valid_values(ptype, text, expected):
    assert convert(Param("p", ptype), text) == expected


@pytest.mark.parametrize(
    "ptype, text, message",
    [
        ("date", "2018-13-01", "not a real day"),
        ("date", "25/11/2018", "expected a date YYYY-MM-DD"),
        ("date", "2018", "expected a date YYYY-MM-DD"),
        ("integer", "20l8", "expected an integer"),
        ("integer", "1e3", "expected an integer"),
        ("integer", "", "expected an integer"),
        ("iri", "", "empty value"),
        ("iri", "http://ex/a b", "not a valid IRI"),
        ("iri", "http://ex/a>", "not a valid IRI"),
        ("iri", "statement/\ufff0", "not a valid IRI"),  # found by the property test
        ("iri", "http://[::1", "not a valid IRI"),
        ("country", "Atlantis", "unknown country"),
        ("country", "XX", "unknown country"),
        ("country", "", "expected a country"),
        ("string", "x" * 1001, "longer than 1000"),
    ],
)
def test_invalid_values(ptype, text, message):
    with pytest.raises(PartygraphError) as e:
        convert(Param("p", ptype), text, source="q.rq")
    assert str(e.value).startswith("q.rq: param p: ") and message in str(e.value)


@pytest.mark.parametrize(
    "text",
    [
        "KKE",
        "kke",
        "Communist Party of Greece",
        "Partido Comunista de Grecia",
        str(KKE),
        "party/communist-party-of-greece",
        "communist-party-of-greece",
    ],
)
def test_party_through_the_registry(text, registry):
    assert convert(Param("party", "party"), text, registry=registry) == KKE


def test_party_errors_and_provisional_iris(registry):
    p = Param("party", "party")
    # a party IRI outside the registry (a provisional party) is kept as given
    iri = ID + "party/some-new-party-met-once"
    assert convert(p, iri, registry=registry) == URIRef(iri)
    for text, message in [
        ("PCP", "unknown or ambiguous party 'PCP'"),  # Portuguese or Paraguayan
        ("Communist Party of Atlantis", "unknown or ambiguous party"),
        ("https://example.org/party/kke", "not a party IRI"),
        ("", "expected a party"),
    ]:
        with pytest.raises(PartygraphError, match=message):
            convert(p, text, registry=registry)


def test_bind_params(catalogue, registry):
    q = catalogue.get("co-signers")
    assert bind_params(q, {"party": "KKE"}, registry=registry) == {
        "_party_iri": KKE,
        "_min": Literal(1),
    }
    assert bind_params(q, {"party": "KKE", "min": "3"}, registry=registry)["_min"] == Literal(3)
    # a required parameter never takes its default (issue 15: 83 rows for a silent KKE)
    for use_defaults in (True, False):
        with pytest.raises(PartygraphError, match="param party: required"):
            bind_params(q, {}, registry=registry, use_defaults=use_defaults)
    with pytest.raises(PartygraphError, match="param colour: no such parameter"):
        bind_params(q, {"colour": "red"}, registry=registry)
    # an optional parameter without a value stays unbound
    assert bind_params(catalogue.get("statements"), {}) == {}


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_values_are_rejected_or_bound_as_plain_values(
    value, fixture_store, catalogue, registry
):
    before = snapshot(fixture_store)
    for q in catalogue:
        for p in q.params:
            # the other required parameters at their example values
            values = {r.name: r.default for r in q.params if r.required and r is not p}
            try:
                table = run_query(fixture_store, q, {**values, p.name: value}, registry=registry)
            except PartygraphError as e:
                assert f"param {p.name}" in str(e)  # rejected by validation, one line
                assert "\n" not in str(e).replace(value, "")
                continue
            # bound as a plain value: it matches nothing in the fixture
            if p.type in ("string",):
                assert len(table.rows) == 0, (q.name, value)
    assert snapshot(fixture_store) == before


def test_a_string_value_is_matched_literally(fixture_store, catalogue):
    """A value full of SPARQL syntax is a plain literal: it finds itself, nothing more."""
    evil = '" ) } INSERT DATA { <a> <b> <c> } #'
    name = f"Party of {evil}\n(newline) 'quotes' \\ backslash"
    g = ID + "source/" + "f" * 64
    import pyoxigraph as ox

    party = ox.NamedNode(ID + "party/evil")
    fixture_store.replace_graphs(
        {g: [
            ox.Quad(party, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("https://w3id.org/partygraph/ontology#Party"), ox.NamedNode(g)),
            ox.Quad(party, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
                    ox.Literal(name), ox.NamedNode(g)),
        ]}
    )  # fmt: skip
    before = snapshot(fixture_store)
    table = run_query(fixture_store, catalogue.get("find-party"), {"text": evil})
    assert [str(r[0]) for r in table.rows] == [ID + "party/evil"]
    assert snapshot(fixture_store) == before


TOKENS = [
    "{",
    "}",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "#",
    ";",
    "?",
    "$",
    "^^",
    "|",
    "`",
    " ",
    "\n",
    "\r",
    "\t",
    "(",
    ")",
    "=",
    ".",
    ",",
    ":",
    "/",
    "_",
    "-",
    "DROP",
    "ALL",
    "INSERT",
    "DATA",
    "DELETE",
    "WHERE",
    "SELECT",
    "kke",
    "2018",
    "\u00e9",
    "\u2019",
    "🚩",
    "Κ",
]
NASTY = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.characters(codec="utf-8", exclude_categories=("Cs",))),
    max_size=25,
).map("".join)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=NASTY,
    name=st.sampled_from(
        [
            "find-party",
            "source-warnings",
            "resolution-review",
            "signatories",
            "party-statements",
            "statements",
            "meetings-by-year",
            "parties-by-country",
        ]
    ),
)
def test_property_any_value_is_rejected_or_bound(value, name, fixture_store, catalogue, registry):
    before = snapshot(fixture_store)
    q = catalogue.get(name)
    p = q.params[0]
    try:
        table = run_query(fixture_store, q, {p.name: value}, registry=registry)
    except PartygraphError as e:
        assert str(e).startswith(f"{name}.rq: param {p.name}: ")
    else:
        if name == "find-party":
            # every party found has a label containing the text (case-insensitive)
            for row in table.rows:
                assert value.lower() in str(row[table.columns.index("matched")]).lower()
    assert snapshot(fixture_store) == before
