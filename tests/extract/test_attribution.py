"""Attribution patterns of real news and official documents, each on text written for the test:
who a quotation belongs to, and quoted stretches that are nobody's words."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Extraction, Quote, QuoteKind
from app.extract import ExtractionInput

PUBLISHED = dt.date(2024, 9, 12)


def extract(extractor, text: str, title: str | None = None) -> Extraction:
    return extractor.extract(ExtractionInput(text, PUBLISHED, title=title))


def quoted(out: Extraction) -> list[Quote]:
    return [q for q in out.quotes if q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)]


def speakers(out: Extraction) -> dict[str, str | None]:
    """Quote text (first five words) -> the speaker's entity name, or the speaker's name."""
    names = {e.key: e.name for e in out.entities}
    found = {}
    for q in quoted(out):
        who = None
        if q.speaker is not None:
            who = names.get(q.speaker.entity or "", q.speaker.name)
        found[" ".join(q.text.split()[:5])] = who
    return found


@pytest.mark.slow
def test_he_is_not_the_last_person_named_when_she_is_a_woman(extractor):
    text = (
        "Mayor Gregory Tallis spoke first at the ceremony. Then Councilwoman Patricia Ventura took "
        "the stage.\n\n"
        "He said, “The new library will open its doors to every child in this city.”\n"
    )
    assert speakers(extract(extractor, text))["The new library will open"] == "Gregory Tallis"


@pytest.mark.slow
def test_in_a_turn_he_is_the_office_holder_the_speaker_names(extractor):
    text = (
        "MS. MARTINEZ: Thanks, Anna. When you hear the President talk about schools, he says, "
        "“Every classroom deserves a good teacher and a warm room.” That is our budget.\n"
    )
    out = extract(extractor, text, title="Press Gaggle by Deputy Press Secretary Carla Martinez")
    assert speakers(out)["Every classroom deserves a good"] == "Joe Biden"  # the president in 2024


@pytest.mark.slow
def test_in_a_turn_he_can_be_my_opponent(extractor):
    text = (
        "THE VICE PRESIDENT: My opponent, he does not care about your pensions. And when he talks "
        "to his friends, he jokes about, “If they want a raise, they can find another job.”\n"
    )
    out = extract(extractor, text, title="Remarks by Vice President Harris at a Campaign Event")
    assert speakers(out)["If they want a raise,"] == "Donald Trump"  # her opponent in September 2024


_FRIEND = "THE PRESIDENT: Thank you, Chris. Chris Murphy has been a great friend. "


@pytest.mark.slow
@pytest.mark.parametrize(
    ("story", "want"),
    [
        (  # a relative the speaker quotes is theirs, and so is the "he" that takes them up
            "My dad would say, “Joey, a job is about a lot more than a paycheck.” And my dad was a "
            "decent man. He’d say, “Joey, it’s about your dignity.”",
            {"Joey, a job is about": "Joe Biden’s dad", "Joey, it’s about your dignity.": "Joe Biden’s dad"},
        ),
        (  # "he" is the person the story is about, not a subject sentences before
            "I got to know Nelson Mandela when he was finally freed. He met me at the White House. "
            "And he looked at me, and I swear to God, he said, “It always seems impossible until it "
            "gets done.”",
            {"It always seems impossible until": "Nelson Mandela"},
        ),
    ],
)
def test_in_a_turn_the_people_of_a_story_the_speaker_tells_are_quoted(extractor, story, want):
    title = "Remarks by President Biden on the Economy"
    found = speakers(extract(extractor, _FRIEND + story + "\n", title=title))
    assert {text: found.get(text) for text in want} == want


@pytest.mark.slow
def test_a_surname_after_the_full_name_is_that_person(extractor):
    text = (
        "Retired Admiral Walter Brennigan spoke to a radio host on Tuesday.\n\n"
        "Brennigan said the fleet was stretched thin. “We are asking too much of too few "
        "sailors,” he told the host.\n"
    )
    assert speakers(extract(extractor, text))["We are asking too much"] == "Walter Brennigan"


@pytest.mark.slow
def test_they_are_the_people_the_previous_subject_names(extractor):
    text = (
        "Critics of the toll plan, like Senators Martha Delgado and Peter Ostrowski, want it "
        "scrapped. They sent a letter on Thursday to the governor.\n\n"
        "“The plan punishes commuters who have no other way to work,” they wrote.\n"
    )
    who = speakers(extract(extractor, text))["The plan punishes commuters who"]
    assert who == "Martha Delgado"


@pytest.mark.slow
def test_a_document_speaks_for_whoever_filed_it(extractor):
    text = (
        "The Federal Trade Commission sued the company in March.\n\n"
        "According to a complaint filed by the Federal Trade Commission, the firm ran a "
        "“systematic scheme to deceive older customers.”\n"
    )
    assert (
        speakers(extract(extractor, text))["systematic scheme to deceive older"] == "Federal Trade Commission"
    )


@pytest.mark.slow
def test_an_orders_amended_provisions_are_no_quotes(extractor):
    text = (
        "By the authority vested in me as Governor, it is hereby ordered as follows:\n\n"
        "Section 1. Amendment. Executive Order 12 of 2019 is amended to read as follows:\n\n"
        "“Sec. 2. Road Safety Board. The Road Safety Board is hereby continued and shall meet "
        "twice a year.”\n\n"
        "Sec. 2. Subsection 4 is amended to read as follows: “(b) The Board may invite experts "
        "to its meetings.”\n"
    )
    assert quoted(extract(extractor, text)) == []


@pytest.mark.slow
def test_negated_speech_is_nobodys_quote(extractor):
    text = (
        "Governor Alma Reyes took questions at the fair on Monday.\n\n"
        "No one is telling me, “Alma, stay out of the race.”\n\n"
        "Reyes did not say, “We will raise the gas tax next year,” as her rivals claimed.\n"
    )
    texts = [q.text for q in quoted(extract(extractor, text))]
    assert not any("stay out of the race" in t or "raise the gas tax" in t for t in texts)


@pytest.mark.slow
def test_a_cue_that_names_no_one_leaves_the_quote_to_its_sentences_subject(extractor):
    text = (
        "Senator Ruth Halvorsen spoke about the economy at length.\n\n"
        "President Kennedy was fond of saying that “a rising tide lifts all boats.” Over the years, "
        "others have used the phrase for their own ends."
    )
    assert speakers(extract(extractor, text))["a rising tide lifts all"] == "Kennedy"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "speaker"),
    [
        (
            "President Biden met the families on Friday. The President said that the funds would save lives.",
            dt.date(2023, 9, 1),
            "Joe Biden",
        ),
        ("“We will not back down,” the President said in Ohio.", dt.date(2016, 5, 1), "Barack Obama"),
        (
            "Former President Trump spoke in Iowa. The President said that the economy is strong.",
            dt.date(2023, 9, 1),
            "Joe Biden",
        ),
        (
            "Vice President Harris met President Herzog. The Vice President said that she stood firm.",
            dt.date(2023, 9, 1),
            "Kamala Harris",
        ),
        # another president in the text: "the President" is left to the reader
        (
            "Ukraine's president, Volodymyr Zelenskyy, spoke in Kyiv. The president said that aid is late.",
            dt.date(2023, 9, 1),
            "The president",
        ),
        (
            "President Biden met President Macron. The President said that the talks went well.",
            dt.date(2023, 9, 1),
            "The President",
        ),
    ],
)
def test_the_president_in_prose_is_the_sole_holder_of_the_office(extractor, text, published, speaker):
    out = extractor.extract(ExtractionInput(text, published))
    names = {e.key: e.name for e in out.entities}
    [quote] = out.quotes
    assert quote.speaker is not None
    assert names.get(quote.speaker.entity or "", quote.speaker.name) == speaker
