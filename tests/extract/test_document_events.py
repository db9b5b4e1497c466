"""The document's own happening and nominations lists, through the real pipeline.

Texts are cut from White House briefing-room items (US government works, public domain)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import HEADLINE_SENTENCE, ArticleRecord, Event, EventKind, EventStatus, Extraction
from app.extract import ExtractionInput, Extractor
from app.extract.eventing.document import headline_of
from app.extract.eventing.leads import opening_paragraph
from app.extract.eventing.nominations import nominations
from app.extract.serialize import document_json

NOMINATIONS = (
    "Laura Dove, of Virginia, to be a Member of the Board of Trustees of the James Madison Memorial "
    "Fellowship Foundation for a term expiring November 17, 2029. (Reappointment)\n\n"
    "Andrew N. Ferguson, of Virginia, to be a Federal Trade Commissioner for the unexpired term of "
    "seven years from September 26, 2016, vice Noah Joshua Phillips.\n\n"
    "WITHDRAWAL SENT TO THE SENATE:\n\n"
    "Gigi B. Sohn, of the District of Columbia, to be a Member of the Federal Communications "
    "Commission for a term of five years from July 1, 2021, vice Ajit Varadaraj Pai, term expired, "
    "which was sent to the Senate on January 3, 2023.\n"
)


def test_each_nomination_paragraph_is_one_nomination_and_withdrawals_follow_their_heading():
    found = list(nominations(NOMINATIONS))
    assert [(n.person, n.withdrawn) for n in found] == [
        ("Laura Dove", False),
        ("Andrew N. Ferguson", False),
        ("Gigi B. Sohn", True),
    ]
    assert found[0].summary == (
        "Laura Dove nominated to be a Member of the Board of Trustees of the James Madison Memorial "
        "Fellowship Foundation for a term expiring November 17, 2029"
    )
    assert found[2].summary.startswith("Nomination of Gigi B. Sohn to be a Member")


def test_a_person_of_a_place_in_prose_is_no_nomination():
    assert not list(nominations("Jane Doe, of Ohio, said she wanted to be heard."))


def test_headline_is_one_line_without_its_label():
    assert (
        headline_of("Press Release: Nominations Sent to the\u00a0Senate") == "Nominations Sent to the Senate"
    )


def events_of(extractor: Extractor, text: str, title: str, published: dt.date):
    return extractor.extract(ExtractionInput(text, published, title=title)).events


def roles_in(out: Extraction, event: Event) -> list[tuple[str, str]]:
    """(entity name, role) of each participant of one of `out`'s events."""
    names = {e.key: e.name for e in out.entities}
    return [(names[p.entity], p.role) for p in event.participants]


@pytest.mark.slow
def test_a_nominations_list_makes_one_event_per_nomination_and_none_for_terms(extractor):
    published = dt.date(2023, 7, 11)
    events = events_of(extractor, NOMINATIONS, "Nominations and Withdrawal Sent to the Senate", published)
    assert [(e.value, e.status, e.kind) for e in events] == [
        ("2023-07-11", EventStatus.HAPPENED, EventKind.APPOINTMENT)
    ] * 3
    assert events[0].summary.startswith("Laura Dove nominated to be a Member")


@pytest.mark.slow
def test_remarks_are_delivered_on_the_day_of_the_headline(extractor):
    text = "South Lawn\n\n4:29 P.M. EST\n\nTHE PRESIDENT: Well, welcome to the White House. (Applause.)\n"
    title = "Remarks by President\u00a0Biden Honoring the 2024 NBA Champions, the Boston Celtics"
    published = dt.date(2024, 11, 21)
    ex = extractor.extract(ExtractionInput(text, published, title=title))
    [own] = [e for e in ex.events if e.sentence == HEADLINE_SENTENCE]
    assert (own.value, own.status, own.kind) == ("2024-11-21", EventStatus.HAPPENED, EventKind.STATEMENT)
    assert own.summary == "Remarks by President Biden Honoring the 2024 NBA Champions, the Boston Celtics"
    record = ArticleRecord(title=title, body=text, origin="test", published=published)
    [shown] = [e for e in document_json(record, ex)["events"] if e["sentence_index"] == HEADLINE_SENTENCE]
    assert shown["sentence"] == own.summary


@pytest.mark.slow
def test_a_proclamation_is_signed_once_on_its_day(extractor):
    text = (
        "America's natural wonders are marvels of the world.\n\n"
        "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America, do hereby "
        "proclaim September 2023 as National Wilderness Month.\n\n"
        "IN WITNESS WHEREOF, I have hereunto set my hand this thirty-first day of August, in the year of "
        "our Lord two thousand twenty-three, and of the Independence of the United States of America the "
        "two hundred and forty-eighth.\n"
    )
    events = events_of(
        extractor, text, "A Proclamation on National Wilderness Month, 2023", dt.date(2023, 8, 31)
    )
    signed = [e for e in events if e.value.startswith("2023-08") or e.value == "2023"]
    assert [(e.value, e.kind) for e in signed] == [("2023-08-31", EventKind.ANNOUNCEMENT)]
    assert signed[0].summary == "A Proclamation on National Wilderness Month, 2023"


