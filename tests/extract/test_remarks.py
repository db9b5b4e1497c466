"""A transcript through the real pipeline: each turn's paragraphs are its speaker's remarks,
reporters' questions are questions, a quotation that cites someone else is theirs."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Extraction, QuoteKind, SpeakerKind
from app.extract import ExtractionInput

PUBLISHED = dt.date(2024, 5, 14)
TITLE = "Press Briefing by Press Secretary Dana Whitfield and Agriculture Secretary Tomas Ferrante"
BRIEFING = (
    "Garden Briefing Room\n\n"
    "1:02 P.M. EDT\n\n"
    "MS. WHITFIELD: Good afternoon, everybody. The President will sign the farm relief bill on "
    "Friday. (Applause.) We think farmers deserve a break from these tariffs.\n\n"
    "I am joined today by Agriculture Secretary Tomas Ferrante.\n\n"
    "SECRETARY FERRANTE: Thank you, Dana. As my grandmother used to say, “A farm is a promise "
    "you keep every morning.” That is why we are moving fast on tariff relief.\n\n"
    "Q Mr. Secretary, will the relief reach dairy farmers this year?\n\n"
    "SECRETARY FERRANTE: It will reach dairy farmers before the end of the summer.\n\n"
    "Q And on the tariffs themselves — (inaudible) — is there any change coming?\n\n"
    "MS. WHITFIELD: I am not going to get ahead of the President on tariffs. (Laughter.)\n\n"
    "Q Thank you.\n\n"
    "END 1:40 P.M. EDT\n"
)


@pytest.fixture(scope="module")
def briefing(extractor) -> Extraction:
    return extractor.extract(ExtractionInput(text=BRIEFING, published=PUBLISHED, title=TITLE))


def quotes_of(out: Extraction, kind: QuoteKind):
    return [q for q in out.quotes if q.kind is kind]


def speaker_name(out: Extraction, quote) -> str | None:
    names = {e.key: e.name for e in out.entities}
    return names.get(quote.speaker.entity) if quote.speaker and quote.speaker.entity else None


@pytest.mark.slow
def test_every_substantive_paragraph_of_a_turn_is_a_quote_of_its_speaker(briefing):
    remarks = {q.text: speaker_name(briefing, q) for q in quotes_of(briefing, QuoteKind.REMARKS)}
    assert remarks["We think farmers deserve a break from these tariffs."] == "Dana Whitfield"
    assert remarks["I am joined today by Agriculture Secretary Tomas Ferrante."] == "Dana Whitfield"
    assert remarks["It will reach dairy farmers before the end of the summer."] == "Tomas Ferrante"
    assert (
        remarks["Good afternoon, everybody. The President will sign the farm relief bill on Friday."]
        == "Dana Whitfield"
    )


@pytest.mark.slow
def test_labels_stage_directions_and_timestamps_are_in_no_quote(briefing):
    for quote in briefing.quotes:
        for markup in ("MS. WHITFIELD", "SECRETARY FERRANTE", "(Applause.)", "(Laughter.)", "P.M."):
            assert markup not in quote.text


@pytest.mark.slow
def test_remarks_are_dated_the_day_of_the_transcript(briefing):
    friday = next(q for q in quotes_of(briefing, QuoteKind.REMARKS) if "on Friday" in q.text)
    assert friday.said_start == PUBLISHED


@pytest.mark.slow
def test_questions_are_nobodys_quotes(briefing):
    questions = quotes_of(briefing, QuoteKind.QUESTION)
    assert [q.text for q in questions] == [
        "Mr. Secretary, will the relief reach dairy farmers this year?",
        "And on the tariffs themselves — (inaudible) — is there any change coming?",
    ]
    assert all(q.speaker is None for q in questions)


@pytest.mark.slow
def test_a_quotation_citing_someone_else_belongs_to_them(briefing):
    cited = [q for q in briefing.quotes if q.text.startswith("A farm is a promise")]
    assert len(cited) == 1
    assert cited[0].speaker.kind is SpeakerKind.ANONYMOUS
    assert "grandmother" in cited[0].speaker.name


@pytest.mark.slow
def test_a_speakers_own_quoted_words_in_a_turn_stay_in_the_turn(extractor):
    text = (
        "MR. DELACROIX: Last week I told the council, “We will finish the bridge by June.” "
        "And we will.\n\n"
        "Q Will you?\n"
    )
    out = extractor.extract(
        ExtractionInput(text=text, published=PUBLISHED, title="Remarks by Mayor Delacroix")
    )
    assert [q.kind for q in out.quotes if q.kind is not QuoteKind.INDIRECT] == [QuoteKind.REMARKS]


@pytest.mark.slow
def test_the_office_a_briefer_quotes_is_that_days_holder_and_their_entity(extractor):
    text = (
        "MS. OKONJO: Good morning. As the President said, “No one should be denied the care they need,” "
        "and we agree. The First Lady said, “We will keep fighting for our children.”\n\n"
        "Q Thank you.\n"
    )
    out = extractor.extract(
        ExtractionInput(text=text, published=dt.date(2024, 4, 23), title="Press Gaggle by Ms. Okonjo")
    )
    by_key = {e.key: e for e in out.entities}
    cited = {q.text[:12]: q.speaker for q in out.quotes if q.kind is QuoteKind.DIRECT}
    assert {text: s.name for text, s in cited.items()} == {
        "No one shoul": "Joe Biden",
        "We will keep": "Jill Biden",
    }
    # each has an entity of the article (no mention: the text never names them), so the words
    # reach their pages
    assert {by_key[s.entity].name for s in cited.values()} == {"Joe Biden", "Jill Biden"}


@pytest.mark.slow
def test_a_reporter_citing_someone_gives_the_quote_to_them_without_the_q_label(extractor):
    text = (
        "MS. OKONJO: Go ahead.\n\n"
        "Q Israel’s military chief said, “We will respond to the attack at a time of our choosing,” "
        "so what is the response?\n\n"
        "MS. OKONJO: We have been clear about that.\n"
    )
    out = extractor.extract(ExtractionInput(text=text, published=dt.date(2024, 4, 15), title="Press Gaggle"))
    [cited] = [q for q in out.quotes if q.kind is QuoteKind.DIRECT]
    assert (cited.speaker.name, cited.speaker.kind) == ("Israel’s military chief", SpeakerKind.ANONYMOUS)
