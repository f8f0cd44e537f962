"""Run the query suite of ``dataset.py`` on a store and check the answers' actual values."""

from __future__ import annotations

from rdflib import Literal, URIRef

from .dataset import ID, SUITE, XSD

INT = URIRef(XSD + "integer")
DATE = URIRef(XSD + "date")


def run_suite(store) -> dict[str, object]:
    """Answers of every suite query on ``store``: rows (sorted unless ordered), bools, triples."""
    out: dict[str, object] = {}
    for name, (form, query, bindings, ordered) in SUITE.items():
        if form == "SELECT":
            t = store.select(query, bindings)
            rows = [tuple(r) for r in t.rows]
            out[name] = (t.columns, rows if ordered else sorted(rows, key=repr))
        elif form == "ASK":
            out[name] = store.ask(query, bindings)
        else:
            out[name] = sorted(str(t) for t in store.construct(query, bindings))
    return out


def check_values(answers: dict[str, object]) -> None:
    """The facts the dataset implies, written out by hand."""

    def party(s: str) -> URIRef:
        return URIRef(f"{ID}party/{s}")

    def st(s: str) -> URIRef:
        return URIRef(f"{ID}statement/{s}")

    cols, rows = answers["cosignatures"]
    assert cols == ["party", "n"]
    assert rows == [
        (party("kke"), Literal("3", datatype=INT)),
        (party("cpb"), Literal("2", datatype=INT)),
        (party("pcp"), Literal("2", datatype=INT)),
        (party("akel"), Literal("1", datatype=INT)),
        (party("ncp"), Literal("1", datatype=INT)),
        (party("wpb"), Literal("1", datatype=INT)),
    ]
    assert answers["statements-of-party"][1] == [
        (
            st("brussels-2011"),
            Literal('On "Belarus"\nresolution'),
            Literal("2011-04-11", datatype=DATE),
        ),
        (
            st("athens-2018"),
            Literal("Statement on the 20th IMCWP"),
            Literal("2018-11-25", datatype=DATE),
        ),
    ]
    assert answers["parties-of-country"][1] == [
        (Literal("Communist Party of Britain"), Literal("CPB")),
        (Literal("New Communist Party of Britain"), None),
    ]
    assert answers["alt-labels"][1] == [
        (party("kke"), Literal("Κομμουνιστικό Κόμμα Ελλάδας", lang="el")),
        (party("wpb"), Literal("Partij van de Arbeid", lang="nl")),
    ]
    assert answers["printed-exact"][1] == [
        (URIRef(f"{ID}signature/athens-2018/akel"), Literal("3", datatype=INT))
    ]
    assert answers["meeting-by-ordinal"][1] == [
        (st("athens-2018"), Literal("2018-11-23", datatype=DATE))
    ]
    assert answers["signatures-per-statement"][1] == [
        (st("athens-2018"), Literal("4", datatype=INT), Literal("4", datatype=INT)),
        (st("brussels-2011"), Literal("3", datatype=INT), Literal("3", datatype=INT)),
        (st("lisbon-2008"), Literal("3", datatype=INT), Literal("3", datatype=INT)),
    ]
    assert [str(r[1]) for r in answers["sources"][1]] == [
        "data/statements/athens-2018.txt",
        "data/statements/brussels-2011.txt",
        "data/statements/lisbon-2008.txt",
    ]
    assert answers["ask-date-true"] is True
    assert answers["ask-date-false"] is False
    assert len(answers["construct-signers"]) == 4
    assert all("athens-2018" in t for t in answers["construct-signers"])
