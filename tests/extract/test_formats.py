"""Formats (.txt, .md, .html), encodings, and the errors users see."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from partygraph.errors import PartygraphError
from partygraph.extract import read_bytes, read_document

TEXT = (
    "Declaración sobre Colombia\n\n"
    "Los partidos comunistas y obreros que suscriben manifiestan su solidaridad con el "
    "pueblo colombiano y reclaman garantías para la oposición.\n\n"
    "Firmantes:\n"
    "1. Partido Comunista de España\n"
    "2. Partido Comunista de Grecia (KKE)\n"
    "3. Partido Comunista Português (PCP)\n"
)
EXPECTED = [
    "Partido Comunista de España",
    "Partido Comunista de Grecia (KKE)",
    "Partido Comunista Português (PCP)",
]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: t.encode("utf-16-le"),  # without BOM
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
        lambda t: t.encode("latin-1"),
        lambda t: t.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le", "utf16be", "cp1252", "latin1", "crlf"],
)
def test_encodings(encode) -> None:
    rec = read_bytes(encode(TEXT), "decl.txt")
    assert [s.as_printed for s in rec.signatories] == EXPECTED
    assert rec.title == "Declaración sobre Colombia"
    assert rec.language == "es"


def test_greek_in_a_legacy_code_page() -> None:
    text = (
        "Κοινή Δήλωση για την ειρήνη\n\n"
        "Τα κομμουνιστικά και εργατικά κόμματα καταδικάζουν την επέμβαση και καλούν τους "
        "λαούς να αγωνιστούν για την ειρήνη και την κοινωνική απελευθέρωση στην περιοχή.\n\n"
        "Τα κόμματα που υπογράφουν:\n- Κομμουνιστικό Κόμμα Ελλάδας\n- ΑΚΕΛ, Κύπρος\n"
    )
    rec = read_bytes(text.encode("cp1253"), "gr.txt")
    assert [s.as_printed for s in rec.signatories] == [
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "ΑΚΕΛ, Κύπρος",
    ]
    assert rec.signatories[1].country == "CY"
    assert rec.language == "el"


def test_mojibake_is_repaired() -> None:
    text = (
        "Statement\n\nWe stand with the workers of the world today.\n\n"
        "Signed by:\n- Workers’ Party of Belgium\n- KKE\n"
    )
    garbled = text.encode("utf-8").decode("cp1252").encode("utf-8")
    rec = read_bytes(garbled, "m.txt")
    assert rec.signatories[0].as_printed == "Workers’ Party of Belgium"
    assert any("repaired" in w for w in rec.warnings)


def test_markdown() -> None:
    md = (
        "# Declaration on Kosovo\n\n"
        "*Lisbon, 16 February 2008*\n\n"
        "The parties that met in **Lisbon** oppose the separation of Kosovo from Serbia "
        "and call on all governments not to recognise it.\n\n"
        "## Signed by\n\n"
        "* [Communist Party of Greece](https://kke.gr)\n"
        "* Portuguese Communist Party\n"
        "* Communist Party of Bohemia and Moravia\n\n"
        "---\n\n[Share on Twitter](https://twitter.com/x)\n"
    )
    rec = read_bytes(md.encode(), "k.md")
    assert rec.media_type == "text/markdown"
    assert rec.title == "Declaration on Kosovo"
    assert rec.date == "2008-02-16"
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Bohemia and Moravia",
    ]


HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Solidarity with Venezuela | Party site</title>
<meta property="article:published_time" content="2014-02-24T10:00:00Z">
</head><body>
<header class="site-header"><a href="/">Home</a> <a href="/news">News</a></header>
<nav><ul><li>Home</li><li>About</li><li>Contact</li></ul></nav>
<article>
<h1 class="entry-title">Solidarity Statement with Venezuela</h1>
<div class="entry-content">
<p>We, representatives of Communist and Workers' Parties assembled in Beirut, Lebanon, for
the Working Group meeting of the IMCWP, reject the counter-revolutionary actions in
Venezuela.</p>
<p>We demand:</p>
<ul><li>an end to the foreign interference in the internal affairs of Venezuela, now;</li>
<li>respect for the sovereignty of the Venezuelan people and its elected government.</li></ul>
<p>Signed by:</p>
<ol><li>Workers' Party of Belgium</li><li>Communist Party of Brazil</li>
<li>AKEL, Cyprus</li><li>Lebanese Communist Party</li></ol>
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Twitter</li><li>Facebook</li></ul></div>
<div class="post-tags"><ul><li>Venezuela</li><li>Working Group</li></ul></div>
</div></article>
<div id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>
<aside class="widget"><ul><li>Recent posts</li><li>Archives</li></ul></aside>
<footer><p>© 2014 The Party</p></footer>
</body></html>
"""


