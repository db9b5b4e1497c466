"""Quotes: quotation marks, speakers in their usual shapes, kinds, dates and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Quote, QuoteKind, SpeakerKind, Timex, TimexType
from app.extract import ExtractionInput
from app.extract.floor import floor_holder
from app.extract.quote_marks import find_quoted_spans
from app.extract.quotes import find_quotes

PUBLISHED = dt.date(2024, 7, 1)


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


# --- quotation marks (no model) -----------------------------------------------------------------


def test_curly_and_straight_quotes_are_both_found():
    text = 'He said “we will win this war” and "nobody can stop us now" today.'
    assert quoted(text) == ["we will win this war", "nobody can stop us now"]


def test_nested_quote_stays_inside_the_outer_one():
    text = '"The question was: “Do you trust him?” and most said no," she said.'
    assert quoted(text) == ["The question was: “Do you trust him?” and most said no"]


def test_inch_marks_and_stray_closers_are_not_quotes():
    assert quoted("He is 6'2\" tall and weighs a lot.") == []


def test_unbalanced_quote_stops_at_the_paragraph_end():
    spans = find_quoted_spans("He said “this never ends\n\nNext paragraph here.")
    assert len(spans) == 1
    assert not spans[0].closed


def test_open_quote_continues_into_the_next_paragraphs_opening_mark():
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said."
    spans = find_quoted_spans(text)
    assert [s.continued for s in spans] == [False, True]
    assert text[spans[1].start : spans[1].end] == "Second paragraph"


def test_closing_mark_typed_at_a_paragraph_start_opens_the_quote():
    text = "”Fear. I am truly afraid of what comes next.” ― Ana Ruiz\n“Next quote here.” ― Bo Lee"
    assert quoted(text) == ["Fear. I am truly afraid of what comes next.", "Next quote here."]


# --- with the real model ------------------------------------------------------------------------


def run(extractor, text: str, authors: tuple[str, ...] = ()) -> tuple[list[Quote], dict[str, str]]:
    result = extractor.extract(ExtractionInput(text, PUBLISHED, authors))
    names = {e.key: e.name for e in result.entities}
    return list(result.quotes), names


def direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind is not QuoteKind.INDIRECT]


def speaker_of(quote: Quote, names: dict[str, str]) -> str:
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return names.get(quote.speaker.entity or "", quote.speaker.name)


@pytest.mark.slow
def test_inverted_said_with_a_relative_clause_names_the_speaker(extractor):
    text = (
        "“A big reason for the change is to protect the effort,” said Ivo Daalder, who served as "
        "the U.S. ambassador to NATO. “Rather than Washington, NATO will be in charge.”"
    )
    quotes, names = run(extractor, text)
    assert [speaker_of(q, names) for q in direct(quotes)] == ["Ivo Daalder", "Ivo Daalder"]
    first = direct(quotes)[0]
    assert first.cue == "said"
    assert first.kind is QuoteKind.DIRECT
    assert first.speaker is not None and first.speaker.kind is SpeakerKind.NAMED


@pytest.mark.slow
def test_speaker_before_the_quote_and_told_reporters(extractor):
    text = 'Mayor Jane Holloway told reporters on Monday, "We are not going anywhere soon."'
    [quote] = direct(run(extractor, text)[0])
    assert quote.speaker is not None and quote.speaker.name == "Jane Holloway"
    assert quote.cue == "told"


@pytest.mark.slow
def test_according_to_names_the_speaker(extractor):
    text = "The bill is “dead on arrival in the Senate,” according to Senator Mary Jones of Ohio."
    [quote] = direct(run(extractor, text)[0])
    assert quote.speaker is not None and quote.speaker.name == "Mary Jones"
    assert quote.cue == "according to"


@pytest.mark.slow
def test_he_said_is_the_last_person_named(extractor):
    text = (
        "Governor Tom Baxter visited the flooded town on Tuesday. "
        "“We will rebuild every single home here,” he said."
    )
    quotes, names = run(extractor, text)
    [quote] = direct(quotes)
    assert speaker_of(quote, names) == "Tom Baxter"


@pytest.mark.slow
def test_unnamed_official_is_an_anonymous_speaker(extractor):
    text = "“NATO is the natural place to coordinate assistance,” said a senior State Department official."
    [quote] = direct(run(extractor, text)[0])
    assert quote.speaker is not None
    assert quote.speaker.kind is SpeakerKind.ANONYMOUS
    assert "senior State Department official" in quote.speaker.name
    assert quote.speaker.entity is None


@pytest.mark.slow
def test_fragment_in_the_writers_sentence_is_partial(extractor):
    text = "Donald Trump called Ukrainian President Volodymyr Zelensky “the greatest salesman ever” today."
    quotes, names = run(extractor, text)
    [quote] = direct(quotes)
    assert quote.kind is QuoteKind.PARTIAL
    assert speaker_of(quote, names) == "Donald Trump"


@pytest.mark.slow
def test_quote_running_over_paragraphs_keeps_its_speaker(extractor):
    text = (
        "Senator Alice Moreno said: “The budget is a moral document and we must treat it so.\n\n"
        "“Nobody in this chamber should forget the families who depend on it.”"
    )
    quotes, names = run(extractor, text)
    assert [speaker_of(q, names) for q in direct(quotes)] == ["Alice Moreno", "Alice Moreno"]


@pytest.mark.slow
def test_straight_quotes_throughout_work_like_curly_ones(extractor):
    text = '"We need a deal that protects American workers," Clara Osei said on Tuesday.'
    quotes, names = run(extractor, text)
    [quote] = direct(quotes)
    assert quote.text.startswith("We need a deal")
    assert speaker_of(quote, names) == "Clara Osei"


@pytest.mark.slow
def test_name_signed_after_a_dash_is_the_speaker(extractor):
    text = (
        "“He makes blanket statements about people he knows nothing about.”\u00a0― Pamela Padilla\n"
        "“I cannot believe a man with no credentials could be the nominee.” ― Jacklyn Ashley\n"
    )
    quotes, names = run(extractor, text)
    assert [speaker_of(q, names) for q in direct(quotes)] == ["Pamela Padilla", "Jacklyn Ashley"]


@pytest.mark.slow
def test_transcript_label_names_the_speaker_of_each_paragraph(extractor):
    text = (
        "Vice presidential nominee Mike Pence spoke with host Chris Wallace on Sunday.\n\n"
        '"WALLACE: Why would Trump even go down that road with the voters?\n\n'
        '"PENCE: Well, the question really should be about the campaign itself."'
    )
    quotes, names = run(extractor, text)
    assert [speaker_of(q, names) for q in direct(quotes)] == ["Chris Wallace", "Mike Pence"]


@pytest.mark.slow
def test_quote_without_cue_belongs_to_the_sentences_named_subject(extractor):
    text = "Another critic, Laurence H. Tribe, likened the rules to “burning the Constitution” last year."
    quotes, names = run(extractor, text)
    [quote] = direct(quotes)
    assert speaker_of(quote, names) == "Laurence H. Tribe"


@pytest.mark.slow
def test_titles_nicknames_and_scare_quotes_are_not_quotes(extractor):
    text = (
        "He is the author of “Degrade and Destroy: the Inside Story of the War,” and “The Endgame.” "
        "Officials called the bid “irreversible” and mocked “Crooked Hillary” again."
    )
    assert direct(run(extractor, text)[0]) == []


@pytest.mark.slow
def test_indirect_speech_is_kept_apart_from_quotes(extractor):
    text = "Current and former officials said that the steps would help the alliance coordinate aid."
    [quote] = run(extractor, text)[0]
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.text.startswith("that the steps would help")


@pytest.mark.slow
def test_quote_is_dated_by_the_publication_date_without_a_timex(extractor):
    text = "“We will keep going,” said Ana Lopez."
    [quote] = direct(run(extractor, text)[0])
    assert quote.said_value == "2024-07-01"
    assert quote.said_start == quote.said_end == PUBLISHED
    assert quote.timex is None


@pytest.mark.slow
def test_quote_is_dated_by_a_date_in_its_sentence_but_not_one_inside_it(nlp):
    text = "“I will act before January 20,” Ana Lopez said on Thursday."
    doc = nlp(text)
    thursday = Timex(
        key="t1", start=text.index("Thursday"), end=len(text) - 1, text="Thursday",
        type=TimexType.DATE, value="2024-06-27", sentence=0,
        range_start=dt.date(2024, 6, 27), range_end=dt.date(2024, 6, 27),
    )  # fmt: skip
    january = Timex(
        key="t2", start=text.index("January"), end=text.index("January") + 10, text="January 20",
        type=TimexType.DATE, value="2025-01-20", sentence=0,
        range_start=dt.date(2025, 1, 20), range_end=dt.date(2025, 1, 20),
    )  # fmt: skip
    [quote] = direct(find_quotes(doc, doc._.dl_entities, [january, thursday], PUBLISHED))
    assert quote.said_value == "2024-06-27"
    assert quote.timex == "t1"


@pytest.mark.slow
def test_date_in_a_clause_about_the_speaker_does_not_date_the_quote(nlp):
    text = "“It is time to act,” said Ivo Daalder, who served as ambassador from 2009 to 2013."
    doc = nlp(text)
    served = Timex(
        key="t1", start=text.index("2009"), end=text.index("2009") + 4, text="2009",
        type=TimexType.DATE, value="2009", sentence=0,
        range_start=dt.date(2009, 1, 1), range_end=dt.date(2009, 12, 31),
    )  # fmt: skip
    [quote] = direct(find_quotes(doc, doc._.dl_entities, [served], PUBLISHED))
    assert quote.said_value == "2024-07-01"
    assert quote.timex is None


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "“", '"""', "“unclosed quote that never ends and has no speaker at all", "” said he “"],
)
def test_degenerate_texts_never_raise(extractor, text):
    result = extractor.extract(ExtractionInput(text, PUBLISHED))
    assert isinstance(result.quotes, tuple)


