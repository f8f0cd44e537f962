"""Any text or bytes give a record or the one documented error; big documents stay bounded."""

from __future__ import annotations

import resource
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partygraph.errors import PartygraphError
from partygraph.extract import read_bytes
from partygraph.extract.model import StatementRecord

FRAGMENTS = [
    "1.",
    "2)",
    "3 -",
    "(4)",
    "•",
    "-",
    "–",
    "*",
    "a)",
    "Signed by:",
    "The Parties:",
    "Adesioni (fino al 17 aprile 2018):",
    "Firmantes",
    "Τα κόμματα που υπογράφουν:",
    "Communist Party of Greece",
    "AKEL, Cyprus",
    "Party (Belgium)",
    "[Austria]",
    "Albania - Communist Party of Albania",
    "Brazil – PCdoB – Communist Party of Brazil",
    "(EMEP), Turkey",
    "UCP-CPSU",
    "Initiated by the KKE",
    "Su iniziativa del PCP,",
    "Proposed by A, B and C",
    "Leaders of A, B have issued the following statement:",
    "Tuesday, 11 December 2018",
    "November 25th 2018",
    "11/1/19, 3:19 PM",
    "25.11.2018",
    "2018-02-30",
    "32.13.2018",
    "Athens",
    "Beirut Líbano, Noviembre del 2012",
    "XX International Meeting of Communist and Workers' Parties",
    "20ª",
    "XIV",
    "twentieth",
    "held in Athens, Greece on November 23-25, 2018",
    "18, 19 and 20 October",
    "No comments:",
    "Post a Comment",
    "Share this:",
    "https://x.org",
    "SolidNet Parties",
    "We condemn the war and call on the peoples to struggle.",
    "",
    " ",
    "\t",
    ":",
    ",",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "’",
    "\u2010",
    "\ufeff",
    "\u200b",
    "0",
    "99.",
    "1967",
    "<p>",
    "</p>",
    "<ol><li>",
    "</li>",
    "<br>",
    "# ",
    "**",
    "[x](y)",
    "&amp;",
    "<!--",
]
lines = st.lists(
    st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=6).map(" ".join),
    min_size=0,
    max_size=40,
).map("\n".join)


def check(data: bytes, name: str) -> None:
    try:
        rec = read_bytes(data, name)
    except PartygraphError as e:
        assert name in str(e)
        return
    assert isinstance(rec, StatementRecord)
    assert [s.position for s in rec.signatories] == list(range(1, len(rec.signatories) + 1))
    for s in rec.signatories:
        assert s.as_printed and s.as_printed == s.as_printed.strip()
        assert s.country is None or (len(s.country) == 2 and s.country.isupper())
    for d in (rec.date, rec.publication_date):
        assert d is None or (len(d) == 10 and d[4] == "-" and d[7] == "-")


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_any_text(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), "t.txt")


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    check(data, "b.txt")


@FAST
@given(
    lines,
    st.sampled_from(["d.txt", "d.md", "d.html"]),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_statement_like_text(text: str, name: str, encoding: str) -> None:
    check(text.encode(encoding, "replace"), name)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_fifty_megabytes_in_bounded_time_and_memory() -> None:
    para = (
        "We, participants in the 20th International Meeting of Communist and Workers' "
        "Parties held in Athens, Greece on November 23-25, 2018, support the struggle. "
    ) * 3 + "\n\n"
    items = "".join(f"- Communist Party number {i}\n" for i in range(30_000))
    body = para * ((50_000_000 - len(items)) // len(para))
    data = ("Statement on peace\n\n" + body + "Signed by:\n" + items).encode()
    assert len(data) >= 49_000_000
    before = _peak_mb()
    t = time.perf_counter()
    rec = read_bytes(data, "big.txt")
    elapsed = time.perf_counter() - t
    assert elapsed < 20, elapsed
    assert _peak_mb() - before < 1500  # the raw bytes, one decoded copy and a window
    assert rec.title == "Statement on peace"
    assert rec.meeting is not None and rec.meeting.ordinal == 20
    assert rec.signatories and rec.signatories[-1].as_printed == "Communist Party number 29999"
    assert any("were analysed" in w for w in rec.warnings)


def test_pathological_lines_stay_linear() -> None:
    one_line = ("1. A 2. B 3. C " * 300 + "\n") * 300  # many run-together markers per line
    t = time.perf_counter()
    read_bytes(one_line.encode(), "p.txt")
    read_bytes(("(" * 100_000 + "a").encode(), "q.txt")
    read_bytes(("- , and , and " * 20_000).encode(), "r.txt")
    read_bytes(("12 12 12 12 November " * 50_000).encode(), "s.txt")
    # long runs of white space around the markers of bullets, dashes and "and"
    for unit in ("•", " - ", " and ", " > ", "»", ",", ":", "("):
        line = "Party" + " " * 1500 + unit + " " * 1500 + "x"
        read_bytes(("Signed by:\n" + (line + "\n") * 100).encode(), "w.txt")
    read_bytes((("abc > " * 600) + "x" * 500 + "\n").encode() * 20, "b.txt")
    assert time.perf_counter() - t < 20


def test_deep_pages_and_one_huge_line_in_bounded_time() -> None:
    t = time.perf_counter()
    deep = (
        "<html><body>"
        + "<div>" * 10_000
        + "<p>The meeting was attended by the Communist Party of Greece, AKEL and the "
        "Portuguese Communist Party.</p>" + "</div>" * 10_000 + "</body></html>"
    )
    rec = read_bytes(deep.encode(), "deep.html")
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Greece",
        "AKEL",
        "Portuguese Communist Party",
    ]
    # 20 MB on one line: names, a run of names without separators, a sentence of commas
    for unit in ("Communist Party of Greece, ", "Communist Party ", "Workers Party of Ireland "):
        read_bytes((unit * (20_000_000 // len(unit))).encode(), "line.txt")
    # a sentence naming thousands of parties, and names run together on many lines
    many = ", ".join(f"the Communist Party of X{i}" for i in range(3000))
    read_bytes(f"Report\n\nThe meeting was attended by {many}.\n".encode(), "many.txt")
    run = "".join(
        " ".join(f"Communist Party of Greece{k} Workers Party of Ireland{i}" for i in range(40))
        + "\n"
        for k in range(500)
    )
    read_bytes(("Signed by:\n" + run).encode(), "run.txt")
    assert time.perf_counter() - t < 30
