"""A speech printed without speaker labels is one turn of the speaker its headline names: every
substantive paragraph after the place lines is theirs, through the real pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Extraction, QuoteKind
from app.extract import ExtractionInput
from app.extract.speeches import speech_label


@pytest.mark.parametrize(
    ("headline", "label"),
    [
        ("Remarks as Prepared for Delivery by First Lady Jill Biden at the DC NewsBash", "JILL BIDEN"),
        ("Remarks by National Economic Advisor Lael Brainard on the Tax Debate Ahead", "LAEL BRAINARD"),
        ("Remarks by National Economic Advisor Lael Brainard: Today’s Strong Recovery", "LAEL BRAINARD"),
        (
            "Remarks by NEC Director and White House Competition Council Chair Lael Brainard at X",
            "LAEL BRAINARD",
        ),
        (
            "Remarks by National Security Advisor to the Vice President Dr. Phil Gordon at X",
            "DR. PHIL GORDON",
        ),
        ("Remarks by Dr. Liz Sherwood-Randall Assistant to the President on X", "DR. LIZ SHERWOOD-RANDALL"),
        ("Remarks as Prepared for John Podesta Columbia Global Energy Summit", "JOHN PODESTA"),
        ("Remarks as Delivered by John Podesta Press Conference at COP 29", "JOHN PODESTA"),
        ("Remarks by APNSA Jake Sullivan at the Brookings Institution", "JAKE SULLIVAN"),
        ("Excerpts from Remarks as Prepared for Delivery by President Biden on X", "PRESIDENT BIDEN"),
        ("Excerpts from President Biden’s State of the Union Address as Prepared", "PRESIDENT BIDEN"),
        ("Excerpts from President Joe Biden Speech on 80th Anniversary of D-Day", "JOE BIDEN"),
        # two speakers, no one named, or no speech
        ("Remarks by President Biden and Prime Minister Kishida Fumio of Japan", None),
        ("Remarks by the President at a Campaign Reception", None),
        ("Statement from President Joe Biden on the Passing of a Friend", None),
        ("FACT SHEET: Biden-Harris Administration Takes Action to Address Veteran Homelessness", None),
        ("How to Watch President Biden’s 2024 State of the Union Address", None),
    ],
)
def test_a_speech_headline_names_its_one_speaker(headline, label):
    assert speech_label(headline) == label


PUBLISHED = dt.date(2024, 3, 12)
HEADLINE = "Remarks as Prepared for Delivery by Secretary of Agriculture Tomas Ferrante at the Harvest Forum"
SPEECH = (
    "Ames, Iowa\n\n"
    "\\*\\*\\*\n\n"
    "Thank you, Governor Lindqvist, for that kind introduction.\n\n"
    "I grew up on a dairy farm two hours north of here, and I have never forgotten what a hard "
    "spring does to a family.\n\n"
    "As my grandmother used to say, “A farm is a promise you keep every morning.” That is why we "
    "are moving fast on relief for growers this year.\n\n"
    "Last fall I asked Senator Maria Okafor what growers need most. “Give us a fair price and "
    "get out of the way,” she told me. “We will do the rest.”\n\n"
    "This is no time for “business as usual” in farm country.\n\n"
    "Thank you.\n\n"
    "\\###\n"
)


def extract(extractor, headline: str) -> Extraction:
    return extractor.extract(ExtractionInput(text=SPEECH, published=PUBLISHED, title=headline))


def speakers(out: Extraction, kind: QuoteKind) -> dict[str, str | None]:
    names = {e.key: e.name for e in out.entities}
    return {
        q.text: names.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
        for q in out.quotes
        if q.kind is kind
    }


@pytest.mark.slow
def test_every_paragraph_of_an_unlabelled_speech_is_its_speakers(extractor):
    out = extract(extractor, HEADLINE)
    remarks = speakers(out, QuoteKind.REMARKS)
    assert remarks == {
        "Last fall I asked Senator Maria Okafor what growers need most. “Give us a fair price and "
        "get out of the way,” she told me. “We will do the rest.”": "Tomas Ferrante",
        "This is no time for “business as usual” in farm country.": "Tomas Ferrante",
        "Thank you, Governor Lindqvist, for that kind introduction.": "Tomas Ferrante",
        "I grew up on a dairy farm two hours north of here, and I have never forgotten what a hard "
        "spring does to a family.": "Tomas Ferrante",
        "As my grandmother used to say, “A farm is a promise you keep every morning.” That is why we "
        "are moving fast on relief for growers this year.": "Tomas Ferrante",
    }
    assert all(q.said_start == PUBLISHED for q in out.quotes if q.kind is QuoteKind.REMARKS)
    # words the speech cites are their speaker's, as in an article; its own are only remarks
    cited = speakers(out, QuoteKind.DIRECT)
    assert cited["Give us a fair price and get out of the way"] == "Maria Okafor"
    assert cited["We will do the rest."] == "Maria Okafor"
    assert "Tomas Ferrante" not in cited.values()
    assert not [q for q in out.quotes if "business as usual" in q.text and q.kind is not QuoteKind.REMARKS]


@pytest.mark.slow
@pytest.mark.parametrize(
    "headline",
    [
        "Statement from Secretary of Agriculture Tomas Ferrante on the Harvest Forum",
        "Remarks by Secretary of Agriculture Tomas Ferrante and Governor Anna Lindqvist at the Harvest Forum",
    ],
)
def test_a_statement_or_a_joint_speech_without_labels_is_no_ones_remarks(extractor, headline):
    assert speakers(extract(extractor, headline), QuoteKind.REMARKS) == {}
