"""Shapes of news text that decide whether quoted words are a quote, and whose: roundup labels,
imagined speech, scare quotes and defined terms. All texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Quote, QuoteKind
from app.extract import ExtractionInput

PUBLISHED = dt.date(2024, 7, 1)

pytestmark = pytest.mark.slow


def run(extractor, text: str) -> tuple[list[Quote], dict[str, str]]:
    result = extractor.extract(ExtractionInput(text, PUBLISHED, ()))
    return [q for q in result.quotes if q.kind is not QuoteKind.INDIRECT], {
        e.key: e.name for e in result.entities
    }


def speaker_of(quote: Quote, names: dict[str, str]) -> str:
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return names.get(quote.speaker.entity or "", quote.speaker.name)


def test_roundup_label_gives_the_quote_to_the_person_not_the_paper(extractor):
    text = (
        "Commentators weighed in on the summit.\n\n"
        "Maria L. Okafor, The Harbor Gazette: “The alliance has never looked so divided, and the "
        "leaders know it.”\n\n"
        "**Tom Brandt, Senior Editor, Lakeside Tribune**: “Nobody expected the talks to collapse "
        "this quickly.”"
    )
    quotes, names = run(extractor, text)
    assert [(q.text[:20], speaker_of(q, names)) for q in quotes] == [
        ("The alliance has nev", "Maria L. Okafor"),
        ("Nobody expected the ", "Tom Brandt"),
    ]


def test_a_name_and_colon_in_running_text_still_introduces_the_quote(extractor):
    text = "The verdict from pollster Daron Whitfield: “Voters have made up their minds already.”"
    [quote], names = run(extractor, text)
    assert speaker_of(quote, names) == "Daron Whitfield"


def test_what_critics_would_say_is_no_quote(extractor):
    text = (
        "The senator dismissed the plan. Critics would say, “This bill does nothing for working "
        "families,” but the senator disagrees."
    )
    assert run(extractor, text)[0] == []


def test_speech_told_as_a_habit_or_a_citation_is_still_a_quote(extractor):
    text = (
        "Alma Reyes led the union for a decade. “We bargain until the last minute,” she would "
        "later say of those years. As her mentor Paul Lindqvist would say, “A contract is a "
        "promise kept in writing.”"
    )
    quotes, names = run(extractor, text)
    assert [speaker_of(q, names) for q in quotes] == ["Alma Reyes", "Paul Lindqvist"]


def test_defined_terms_and_scare_quotes_are_no_quotes(extractor):
    text = (
        "The program requires an investment in a “qualified rural district,” which is defined as "
        "a county with low income. The council has seen this kind of “budget magic trick” before."
    )
    assert run(extractor, text)[0] == []


def test_a_short_phrase_under_a_reporting_verb_stays_a_quote(extractor):
    text = "Governor Ellen Marsh called the audit a “complete political stunt” on Tuesday."
    [quote], names = run(extractor, text)
    assert quote.text == "complete political stunt"
    assert speaker_of(quote, names) == "Ellen Marsh"


def test_an_as_it_put_aside_names_its_own_source(extractor):
    text = (
        "Several members of Congress share her worry, because the main test for the permit is a "
        "“verified history of lawful income,” as a Treasury Department memo put it."
    )
    [quote], names = run(extractor, text)
    assert "Treasury Department" in speaker_of(quote, names)