def test_html_page() -> None:
    rec = read_bytes(HTML.encode("utf-8"), "page.html")
    assert rec.media_type == "text/html"
    assert rec.title == "Solidarity Statement with Venezuela"
    assert [s.as_printed for s in rec.signatories] == [
        "Workers' Party of Belgium",
        "Communist Party of Brazil",
        "AKEL, Cyprus",
        "Lebanese Communist Party",
    ]
    assert rec.publication_date == "2014-02-24"
    assert rec.meeting is not None and rec.meeting.series == "imcwp-wg"
    assert rec.meeting.city == "Beirut"
    assert "Recent posts" not in rec.text and "Leave a Reply" not in rec.text
    assert "counter-revolutionary" in rec.text


def test_html_paragraph_runs_and_sniffing(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='post-body'><p>Joint statement</p>"
        "<p>The parties condemn the coup and stand with the people of Bolivia today.</p>"
        "<p>Communist Party of Greece</p><p>Portuguese Communist Party</p>"
        "<p>Communist Party of Britain</p></div></body></html>"
    )
    f = tmp_path / "no-suffix"
    f.write_bytes(page.encode("cp1252"))
    rec = read_document(f)
    assert rec.media_type == "text/html"
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Britain",
    ]


# --- errors ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PartygraphError, match=r"missing\.txt: no such file"):
        read_document(tmp_path / "missing.txt")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(PartygraphError, match="is a folder"):
        read_document(tmp_path)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "empty document"),
        (b"   \n\n\t  ", "empty document"),
        (codecs.BOM_UTF8, "empty document"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", r"binary file \(a PDF file\)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (bytes(range(256)) * 8, "binary file"),
        (b"abc\x00\x01\x02\x03def\x00\xff\xfe\x10" * 50, "binary file"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "undecodable"),
    ],
    ids=["empty", "white-space", "bom-only", "pdf", "png", "all-bytes", "nuls", "bad-utf16"],
)
def test_bad_input(tmp_path: Path, data: bytes, match: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(PartygraphError, match=match) as e:
        read_document(f)
    assert str(f) in str(e.value)
    assert "expected" in str(e.value)


def test_blog_post_page_title_date_and_list() -> None:
    page = (Path(__file__).parent / "blogger_page.html").read_bytes()
    rec = read_bytes(page, "blogger_page.html")
    assert rec.title == "Solidarity with Cuba"  # the post's title, not the blog's name
    assert rec.publication_date == "2018-12-11"  # from the date header
    assert rec.date is None
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Britain",
        "New Communist Party of Britain",
    ]
    assert "Post a Comment" not in rec.text and "Blog Archive" not in rec.text


def test_media_type_argument() -> None:
    page = b"<p>Declaration</p><p>We support peace.</p><ul><li>KKE</li><li>PCP</li></ul>"
    rec = read_bytes(page, "https://example.org/x", "text/html; charset=utf-8")
    assert rec.media_type == "text/html"
    assert [s.as_printed for s in rec.signatories] == ["KKE", "PCP"]
    with pytest.raises(PartygraphError, match="unknown media type"):
        read_bytes(b"text", "x.bin", "application/pdf")


def test_mailing_list_copy() -> None:
    rec = read_document(Path(__file__).parent / "mailing_list.txt")
    assert rec.title == "Joint statement on the blockade of Cuba"  # "Fwd:" dropped
    assert rec.publication_date == "2018-12-11"
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "AKEL, Cyprus",
    ]
    assert "International Department" not in rec.text  # the sender's signature


def test_layout_table_page() -> None:
    page = (
        "<html><body><table><tr><td class='menu'>Home<br>Archive</td><td>"
        "<h2>Joint statement of the Communist Parties of the Balkans</h2>"
        "<p>The parties condemn the intervention and call on the peoples to struggle for peace "
        "and against the war.</p>"
        "<p>Communist Party of Albania<br>Communist Party of Bulgaria<br>"
        "New Communist Party of Yugoslavia<br>Communist Party of Greece</p>"
        "</td></tr></table></body></html>"
    )
    rec = read_bytes(page.encode(), "balkans.htm")
    assert rec.title == "Joint statement of the Communist Parties of the Balkans"
    assert [s.as_printed for s in rec.signatories] == [
        "Communist Party of Albania",
        "Communist Party of Bulgaria",
        "New Communist Party of Yugoslavia",
        "Communist Party of Greece",
    ]


def test_greek_utf16_without_bom() -> None:
    text = (
        "Κοινή Δήλωση για την ειρήνη\n\nΤα κόμματα καταδικάζουν τον πόλεμο και καλούν τους "
        "λαούς σε πάλη για την ειρήνη.\n\nΤα κόμματα που υπογράφουν:\n"
        "- Κομμουνιστικό Κόμμα Ελλάδας\n- ΑΚΕΛ, Κύπρος\n"
    )
    for enc in ("utf-16-le", "utf-16-be"):
        rec = read_bytes(text.encode(enc), "gr.txt")
        assert len(rec.signatories) == 2, enc
