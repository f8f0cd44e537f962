"""One small synthetic document per shape the reader must know (issue 3)."""

from __future__ import annotations

import textwrap

import pytest

from partygraph.extract import read_bytes
from partygraph.extract.model import StatementRecord

BODY = (
    "We, the parties signing this statement, condemn the aggression and call on the "
    "peoples of the world to stand in solidarity with the workers and the people.\n\n"
    "We demand an end to the sanctions and the withdrawal of all foreign troops.\n"
)
PARTIES = [
    "Communist Party of Greece",
    "Portuguese Communist Party",
    "Communist Party of Britain",
    "AKEL",
]


def read(text: str, name: str = "doc.txt") -> StatementRecord:
    return read_bytes(textwrap.dedent(text).encode("utf-8"), name)


def lines_of(rec: StatementRecord) -> list[str]:
    return [s.as_printed for s in rec.signatories]


def doc(list_block: str, before: str = "", after: str = "") -> str:
    return f"A joint statement on peace\n\n{BODY}\n{before}{list_block}\n{after}"


# --- list markers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "1. Communist Party of Greece\n2. Portuguese Communist Party\n"
        "3. Communist Party of Britain\n4. AKEL\n",
        "1) Communist Party of Greece\n2) Portuguese Communist Party\n"
        "3) Communist Party of Britain\n4) AKEL\n",
        "1 - Communist Party of Greece\n2 - Portuguese Communist Party\n"
        "3 - Communist Party of Britain\n4 - AKEL\n",
        "1.     Communist Party of Greece\n2.     Portuguese Communist Party\n"
        "3.     Communist Party of Britain\n4.     AKEL\n",
        "• Communist Party of Greece\n• Portuguese Communist Party\n"
        "• Communist Party of Britain\n• AKEL\n",
        "- Communist Party of Greece\n- Portuguese Communist Party\n"
        "- Communist Party of Britain\n- AKEL\n",
        "– Communist Party of Greece\n– Portuguese Communist Party\n"
        "– Communist Party of Britain\n– AKEL\n",
        "* Communist Party of Greece\n* Portuguese Communist Party\n"
        "* Communist Party of Britain\n* AKEL\n",
        "Communist Party of Greece\nPortuguese Communist Party\nCommunist Party of Britain\nAKEL\n",
        "Communist Party of Greece\n\nPortuguese Communist Party\n\n"
        "Communist Party of Britain\n\nAKEL\n",
        "1. Communist Party of Greece\n\n2. Portuguese Communist Party\n\n"
        "3. Communist Party of Britain\n\n4. AKEL\n",
    ],
    ids=[
        "num-dot",
        "num-paren",
        "num-dash",
        "num-spaces",
        "bullet",
        "hyphen",
        "endash",
        "star",
        "plain-lines",
        "one-per-paragraph",
        "numbered-blank-lines",
    ],
)
def test_list_markers(block: str) -> None:
    rec = read(doc(block))
    assert lines_of(rec) == PARTIES
    assert [s.position for s in rec.signatories] == [1, 2, 3, 4]


def test_skipped_numbers_are_kept_and_warned() -> None:
    block = (
        "1. Communist Party of Greece\n2. Portuguese Communist Party\n"
        "4. Communist Party of Britain\n5. AKEL\n"
    )
    rec = read(doc(block, before="Signed by:\n\n"))
    assert lines_of(rec) == PARTIES
    assert any("from 2 to 4" in w for w in rec.warnings)


def test_run_together_numbered_items() -> None:
    block = (
        "1. Communist Party of Greece 2. Portuguese Communist Party "
        "3. Communist Party of Britain 4. AKEL\n"
    )
    rec = read(doc(block, before="Signed by:\n"))
    assert lines_of(rec) == PARTIES


def test_signed_by_names_on_one_line() -> None:
    rec = read(
        doc(
            "Signed by: Communist Party of Greece, Portuguese Communist Party, "
            "Communist Party of Britain and AKEL.\n"
        )
    )
    assert lines_of(rec) == PARTIES


def test_inline_list_in_lead_sentence() -> None:
    text = (
        "Joint Press Statement\n\n"
        "Leaders of the Communist Party of Greece, the Portuguese Communist Party and the "
        "Communist Party of Bohemia and Moravia have issued the following statement:\n\n"
        "We condemn the new wave of sanctions against the peoples, which hits the workers "
        "first of all and must be lifted at once.\n"
    )
    rec = read(text)
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Bohemia and Moravia",
    ]


def test_sub_headings_inside_the_list() -> None:
    block = (
        "Signed by:\n\nSolidNet Parties\n1. Communist Party of Greece\n"
        "2. Portuguese Communist Party\n\nNew signatures\n3. Communist Party of Britain\n"
        "4. AKEL\n\nOther parties\n5. Left Bloc\n"
    )
    rec = read(doc(block))
    assert lines_of(rec) == [*PARTIES, "Left Bloc"]
    assert [s.section for s in rec.signatories] == [
        "SolidNet Parties",
        "SolidNet Parties",
        "New signatures",
        "New signatures",
        "Other parties",
    ]


# --- country forms -------------------------------------------------------------------------


def test_country_forms_on_the_line() -> None:
    block = (
        "Greece - Communist Party of Greece\n"
        "Brazil – PCdoB – Communist Party of Brazil\n"
        "AKEL, Cyprus\n"
        "Party of Labour (Austria)\n"
        "Communist Party of Styria [Austria]\n"
        "Communist Party of the Russian Federation (CPRF)\n"
        "Communist Party of India (Marxist)\n"
    )
    rec = read(doc(block, before="Signatories:\n"))
    got = [(s.name, s.country, s.abbreviation) for s in rec.signatories]
    assert got == [
        ("Communist Party of Greece", "GR", None),
        ("Communist Party of Brazil", "BR", "PCdoB"),
        ("AKEL", "CY", "AKEL"),
        ("Party of Labour", "AT", None),
        ("Communist Party of Styria", "AT", None),
        ("Communist Party of the Russian Federation", None, "CPRF"),
        ("Communist Party of India (Marxist)", None, None),
    ]


