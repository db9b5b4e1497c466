"""Dates far from our time are checked, not trusted.

Policy news is about 1900-2100. A date outside that span is believable when the text writes it
("signed in 1776", "the 1850s", "the 18th century") or counts from a date it wrote ("That day"
after "June 19, 1865"); reached any other way ("a century later" after "this year", "170 years
later" with nothing before it, a citation read as a year) it is a misreading and stays
unresolved, so that it dates no event.
"""

from __future__ import annotations

import datetime as dt

from app.extract.temporal.calendar import Period
from app.extract.temporal.meanings import (
    CalendarDate,
    Century,
    ClockTime,
    Decade,
    Holiday,
    Meaning,
    PartOfYear,
)

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def is_far(start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a calendar range lies wholly before 1900 or after 2100."""
    if start is None or end is None:
        return False
    return end < FIRST_DAY or start > LAST_DAY


def writes_year(meaning: Meaning) -> bool:
    """Whether the expression states its year, decade or century in its own words."""
    if isinstance(meaning, ClockTime):
        return meaning.day is not None and writes_year(meaning.day)
    if isinstance(meaning, (CalendarDate, Holiday, PartOfYear)):
        return meaning.year is not None
    if isinstance(meaning, Decade):
        return meaning.first_year is not None
    return isinstance(meaning, Century)


def believable(
    meaning: Meaning, start: dt.date | None, end: dt.date | None, reference: Period | None
) -> bool:
    """A date inside 1900-2100 always is; a far one when written, or counted from a written far
    date (the last date mentioned, which passed this same check)."""
    if not is_far(start, end) or writes_year(meaning):
        return True
    return reference is not None and is_far(reference.start, reference.end)
