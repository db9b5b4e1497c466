"""Roster lines ("Name, Role, Body") name whole people, in readouts' participant lists and in
appointment releases; lines opened by a phrase of place or time name nobody."""

from __future__ import annotations

import pytest

from app.domain import EntityKind
from app.extract import ExtractionInput, Extractor

pytestmark = pytest.mark.slow

READOUT = (
    "Today, the White House convened leaders of community lenders. Participants included:\n\n"
    "-   Charanya Krishnaswami, Senior Policy Advisor, Office of the Vice President\n"
    "-   Bharat Ramamurti, Deputy Director, National Economic Council\n"
    "-   Christian Nunes, President, National Organization for Women\n"
    "-   Congressman Jim Clyburn, South Carolina\n"
    "-   Dr. Feven Solomon, Executive Director, Institute for Community Lending\n"
    "-   The Honorable Lucy Tamlyn, U.S. Ambassador to the Central African Republic\n"
    "-   Raymond E. Curry, Jr., Member, Board of Trustees\n"
)


def _people(extractor: Extractor, text: str) -> dict[str, list[str]]:
    extraction = extractor.extract(ExtractionInput(text))
    return {e.name: [m.text for m in e.mentions] for e in extraction.entities if e.kind is EntityKind.PERSON}


def test_the_names_that_open_roster_lines_are_whole_people(extractor: Extractor) -> None:
    people = _people(extractor, READOUT)
    for name in (
        "Charanya Krishnaswami",
        "Bharat Ramamurti",
        "Christian Nunes",
        "Feven Solomon",
        "Lucy Tamlyn",
    ):
        assert name in people, name
    assert people.get("Raymond E. Curry") == ["Raymond E. Curry"]  # the suffix out, as in a nomination
    # titles before a name are no part of it; a line without a role names nobody new
    assert not [p for p in people if p.startswith(("Dr.", "Honorable", "The ", "Congressman"))]
    assert not [p for p in people if p in ("Ramamurti", "Christian", "Solomon", "Krishnaswami")]


def test_a_line_opened_by_a_place_or_a_time_names_nobody(extractor: Extractor) -> None:
    text = (
        "The Administration announced new grants this week.\n\n"
        "In Arizona, Governor Katie Hobbs welcomed the funds.\n\n"
        "On Wednesday, Secretary Gina Raimondo visited the plant.\n\n"
        "Since Day One, President Biden has invested in workers.\n"
    )
    people = _people(extractor, text)
    assert not [p for p in people if p.split()[0] in ("In", "On", "Since")]
    assert "Arizona" not in people


def test_a_signature_line_with_only_spaces_after_its_comma_is_no_roster(extractor: Extractor) -> None:
    """'THE WHITE HOUSE,' with trailing spaces, as notices are signed, had raised IndexError
    (the role after the comma was blank) and failed the whole article's extraction."""
    text = (
        "The national emergency declared in 2021 must continue in effect beyond February 10.\n\n"
        "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,  \n\u00a0 \u00a0February 3, 2023\n"
    )
    people = _people(extractor, text)
    assert "Joe Biden" in people  # the signer, extracted with the rest