def test_old_country_names() -> None:
    block = (
        "Communist Party, Swaziland\nMovement of Resistance, Moldavia\n"
        "Socialist Party (Rumania)\nNew Communist Party [Yugoslavia]\n"
    )
    rec = read(doc(block, before="Signed by:\n"))
    assert [s.country for s in rec.signatories] == ["SZ", "MD", "RO", "RS"]


# --- headings in several languages ---------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Subscribing parties:",
        "Signed by:",
        "The parties that sign this statement:",
        "Adesioni:",
        "Firmantes:",
        "Signataires :",
        "Unterzeichner:",
        "Τα κόμματα που υπογράφουν:",
        "Partidos signatários:",
        "The Parties:",
    ],
)
def test_list_headings(heading: str) -> None:
    # the heading beats an earlier party-like list in the body
    before = (
        "We salute the following:\n- Communist Party of Cuba\n- Communist Party of Vietnam\n\n"
        "These are our friends and we are proud of them and their struggle for socialism.\n\n"
    )
    rec = read(doc(f"{heading}\n" + "\n".join(f"- {p}" for p in PARTIES) + "\n", before=before))
    assert lines_of(rec) == PARTIES
    assert not any("without a heading" in w for w in rec.warnings)


# --- traps -------------------------------------------------------------------------------


def test_bulleted_demands_are_not_signatories() -> None:
    text = (
        "Statement on Syria\n\nThe parties signing this statement:\n"
        "- condemn the imperialist aggression against the Syrian Arab Republic;\n"
        "- consider it a violation of the UN Charter and of international law;\n"
        "- express their solidarity with the Syrian people.\n\n"
        "Signed by:\n- Communist Party of Greece\n- Portuguese Communist Party\n"
        "- Communist Party of Britain\n- AKEL\n"
    )
    assert lines_of(read(text)) == PARTIES


def test_numbered_demands_before_an_unheaded_list() -> None:
    text = (
        "Declaration on the war\n\nWe demand:\n"
        "1. The immediate end of the bombing of civilians and the lifting of the blockade.\n"
        "2. The withdrawal of all NATO troops from the region and the closing of bases.\n\n"
        "Communist Party of Greece\nPortuguese Communist Party\nCommunist Party of Britain\n"
        "AKEL\n"
    )
    assert lines_of(read(text)) == PARTIES


def test_topic_tags_share_links_and_comments_after_the_list() -> None:
    text = doc(
        "The Parties:\n\n• Communist Party of Greece\n• Portuguese Communist Party\n"
        "• Communist Party of Britain\n• AKEL\n",
        after=(
            "\n  • Central\n  • Working Group\n  • Cuba\n  • European Union\n  • Nato\n\n"
            "Share this:\nFacebook\nTwitter\nhttps://example.org/statement\n\n"
            "No comments:\n\nPost a Comment\n"
        ),
    )
    assert lines_of(read(text)) == PARTIES


def test_tags_in_the_same_bullet_style_are_trimmed() -> None:
    text = doc(
        "The Parties:\n\n• Communist Party of Greece\n• Portuguese Communist Party\n"
        "• Communist Party of Britain\n• AKEL\n\n• Cuba\n• Syria\n• Working Group\n• War\n"
    )
    assert lines_of(read(text)) == PARTIES


def test_working_group_signature_line_is_not_a_signatory() -> None:
    text = (
        "Statement of the Working Group\n\n" + BODY + "\n"
        "The Working Group of the International Meeting of Communist and Workers' Parties\n"
        "1 December 2019\n"
    )
    rec = read(text)
    assert lines_of(rec) == []
    assert rec.date == "2019-12-01"


def test_dateline_before_a_plain_list_is_not_a_signatory() -> None:
    text = doc("Athens, 25 November 2018\n" + "\n".join(PARTIES) + "\n")
    rec = read(text)
    assert lines_of(rec) == PARTIES
    assert rec.date == "2018-11-25"
    assert rec.place is not None and (rec.place.city, rec.place.country) == ("Athens", "GR")


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "iso"),
    [
        ("Lisbon, 25 November 2018", "2018-11-25"),
        ("Lisbon, November 25th 2018", "2018-11-25"),
        ("Lisbon, 25.11.2018", "2018-11-25"),
        ("Lisbon, 2018-11-25", "2018-11-25"),
        ("Lisboa, 25 de novembro de 2018", "2018-11-25"),
        ("Madrid, 25 de noviembre de 2018", "2018-11-25"),
        ("Roma, 25 novembre 2018", "2018-11-25"),
        ("Paris, le 25 novembre 2018", "2018-11-25"),
        ("Berlin, 25. November 2018", "2018-11-25"),
        ("Αθήνα, 25 Νοεμβρίου 2018", "2018-11-25"),
    ],
)
def test_dateline_forms(dateline: str, iso: str) -> None:
    rec = read(doc("Signed by:\n" + "\n".join(PARTIES) + "\n", before=dateline + "\n\n"))
    assert rec.date == iso
    assert rec.place is not None and rec.place.country in {"PT", "ES", "IT", "FR", "DE", "GR"}


def test_page_date_and_statement_date_are_different_facts() -> None:
    text = "Tuesday, 11 December 2018\n\n" + doc(
        "1. Communist Party of Greece\n2. AKEL\n", before="November 25th 2018\nAthens\n\n"
    )
    rec = read(text)
    assert (rec.publication_date, rec.date) == ("2018-12-11", "2018-11-25")