@pytest.mark.slow
def test_non_english_text_yields_no_quotes(extractor):
    text = "„Wir werden das schaffen“, sagte die Bundeskanzlerin am Montag in Berlin vor der Presse."
    result = extractor.extract(ExtractionInput(text, PUBLISHED))
    assert result.language != "en"
    assert result.quotes == ()


@pytest.mark.slow
def test_a_timestamp_paragraph_is_never_the_speaker(extractor):
    text = (
        "The Latest: Clinton rallies.\n\n6:50 p.m.\n\nWith her husband, former President Bill Clinton, "
        "standing by her side, Hillary Clinton has told her supporters that “we’re in this together.”\n"
    )
    [quote] = extractor.extract(ExtractionInput(text, dt.date(2016, 2, 20))).quotes
    assert quote.speaker is not None and quote.speaker.name == "Hillary Clinton"


@pytest.mark.slow
def test_an_unnamed_speaker_keeps_the_organisation_it_names(extractor):
    text = "“There will be consequences,” a State Department spokesperson said on Monday."
    result = extractor.extract(ExtractionInput(text, dt.date(2024, 5, 20)))
    [quote] = result.quotes
    assert quote.speaker is not None and quote.speaker.kind is SpeakerKind.ANONYMOUS
    assert quote.speaker.name == "a State Department spokesperson"
    org = next(e for e in result.entities if e.key == quote.speaker.organization)
    assert org.name == "State Department"


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Remarks by President Biden at a Campaign Reception | McLean, VA", ["Biden"]),
        ("Remarks by Vice President Harris Hosting a Roundtable", ["Harris"]),
        ("Statement from Secretary Blinken on Ukraine", ["Blinken"]),
        ("Remarks by Jane Roe, Mayor of Springfield", ["Jane", "Roe"]),
        ("Remarks by White House Press Secretary Karine Jean-Pierre on Travel", ["Karine", "Jean-Pierre"]),
        ("Remarks by President Biden and Prime Minister Kishida in Joint Press Conference", []),
        ("Readout of President Biden’s Call with Chancellor Scholz", []),
        ("NATO to station a senior official in Kyiv", []),
    ],
)
def test_a_transcripts_headline_names_who_has_the_floor(title, words):
    holder = floor_holder(title)
    assert (list(holder.name) if holder else []) == words


