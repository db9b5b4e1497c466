"""Temporal expressions: resolution rules (pure, table-driven), extents, and the parse-driven tense.

The tables call `temporal.grammar.normalize(expression, published, direction)` directly: no
model, just the grammar and the resolution rules. The `slow` tests run the real pipeline on
short made-up sentences, so that the tense comes from the parse.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app.domain import Granularity, TimexType
from app.extract import ExtractionInput
from app.extract.temporal.calendar import value_range
from app.extract.temporal.grammar import normalize, scan
from app.extract.temporal.meanings import Direction, NotTemporal

MONDAY = dt.date(2024, 7, 1)  # the publication date of the WSJ article the project is built on
PAST, NONE, FUTURE, DEADLINE = Direction.PAST, Direction.NONE, Direction.FUTURE, Direction.DEADLINE

RESOLUTION_CASES = [
    # expression, tense of its clause, TIMEX3 value (publication date: Monday 2024-07-01)
    ("Thursday", PAST, "2024-06-27"),
    ("Thursday", NONE, "2024-06-27"),
    ("Thursday", FUTURE, "2024-07-04"),
    ("Monday", PAST, "2024-07-01"),
    ("last Friday", NONE, "2024-06-28"),
    ("next Monday", NONE, "2024-07-08"),
    ("this Wednesday", NONE, "2024-07-03"),
    ("next week", NONE, "2024-W28"),
    ("last week", NONE, "2024-W26"),
    ("this week", NONE, "2024-W27"),
    ("earlier in the day", PAST, "2024-07-01"),
    ("later in the week", FUTURE, "2024-W27"),
    ("last month", PAST, "2024-06"),
    ("next month", NONE, "2024-08"),
    ("last year", PAST, "2023"),
    ("this year", NONE, "2024"),
    ("next year", NONE, "2025"),
    ("75 years ago", PAST, "1949"),
    ("two weeks ago", NONE, "2024-W25"),
    ("three days ago", NONE, "2024-06-28"),
    ("a decade ago", NONE, "2014"),
    # anniversaries: the day (week, month) of the publication date, so many years back
    ("Twenty years ago today", PAST, "2004-07-01"),
    ("Fifty-one years ago today", NONE, "1973-07-01"),
    ("two years ago tomorrow", NONE, "2022-07-02"),
    ("Four years ago this week", PAST, "2020-W27"),
    ("35 years ago this month", NONE, "1989-07"),
    ("A hundred and fifty-eight years ago today", PAST, "1866-07-01"),
    ("one hundred and sixty years ago", NONE, "1864"),
    ("two years from now", NONE, "2026"),
    ("yesterday", NONE, "2024-06-30"),
    ("today", NONE, "2024-07-01"),
    ("tomorrow", NONE, "2024-07-02"),
    ("January 20", FUTURE, "2025-01-20"),
    ("January 20", PAST, "2024-01-20"),
    ("June 12", NONE, "2024-06-12"),
    ("December 15", NONE, "2023-12-15"),  # no tense: lean to the past
    ("August 3", NONE, "2024-08-03"),  # ...unless the coming one is much nearer
    ("Nov. 20", DEADLINE, "2024-11-20"),  # "extended to Nov. 20": nearest, no lean
    ("last June", NONE, "2024-06"),
    ("next June", NONE, "2025-06"),
    ("June last year", NONE, "2023-06"),
    ("July 1 of this year", PAST, "2024-07-01"),  # the year the text names, whatever the tense
    ("January 1st of this year", FUTURE, "2024-01-01"),
    ("October of last year", NONE, "2023-10"),
    ("May of next year", NONE, "2025-05"),
    ("the fall of last year", NONE, "2023-FA"),
    ("Thursday of next week", NONE, "2024-07-11"),  # that ISO week's Thursday
    ("Monday of last week", PAST, "2024-06-24"),
    ("July 2", PAST, "2024-07-02"),  # "met on July 2", told late on July 1 where it was still July 1
    ("July 3", PAST, "2023-07-03"),
    ("February 2022", NONE, "2022-02"),
    ("July 1, 2024", NONE, "2024-07-01"),
    ("Thursday, Oct. 26", NONE, "2023-10-26"),  # the year in which Oct. 26 is a Thursday
    ("2008", NONE, "2008"),
    ("fiscal 1989", NONE, "1989"),
    ("the 1990s", NONE, "199X"),
    ("the nineties", NONE, "199X"),
    ("the '80s", NONE, "198X"),
    ("the 20th century", NONE, "19"),
    ("the first quarter", NONE, "2024-Q1"),
    ("the third quarter", FUTURE, "2024-Q3"),
    ("the fourth quarter", PAST, "2023-Q4"),
    ("the fourth quarter of 2022", NONE, "2022-Q4"),
    ("Q3 2024", NONE, "2024-Q3"),
    ("the first half of 2023", NONE, "2023-H1"),
    ("last summer", NONE, "2023-SU"),
    ("this winter", NONE, "2024-WI"),
    ("the winter of 1994", NONE, "1994-WI"),
    ("early next year", NONE, "2025"),
    ("the end of 1990", NONE, "1990"),
    ("mid-1996", NONE, "1996"),
    ("year-end", DEADLINE, "2024-12-31"),  # "by year-end"
    ("year-end", PAST, "2023-12-31"),  # "since year-end"
    ("last weekend", NONE, "2024-W26-WE"),
    ("the weekend", PAST, "2024-W26-WE"),
    ("Thanksgiving", PAST, "2023-11-23"),
    ("Christmas", FUTURE, "2024-12-25"),
    ("3 p.m. Tuesday", PAST, "2024-06-25T15:00"),
    ("10:35 a.m.", NONE, "2024-07-01T10:35"),
    ("noon Thursday", FUTURE, "2024-07-04T12:00"),
    ("this morning", NONE, "2024-07-01TMO"),
    ("last night", NONE, "2024-06-30TNI"),
    ("now", NONE, "PRESENT_REF"),
    ("currently", NONE, "PRESENT_REF"),
    ("recently", NONE, "PAST_REF"),
    ("the future", NONE, "FUTURE_REF"),
    ("several years ago", NONE, "PAST_REF"),
]


@pytest.mark.parametrize(("expression", "direction", "value"), RESOLUTION_CASES)
def test_relative_expressions_resolve_against_publication_date_and_tense(expression, direction, value):
    result = normalize(expression, MONDAY, direction)
    assert result is not None, f"{expression!r} not understood"
    assert result.value == value


DURATION_AND_SET_CASES = [
    ("the past three years", TimexType.DURATION, "P3Y"),
    ("15 years", TimexType.DURATION, "P15Y"),
    ("two and a half years", TimexType.DURATION, "P2Y6M"),
    ("5 1/2 hours", TimexType.DURATION, "PT5H30M"),
    ("a few days", TimexType.DURATION, "PXD"),
    ("several years", TimexType.DURATION, "PXY"),
    ("the first nine months", TimexType.DURATION, "P9M"),
    ("five-year", TimexType.DURATION, "P5Y"),
    ("two decades", TimexType.DURATION, "P20Y"),
    ("more than an hour", TimexType.DURATION, "PT1H"),
    ("daily", TimexType.SET, "P1D"),
    ("annually", TimexType.SET, "P1Y"),
    ("every two years", TimexType.SET, "P2Y"),
    ("each Thursday", TimexType.SET, "XXXX-WXX-4"),
]


@pytest.mark.parametrize(("expression", "type_", "value"), DURATION_AND_SET_CASES)
def test_durations_and_sets_have_iso_values_and_no_calendar_range(expression, type_, value):
    result = normalize(expression, MONDAY)
    assert result is not None
    assert (result.type, result.value) == (type_, value)
    assert result.range_start is None and result.range_end is None


def test_every_resolved_date_carries_the_calendar_range_it_covers():
    week = normalize("next week", MONDAY)
    assert (week.range_start, week.range_end, week.granularity) == (
        dt.date(2024, 7, 8),
        dt.date(2024, 7, 14),
        Granularity.WEEK,
    )
    quarter = normalize("the third quarter", MONDAY, FUTURE)
    assert (quarter.range_start, quarter.range_end) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    decade = normalize("the 1990s", MONDAY)
    assert (decade.range_start, decade.range_end, decade.granularity) == (
        dt.date(1990, 1, 1),
        dt.date(1999, 12, 31),
        Granularity.DECADE,
    )


def test_position_modifiers_set_timex3_mod_without_changing_the_value():
    assert normalize("early next year", MONDAY).mod == "START"
    assert normalize("the end of 1990", MONDAY).mod == "END"
    assert normalize("mid-1996", MONDAY).mod == "MID"
    assert normalize("about two years", MONDAY).mod == "APPROX"
    assert normalize("earlier in the year", MONDAY).mod == "START"
    assert normalize("later in the day", MONDAY).mod == "END"


UNRESOLVED_CASES = [
    ("next week", "XXXX-WXX"),
    ("last month", "XXXX-XX"),
    ("last year", "XXXX"),
    ("Thursday", "XXXX-WXX-4"),
    ("January 20", "XXXX-01-20"),
    ("June", "XXXX-06"),
    ("yesterday", "XXXX-XX-XX"),
    ("the third quarter", "XXXX-Q3"),
    ("75 years ago", "XXXX"),
]


@pytest.mark.parametrize(("expression", "value"), UNRESOLVED_CASES)
def test_without_publication_date_relative_expressions_stay_unresolved(expression, value):
    result = normalize(expression, None, PAST)
    assert result is not None
    assert (result.value, result.resolved, result.range_start) == (value, False, None)


@pytest.mark.parametrize(
    ("expression", "value"), [("July 1, 2024", "2024-07-01"), ("2008", "2008"), ("February 2022", "2022-02")]
)
def test_without_publication_date_absolute_expressions_still_resolve(expression, value):
    result = normalize(expression, None)
    assert (result.value, result.resolved) == (value, True)


@pytest.mark.parametrize("expression", ["February 30", "April 31, 2020", "Feb. 30"])
def test_impossible_calendar_dates_are_not_timexes(expression):
    assert normalize(expression, MONDAY) is None


def test_anaphora_count_from_the_last_date_mentioned():
    reference = normalize("March 5, 1946", MONDAY)
    assert normalize("the next day", MONDAY, reference=reference).value == "1946-03-06"
    assert normalize("a year earlier", MONDAY, reference=reference).value == "1945"
    assert normalize("two days later", MONDAY, reference=reference).value == "1946-03-07"


def test_anaphora_after_a_coarser_date_count_from_no_day_the_text_gives():
    """ "Two years ago, a father wrote me … A month later, his son died": not a month after the
    publication date, which would put a past death in the future."""
    years_ago = normalize("2022", MONDAY)
    assert normalize("a month later", MONDAY, reference=years_ago).value == "XXXX-XX"
    assert normalize("that day", MONDAY, reference=years_ago).value == "XXXX-XX-XX"
    assert normalize("a year later", MONDAY, reference=years_ago).value == "2023"


def test_that_night_is_a_part_of_the_day_last_named_and_nothing_without_one():
    reference = normalize("November 12, 2012", MONDAY)
    assert normalize("that night", MONDAY, reference=reference).value == "2012-11-12TNI"
    assert normalize("that same evening", MONDAY, reference=reference).value == "2012-11-12TEV"
    assert normalize("that night", MONDAY, reference=normalize("September 2012", MONDAY)) is None
    assert normalize("that night", MONDAY) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("We are talking about a ‘24 budget.", ["2024"]),  # a year clipped to two digits
        ("He was drafted in ’67.", ["1967"]),
        ("The ’90s were good.", []),  # a decade is no clipped year
        ("He said ‘24 hours is not enough’.", ["PT24H"]),  # a quoted amount, no year
    ],
)
def test_a_year_clipped_after_an_apostrophe(text, values):
    found = [c for c in scan(text) if not isinstance(c.reading.meaning, NotTemporal)]
    assert [normalize(text[c.start : c.end], MONDAY).value for c in found] == values


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity"),
    [
        ("2024-06-27", dt.date(2024, 6, 27), dt.date(2024, 6, 27), Granularity.DAY),
        ("2024-W28", dt.date(2024, 7, 8), dt.date(2024, 7, 14), Granularity.WEEK),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Granularity.MONTH),
        ("2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30), Granularity.QUARTER),
        ("2023-WI", dt.date(2023, 12, 1), dt.date(2024, 2, 29), Granularity.SEASON),
        ("199X", dt.date(1990, 1, 1), dt.date(1999, 12, 31), Granularity.DECADE),
        ("2024-06-27T15:00", dt.date(2024, 6, 27), dt.date(2024, 6, 27), Granularity.TIME),
    ],
)
def test_value_range_reads_timex3_values_back_into_days(value, first, last, granularity):
    assert value_range(value) == (first, last, granularity)


@pytest.mark.parametrize("value", ["P3Y", "PRESENT_REF", "XXXX-WXX", "2024-13", "2023-02-29"])
def test_value_range_has_no_days_for_durations_references_and_nonsense(value):
    assert value_range(value) is None


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biden debated Trump on Thursday.", ["Thursday"]),
        ("The treaty was signed 75 years ago.", ["75 years ago"]),
        ("Twenty years ago today, the plan began.", ["Twenty years ago today"]),
        ("Years ago today I met him.", ["Years ago", "today"]),  # no amount: no anniversary
        ("Two days later today was quiet.", ["Two days later", "today"]),
        ("Prices rose over the past three years.", ["the past three years"]),
        ("Profit fell in the first quarter.", ["the first quarter"]),
        ("The third-quarter results were weak.", ["third-quarter"]),
        ("He served from 2009 to 2013.", ["2009", "2013"]),
        ("They meet on April 24 and 25.", ["April 24", "25"]),
        ("Sales peaked in the 1990s.", ["the 1990s"]),
        ("It happened last month.", ["last month"]),
        ("Talks resume in early March.", ["early March"]),
        ("It applies from July 1 of this year.", ["July 1 of this year"]),  # as "June last year"
        ("In October, last year's winner spoke.", ["October", "last year"]),
        ("We made plans for the day after.", []),  # a war's aftermath
        ("He arrived on May 3. The day after, he left.", ["May 3", "The day after"]),
    ],
)
def test_extents_follow_timeml_conventions(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She may attend the meeting.",  # "may" the verb
        "Protesters march through the city.",
        "The 6-year-old boy and a 44-year-old man.",  # ages are no timexes
        "The airline runs four flights a week.",  # nor rates
    ],
)
def test_words_that_only_look_temporal_are_left_alone(text):
    assert [c for c in scan(text) if not isinstance(c.reading.meaning, NotTemporal)] == []


def test_text_without_temporal_anchors_is_scanned_quickly():
    text = "lorem ipsum dolor sit amet " * 8000
    started = time.perf_counter()
    assert scan(text) == []
    assert time.perf_counter() - started < 1.0


# --- with the real pipeline: tense from the parse ------------------------------------------


def timexes_of(extractor, text: str, published: dt.date | None = MONDAY):
    return extractor.extract(ExtractionInput(text, published)).timexes


def value_of(extractor, text: str, expression: str, published: dt.date | None = MONDAY) -> str:
    found = [t for t in timexes_of(extractor, text, published) if t.text == expression]
    assert found, f"{expression!r} not found in {text!r}"
    return found[0].value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Biden debated Trump on Thursday.", "Thursday", "2024-06-27"),
        ("NATO leaders will meet on Thursday.", "Thursday", "2024-07-04"),
        ("The summit is expected to open on Thursday.", "Thursday", "2024-07-04"),
        ("I will settle it before I take office on January 20, Trump said.", "January 20", "2025-01-20"),
        ("The law took effect on January 20.", "January 20", "2024-01-20"),
        ("The offer was extended to Nov. 20.", "Nov. 20", "2024-11-20"),
        ("Stoltenberg said last month that the changes would help.", "last month", "2024-06"),
        ("The alliance's treaty was signed 75 years ago.", "75 years ago", "1949"),
        ("Analysts expect a decision in the fourth quarter.", "the fourth quarter", "2024-Q4"),
        ("Profit fell in the fourth quarter.", "the fourth quarter", "2023-Q4"),
        ("Officials said, and a summit could follow on Thursday.", "Thursday", "2024-07-04"),
        ("Officials said a summit could follow on Thursday.", "Thursday", "2024-07-04"),
        ("The alliance plans to open a command by the fall.", "the fall", "2024-FA"),
        (
            "The bank raised rates in March 2022 and has held them at the current level since August.",
            "August",
            "2023-08",
        ),
    ],
)
def test_tense_of_the_governing_clause_picks_the_occurrence(extractor, text, expression, value):
    assert value_of(extractor, text, expression) == value


@pytest.mark.slow
def test_current_beside_former_is_an_attribute_not_a_time(extractor):
    assert timexes_of(extractor, "Current and former U.S. officials said the steps would help.") == ()


@pytest.mark.slow
def test_future_one_day_is_a_vague_future_reference(extractor):
    text = "A 2008 communique said Ukraine would become a NATO member one day."
    assert value_of(extractor, text, "one day") == "FUTURE_REF"


@pytest.mark.slow
def test_timexes_have_keys_sentences_and_exact_offsets(extractor):
    text = "NATO will meet next week.\n\nIt met last year."
    timexes = timexes_of(extractor, text)
    assert [t.key for t in timexes] == ["t1", "t2"]
    assert [t.sentence for t in timexes] == [0, 1]
    assert all(text[t.start : t.end] == t.text for t in timexes)


@pytest.mark.slow
def test_without_publication_date_nothing_is_resolved_against_today(extractor):
    timexes = timexes_of(
        extractor, "Officials met on Thursday and will meet again next week, as in 2008.", None
    )
    by_text = {t.text: t for t in timexes}
    assert (by_text["Thursday"].value, by_text["Thursday"].resolved) == ("XXXX-WXX-4", False)
    assert by_text["next week"].value == "XXXX-WXX"
    assert (by_text["2008"].value, by_text["2008"].resolved) == ("2008", True)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "It happened on February 30 in the year 9999.",
        "1234 5678 2020 1999 0000 3000 12 31 2024 07 01",
        "",
        "   \n\n  ",
        "$2008 and 1,999 people and 2,020 votes.",
    ],
)
def test_bad_input_raises_nothing_and_makes_no_absurd_dates(extractor, text):
    extraction = extractor.extract(ExtractionInput(text, MONDAY))
    for timex in extraction.timexes:
        if timex.range_start is not None:
            assert 1000 <= timex.range_start.year <= 2200
    assert all(t.text != "February 30" for t in extraction.timexes)
    assert not extraction.events or all(len(e.summary.split()) > 1 for e in extraction.events)


@pytest.mark.slow
def test_a_24_hour_clock_time_resolves(extractor):
    assert (
        value_of(extractor, "The meeting began at 14:30 local time.", "14:30 local time")
        == "2024-07-01T14:30"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("We have to act now, not in the spring.", "the spring", "2025-SP"),
        ("The talks will resume in the spring.", "the spring", "2025-SP"),
        ("The talks resumed in the spring.", "the spring", "2024-SP"),
        ("Parliament needs to decide by the summer.", "the summer", "2025-SU"),
        ("They have to vote on Thursday.", "Thursday", "2024-10-10"),
        ("He had to leave on Monday.", "Monday", "2024-10-07"),
    ],
)
def test_a_season_or_day_still_to_come_is_the_next_one(extractor, text, expression, value):
    assert value_of(extractor, text, expression, published=dt.date(2024, 10, 8)) == value


@pytest.mark.slow
def test_over_the_past_year_is_the_stretch_to_the_publication_day_not_last_calendar_year(extractor):
    text = (
        "Over the past year, we released new rules. In the last decade, wages rose. Last year, we "
        "signed the law. In the last year of his term, he vetoed it."
    )
    timexes = extractor.extract(ExtractionInput(text, MONDAY)).timexes
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("the past year", TimexType.DURATION, "P1Y"),
        ("the last decade", TimexType.DURATION, "P10Y"),
        ("Last year", TimexType.DATE, "2023"),
        ("the last year", TimexType.DATE, "2023"),
    ]


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("funds for Fiscal Year 2024 were cut", "Fiscal Year 2024", "2024"),
        ("the FY 2023 budget", "FY 2023", "2023"),
        ("requests for FY2025", "FY2025", "2025"),
        ("FY23 and FY 24 spending", "FY23", "2023"),
    ],
)
def test_a_fiscal_year_is_read_whole_in_every_shape_the_budget_writes_it(text, extent, value):
    first = scan(text)[0]
    assert text[first.start : first.end] == extent
    assert normalize(extent, MONDAY).value == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("This summer, states will launch the program.", "This summer", "2024-SU"),
        ("This spring the law takes effect.", "This spring", "2024-SP"),
        ("This summer we launched the plan.", "This summer", "2023-SU"),
        ("Last summer we met in Ohio.", "Last summer", "2023-SU"),
        ("This winter has been cold.", "This winter", "2023-WI"),
    ],
)
def test_in_february_this_summer_is_this_years_and_this_winter_began_last_year(
    extractor, text, expression, value
):
    assert value_of(extractor, text, expression, published=dt.date(2024, 2, 14)) == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("They met on March the 3rd in Paris.", ["2024-03-03"]),
        ("Talks open on October the ninth, 2025.", ["2025-10-09"]),
        ("He served a second term and, for a second year, led the party.", []),
        ("More than three quarters of the women and a quarter of all men voted.", []),
        ("Wait a second; it lasted a second or two.", ["PT1S", "PT1S"]),
        ("We had two quarters of growth.", ["P6M"]),
    ],
)
def test_ordinal_days_after_the_month_and_ordinals_and_shares_that_are_no_durations(extractor, text, values):
    assert [t.value for t in timexes_of(extractor, text)] == values


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("We will advance the implementation of the 2016 Peace Agreement.", []),
        ("Explore the 2022 and 2023 Equity Action Plans.", []),
        ("The agency published its 2050 Strategy.", []),
        ("Leaders met at the 2014 Wales Summit.", ["2014"]),  # a happening's year dates it
        ("In 2023 Equity Action Plans were released.", ["2023"]),
        ("NOW, THEREFORE, I, JOSEPH R. BIDEN JR., do hereby proclaim as follows.", []),  # a formula
    ],
)
def test_a_year_inside_the_name_of_a_document_or_pact_is_no_date(extractor, text, values):
    assert [t.value for t in timexes_of(extractor, text)] == values


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "published", "values"),
    [
        ("Since day one, President Biden has delivered on climate.", "2023-05-01", ["2021-01-20"]),
        ("That’s what the President has done since day one.", "2024-03-01", ["2021-01-20"]),
        ("From Day One of his Administration, he has fought for workers.", "2023-05-01", ["2021-01-20"]),
        ("I'm sure that on Day 1, he will be ready to be commander.", "2016-05-01", ["2017-01-20"]),
        # some other first day: a committee's, a war's, a nominee's
        ("The committee has faced serial delays from Day One at the hands of officials.", "2016-05-01", []),
        ("From day one of the war, Japan has stood with Ukraine.", "2023-05-01", []),
        ("I’m confident she is prepared to lead the Department on day one.", "2023-05-01", []),
    ],
)
def test_day_one_is_the_administrations_first_day_when_a_presidency_is_in_view(
    extractor, sentence, published, values
):
    timexes = timexes_of(extractor, sentence, dt.date.fromisoformat(published))
    assert [t.value for t in timexes if "day" in t.text.lower()] == values


@pytest.mark.slow
def test_an_article_tells_of_one_october_7(extractor):
    text = "Shortly after October 7th, we began talks. Hamas has vowed to repeat October 7."
    found = timexes_of(extractor, text, dt.date(2023, 12, 2))
    assert [(t.text, t.value) for t in found] == [("October 7th", "2023-10-07"), ("October 7", "2023-10-07")]


@pytest.mark.slow
def test_a_speaker_on_a_thursday_means_another_thursday_but_a_paper_may_mean_its_own(extractor):
    thursday = dt.date(2024, 8, 8)
    spoken = (
        "MODERATOR:  Thanks.\n\nSENIOR ADMINISTRATION OFFICIAL:  The agreement will be signed on Thursday."
        " The President spoke with them on Thursday.\n\nQ    Thanks.\n"
    )
    assert [t.value for t in timexes_of(extractor, spoken, thursday)] == ["2024-08-15", "2024-08-01"]
    written = "The agreement will be signed on Thursday, officials said."
    assert [t.value for t in timexes_of(extractor, written, thursday)] == ["2024-08-08"]


@pytest.mark.slow
def test_over_the_next_year_is_the_twelve_months_ahead(extractor):
    text = "PMI plans to invest $28 million over the next year in Zambia."
    assert value_of(extractor, text, "the next year", dt.date(2023, 3, 30)) == "P1Y"