def test_solidnet_timestamp_is_the_publication_date_only() -> None:
    text = "A call for solidarity\n\n11/1/19, 3:19 PM\n\n" + BODY
    rec = read(text)
    assert rec.publication_date == "2019-11-01"
    assert rec.date is None


def test_month_only_dateline_is_never_a_date() -> None:
    rec = read(doc("1. Communist Party of Greece\n2. AKEL\n", before="Athens November 2018\n\n"))
    assert rec.date is None
    assert rec.partial_dates["date"] == "2018-11"
    assert any("only the month" in w for w in rec.warnings)


def test_dates_inside_prose_are_not_the_statement_date() -> None:
    text = (
        "We denounce the ban\n\nThe trial set for tomorrow (08.02.17) in Kiev is a mock trial "
        "that violates international law, and we will stand by the party.\n\n"
        "Signed by:\n- Communist Party of Greece\n- AKEL\n"
    )
    assert read(text).date is None


# --- meetings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "ordinal"),
    [
        ("the 20th International Meeting of Communist and Workers' Parties", 20),
        ("the XX International Meeting of Communist and Workers' Parties", 20),
        ("the twentieth International Meeting of Communist and Workers' Parties", 20),
        ("el 20º Encuentro Internacional de Partidos Comunistas y Obreros", 20),
        ("o 20.º Encontro Internacional de Partidos Comunistas e Operários", 20),
        ("the XIV International Meeting of Communist and Workers Parties", 14),
        ("das 20. Internationale Treffen der kommunistischen und Arbeiterparteien", 20),
        ("la 20ª Rencontre internationale des partis communistes et ouvriers", 20),
        ("της 20ής Διεθνούς Συνάντησης Κομμουνιστικών και Εργατικών Κομμάτων", 20),
        ("the IMCWP 21", 21),
    ],
)
def test_meeting_ordinals(phrase: str, ordinal: int) -> None:
    text = f"Resolution\n\nWe, participants in {phrase}, held in Athens, express our support.\n"
    m = read(text).meeting
    assert m is not None
    assert (m.ordinal, m.series) == (ordinal, "imcwp")
    assert m.name == "International Meeting of Communist and Workers' Parties"


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("held in Athens, Greece on November 23-25, 2018", "2018-11-23", "2018-11-25"),
        ("held in Athens, Greece on 23-25 November 2018", "2018-11-23", "2018-11-25"),
        ("held in Brussels on 11-12 April 2011", "2011-04-11", "2011-04-12"),
        ("held in Izmir on 18, 19 and 20 October 2019", "2019-10-18", "2019-10-20"),
        ("held in Beirut from 30 November to 2 December 2018", "2018-11-30", "2018-12-02"),
    ],
)
def test_meeting_day_ranges(phrase: str, start: str, end: str) -> None:
    text = (
        "Resolution\n\nThe parties of the International Meeting of Communist and Workers' "
        f"Parties {phrase} express their support.\n"
    )
    m = read(text).meeting
    assert m is not None
    assert (m.start, m.end) == (start, end)
    assert m.city is not None and m.country is not None


def test_working_group_and_european_meeting() -> None:
    wg = read(
        "Statement\n\nWe met in Lisbon, Portugal for the meeting of the Working Group of "
        "the International Meeting of Communist and Workers' Parties.\n"
    ).meeting
    assert wg is not None and (wg.series, wg.city, wg.country) == ("imcwp-wg", "Lisbon", "PT")
    ecm = read(
        "Resolution\n\nThe parties at the European Communist Meeting held in Brussels "
        "express support.\n"
    ).meeting
    assert ecm is not None and (ecm.series, ecm.name) == ("ecm", "European Communist Meeting")


# --- initiators ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Initiated by the Hungarian Workers' Party", ["Hungarian Workers' Party"]),
        ("Proposed by the KKE and DKP", ["KKE", "DKP"]),
        (
            "Proposed by the Communist Party of Greece, the German Communist Party and the "
            "Portuguese Communist Party",
            ["Communist Party of Greece", "German Communist Party", "Portuguese Communist Party"],
        ),
        (
            "On the initiative of the Communist Party of Greece, the parties listed below "
            "adopted this text.",
            ["Communist Party of Greece"],
        ),
        (
            "Su iniziativa del Partito Comunista Portoghese (PCP), che ringraziamo, decine di "
            "partiti hanno firmato.",
            ["Partito Comunista Portoghese (PCP)"],
        ),
        (
            "A iniciativa del Partido Comunista de Venezuela, los partidos firmantes declaran.",
            ["Partido Comunista de Venezuela"],
        ),
    ],
)
def test_initiators(line: str, expected: list[str]) -> None:
    rec = read(f"Statement on peace\n\n{BODY}\n{line}\n\nSigned by:\n- AKEL\n- KKE\n")
    assert [i.as_printed for i in rec.initiators] == expected


# --- title, language, body -----------------------------------------------------------------


def test_headline_and_title() -> None:
    text = (
        "Tuesday, 11 December 2018\n\nSolidarity with the Korean people\n\n"
        "20th International Meeting of Communist and Workers Parties\n\n"
        "Statement of Solidarity with the Korean People for Peace on the Peninsula\n\n" + BODY
    )
    rec = read(text)
    assert rec.headline == "Solidarity with the Korean people"
    assert rec.title == "Statement of Solidarity with the Korean People for Peace on the Peninsula"


def test_no_title_when_the_text_starts_with_prose() -> None:
    text = (
        "Decine di partiti comunisti e progressisti di ogni continente hanno sottoscritto\n"
        "una presa di posizione comune contro il bombardamento della Siria.\n\n"
        "Adesioni:\n- Communist Party of Greece\n- AKEL\n"
    )
    rec = read(text)
    assert rec.title is None
    assert rec.language == "it"