@pytest.mark.slow
def test_an_order_is_dated_by_its_date_line(extractor):
    text = (
        "By the authority vested in me as President by the Constitution and the laws of the United States "
        "of America, it is hereby ordered as follows:\n\n"
        "Sec. 2. Revocation. Executive Order 14042 and Executive Order 14043 are revoked.\n\n"
        "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\nMay 8, 2023.\n"
    )
    title = "Executive Order on Moving Beyond COVID-19 Vaccination Requirements for Federal Workers"
    events = events_of(extractor, text, title, dt.date(2023, 5, 9))
    [signed] = [e for e in events if e.summary == title]
    assert (signed.value, signed.kind, signed.status) == (
        "2023-05-08",
        EventKind.LEGISLATION,
        EventStatus.HAPPENED,
    )


@pytest.mark.slow
def test_a_signed_message_is_its_signers_and_the_headlines_entities_take_part(extractor):
    text = (
        "Section 202(d) of the National Emergencies Act provides for the automatic termination of a "
        "national emergency unless the President publishes a notice of its continuation.\n\n"
        "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\nApril 8, 2024.\n"
    )
    title = "Message to the Congress on the Continuation of the National Emergency With Respect to Somalia"
    out = extractor.extract(ExtractionInput(text, dt.date(2024, 4, 8), title=title))
    [sent] = [e for e in out.events if e.summary == title]
    roles = roles_in(out, sent)
    assert roles[0] == ("Joe Biden", "agent")
    assert ("Congress", "participant") in roles


@pytest.mark.slow
def test_a_statement_is_issued_in_its_first_sentence_and_a_dated_readout_adds_nothing(extractor):
    published = dt.date(2023, 3, 31)
    statement = (
        "On Transgender Day of Visibility, we celebrate the strength and courage of some of the "
        "bravest people I know."
    )
    [issued] = events_of(
        extractor, statement, "Statement from President Joe Biden on Transgender Day of Visibility", published
    )
    assert (issued.sentence, issued.kind, issued.value) == (0, EventKind.STATEMENT, "2023-03-31")
    readout = (
        "Yesterday, Principal Deputy National Security Advisor Jon Finer met with the UN Special "
        "Representative."
    )
    events = events_of(
        extractor, readout, "Readout of White House Meeting with the UN Special Representative", published
    )
    assert [e.value for e in events] == ["2023-03-30"]


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Administration announced new funding to beat the epidemic\n\nToday, officials met families.", 1),
        ("Today, officials met families.\n\nThey spoke about their losses.", 0),
        # a first paragraph that runs on into a list is prose, though it ends with a colon
        ("On Friday, April 19, the office convened agencies:\n\n-   Department of Justice", 0),
    ],
)
def test_the_opening_paragraph_is_past_a_subtitle(text, opening):
    paragraphs = text.split("\n\n")
    start, end = opening_paragraph(text)
    assert text[start:end] == paragraphs[opening]


def test_a_readout_under_a_subtitle_is_dated_by_its_lead_not_by_the_subtitle(extractor):
    text = (
        "New milestones announced represent the Administration’s commitment to small businesses\n\n"
        "Yesterday, the National Economic Council hosted a convening with business leaders from "
        "around the country."
    )
    events = events_of(
        extractor, text, "Readout of White House Convening on Small Business", dt.date(2024, 2, 15)
    )
    assert [e.value for e in events] == ["2024-02-14"]


def test_a_deadline_counts_from_the_date_of_the_order():
    from app.extract.eventing.directives import deadlines

    text = (
        "(a) Within 90 days of the date of this order, the Secretary shall submit a report. "
        "(b) not later than thirty (30) days after the date of this memorandum, consult. "
        "(c) within one year of the date of this order, publish guidance."
    )
    signed = dt.date(2023, 10, 30)
    assert [d.after(signed) for d in deadlines(text)] == [
        dt.date(2024, 1, 28),
        dt.date(2023, 11, 29),
        dt.date(2024, 10, 30),
    ]


@pytest.mark.slow
def test_an_orders_directive_is_expected_on_its_deadline(extractor):
    text = (
        "By the authority vested in me as President by the Constitution and the laws of the United States "
        "of America, it is hereby ordered as follows:\n\n"
        "Sec. 2. Within 90 days of the date of this order, the Secretary of Commerce shall submit a report "
        "to the President.\n\n"
        "JOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,\nOctober 30, 2023.\n"
    )
    events = events_of(extractor, text, "Executive Order on Safe AI", dt.date(2023, 10, 30))
    [directive] = [e for e in events if e.trigger == "submit"]
    assert (directive.value, directive.status, directive.kind) == (
        "2024-01-28",
        EventStatus.EXPECTED,
        EventKind.ANNOUNCEMENT,
    )


@pytest.mark.slow
def test_a_declarations_coordinating_officer_is_appointed_on_its_day(extractor):
    text = (
        "Today, President Joseph R. Biden, Jr. declared that a major disaster exists in the State of "
        "Florida and ordered Federal aid to supplement recovery efforts.\n\n"
        "The President's action makes Federal funding available to affected individuals in the "
        "counties of Citrus and Dixie.\n\n"
        "Mr. Brett H. Howard of FEMA has been appointed to coordinate Federal recovery operations in "
        "the affected areas.\n"
    )
    title = "President Joseph R. Biden, Jr. Approves Florida Disaster Declaration"
    out = extractor.extract(ExtractionInput(text, dt.date(2023, 8, 31), title=title))
    [appointed] = [e for e in out.events if e.kind is EventKind.APPOINTMENT]
    assert appointed.value == "2023-08-31"
    assert "Brett H. Howard" in {name for name, _ in roles_in(out, appointed)}
