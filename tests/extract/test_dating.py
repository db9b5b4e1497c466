"""Dates a careful reader gives: numbers inside names and citations are no dates, far dates are
checked, official formulas are read whole. Each case is a class of text found in the White
House corpus (the sentences are made up in its style)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.extract import ExtractionInput
from app.extract.temporal.calendar import year_period
from app.extract.temporal.meanings import Anchor, CalendarDate, Decade, Shift
from app.extract.temporal.plausible import believable, is_far

ORDER_DAY = dt.date(2023, 5, 9)


def timexes(extractor, text: str, published: dt.date | None = ORDER_DAY) -> dict[str, str]:
    return {t.text: t.value for t in extractor.extract(ExtractionInput(text, published)).timexes}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The Trade Expansion Act of 1962 applies to these imports.", "1962"),
        ("Nothing here amends 42 U.S.C. 2000d-1 or its regulations.", "2000"),
        ("This is consistent with 8 U.S.C. 1182(a)(7) and the Act.", "1182"),
        ("Section 202(d) of the National Emergencies Act (50 U.S.C. 1622(d)) provides for it.", "1622"),
        ("The authority under section 1352 of the Act is delegated.", "1352"),
        ("The Senate passed H.R. 2670 by a wide margin.", "2670"),
        ("The Security Council adopted Resolution 2094 unanimously.", "2094"),
        ("Agency plans are developed pursuant to 31 U.S.C. 1115 and 1116 each year.", "1116"),
        ("Under sections 2253, 2254, and 2483 of the Act, tariffs rose.", "2483"),
        ("The vessel sank at 1750 GMT near the coast.", "1750"),
        ("The coronavirus disease 2019 (COVID-19) pandemic changed the workplace.", "2019"),
        ("Executive Order 14043 (Requiring Coronavirus Disease 2019 Vaccination) is revoked.", "2019"),
        ("Project 2025 would cut the Department of Education.", "2025"),
        ("We congratulated the Class of 2024 on their graduation.", "2024"),
        (
            "The plan builds a brighter future in line with the 2030 Agenda for Sustainable Development.",
            "2030",
        ),
    ],
)
def test_numbers_inside_names_and_citations_are_no_dates(extractor, text, number):
    found = timexes(extractor, text)
    assert not [t for t in found if number in t], found


@pytest.mark.slow
def test_a_law_named_by_its_date_is_no_date(extractor):
    found = timexes(extractor, "The Act of July 2, 1890 (26 Stat. 209) still applies to these mergers.")
    assert "July 2, 1890" not in found


@pytest.mark.slow
def test_years_in_ordinary_prose_are_still_dates(extractor):
    found = timexes(
        extractor, "The Act was passed in 1962, and Executive Order 14043 of September 9, 2021, followed."
    )
    assert found["1962"] == "1962"
    assert found["September 9, 2021"] == "2021-09-09"


def test_a_far_date_is_believed_when_written_or_counted_from_a_written_one():
    def year(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)

    counted = Shift("Y", 170, 1, Anchor.REFERENCE)
    assert is_far(*year(1853)) and is_far(*year(2194)) and not is_far(*year(2024))
    assert believable(CalendarDate(year=1853), *year(1853), None)
    assert believable(Decade(first_year=1850), dt.date(1850, 1, 1), dt.date(1859, 12, 31), None)
    assert believable(counted, *year(1865), year_period(1695))  # counted from a written far year
    assert not believable(counted, *year(2194), year_period(2024))  # "a century later" from today
    assert not believable(counted, *year(2194), None)
    assert believable(counted, *year(2023), year_period(1853))


@pytest.mark.slow
def test_years_counted_from_nothing_written_stay_unresolved(extractor):
    found = timexes(
        extractor,
        "France was with us in our revolution, and we were with them 170 years later.",
        dt.date(2024, 6, 8),
    )
    assert found["170 years later"] == "XXXX"
    found = timexes(extractor, "The treaty was signed in 1853. 170 years later it still stands.")
    assert found["170 years later"] == "2023"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        (
            "IN WITNESS WHEREOF, I have hereunto set my hand this thirty-first day of August, in the year "
            "of our Lord two thousand twenty-three, and of the Independence of the United States of "
            "America the two hundred and forty-eighth.",
            "thirty-first day of August, in the year of our Lord two thousand twenty-three",
            "2023-08-31",
        ),
        (
            "I have hereunto set my hand this twenty-ninth day of March, in the year of our Lord\n"
            "two thousand twenty-four, and of the Independence of the United States.",
            "twenty-ninth day of March, in the year of our Lord\ntwo thousand twenty-four",
            "2024-03-29",
        ),
        ("Done this second day of May, by the President.", "second day of May", "2023-05-02"),
    ],
)
def test_the_formal_date_of_a_proclamation_is_one_date(extractor, text, expression, value):
    found = timexes(extractor, text)
    assert found.get(expression) == value, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # the same day written with its year elsewhere: one day, one year
        (
            "Between October 7th, 2023, and January 30th, aid rose. We stood with them since October 7th.",
            dt.date(2024, 11, 12),
            "October 7th",
            "2023-10-07",
        ),
        # a well-known day named with its happening, said after its anniversary
        (
            "It is the second Hanukkah since the horrors of October 7th.",
            dt.date(2024, 12, 26),
            "October 7th",
            "2023-10-07",
        ),
        (
            "He watched the mob attack the Capitol on January 6th.",
            dt.date(2024, 10, 28),
            "January 6th",
            "2021-01-06",
        ),
        # a passage about an earlier year keeps its year, even for a well-known day
        (
            "Petraeus testified on November 12, 2012. King said it differed from what he told us on "
            "September 14, days after the September 11 attack.",
            dt.date(2015, 12, 4),
            "September 14",
            "2012-09-14",
        ),
        (
            "Petraeus testified on November 12, 2012. King said it differed from what he told us on "
            "September 14, days after the September 11 attack.",
            dt.date(2015, 12, 4),
            "September 11",
            "2012-09-11",
        ),
    ],
)
def test_a_day_without_its_year_takes_the_year_the_text_gives(extractor, text, published, expression, value):
    assert timexes(extractor, text, published)[expression] == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # no cue: Orthodox Christmas is this year's
        ("Orthodox Christmas falls on January 6th.", dt.date(2024, 1, 2), "January 6th", "2024-01-06"),
        # a named observance is this year's, even where the text writes its day in another year
        (
            "On June 19, 1865, Union soldiers arrived in Galveston. Today, as we celebrate Juneteenth, "
            "we are reminded of the promise of America.",
            dt.date(2024, 6, 18),
            "Juneteenth",
            "2024-06-19",
        ),
        (
            "On December 25, 1776, Washington crossed the Delaware. We spent Christmas with our troops.",
            dt.date(2024, 12, 28),
            "Christmas",
            "2024-12-25",
        ),
        # the future tense looks ahead whatever the passage
        (
            "The talks began on March 3, 2021. The next round will open on October 7.",
            dt.date(2024, 6, 1),
            "October 7",
            "2024-10-07",
        ),
    ],
)
def test_without_a_year_in_the_text_the_nearest_occurrence_stands(
    extractor, text, published, expression, value
):
    assert timexes(extractor, text, published)[expression] == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        (
            "Within 90 days of the date of this order, the Secretary shall submit a report to the President.",
            "90 days of the date of this order",
            "2023-08-07",
            "ON_OR_BEFORE",
        ),
        (
            "Within one hundred eighty (180) days of the date of this memorandum, the Council shall meet.",
            "one hundred eighty (180) days of the date of this memorandum",
            "2023-11-05",
            "ON_OR_BEFORE",
        ),
        (
            "Not later than 1 year after the date of this order, the Director shall issue guidance.",
            "1 year after the date of this order",
            "2024-05",
            "ON_OR_BEFORE",
        ),
    ],
)
def test_an_orders_deadline_counts_from_the_orders_date(extractor, text, expression, value, mod):
    found = [t for t in extractor.extract(ExtractionInput(text, ORDER_DAY)).timexes if t.text == expression]
    assert [(t.value, t.mod) for t in found] == [(value, mod)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("The Secretary shall submit a report by March 1.", ORDER_DAY, "March 1", "2024-03-01"),
        (
            "Congress has to pass a budget by October 1.",
            dt.date(2023, 3, 9),
            "October 1",
            "2023-10-01",
        ),
        # a deadline merely reported keeps the nearest occurrence
        ("The offer was extended to Nov. 20.", dt.date(2024, 7, 1), "Nov. 20", "2024-11-20"),
    ],
)
def test_a_deadline_still_to_be_met_lies_ahead(extractor, text, published, expression, value):
    assert timexes(extractor, text, published)[expression] == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Why weren't you here in Washington this weekend?", "this weekend", "2024-W39-WE"),
        ("We will be in Florida this weekend.", "this weekend", "2024-W40-WE"),
        ("The storm hit over the weekend.", "the weekend", "2024-W39-WE"),
        ("The President will travel there over the weekend.", "the weekend", "2024-W40-WE"),
    ],
)
def test_a_weekend_follows_the_tense(extractor, text, expression, value):
    assert timexes(extractor, text, dt.date(2024, 10, 1))[expression] == value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # a season not yet reached this year, told in the past tense, is last year's
        ("This summer we launched the plan.", dt.date(2024, 3, 1), "This summer", "2023-SU"),
        ("The program launched in the fall.", dt.date(2024, 7, 1), "the fall", "2023-FA"),
        # one already reached stays this year's
        ("This spring, we signed the law.", dt.date(2024, 11, 20), "This spring", "2024-SP"),
        ("This summer we will launch the plan.", dt.date(2024, 3, 1), "This summer", "2024-SU"),
    ],
)
def test_a_season_follows_the_tense(extractor, text, published, expression, value):
    assert timexes(extractor, text, published)[expression] == value


@pytest.mark.slow
def test_later_than_nothing_written_is_not_later_than_the_publication_date(extractor):
    found = timexes(extractor, "Three days later, the troops left.", dt.date(2024, 6, 1))
    assert found["Three days later"] == "XXXX-XX-XX"
    found = timexes(
        extractor, "The troops arrived on May 2. Three days later, they left.", dt.date(2024, 6, 1)
    )
    assert found["Three days later"] == "2024-05-05"