def test_body_text_has_no_list_and_no_boilerplate() -> None:
    rec = read(
        doc(
            "Signed by:\n1. Communist Party of Greece\n2. AKEL\n",
            after="\nNo comments:\n\nPost a Comment\n",
        )
    )
    assert "withdrawal of all foreign troops" in rec.text
    assert "AKEL" not in rec.text and "Post a Comment" not in rec.text
    assert "Signed by" not in rec.text


def test_duplicates_kept_and_warned() -> None:
    rec = read(doc("Signed by:\n1. AKEL\n2. KKE\n3. AKEL\n"))
    assert lines_of(rec) == ["AKEL", "KKE", "AKEL"]
    assert any("lines 1 and 3" in w for w in rec.warnings)


# --- more shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "1\tCommunist Party of Greece\n2\tPortuguese Communist Party\n"
        "3\tCommunist Party of Britain\n4\tAKEL\n",
        "1-Communist Party of Greece\n2-Portuguese Communist Party\n"
        "3-Communist Party of Britain\n4-AKEL\n",
        "(1) Communist Party of Greece\n(2) Portuguese Communist Party\n"
        "(3) Communist Party of Britain\n(4) AKEL\n",
        "1. Communist Party of Greece;\n2. Portuguese Communist Party;\n"
        "3. Communist Party of Britain;\n4. AKEL.\n",
    ],
    ids=["tab", "glued-dash", "parenthesised", "trailing-punctuation"],
)
def test_more_markers(block: str) -> None:
    assert lines_of(read(doc(block, before="Signed by:\n"))) == PARTIES


def test_country_headings_over_parties() -> None:
    block = (
        "Greece\nCommunist Party of Greece\n\nPortugal\nPortuguese Communist Party\n"
        "Ecologist Party The Greens\n\nCyprus\nAKEL\n"
    )
    rec = read(doc(block, before="Signatories:\n\n"))
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Ecologist Party The Greens",
        "AKEL",
    ]
    assert [s.country for s in rec.signatories] == ["GR", "PT", "PT", "CY"]


def test_html_table_of_signatories() -> None:
    page = (
        "<html><body><article><h1>Joint Declaration</h1>"
        "<p>The parties condemn the blockade and demand that it be lifted at once.</p>"
        "<p>Signed by:</p><table><tr><th>Country</th><th>Party</th></tr>"
        "<tr><td>Greece</td><td>Communist Party of Greece</td></tr>"
        "<tr><td>Portugal</td><td>Portuguese Communist Party</td></tr>"
        "<tr><td>Cyprus</td><td>AKEL</td></tr></table></article></body></html>"
    )
    rec = read_bytes(page.encode(), "t.html")
    assert [(s.name, s.country) for s in rec.signatories] == [
        ("Communist Party of Greece", "GR"),
        ("Portuguese Communist Party", "PT"),
        ("AKEL", "CY"),
    ]


def test_markdown_table_of_signatories() -> None:
    md = (
        "# Joint Declaration\n\nThe parties condemn the blockade and demand its end.\n\n"
        "Signed by:\n\n| Country | Party |\n|---|---|\n| Greece | Communist Party of Greece |\n"
        "| Cyprus | AKEL |\n"
    )
    rec = read_bytes(md.encode(), "t.md")
    assert [(s.name, s.country) for s in rec.signatories] == [
        ("Communist Party of Greece", "GR"),
        ("AKEL", "CY"),
    ]


def test_posted_on_stamp_is_the_publication_date_only() -> None:
    text = doc(
        "Signed by:\n- Communist Party of Greece\n- AKEL\n",
        after="\nPosted on 11 December 2018 by admin\n",
    )
    rec = read(text)
    assert (rec.publication_date, rec.date) == ("2018-12-11", None)


def test_initiators_listed_under_their_heading() -> None:
    text = (
        "Statement on peace\n\n" + BODY + "\nInitiated by:\n- Communist Party of Greece\n"
        "- German Communist Party\n\nSigned by:\n- AKEL\n- Portuguese Communist Party\n"
    )
    rec = read(text)
    assert [i.as_printed for i in rec.initiators] == [
        "Communist Party of Greece",
        "German Communist Party",
    ]
    assert lines_of(rec) == ["AKEL", "Portuguese Communist Party"]


def test_signer_names_under_party_lines_are_not_parties() -> None:
    block = (
        "Signed by:\n\nCommunist Party of Greece\nDimitris Koutsoumbas, General Secretary\n\n"
        "Portuguese Communist Party\nPaulo Raimundo, General Secretary\n\n"
        "Communist Party of the Russian Federation\nGennady Zyuganov, Chairman\n"
    )
    rec = read(doc(block))
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of the Russian Federation",
    ]
    assert sum("names a person" in w for w in rec.warnings) == 3


def test_names_in_the_paragraph_under_a_heading() -> None:
    block = (
        "Signatories:\n\nCommunist Party of Greece, Portuguese Communist Party, "
        "Communist Party of Britain, AKEL (Cyprus), Communist Party of Bohemia and Moravia.\n"
    )
    rec = read(doc(block))
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Britain",
        "AKEL (Cyprus)",
        "Communist Party of Bohemia and Moravia",
    ]
    assert rec.signatories[3].country == "CY"


def test_initiator_in_a_title_and_not_inside_prose() -> None:
    text = (
        "Joint Statement on Ukraine (Proposed by the KKE and DKP)\n\n"
        "The coup initiated by the Party of Regions' opponents and backed by the EU has "
        "brought reactionary forces to power in the country.\n\n"
        "Signed by:\n- Communist Party of Greece\n- German Communist Party\n"
    )
    rec = read(text)
    assert rec.title == "Joint Statement on Ukraine (Proposed by the KKE and DKP)"
    assert [i.as_printed for i in rec.initiators] == ["KKE", "DKP"]


