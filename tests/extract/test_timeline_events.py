"""Events a reader puts on a timeline (issue 12): each test is one class of text found in the
White House corpus or the PolNeAR news, with made-up sentences in their style, run through the
real pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import EventKind, EventStatus
from app.extract import ExtractionInput
from app.extract.eventing.nominations import intended_nominations
from app.extract.eventing.status import status_of
from app.extract.temporal.meanings import Direction

DAY = dt.date(2024, 11, 26)  # a Tuesday


def extract(extractor, text: str, published: dt.date | None = DAY, title: str = ""):
    return extractor.extract(ExtractionInput(text, published, title=title))


def events(extractor, text: str, published: dt.date | None = DAY, title: str = ""):
    return extract(extractor, text, published, title).events


def timexes(extractor, text: str, published: dt.date | None = DAY) -> dict[str, str]:
    return {t.text: t.value for t in extract(extractor, text, published).timexes}


def test_a_simple_present_happening_on_the_publication_day_has_happened():
    assert status_of(DAY, DAY, DAY, Direction.NONE, simple_present=True) is EventStatus.HAPPENED
    assert status_of(DAY, DAY, DAY, Direction.NONE) is EventStatus.ONGOING
    # a longer period around publication is under way whatever the tense
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert status_of(*year, DAY, Direction.NONE, simple_present=True) is EventStatus.ONGOING


@pytest.mark.slow
def test_today_we_welcome_has_happened_but_is_putting_out_is_ongoing(extractor):
    found = events(extractor, "Today we welcome South Africa as a new partner in this endeavor.")
    assert [(e.value, e.status) for e in found] == [("2024-11-26", EventStatus.HAPPENED)]
    found = events(extractor, "Today, the President is putting out a budget that reflects his values.")
    assert [e.status for e in found if e.value == "2024-11-26"] == [EventStatus.ONGOING]


@pytest.mark.slow
def test_a_contracted_perfect_has_happened(extractor):
    found = events(
        extractor, "And that leads me to: We’ve put out a plan today; they need to put out a plan."
    )
    assert [(e.value, e.status) for e in found] == [("2024-11-26", EventStatus.HAPPENED)]


@pytest.mark.slow
def test_earlier_and_later_today_are_today_on_either_side_of_publication(extractor):
    text = (
        "Earlier today, the president took part in a White House tradition. "
        "The president travels to Staten Island later today."
    )
    assert timexes(extractor, text) == {"today": "2024-11-26"}
    found = {e.trigger: e.status for e in events(extractor, text)}
    assert found == {"took": EventStatus.HAPPENED, "travels": EventStatus.EXPECTED}


@pytest.mark.slow
def test_minutes_and_hours_later_or_ago_are_clock_times_not_dates(extractor):
    found = timexes(
        extractor,
        "He left the building, and 20 minutes later shooting occurred. "
        "According to a witness up to about an hour ago, the clashes went on.",
    )
    assert "20 minutes later" not in found and "about an hour ago" not in found
    assert timexes(extractor, "The talks ended two days later.", dt.date(2024, 11, 26)) != {}


@pytest.mark.slow
def test_the_trip_under_way_is_expected_on_the_publication_day(extractor):
    found = events(
        extractor,
        "MS. DALTON:  Okay.  As you all know, we’re on our way to Philadelphia, where the President will "
        "lay out his budget for the American people.",
    )
    trip = [e for e in found if e.value == "2024-11-26"]
    assert len(trip) == 1
    assert trip[0].status is EventStatus.EXPECTED
    assert trip[0].summary == "the President will lay out his budget for the American people"
    found = events(extractor, "We are on our way to Staten Island for the event.")
    assert [(e.value, e.status) for e in found] == [("2024-11-26", EventStatus.EXPECTED)]


@pytest.mark.slow
def test_being_on_our_way_to_doing_something_is_no_trip(extractor):
    text = "And, folks, we’re on our way to delivering clean water to every home."
    assert list(events(extractor, text)) == []


@pytest.mark.slow
def test_expecting_to_be_somewhere_is_a_visit_ahead(extractor):
    found = events(extractor, "My first responsibility is to help. And I expect to be there later this week.")
    assert [(e.value, e.status) for e in found] == [("2024-W48", EventStatus.EXPECTED)]


@pytest.mark.slow
def test_a_headline_line_over_a_longer_lead_is_not_the_lead(extractor):
    text = (
        "Retired General Reveals ‘Demoralizing’ Experience Of Serving Under Obama.\n\n"
        "Retired U.S. Air Force Gen. Norman Ham is speaking out ahead of the presidential election about "
        "the serious problems he has with the current commander in chief.\n\n"
        "He retired in 2014."
    )
    lead = [e for e in events(extractor, text, dt.date(2016, 9, 15)) if e.timex is None]
    assert [e.summary[:40] for e in lead] == ["Retired U.S. Air Force Gen. Norman Ham i"]
    assert lead[0].status is EventStatus.ONGOING


@pytest.mark.slow
def test_in_eight_days_counts_from_publication_to_the_happening(extractor):
    found = events(
        extractor, "I’m here for you.  We have an election coming up in eight days.", dt.date(2024, 10, 28)
    )
    assert [(e.value, e.status) for e in found] == [("2024-11-05", EventStatus.EXPECTED)]


@pytest.mark.slow
def test_in_so_many_years_after_a_noun_is_a_span_not_a_countdown(extractor):
    text = (
        "This could be one of the worst storms in 100 years. We won the state for the first time in 32 years."
    )
    assert list(events(extractor, text)) == []


@pytest.mark.slow
def test_a_record_in_so_many_years_counts_to_nothing_wherever_the_in_hangs(extractor):
    text = (
        "Latino small businesses are now experiencing the fastest growth rate in 30 years. "
        "Inflation hit its highest level in 40 years. "
        "The biggest tax cut takes effect in 30 days."
    )
    found = events(extractor, text, dt.date(2024, 9, 18))
    assert [(e.value, e.status) for e in found] == [("2024-10-18", EventStatus.EXPECTED)]


@pytest.mark.slow
def test_the_day_after_the_election_counts_from_election_day(extractor):
    text = "Jeff Zients reached out to the transition cochairs the day after the election to make it clear."
    assert timexes(extractor, text) == {"the day after the election": "2024-11-06"}
    assert [e.value for e in events(extractor, text)] == ["2024-11-06"]


@pytest.mark.slow
def test_a_holiday_modifying_a_noun_is_no_date(extractor):
    found = timexes(
        extractor,
        "The White House refused to call the Christmas party slaughter terrorism. "
        "Thanksgiving dinner costs are down. They will spend Thanksgiving weekend in Nantucket.",
    )
    assert "Christmas" not in found
    assert list(found) == ["Thanksgiving"]


@pytest.mark.slow
def test_the_traditions_of_a_holiday_date_nothing(extractor):
    text = "The president reflected on the traditions of Thanksgiving and wished families a safe holiday."
    assert list(events(extractor, text)) == []
    assert [e.value for e in events(extractor, "Stocks fell by the end of 2023.")] == ["2023"]


@pytest.mark.slow
def test_a_date_the_speaker_corrects_dates_nothing(extractor):
    text = (
        "Q    There’s a group of House Republicans who wrote Secretaries Raimondo and Yellen today — or "
        "excuse me, on Friday, asking them to preserve documents."
    )
    assert [e.value for e in events(extractor, text)] == ["2024-11-22"]


@pytest.mark.slow
def test_an_imperative_reported_after_a_perfect_keeps_its_own_time(extractor):
    text = "And right now, I’ve been saying: Look, imagine January 20th, when one of us will be in office."
    assert timexes(extractor, text, dt.date(2024, 10, 28))["January 20th"] == "2025-01-20"


@pytest.mark.slow
def test_timeline_entries_fall_on_the_day_named_before_them_not_on_a_posts_markup_date(extractor):
    text = (
        "The timeline of events in the massacre Tuesday in San Bernardino shows the name was public.\n\n"
        '<tweet id="1" author="@someone" datetime="2015-12-02">scanner: suspect named</tweet>.\n\n'
        "12:25 pm – President Obama is briefed on the situation.\n\n"
        "6:45 pm – One of the suspects is named in media reports as Syed Farook."
    )
    entries = [e for e in events(extractor, text, dt.date(2015, 12, 4)) if e.summary[:2] in ("12", "On")]
    assert [(e.value, e.trigger) for e in entries] == [("2015-12-01", "briefed"), ("2015-12-01", "named")]


@pytest.mark.slow
def test_a_year_cut_off_by_a_stray_full_stop_is_the_days_year(extractor):
    text = "You can see that it was reported live on September 11th. 2012 on CNN’s show that they were known."
    assert timexes(extractor, text, dt.date(2015, 12, 4))["September 11th"] == "2012-09-11"


@pytest.mark.slow
def test_what_has_to_be_done_by_a_date_is_expected_by_its_next_occurrence(extractor):
    text = "It’s bipartisan.  Has to be passed, some version of it, by October 1.  And we’ll get it done."
    found = events(extractor, text, dt.date(2023, 3, 9))
    assert [(e.value, e.status, e.trigger) for e in found] == [("2023-10-01", EventStatus.EXPECTED, "passed")]


@pytest.mark.slow
def test_champions_of_a_year_won_that_year(extractor):
    found = events(extractor, "We welcome the 2024 NBA champions: the Boston Celtics.", dt.date(2024, 11, 21))
    assert [(e.value, e.status) for e in found if e.value == "2024"] == [("2024", EventStatus.HAPPENED)]
    assert list(events(extractor, "The 2020 Census data show growth.")) == []


@pytest.mark.slow
def test_a_period_beginning_on_a_day_and_continuing_is_ongoing(extractor):
    text = (
        "Today, the President ordered Federal aid to supplement recovery efforts in the areas affected by "
        "Hurricane Idalia beginning on August 27, 2023, and continuing."
    )
    found = {e.value: e.status for e in events(extractor, text, dt.date(2023, 8, 31))}
    assert found["2023-08-27"] is EventStatus.ONGOING


@pytest.mark.slow
def test_the_lead_tells_one_days_news_and_that_days_meeting_is_told_once(extractor):
    text = (
        "On Friday, May 31, the White House welcomed small business owners from five states. More than 60 "
        "individuals representing small businesses from Illinois and Ohio met with senior officials.\n\n"
        "Since then, more than $65 billion has been invested in the states represented in Friday’s meeting."
    )
    found = events(extractor, text, dt.date(2024, 6, 3))
    assert [(e.value, e.trigger) for e in found] == [("2024-05-31", "welcomed"), ("2024-05-31", "met")]


@pytest.mark.slow
def test_a_definite_event_noun_on_a_told_day_is_dropped_only_if_it_is_that_happening(extractor):
    text = (
        "It was reported live on September 11, 2012 that the attackers were known. King said the testimony "
        "differed from an assessment given just days after the September 11 attack, which left four dead."
    )
    found = events(extractor, text, dt.date(2015, 12, 4))
    assert sorted(e.trigger for e in found if e.value == "2012-09-11") == ["attack", "reported"]


KEY_NOMINEES = (
    "WASHINGTON – Today, President Joe Biden announced his intent to nominate the following individuals "
    "to serve as key leaders in his administration:\n\n"
    "-   Mark Angelson, Nominee for Ambassador Extraordinary and\n"
    "    Plenipotentiary to the Kingdom of Norway\n"
    "-   Michael G. Heath, Nominee for Ambassador Extraordinary and\n"
    "    Plenipotentiary to the Republic of Malawi\n\n"
    "Mark Angelson, Nominee for Ambassador Extraordinary and Plenipotentiary to the Kingdom of Norway\n\n"
    "Mark Angelson has had a distinguished career in law and in business.\n"
)


def test_a_key_nominees_list_is_one_intended_nomination_per_person():
    found = list(intended_nominations(KEY_NOMINEES))
    assert [n.summary for n in found] == [
        "Intent to nominate Mark Angelson as Ambassador Extraordinary and Plenipotentiary to the Kingdom of "
        "Norway announced",
        "Intent to nominate Michael G. Heath as Ambassador Extraordinary and Plenipotentiary to the "
        "Republic of Malawi announced",
    ]
    assert not list(intended_nominations("Mark Angelson, Nominee for Ambassador to Norway, spoke."))


JUDICIAL_ROUND = (
    "The President is announcing his intent to nominate three individuals to federal district courts.\n\n"
    "1.  **<u>Judge Anthony J. Brindisi: Nominee for the United States\n"
    "    District Court for the Northern District of New York</u>**\n\n"
    "Judge Anthony J. Brindisi has been a judge since 2022.\n\n"
    "2\\. **<u>Ernesto “Ernest” Gonzalez: Nominee for the United States District\n"
    "Court for the Western District of Texas</u>**\n\n"
    "**3.\u00a0 <u>Joseph R. Adams: Candidate for United States Marshal for\n"
    "the Northern District of West Virginia</u>**\n"
)


def test_a_round_of_judicial_nominees_is_one_intended_nomination_per_bold_heading():
    found = list(intended_nominations(JUDICIAL_ROUND))
    assert [n.summary for n in found] == [
        "Intent to nominate Anthony J. Brindisi to the United States District Court for the Northern "
        "District of New York announced",
        "Intent to nominate Ernesto “Ernest” Gonzalez to the United States District Court for the Western "
        "District of Texas announced",
        "Intent to nominate Joseph R. Adams as United States Marshal for the Northern District of West "
        "Virginia announced",
    ]


@pytest.mark.slow
def test_the_intent_to_nominate_keeps_its_object_and_each_nominee_is_an_event(extractor):
    found = events(
        extractor, KEY_NOMINEES, dt.date(2024, 5, 28), title="President Biden Announces Key Nominees"
    )
    assert found[0].summary.endswith(
        "his intent to nominate the following individuals to serve as key leaders in his administration"
    )
    nominated = [e for e in found if e.trigger == "nominate"]
    assert [(e.value, e.status, e.kind) for e in nominated] == [
        ("2024-05-28", EventStatus.HAPPENED, EventKind.APPOINTMENT)
    ] * 2


@pytest.mark.slow
def test_a_past_happening_is_never_dated_ahead_of_publication(extractor):
    found = events(
        extractor,
        "He signed the order on January 20, 2021, and it takes effect in 2030.",
        dt.date(2024, 7, 1),
    )
    assert {e.value: e.status for e in found} == {
        "2021-01-20": EventStatus.HAPPENED,
        "2030": EventStatus.EXPECTED,
    }
    found = events(
        extractor, "The President signed into law a bill to reach net zero by 2050.", dt.date(2024, 7, 1)
    )
    assert [(e.value, e.summary) for e in found] == [("2050", "a bill to reach net zero by 2050")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        (
            "Since day one of this Administration, we have fought the epidemic.",
            "2023-09-01",
            "day one",
            "2021-01-20",
        ),
        (
            "In my first week in office, I issued an executive order.",
            "2023-08-31",
            "my first week in office",
            "2021-01",
        ),
        ("On my first day in office, I will end it.", "2024-06-01", "my first day in office", "2025-01-20"),
        ("Day one of my Administration began a new era.", "2025-03-01", "Day one", "2025-01-20"),
    ],
)
def test_the_first_day_of_the_administration_is_its_inauguration(
    extractor, text, published, expression, value
):
    assert timexes(extractor, text, dt.date.fromisoformat(published))[expression] == value


@pytest.mark.slow
def test_observances_on_a_fixed_day_are_dates(extractor):
    text = (
        "Today, on International Overdose Awareness Day, officials hosted a meeting. "
        "On Transgender Day of Visibility, we celebrate. We marked Juneteenth, and we mark World AIDS Day."
    )
    assert timexes(extractor, text, dt.date(2023, 9, 1)) == {
        "Today": "2023-09-01",
        "International Overdose Awareness Day": "2023-08-31",
        "Transgender Day of Visibility": "2023-03-31",
        "Juneteenth": "2023-06-19",
        "World AIDS Day": "2023-12-01",
    }


@pytest.mark.slow
def test_a_list_of_officials_with_titles_is_one_sentence_and_its_lead_is_dated(extractor):
    text = (
        "Washington, D.C. – Today, on International Overdose Awareness Day, Second Gentleman Douglas Emhoff, "
        "White House Office of National Drug Control Policy (ONDCP)\nDirector Dr. Rahul Gupta, and\n"
        "Centers for Disease Control and Prevention (CDC) Director Dr. Mandy Cohen hosted a meeting at the "
        "White House with families.\n\nFamily members shared their experiences. Mr. Gupta spoke."
    )
    result = extract(extractor, text, dt.date(2023, 9, 1))
    assert len(result.sentences) == 3  # the lead, then two sentences
    hosted = next(e for e in result.events if e.timex is not None)
    assert hosted.summary.startswith("Today, on International Overdose Awareness Day")  # no dateline
    assert next((e.value, e.status, e.trigger) for e in result.events if e.timex is not None) == (
        "2023-09-01",
        EventStatus.HAPPENED,
        "hosted",
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The national emergency declared on March 15, 1995, must continue in effect beyond March 15, 2025.",
         "continue"),
        ("The Congress, by joint resolution approved May 16, 1957, has requested it.", "approved"),
        ("Today, the President ordered Federal aid to supplement recovery efforts in Florida.", "ordered"),
    ],
)  # fmt: skip
def test_legal_acts_of_official_text_are_legislation(extractor, text, trigger):
    found = [e for e in events(extractor, text, dt.date(2024, 3, 1)) if e.trigger == trigger]
    assert found and all(e.kind is EventKind.LEGISLATION for e in found)


@pytest.mark.slow
def test_an_announcement_a_statement_makes_has_happened_but_a_briefings_may_be_to_come(extractor):
    statement = "Today, the Biden-Harris Administration is announcing new steps to lower costs for families."
    found = events(extractor, statement, dt.date(2023, 7, 19))
    assert [(e.value, e.status) for e in found] == [("2023-07-19", EventStatus.HAPPENED)]
    briefing = (
        "MS. JEAN-PIERRE:  Good afternoon. Today, the President is announcing new steps to lower costs "
        "for families.\n\nQ    Thank you, Karine.\n"
    )
    found = events(extractor, briefing, dt.date(2023, 7, 19))
    assert [(e.value, e.status) for e in found if "announcing" in e.summary] == [
        ("2023-07-19", EventStatus.ONGOING)
    ]


@pytest.mark.slow
def test_a_deadline_set_within_days_is_expected_that_many_days_on_but_a_habit_is_no_event(extractor):
    found = events(
        extractor, "The Army will commence a planning process within 60 days.", dt.date(2023, 3, 21)
    )
    assert [(e.value, e.status) for e in found] == [("2023-05-20", EventStatus.EXPECTED)]
    assert not events(extractor, "Most companies respond within 15 days.", dt.date(2023, 3, 21))


@pytest.mark.slow
def test_a_meeting_on_the_day_after_a_late_readout_happened_that_day(extractor):
    text = "National Security Advisor Jake Sullivan met on August 29 with General Zhang Youxia in Beijing."
    found = events(extractor, text, dt.date(2024, 8, 28))
    assert [(e.value, e.status) for e in found] == [("2024-08-29", EventStatus.HAPPENED)]
