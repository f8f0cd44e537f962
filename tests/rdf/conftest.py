"""Inputs for the RDF tests, built by hand from the extract/resolve records.

The seed's facts are copied from tests/expected/seed.json; party ids are slugs of the
printed names (the registry's own ids do not matter to the RDF stage).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from partygraph.extract.model import Meeting, Place, PrintedParty, StatementRecord
from partygraph.rdf.iris import slugify
from partygraph.resolve.model import Party, Resolution, ResolvedStatement

EXPECTED = Path(__file__).resolve().parents[1] / "expected"
SEED_SHA = "d09a13167ed8fed5" + "0" * 48
INGESTED = datetime(2026, 11, 27, 22, 0, 0, tzinfo=UTC)
COUNTRY_NAMES = {
    "GR": "Greece",
    "HU": "Hungary",
    "KP": "Democratic People's Republic of Korea",
    "ES": "Spain",
    "PT": "Portugal",
    "US": "United States",
}


def seed_parties_and_resolved() -> tuple[list[Party], ResolvedStatement]:
    """The seed statement resolved into 61 parties (lines 54 and 55 are one party)."""
    facts = json.loads((EXPECTED / "seed.json").read_text(encoding="utf-8"))
    parties: dict[str, Party] = {}
    sigs: list[Resolution] = []
    for line in facts["signatories"]:
        printed = PrintedParty(line["position"], line["as_printed"], line["as_printed"])
        pid = slugify(line["as_printed"])
        party = parties.setdefault(pid, Party(pid, line["as_printed"], line["country"]))
        sigs.append(Resolution(printed, party, "exact"))
    hwp = parties[slugify("Hungarian Workers' Party")]
    init = [
        Resolution(
            PrintedParty(1, "Hungarian Workers' Party", "Hungarian Workers' Party"), hwp, "alias"
        )
    ]
    record = StatementRecord(
        source="data/statements/000_d09a13167ed8fed5.txt",
        sha256=SEED_SHA,
        language="en",
        title=facts["title"],
        headline=facts["headline"],
        date=facts["date"],
        publication_date=facts["publication_date"],
        place=Place(**facts["place"]),
        meeting=Meeting(series="imcwp", **facts["meeting"]),
        initiators=[r.printed for r in init],
        signatories=[r.printed for r in sigs],
        text="We express our solidarity with the Workers' Party of Korea and the Korean people.",
        warnings=["line 55 repeats line 54 (Communist Party of The Peoples of Spain)"],
    )
    return list(parties.values()), ResolvedStatement(record, sigs, init, ["resolver note"])


def three_party() -> tuple[list[Party], ResolvedStatement]:
    """A small statement: 3 lines, a fuzzy match, a provisional party, an initiator-only party."""
    kke = Party(
        "communist-party-of-greece", "Communist Party of Greece", "GR", "KKE", ("KKE",), "Q220386"
    )
    pcp = Party("portuguese-communist-party", "Portuguese Communist Party", "PT", "PCP")
    new = Party("workers-front-of-atlantis", "Workers' Front of Atlantis", None, provisional=True)
    cpusa = Party("communist-party-usa", "Communist Party USA", "US")
    lines = [
        PrintedParty(
            1, "Communist Party of Greece (KKE)", "Communist Party of Greece", "GR", "KKE"
        ),
        PrintedParty(2, "Portugese Communist Party", "Portugese Communist Party", section="Europe"),
        PrintedParty(3, "Workers' Front of Atlantis", "Workers' Front of Atlantis"),
    ]
    sigs = [
        Resolution(lines[0], kke, "exact"),
        Resolution(lines[1], pcp, "fuzzy", 0.9412),
        Resolution(lines[2], new, "new"),
    ]
    init = [Resolution(PrintedParty(1, "CPUSA", "CPUSA"), cpusa, "alias")]
    record = StatementRecord(
        source="https://example.org/news/joint-statement.html",
        sha256="ab" * 32,
        media_type="text/html",
        language="en",
        title="Joint statement on peace",
        date="2019-03-08",
        place=Place("Lisbon", "PT"),
        meeting=Meeting(
            name="European Communist Meeting",
            series="ecm",
            city="Lisbon",
            country="PT",
            start="2019-03-07",
            end="2019-03-08",
        ),
        initiators=[r.printed for r in init],
        signatories=lines,
        text="Η ειρήνη.",
    )
    return [kke, pcp, cpusa], ResolvedStatement(record, sigs, init)


@pytest.fixture
def seed():
    return seed_parties_and_resolved()


@pytest.fixture
def small():
    return three_party()


def registry_for(parties: list[Party], resolved: ResolvedStatement):
    """Registry quads covering every country the statement refers to."""
    from partygraph.rdf import registry_quads

    rec = resolved.record
    codes = {p.country for p in parties if p.country}
    codes |= {
        c for c in (rec.place and rec.place.country, rec.meeting and rec.meeting.country) if c
    }
    return registry_quads(
        parties,
        {c: COUNTRY_NAMES.get(c, f"Country {c}") for c in sorted(codes)},
        series={
            "imcwp": "International Meeting of Communist and Workers' Parties",
            "ecm": "European Communist Meeting",
        },
        organisations=[Party("nato", "North Atlantic Treaty Organization", abbreviation="NATO")],
    )


def all_quads(which: str):
    """Statement + registry quads of the 'seed' or 'small' input."""
    from partygraph.rdf import statement_quads

    parties, resolved = seed_parties_and_resolved() if which == "seed" else three_party()
    return statement_quads(
        resolved, source_path="data/statements/doc.txt", ingested_at=INGESTED
    ) + registry_for(parties, resolved)