def test_more_country_and_abbreviation_forms() -> None:
    block = (
        "Albania, Communist Party of Albania\nCommunist Party of Greece – KKE\n"
        "Communist Party of Bohemia and Moravia - KSČM\nCommunist Party of Spain, PCE\n"
    )
    rec = read(doc(block, before="Signatories:\n"))
    assert [(s.name, s.country, s.abbreviation) for s in rec.signatories] == [
        ("Communist Party of Albania", "AL", None),
        ("Communist Party of Greece", None, "KKE"),
        ("Communist Party of Bohemia and Moravia", None, "KSČM"),
        ("Communist Party of Spain", None, "PCE"),
    ]


@pytest.mark.parametrize("heading", ["Signed:", "Participating parties:", "SIGNATORIES"])
def test_short_headings(heading: str) -> None:
    text = (
        "Joint statement\n\n" + BODY + f"\n{heading}\n- Communist Party of Greece\n"
        "- Communist Party of Turkey\n\nOrganisations:\n- World Federation of Democratic Youth\n"
    )
    rec = read(text)
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Communist Party of Turkey",
        "World Federation of Democratic Youth",
    ]
    assert rec.signatories[2].section == "Organisations"
    assert not any("without a heading" in w for w in rec.warnings)


@pytest.mark.parametrize(
    ("dateline", "iso"),
    [
        ("Athens, 25-11-2018", "2018-11-25"),
        ("Buenos Aires, noviembre 25 de 2018", "2018-11-25"),
        ("Athens, the 25th of November, 2018", "2018-11-25"),
    ],
)
def test_more_date_forms(dateline: str, iso: str) -> None:
    rec = read(doc("Signed by:\n- KKE\n- AKEL\n", before=dateline + "\n\n"))
    assert rec.date == iso


@pytest.mark.parametrize(
    "text",
    [
        "Joint Statement of the Communist Party of Greece and the Communist Party of Turkey\n\n"
        + BODY,
        "Statement\n\nThe Communist Party of Greece and the Communist Party of Turkey issued "
        "the following joint statement:\n\n" + BODY,
    ],
    ids=["title", "lead-without-have"],
)
def test_bilateral_statements(text: str) -> None:
    assert lines_of(read(text)) == ["Communist Party of Greece", "Communist Party of Turkey"]


def test_sections_ending_with_a_colon_and_secretariat_signature() -> None:
    text = doc(
        "Signed by:\n\nParties from Europe:\n1. Communist Party of Greece\n2. AKEL\n\n"
        "Parties from Latin America:\n3. Communist Party of Cuba\n4. Communist Party of Chile\n",
        after="\nSecretariat of the European Communist Initiative\n",
    )
    rec = read(text)
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "AKEL",
        "Communist Party of Cuba",
        "Communist Party of Chile",
    ]
    assert rec.signatories[2].section == "Parties from Latin America"


def test_site_banners_are_not_titles() -> None:
    blog = "New Worker Features\n\nTuesday, 11 December 2018\n\nSolidarity with Cuba\n\n" + BODY
    assert read(blog).title == "Solidarity with Cuba"
    site = "Communist Party of Greece\n\nHands off the Communist Party of Ukraine!\n\n" + BODY
    assert read(site).title == "Hands off the Communist Party of Ukraine!"


def test_meeting_named_late_in_the_body_is_only_a_mention() -> None:
    text = (
        "Solidarity with Cuba\n\n" + BODY + "\nThe parties stand firm.\n\n"
        "Their unity was shown again at the 20th International Meeting of Communist and "
        "Workers' Parties held in Athens.\n\nSigned by:\n- KKE\n- AKEL\n"
    )
    assert read(text).meeting is None


def test_joint_statement_of_the_working_group_is_a_title() -> None:
    text = (
        "Joint Statement of the Working Group of the International Meeting of Communist and "
        "Workers Parties\n\n7th February 2017\n\n" + BODY
    )
    rec = read(text)
    assert rec.title is not None and rec.title.startswith("Joint Statement of the Working Group")
    assert rec.meeting is not None and rec.meeting.series == "imcwp-wg"


def test_capitalised_country_before_the_name_and_wrapped_prose() -> None:
    text = (
        "Declaration on peace\n\n"
        "The Communist Party of Greece and the Portuguese Communist Party call on the\n"
        "Communist Parties of Europe to join the struggle against the war and for peace.\n\n"
        "1. ALBANIA Communist Party of Albania\n2. UNITED KINGDOM New Communist Party of Britain\n"
        "\nFacebook Twitter WhatsApp Email\n"
    )
    rec = read(text)
    assert [(s.name, s.country) for s in rec.signatories] == [
        ("Communist Party of Albania", "AL"),
        ("New Communist Party of Britain", "GB"),
    ]


def test_month_only_page_date_and_names_in_other_scripts() -> None:
    text = (
        "Statement on peace\n\nMarch 2019\n\n" + BODY + "\nSigned by:\n"
        "- Коммунистическая партия Российской Федерации\n- Türkiye Komünist Partisi\n"
    )
    rec = read(text)
    assert rec.publication_date is None
    assert rec.partial_dates == {"publication_date": "2019-03"}
    assert len(rec.signatories) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Convocado por el Partido Comunista de Venezuela", ["Partido Comunista de Venezuela"]),
        ("Initiée par le Parti communiste français (PCF)", ["Parti communiste français (PCF)"]),
        ("Με πρωτοβουλία του ΚΚΕ", ["ΚΚΕ"]),
    ],
)
def test_initiators_in_more_languages(line: str, expected: list[str]) -> None:
    rec = read(f"Statement on peace\n\n{BODY}\n{line}\n\nSigned by:\n- AKEL\n- KKE\n")
    assert [i.as_printed for i in rec.initiators] == expected