@pytest.mark.slow
def test_i_in_remarks_is_the_person_the_headline_gives_the_floor(extractor):
    text = "Thank you all. I said, “We will finish the job,” and I meant it.\n"
    result = extractor.extract(
        ExtractionInput(
            text, dt.date(2024, 6, 18), title="Remarks by President Biden at a Campaign Reception"
        )
    )
    [quote] = [q for q in result.quotes if q.kind is not QuoteKind.INDIRECT]
    speaker = next(e for e in result.entities if e.key == quote.speaker.entity)
    assert speaker.name == "Joe Biden" and "speaker" in speaker.roles
    plain = extractor.extract(ExtractionInput(text, dt.date(2024, 6, 18), title="A reception in McLean"))
    assert [q.speaker.kind for q in plain.quotes if q.kind is not QuoteKind.INDIRECT] == [
        SpeakerKind.UNRESOLVED
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("President Kennedy once said, “We choose to go to the moon and do the other things.”", None),
        ("As my dad used to say, “Get up, and go to work.”", None),
        ("President Kennedy was fond of saying that “a rising tide lifts all boats.”", None),
        ("He liked to say, “Never give up on the work.”", None),
        ("Senator Ruth Hale said, “We will pass the bill this week.”", "2024-07-01"),
    ],
)
def test_words_said_at_some_time_the_text_does_not_give_are_undated(extractor, text, said):
    [quote] = [q for q in run(extractor, text)[0] if q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)]
    assert quote.said_value == said


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("Readout of the White House Convening on Housing Costs", "2024-06-30"),
        ("Statement on the White House Convening on Housing Costs", "2024-07-01"),
    ],
)
def test_what_a_readout_reports_was_said_on_the_day_its_lead_gives(extractor, title, said):
    text = (
        "Yesterday, Secretary Ana Lopez convened housing leaders at the White House to discuss rents. "
        "Secretary Lopez noted that rents have risen faster than wages in every region."
    )
    out = extractor.extract(ExtractionInput(text, PUBLISHED, title=title))
    [noted] = [q for q in out.quotes if q.text.startswith("that rents")]
    assert noted.said_value == said


