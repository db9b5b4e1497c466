"""A proclamation's "this day", "this week" and "this month" are the period it proclaims, which is
often not the one it is published in; the first day of a range takes the year written after the
last. Texts written for the test in the shape of the White House proclamations."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Extraction
from app.extract import ExtractionInput

MONTH = (
    "Heart disease is the leading cause of death in our country. This month and always, we honor "
    "those we have lost.\n\n"
    "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America, do hereby "
    "proclaim February 2024 as American Heart Month. I invite all Americans to observe this month "
    "with appropriate programs."
)
WEEK = (
    "In May 1962, the Congress asked the President to honor our transportation workers.\n\n"
    "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America, do hereby "
    "proclaim May 19 through May 25, 2024, as National Transportation Week. I call upon all "
    "Americans to observe this week with appropriate ceremonies."
)
DAY = (
    "On this day more than 200 years ago, patriots rose up for their independence.\n\n"
    "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America, do hereby "
    "proclaim March 25, 2024, as Independence Day: A National Day of Celebration. I call upon the "
    "people of the United States to observe this day with appropriate ceremonies."
)


def extract(extractor, text: str, published: dt.date) -> Extraction:
    return extractor.extract(ExtractionInput(text, published, title="A Proclamation on a Test Observance"))


def values(out: Extraction, text: str) -> list[str]:
    return [t.value for t in out.timexes if t.text.lower() == text]


@pytest.mark.slow
def test_this_month_is_the_month_proclaimed_not_the_month_published(extractor):
    out = extract(extractor, MONTH, dt.date(2024, 1, 31))
    assert values(out, "this month") == ["2024-02", "2024-02"]
    # the observance is one event, the proclaiming sentence's: "This month …, we honor" retells it
    [observed] = [e for e in out.events if e.value == "2024-02"]
    assert "proclaim" in observed.summary and observed.status.value == "expected"


@pytest.mark.slow
def test_this_week_is_the_week_proclaimed_and_its_first_day_takes_the_year_after_it(extractor):
    out = extract(extractor, WEEK, dt.date(2024, 5, 17))
    week = next(t for t in out.timexes if t.text == "this week")
    assert (week.value, week.range_start, week.range_end) == (
        "2024-W21",
        dt.date(2024, 5, 19),
        dt.date(2024, 5, 25),
    )
    assert values(out, "may 19") == ["2024-05-19"]  # not 1962, the year written before it


@pytest.mark.slow
def test_this_day_is_the_day_proclaimed_and_an_anniversarys_is_dated_by_its_years(extractor):
    out = extract(extractor, DAY, dt.date(2024, 3, 22))
    assert values(out, "this day") == ["2024-03-25"]  # "On this day more than 200 years ago" is none


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My fellow Americans, on this day, 105 years ago, the Great War ended.", "1918"),
        ("On this day in 1821, patriots throughout Greece rose up.", "1821"),
    ],
)
def test_an_anniversary_on_this_day_is_dated_by_its_year_not_the_publication_day(extractor, text, value):
    out = extractor.extract(ExtractionInput(text, dt.date(2023, 11, 11)))
    assert [e.value for e in out.events] == [value]
    assert "this day" not in [t.text for t in out.timexes]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "named", "value"),
    [
        (
            MONTH.replace("This month and always", "This American Heart Month"),
            dt.date(2024, 1, 31),
            "this american heart month",
            "2024-02",
        ),
        (
            WEEK.replace("In May 1962", "This National Transportation Week and every week"),
            dt.date(2024, 5, 17),
            "this national transportation week",
            "2024-W21",
        ),
    ],
)
def test_this_with_the_observance_named_is_the_period_proclaimed(extractor, text, published, named, value):
    """ "This American Heart Month, we honor …", the observance the proclamation names after
    "as", is the proclaimed month (or week) too."""
    out = extract(extractor, text, published)
    assert values(out, named) == [value]
    assert [t.key for t in out.timexes] == [f"t{n}" for n in range(1, len(out.timexes) + 1)]