def test_closing_paragraph_of_names() -> None:
    text = (
        "Statement on peace\n\n" + BODY + "\nCommunist Party of Greece, Portuguese Communist "
        "Party, Party of Labour of Austria, AKEL (Cyprus), Communist Party of Bohemia and "
        "Moravia, Workers' Party of Belgium, Communist Party of Britain, Socialist Workers' "
        "Party of Croatia\n"
    )
    rec = read(text)
    assert len(rec.signatories) == 8
    assert rec.signatories[4].as_printed == "Communist Party of Bohemia and Moravia"
    assert rec.signatories[3].country == "CY"


@pytest.mark.parametrize("heading", ["Erstunterzeichner:", "Adhieren:", "Firmano:"])
def test_headings_in_more_forms(heading: str) -> None:
    rec = read(doc(f"{heading}\n" + "\n".join(f"- {p}" for p in PARTIES) + "\n"))
    assert lines_of(rec) == PARTIES
    assert not any("without a heading" in w for w in rec.warnings)


def test_country_line_under_each_party() -> None:
    block = (
        "Communist Party of Greece\nGreece\n\nPortuguese Communist Party\nPortugal\n\n"
        "AKEL\nCyprus\n"
    )
    rec = read(doc(block, before="Signed by:\n\n"))
    assert [(s.as_printed, s.country) for s in rec.signatories] == [
        ("Communist Party of Greece", "GR"),
        ("Portuguese Communist Party", "PT"),
        ("AKEL", "CY"),
    ]


def test_tight_country_headings() -> None:
    block = "Greece\nCommunist Party of Greece\nPortugal\nPortuguese Communist Party\n"
    rec = read(doc(block, before="Signed by:\n\n"))
    assert [(s.as_printed, s.country) for s in rec.signatories] == [
        ("Communist Party of Greece", "GR"),
        ("Portuguese Communist Party", "PT"),
    ]


def test_tags_after_a_list_of_paragraphs() -> None:
    block = (
        "Communist Party of Greece\n\nPortuguese Communist Party\n\nCommunist Party of Britain"
        "\n\nAKEL\n\nImperialism\n\nWar\n\nSolidarity\n"
    )
    assert lines_of(read(doc(block))) == PARTIES


def test_flag_emoji_state_the_country() -> None:
    block = "🇬🇷 Communist Party of Greece\n🇵🇹 Portuguese Communist Party\n"
    rec = read(doc(block, before="Signed by:\n"))
    assert [(s.name, s.country) for s in rec.signatories] == [
        ("Communist Party of Greece", "GR"),
        ("Portuguese Communist Party", "PT"),
    ]


def test_pdf_text_page_breaks_inside_a_list() -> None:
    block = (
        "Communist Party of Greece\nPortuguese Communist Party\n\n- 2 -\n\f"
        "Communist Party of Britain\nAKEL\n\nPage 3 of 3\n"
    )
    assert lines_of(read(doc(block, before="Signed by:\n"))) == PARTIES


def test_page_stamp_then_dateline_under_the_title() -> None:
    text = (
        "Tuesday, 11 December 2018\n\nSolidarity with Cuba\n\nHavana, 25 November 2018\n\n"
        + BODY
        + "\nSigned by:\n- KKE\n- AKEL\n"
    )
    rec = read(text)
    assert (rec.publication_date, rec.date) == ("2018-12-11", "2018-11-25")
    assert rec.place is not None and rec.place.country == "CU"


def test_names_in_columns() -> None:
    block = (
        "Communist Party of Greece        Portuguese Communist Party\n"
        "Communist Party of Britain       Party of Labour of Austria\n"
    )
    rec = read(doc(block, before="Signed by:\n"))
    assert lines_of(rec) == [
        "Communist Party of Greece",
        "Portuguese Communist Party",
        "Communist Party of Britain",
        "Party of Labour of Austria",
    ]
    assert any("columns" in w for w in rec.warnings)


# --- parties named in a sentence (issue 10) ---------------------------------------------

