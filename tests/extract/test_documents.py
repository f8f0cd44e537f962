"""Synthetic statements in shapes the bundled corpus lacks, read as their facts say.

Each document of ``tests/extract/documents`` is a realistic statement in one shape (a list
run together with dashes, ``Party / Country`` lines, an initiator marked in the list,
datelines and meeting places in several languages...); ``expected.json`` holds what a
correct reading yields.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from partygraph.extract import read_document

DOCUMENTS = Path(__file__).with_name("documents")
EXPECTED = json.loads((DOCUMENTS / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(k for k in EXPECTED if not k.startswith("_"))


def test_every_document_has_its_facts():
    assert sorted(p.name for p in DOCUMENTS.iterdir() if p.name != "expected.json") == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_document_reads_as_expected(name: str) -> None:
    exp = EXPECTED[name]
    rec = read_document(DOCUMENTS / name)
    meeting = rec.meeting
    keys = ("series", "ordinal", "city", "country", "start", "end")
    got_meeting = {k: getattr(meeting, k) for k in keys} if meeting else None
    assert [[s.as_printed, s.name, s.country, s.role] for s in rec.signatories] == exp[
        "signatories"
    ], exp["shape"]
    assert [s.as_printed for s in rec.initiators] == exp["initiators"], exp["shape"]
    assert (rec.title, rec.date, rec.publication_date) == (
        exp["title"],
        exp["date"],
        exp["publication_date"],
    ), exp["shape"]
    assert (dataclasses.asdict(rec.place) if rec.place else None) == exp["place"], exp["shape"]
    assert got_meeting == exp["meeting"], exp["shape"]
