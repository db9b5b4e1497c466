"""The document-structure layer: transcript turns, speaker labels, stage directions, timestamps
and header lines, and the components that skip them."""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract import ExtractionInput
from app.extract.structure import NOT_PROSE, Markup, find_structure

BRIEFING = (
    "Briefing Room Annex\n\n"
    "2:05 P.M. EDT\n\n"
    "MS. HARTWELL: Good afternoon, everybody. I have two things at the top.\n\n"
    "The first concerns the harvest festival in Dorrington next week.\n\n"
    "Q Thank you. Will the Governor attend the festival?\n\n"
    "MS. HARTWELL: She will. (Laughter.) She has not missed one in ten years.\n\n"
    "Q: And the budget?\n\n"
    "SENIOR BUDGET OFFICIAL: We expect a vote on Thursday. (inaudible) — sorry.\n\n"
    "AUDIENCE MEMBER: Thank you!\n\n"
    "END 2:31 P.M. EDT\n"
)


def spans(text: str, kind: Markup) -> list[str]:
    return [text[r.start : r.end] for r in find_structure(text).regions if r.kind is kind]


def test_turns_run_from_each_label_to_the_next():
    layout = find_structure(BRIEFING)
    assert [t.label for t in layout.turns] == [
        "MS. HARTWELL",
        "Q",
        "MS. HARTWELL",
        "Q",
        "SENIOR BUDGET OFFICIAL",
        "AUDIENCE MEMBER",
    ]
    first = layout.turns[0]
    assert BRIEFING[first.start : first.end] == (
        "Good afternoon, everybody. I have two things at the top.\n\n"
        "The first concerns the harvest festival in Dorrington next week."
    )
    assert [t.is_question for t in layout.turns][:2] == [False, True]


def test_the_closing_timestamp_ends_the_last_turn():
    layout = find_structure(BRIEFING)
    last = layout.turns[-1]
    assert BRIEFING[last.start : last.end] == "Thank you!"


def test_labels_stage_directions_timestamps_and_header_lines_are_marked():
    assert spans(BRIEFING, Markup.LABEL) == [
        "MS. HARTWELL:",
        "Q",
        "MS. HARTWELL:",
        "Q:",
        "SENIOR BUDGET OFFICIAL:",
        "AUDIENCE MEMBER:",
    ]
    assert spans(BRIEFING, Markup.STAGE) == ["(Laughter.)", "(inaudible)"]
    assert spans(BRIEFING, Markup.TIMESTAMP) == ["2:05 P.M. EDT", "END 2:31 P.M. EDT"]
    assert spans(BRIEFING, Markup.HEADER) == ["Briefing Room Annex"]


def test_covers_and_turn_at_answer_by_offset():
    layout = find_structure(BRIEFING)
    label = BRIEFING.index("MS. HARTWELL")
    assert layout.covers(label, label + 5)
    festival = BRIEFING.index("harvest festival")
    assert not layout.covers(festival, festival + 16)
    assert layout.turn_at(festival).label == "MS. HARTWELL"
    header = BRIEFING.index("Briefing Room Annex")
    assert not layout.covers(header, header + 5, NOT_PROSE)  # a place line may name a place
    assert layout.covers(header, header + 5, frozenset({Markup.HEADER}))
    assert layout.turn_at(header) is None


def test_bold_labels_mixed_case_courtesy_titles_and_labels_typed_with_a_full_stop():
    text = (
        "**THE GOVERNOR:** Welcome to the statehouse.\n\n"
        "Mr. OKAFOR: Thank you, Governor.\n\n"
        "THE GOVERNOR. Let me add one thing about the roads.\n"
    )
    layout = find_structure(text)
    assert [t.label for t in layout.turns] == ["THE GOVERNOR", "Mr. OKAFOR", "THE GOVERNOR"]
    assert text[layout.turns[2].start : layout.turns[2].end] == "Let me add one thing about the roads."


def test_headings_in_capitals_are_no_turns():
    text = (
        "FACT SHEET: The County Expands Rural Broadband\n\n"
        "TO THE COUNCIL OF THE COUNTY: I transmit herewith the annual report.\n\n"
        "STEP 1: Apply online before the deadline.\n"
    )
    assert find_structure(text).turns == ()
    assert not find_structure(text).is_transcript


def test_q_and_a_in_prose_is_no_question_label():
    assert find_structure("Q and A sessions follow each panel.\n\nMR. LI: Yes.\n").turns[0].label == "MR. LI"


def test_a_bare_name_counts_as_a_label_only_inside_a_transcript():
    text = "MODERATOR: Our next speaker.\n\nHALVORSEN: Thanks for having me.\n"
    assert [t.label for t in find_structure(text).turns] == ["MODERATOR", "HALVORSEN"]
    assert find_structure("HALVORSEN: Thanks for having me.\n").turns == ()


def test_stage_directions_outside_transcripts_need_a_known_word():
    text = "Thank you all. (Applause.)\n\nGeneral Mora (Ret.) and the Court (D. Mass.) agreed.\n"
    assert spans(text, Markup.STAGE) == ["(Applause.)"]
    transcript = "THE MAYOR: Thank you. (The ribbon is officially cut.) (Ret.)\n"
    assert spans(transcript, Markup.STAGE) == ["(The ribbon is officially cut.)"]


def test_prose_without_labels_has_no_structure():
    layout = find_structure("The council met on Monday. It voted to repave the square.\n")
    assert layout.turns == () and layout.regions == ()


# --- through the pipeline ------------------------------------------------------------------------


@pytest.mark.slow
def test_labels_and_stage_directions_are_never_entities_or_events(extractor):
    text = (
        "Roosevelt Annex\n\n"
        "3:10 P.M. EST\n\n"
        "MS. HARTWELL: Good afternoon. Governor Alma Reyes signed the water bill on Tuesday. "
        "(Applause.)\n\n"
        "Q Will Senator Dunmore attend the signing on Friday?\n\n"
        "MS. HARTWELL: He will. (Laughter.)\n\n"
        "END 3:40 P.M. EST\n"
    )
    out = extractor.extract(ExtractionInput(text=text, published=dt.date(2024, 3, 6)))
    surfaces = {m.text for e in out.entities for m in e.mentions} | {e.name for e in out.entities}
    assert "HARTWELL" not in surfaces and "Laughter" not in surfaces and "Applause" not in surfaces
    assert "Alma Reyes" in surfaces
    for event in out.events:
        assert "P.M." not in event.summary and "HARTWELL" not in event.summary
    assert any("signed" in e.summary for e in out.events)
