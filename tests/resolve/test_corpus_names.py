"""Every signatory name of the shared corpus resolves to its real party (corpus_check)."""

from __future__ import annotations

import pytest

from partygraph.resolve import Registry
from tests.resolve.corpus_check import check, rows


def test_the_names_file_is_whole():
    names = rows()
    assert len(names) == 888
    assert len({r["document"] for r in names}) == 54


@pytest.mark.parametrize("split", [False, True], ids=["whole-lines", "split-lines"])
def test_every_corpus_name_resolves_to_its_party(split: bool):
    report = check(Registry.load(), split=split)
    assert report.merges == {}
    assert report.splits == {}
    assert report.wrong_country == []
    assert report.new == 0
