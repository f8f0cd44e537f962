import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partygraph.extract.model import Meeting
from partygraph.rdf import iris
from partygraph.rdf.namespaces import ID

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Communist Party of The Peoples of Spain", "communist-party-of-the-peoples-of-spain"),
        (
            "Russian Communist Workers' Party ‐ Communist Party of Soviet Union (RCWP‐CPSU)",
            "russian-communist-workers-party-communist-party-of-soviet",
        ),  # cut at 60
        ("Palestinian People's Party", "palestinian-peoples-party"),
        (
            "Partido Comunista de los Pueblos de España",
            "partido-comunista-de-los-pueblos-de-espana",
        ),
        ("Deutsche Kommunistische Partei – Straße", "deutsche-kommunistische-partei-strasse"),
        ("Коммунистическая партия Украины", "kommunisticheskaya-partiya-ukrainy"),
        ("Κομμουνιστικό Κόμμα Ελλάδας", "kommounistiko-komma-elladas"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("ＵＣＰ－ＣＰＳＵ", "ucp-cpsu"),  # full-width forms fold through NFKD
        ("حزب", ""),
    ],
)
def test_slugify_examples(text, slug):
    assert iris.slugify(text) == slug


def test_slugify_cuts_at_word_boundary():
    title = "Statement of Solidarity of Communist and Workers' Parties in Support of the Just Cause"
    s = iris.slugify(title, 60)
    assert s == "statement-of-solidarity-of-communist-and-workers-parties-in"
    assert len(s) <= 60
    assert iris.slugify("a" * 80, 10) == "a" * 10


@given(st.text(max_size=200), st.integers(min_value=1, max_value=80))
def test_slugify_properties(text, n):
    s = iris.slugify(text, n)
    assert s == "" or SLUG.match(s)
    assert len(s) <= n
    assert iris.slugify(s, n) == s  # idempotent
    assert iris.slugify(text, n) == s  # deterministic


def test_iri_kinds():
    assert iris.party("kke") == ID + "party/kke"
    assert iris.meeting("imcwp-20") == ID + "meeting/imcwp-20"
    assert iris.statement("x-12345678") == ID + "statement/x-12345678"
    assert iris.signature("x-12345678", "kke") == ID + "signature/x-12345678/kke"
    assert iris.country("gr") == ID + "country/GR"
    assert iris.source("a" * 64) == ID + "source/" + "a" * 64
    assert iris.series("imcwp") == ID + "series/imcwp"
    assert iris.organisation("nato") == ID + "organisation/nato"
    assert iris.mention("x-1", "party", "kke") == ID + "mention/x-1/party-kke"
    assert iris.change("a", "b") == ID + "change/a--b"
    assert (
        iris.wikidata("https://www.wikidata.org/entity/Q42") == "http://www.wikidata.org/entity/Q42"
    )


@pytest.mark.parametrize("bad", ["GRC", "G", "1A", "", "Greece"])
def test_country_rejects_bad_codes(bad):
    with pytest.raises(ValueError, match="ISO 3166-1"):
        iris.country(bad)


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (iris.source, "ABC"),
        (iris.source, "g" * 64),
        (iris.party, ""),
        (iris.party, "a b"),
        (iris.wikidata, "P31"),
        (iris.wikidata, "Q0"),
    ],
)
def test_invalid_ids_raise(call, arg):
    with pytest.raises(ValueError):
        call(arg)


def test_statement_slug_prefers_title_then_headline_then_stem():
    sha = "0123456789abcdef" * 4
    assert iris.statement_slug(sha, "On Peace", "Headline", "a/b.txt") == "on-peace-01234567"
    assert iris.statement_slug(sha, None, "Headline", "a/b.txt") == "headline-01234567"
    assert iris.statement_slug(sha, "", None, "a/b-c.txt") == "b-c-01234567"
    assert iris.statement_slug(sha, "!!!", None, "") == "statement-01234567"
    long = iris.statement_slug(sha, "word " * 40)
    assert len(long) <= 60 + 9 and long.endswith("-01234567")


def test_meeting_slug_rules():
    assert iris.meeting_slug(Meeting(ordinal=20, series="imcwp", city="Athens")) == "imcwp-20"
    assert iris.meeting_slug(Meeting(ordinal=3, name="Balkan Meeting")) == "balkan-meeting-3"
    assert (
        iris.meeting_slug(Meeting(series="ecm", city="Brussels", start="2011-04-11"))
        == "ecm-2011-04-11-brussels"
    )
    assert (
        iris.meeting_slug(Meeting(series="ecm", city="Brussels"), year="2011-05-01")
        == "ecm-2011-brussels"
    )
    # Nothing to tell this meeting from others: it stays local to its document.
    assert iris.meeting_slug(Meeting(series="imcwp-wg"), fallback="abcd1234") == "imcwp-wg-abcd1234"


def test_file_names():
    assert iris.file_name("C:\\docs\\a b.txt") == "a b.txt"
    assert iris.file_stem("https://x.org/p/St%C3%A4tement.html") == "Stätement"