THREE = ["Communist Party of Greece", "AKEL (Cyprus)", "Portuguese Communist Party"]
REPORT = "Meeting of parties in Athens\n\n{}\n\nThe participants discussed the situation.\n"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (
            "The meeting was attended by delegations from 3 parties, namely the Communist "
            "Party of Greece, the AKEL (Cyprus) and the Portuguese Communist Party.",
            "participant",
        ),
        (
            "Representatives from the Communist Party of Greece, AKEL (Cyprus) and the "
            "Portuguese Communist Party took part in the meeting.",
            "participant",
        ),
        (
            "Leaders of three Left parties – Communist Party of Greece, AKEL (Cyprus) and "
            "Portuguese Communist Party met today and issued the following statement:",
            "signatory",
        ),
        (
            "In a statement, the Communist Party of Greece, AKEL (Cyprus) and the Portuguese "
            "Communist Party have condemned the aggression.",
            "signatory",
        ),
    ],
    ids=["namely", "took-part", "leaders-dash", "in-a-statement"],
)
def test_list_in_an_english_sentence(sentence: str, role: str) -> None:
    rec = read(REPORT.format(sentence))
    assert lines_of(rec) == THREE
    assert {s.role for s in rec.signatories} == {role}
    assert not any("counts" in w for w in rec.warnings)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "El encuentro se celebró con la participación del Partido Comunista de España, "
            "el Partido Comunista de Chile y el Partido Comunista de Cuba.",
            [
                "Partido Comunista de España",
                "Partido Comunista de Chile",
                "Partido Comunista de Cuba",
            ],
        ),
        (
            "Na reunião participaram o Partido Comunista Português, o Partido Comunista do "
            "Brasil e o AKEL (Chipre).",
            ["Partido Comunista Português", "Partido Comunista do Brasil", "AKEL (Chipre)"],
        ),
        (
            "La réunion s’est tenue en présence du Parti communiste français, du Parti du "
            "travail de Belgique et du Parti communiste de Grèce.",
            [
                "Parti communiste français",
                "Parti du travail de Belgique",
                "Parti communiste de Grèce",
            ],
        ),
        (
            "Hanno partecipato alla riunione il Partito Comunista Italiano, il Partito "
            "Comunista di Grecia e il Partito Comunista Portoghese.",
            [
                "Partito Comunista Italiano",
                "Partito Comunista di Grecia",
                "Partito Comunista Portoghese",
            ],
        ),
        (
            "An der Konferenz nahmen die Deutsche Kommunistische Partei (DKP), die "
            "Kommunistische Partei Luxemburgs (KPL) und die Partei der Arbeit Belgiens teil.",
            [
                "Deutsche Kommunistische Partei (DKP)",
                "Kommunistische Partei Luxemburgs (KPL)",
                "Partei der Arbeit Belgiens",
            ],
        ),
        (
            "Στη συνάντηση συμμετείχαν το Κομμουνιστικό Κόμμα Ελλάδας, το ΑΚΕΛ και το "
            "Κομμουνιστικό Κόμμα Τουρκίας.",
            ["Κομμουνιστικό Κόμμα Ελλάδας", "ΑΚΕΛ", "Κομμουνιστικό Κόμμα Τουρκίας"],
        ),
        (
            "На срещата участваха Българската комунистическа партия, Комунистическата "
            "партия на Гърция и Партия на труда.",
            [
                "Българската комунистическа партия",
                "Комунистическата партия на Гърция",
                "Партия на труда",
            ],
        ),
    ],
    ids=["es", "pt", "fr", "it", "de", "el", "bg"],
)
def test_list_in_a_sentence_in_other_languages(sentence: str, names: list[str]) -> None:
    rec = read(REPORT.format(sentence))
    assert lines_of(rec) == names
    assert {s.role for s in rec.signatories} == {"participant"}


def test_printed_count_checks_the_list() -> None:
    rec = read(
        REPORT.format(
            "The meeting was attended by delegations from 4 parties, namely the Communist Party "
            "of Greece, AKEL (Cyprus) and the Portuguese Communist Party."
        )
    )
    assert lines_of(rec) == THREE
    assert any("counts 4 parties but names 3" in w for w in rec.warnings)


def test_parties_that_did_not_attend_are_not_listed() -> None:
    rec = read(
        REPORT.format(
            "Representatives from the Communist Party of Greece, AKEL (Cyprus) and the "
            "Portuguese Communist Party took part. The Communist Party of Spain, the Communist "
            "Party of Chile and the Communist Party of Cuba could not attend and sent messages."
        )
    )
    assert lines_of(rec) == THREE


def test_a_country_after_a_comma_stays_with_its_name() -> None:
    rec = read(
        REPORT.format(
            "The meeting was attended by the Communist Peoples' Left, Italy, the Party of "
            "Labour, Turkey (EMEP) and the Communist Party of Greece."
        )
    )
    assert lines_of(rec) == [
        "Communist Peoples' Left, Italy",
        "Party of Labour, Turkey (EMEP)",
        "Communist Party of Greece",
    ]


def test_country_groups_give_their_parties() -> None:
    rec = read(
        REPORT.format(
            "Five parties participated in the meeting, specifically: Bulgaria (Union of "
            "Communists in Bulgaria, Communist Party of Bulgaria), Greece (Communist Party of "
            "Greece) and Turkey (Communist Party, Turkey)."
        )
    )
    assert lines_of(rec) == [
        "Union of Communists in Bulgaria",
        "Communist Party of Bulgaria",
        "Communist Party of Greece",
        "Communist Party, Turkey",
    ]
    assert any("counts 5 parties but names 4" in w for w in rec.warnings)


def test_hard_wrapped_sentence_is_one_list() -> None:
    text = (
        "Balkan parties met\n\nThe parties agreed to act together against the war.\n\n"
        "Attending the meeting were \nthe Communist Party of Greece, \n"
        "the Communist Party of Bulgaria, the New Communist Party of Yugoslavia, \n"
        "the Communist Party of Macedonia\n"
    )
    assert lines_of(read(text)) == [
        "Communist Party of Greece",
        "Communist Party of Bulgaria",
        "New Communist Party of Yugoslavia",
        "Communist Party of Macedonia",
    ]


# --- names run together on one line -------------------------------------------------------

RUN = (
    "Communist Party of Greece Hungarian Workers' Party Pole of Rebirth of Communists in "
    "France URCF Communist Peoples' Left, Italy Party of the Italian Communists"
)
RUN_NAMES = [
    "Communist Party of Greece",
    "Hungarian Workers' Party",
    "Pole of Rebirth of Communists in France URCF",
    "Communist Peoples' Left, Italy",
    "Party of the Italian Communists",
]


def test_names_run_together_split_by_grammar() -> None:
    rec = read(doc(RUN + "\n", before="Signed by:\n"))
    assert lines_of(rec) == RUN_NAMES
    assert any("runs 5 names together" in w for w in rec.warnings)


def test_known_names_split_first_and_confirm() -> None:
    # known names are taken first (curly or straight apostrophes alike) and confirm a split
    run = (
        "Workers' Party for Peace and Socialism Union of Communists of Ukraine "
        "New Communist Party of Britain"
    )
    known = ["Workers’ Party for Peace and Socialism", "Union of Communists of Ukraine"]
    rec = read_bytes(doc(run + "\n", before="Signed by:\n").encode(), "k.txt", known_names=known)
    assert lines_of(rec) == [
        "Workers' Party for Peace and Socialism",
        "Union of Communists of Ukraine",
        "New Communist Party of Britain",
    ]
    warn = next(w for w in rec.warnings if "runs 3 names together" in w)
    assert "1 not confirmed" in warn and "New Communist Party of Britain" in warn