@pytest.mark.slow
def test_reported_speech_needs_someone_who_says_it(extractor):
    """A document or a finding states without a speaker, a pronoun nobody resolves names no
    one, and a tariff schedule's "U.S. note 16" is no United States noting: none makes an
    indirect quote."""
    text = (
        "Section 202(d) of the National Emergencies Act provides for the automatic termination "
        "of a national emergency unless the President publishes a notice stating that the "
        "emergency is to continue in effect beyond the anniversary date. Research suggests that "
        "the program has cut costs for families. It says that the plan would cut costs. U.S. "
        "note 16 to subchapter III of chapter 99 of the HTSUS is amended by inserting a sentence. The "
        "Treasury Department said that the plan would cut costs for families."
    )
    indirect = [q for q in run(extractor, text)[0] if q.kind is QuoteKind.INDIRECT]
    assert [(q.speaker.name if q.speaker else None, q.text) for q in indirect] == [
        ("Treasury Department", "that the plan would cut costs for families")
    ]


@pytest.mark.slow
def test_reported_speech_in_a_turn_is_kept_only_when_it_is_another_speakers(extractor):
    """A turn's own reported words ("as I said, …") are already its remarks, and a reporter's
    "you said that …" names no one; what the speaker reports of someone else stays."""
    text = (
        "MS. JEAN-PIERRE:  Good afternoon, everyone. I said that we are going to Kentucky "
        "tomorrow. Senator Rick Scott says he actually agreed with us all along.\n\n"
        "Q    You said that the trip was about bridges. Is that still the plan?\n\n"
        "MS. JEAN-PIERRE:  It is.\n"
    )
    result = extractor.extract(
        ExtractionInput(text, PUBLISHED, title="Press Briefing by Press Secretary Karine Jean-Pierre")
    )
    names = {e.key: e.name for e in result.entities}
    indirect = [q for q in result.quotes if q.kind is QuoteKind.INDIRECT]
    assert [(speaker_of(q, names), q.text) for q in indirect] == [
        ("Rick Scott", "he actually agreed with us all along")
    ]