def test_a_known_name_keeps_the_abbreviation_printed_after_it() -> None:
    # "... of France URCF", "German Communist Party (DKP)": the abbreviation belongs to the
    # known name before it, not to a name of its own
    run = (
        "Union of Revolutionary Communists of France URCF Unified Communist Party of Georgia "
        "German Communist Party (DKP) Communist Party of Greece"
    )
    known = ["Union of Revolutionary Communists of France", "German Communist Party"]
    rec = read_bytes(doc(run + "\n", before="Signed by:\n").encode(), "k.txt", known_names=known)
    assert lines_of(rec) == [
        "Union of Revolutionary Communists of France URCF",
        "Unified Communist Party of Georgia",
        "German Communist Party (DKP)",
        "Communist Party of Greece",
    ]


# --- real web pages ---------------------------------------------------------------------

SIDEBAR = (
    '<aside class="widget"><h3>Related</h3><ul><li><a href="/a">Communist Party of Spain</a>'
    '</li><li><a href="/b">Communist Party of Chile</a></li></ul></aside>'
    '<div class="related-posts"><a href="/c">Statement of the Communist Party of Cuba</a><br>'
    '<a href="/d">Workers Party of Ireland congress</a><br><a href="/e">KKE on elections</a></div>'
    '<div class="tags">Tags: <a href="/t">Communist Party of Greece</a></div>'
    '<div id="comments"><p>Great, the Communist Party of Sweden agrees!</p></div>'
)


def page(body: str) -> bytes:
    return (
        '<html lang="en"><head><title>Red Site | Solidarity with Cuba</title>'
        '<meta property="og:title" content="Solidarity with Cuba">'
        '<meta property="article:published_time" content="2020-03-05T10:00:00+00:00">'
        '</head><body><header class="site-header"><h1 class="site-title">Red Site</h1>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/en">EN</a></li>'
        '<li><a href="/es">ES</a></li></ul></nav></header>'
        '<div class="content"><article><h1 class="entry-title">Solidarity with Cuba</h1>'
        '<time datetime="2020-03-05">5 March 2020</time><div class="entry-content">'
        "<p>We condemn the blockade and call on all peoples to stand with Cuba now.</p>"
        + body
        + '</div><div class="share">Share on Facebook Twitter</div></article>'
        + SIDEBAR
        + "</div><footer>© Red Site</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "body",
    [
        "<p>Signed by:</p><ul><li>Communist Party of Greece</li><li>AKEL (Cyprus)</li>"
        "<li>Portuguese Communist Party</li></ul>",
        "<p>Signed by:</p><p>Communist Party of Greece</p><p>AKEL (Cyprus)</p>"
        "<p>Portuguese Communist Party</p>",
        "<p>Signed by:<br>Communist Party of Greece<br>AKEL (Cyprus)<br>"
        "Portuguese Communist Party</p>",
        "<p>Signed by:</p><table><tr><td>Communist Party of Greece</td></tr><tr><td>AKEL "
        "(Cyprus)</td></tr><tr><td>Portuguese Communist Party</td></tr></table>",
        "<p>The statement was signed by the Communist Party of Greece, AKEL (Cyprus) and "
        "the Portuguese Communist Party.</p>",
    ],
    ids=["li", "p-per-name", "br-lines", "table-rows", "sentence"],
)
def test_web_page_lists_among_furniture(body: str) -> None:
    rec = read_bytes(page(body), "page.html")
    assert lines_of(rec) == THREE  # nothing from menus, sidebars, tags or comments
    assert rec.title == "Solidarity with Cuba"
    assert rec.publication_date == "2020-03-05"
    assert rec.date is None  # a posting time is not the statement's date


# --- dates and ordinals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "From: press@example.org\nDate: Tue, 11 Dec 2018 10:00:00 +0100\nSubject: Peace now\n\n",
        "Posted on 11 December 2018 by admin\n\nPeace now\n\n",
        "Peace now\n\nIn 1999, on 24 March 1999, NATO began its war on Yugoslavia.\n\n",
        "Peace now\n\nAthens, 25 November\n\n",
    ],
    ids=["mail-header", "posting-time", "other-event", "day-without-year"],
)
def test_dates_that_are_not_the_statements(head: str) -> None:
    rec = read(head + BODY + "\nSigned by:\n- KKE\n- AKEL\n")
    assert rec.date is None


def test_a_report_is_dated_by_its_meeting_day() -> None:
    rec = read(
        REPORT.format(
            "On 15th of September 2006 the KKE hosted a meeting attended by the Communist "
            "Party of Greece, AKEL (Cyprus) and the Portuguese Communist Party."
        )
    )
    assert rec.date == "2006-09-15"
    several = read(
        REPORT.format(
            "The meeting, held on 11 and 12 April 2011, was attended by the Communist Party "
            "of Greece, AKEL (Cyprus) and the Portuguese Communist Party."
        )
    )
    assert several.date is None  # two days: no single day is the statement's


@pytest.mark.parametrize(
    ("phrase", "ordinal"),
    [
        (
            "Political Declaration of the XI International Conference of Marxist-Leninist Parties",
            11,
        ),
        ("Resolution of the 5th World Conference", 5),
        ("Erklärung der Vierten Vier-Parteien-Konferenz", 4),
        ("Déclaration de la troisième conférence des partis", 3),
        ("Декларация на Втората конференция на партиите", 2),
    ],
)
def test_ordinals_of_other_meetings(phrase: str, ordinal: int) -> None:
    rec = read(f"{phrase}\n\n{BODY}\nSigned by:\n- KKE\n- AKEL\n")
    assert rec.meeting is not None and rec.meeting.ordinal == ordinal
