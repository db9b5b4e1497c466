"""The year of a month or day written without one, when the text itself says which year.

The default (in `resolve`) is the occurrence nearest the publication date in the tense's
direction. A careful reader overrides it when the text says otherwise:

- the same day is written with its year elsewhere in the article ("October 7th, 2023" ... "since
  October 7th"): one day, one year, throughout;
- a well-known day of the past is named with its happening ("the October 7th attack", "the
  violence of January 6th"): the year it happened, not this year's anniversary;
- a passage about an earlier year ("on November 12, 2012 ... what he told us on September 14"):
  days in past tense belong to the year of the last full date the passage wrote.

A named observance ("Juneteenth", "Christmas") is none of these: written without its year it is
the occurrence around publication, even where the text writes its day in another year ("On
June 19, 1865, … as we celebrate Juneteenth").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from app.extract.temporal.holidays import HOLIDAY_PATTERN
from app.extract.temporal.lexicon import month_number
from app.extract.temporal.meanings import CalendarDate, Direction

_OBSERVANCE = re.compile(HOLIDAY_PATTERN, re.I)


@dataclass(frozen=True)
class _Anniversary:
    day: dt.date
    cue: re.Pattern[str]  # words around the mention that name the happening


# Days that US policy texts name by month and day alone, meaning the day it happened.
_ANNIVERSARIES = (
    _Anniversary(
        dt.date(2023, 10, 7),
        re.compile(
            r"\b(?:Hamas|attacks?|massacre|terror\w*|hostages?|horrors?|Israel\w*|Gaza|kibbutz\w*)\b", re.I
        ),
    ),
    _Anniversary(
        dt.date(2021, 1, 6),
        re.compile(
            r"\b(?:Capitol|insurrection\w*|riot\w*|mob|assault|attack\w*|violence|election\s+deniers?)\b",
            re.I,
        ),
    ),
    _Anniversary(
        dt.date(2001, 9, 11),
        re.compile(
            r"\b(?:attacks?|terror\w*|al[- ]Qaeda|Twin\s+Towers|World\s+Trade\s+Center|Pentagon|"
            r"Shanksville)\b"
        ),
    ),
)
_CUE_REACH = 200  # characters either side of the mention


def yearless_day(meaning: object) -> bool:
    """A month and day (or a month) whose year the grammar left to resolution."""
    return (
        isinstance(meaning, CalendarDate)
        and meaning.year is None
        and meaning.month is not None
        and meaning.year_offset is None
        and meaning.occurrence is None
        and meaning.weekday is None
    )


def stated_years(meanings: list[object]) -> dict[tuple[int, int], int]:
    """(month, day) -> year, for days the article writes with exactly one year."""
    years: dict[tuple[int, int], set[int]] = {}
    for meaning in meanings:
        if isinstance(meaning, CalendarDate) and meaning.year and meaning.month and meaning.day:
            years.setdefault((meaning.month, meaning.day), set()).add(meaning.year)
    return {key: next(iter(found)) for key, found in years.items() if len(found) == 1}


def known_year(
    meaning: CalendarDate,
    *,
    text: str,
    start: int,
    end: int,
    published: dt.date,
    stated: dict[tuple[int, int], int],
    written: CalendarDate | None,
) -> int | None:
    """The year the whole article gives a month and day: written out elsewhere ("October 7,
    2023"), or a known anniversary its words call up ("October 7" beside "Hamas")."""
    if meaning.day is None or meaning.month is None:
        return None
    if (meaning.month, meaning.day) in stated:
        return stated[(meaning.month, meaning.day)]
    window = text[max(0, start - _CUE_REACH) : end + _CUE_REACH]
    for known in _ANNIVERSARIES:
        if (
            (known.day.month, known.day.day) == (meaning.month, meaning.day)
            and known.day < published
            and known.cue.search(window)
            and _not_later_passage(written, known.day)
        ):
            return known.day.year
    return None


def with_year(
    meaning: CalendarDate,
    *,
    text: str,
    start: int,
    end: int,
    published: dt.date | None,
    direction: Direction,
    stated: dict[tuple[int, int], int],
    written: CalendarDate | None,
) -> CalendarDate:
    """`meaning` with the year the text gives it, or unchanged. `written` is the last date
    before it written with its year and at least its month."""
    assert meaning.month is not None
    typed = _YEAR_AFTER_STOP.match(text, end)
    if meaning.day is not None and typed is not None:
        return replace(meaning, year=int(typed["year"]))  # "live on September 11th. 2012 on CNN’s show"
    ends = _RANGE_END_YEAR.match(text, end)
    if meaning.day is not None and ends is not None:
        last_month = month_number(ends["mon"]) if ends["mon"] else None
        turned = last_month is not None and last_month < meaning.month  # "December 30 through January 5"
        return replace(meaning, year=int(ends["year"]) - turned)
    if published is None or direction is Direction.FUTURE or _OBSERVANCE.fullmatch(text, start, end):
        return meaning
    year = known_year(
        meaning, text=text, start=start, end=end, published=published, stated=stated, written=written
    )
    if year is not None:
        return replace(meaning, year=year)
    if direction is not Direction.DEADLINE and meaning.day and written and written.year and written.day:
        return _in_passage_year(meaning, written.year, published)
    return meaning


# A year cut off from its day by a stray full stop: the "sentence" it would open goes on in
# lower case ("it was reported live on September 11th. 2012 on CNN’s show Anderson Cooper 360").
_YEAR_AFTER_STOP = re.compile(r"\.[ \t]+(?P<year>(?:19|20)\d\d)[ \t]+(?=[a-z])")
# The first day of a range in one year takes the year written after the last: "March 19 through
# March 25, 2023", "May 28 to June 3, 2024".
_RANGE_END_YEAR = re.compile(
    r"\s*(?:through|to|until|-|–)\s*(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+)?\d{1,2}(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
)


def _not_later_passage(written: CalendarDate | None, day: dt.date) -> bool:
    """A passage about a later year names a later occurrence: "the September 11 attack" in a
    passage about 2012 is Benghazi, not 2001."""
    return written is None or written.year is None or written.year <= day.year


def _in_passage_year(meaning: CalendarDate, year: int, published: dt.date) -> CalendarDate:
    """A past-tense day in a passage about an earlier year is in that year."""
    assert meaning.month is not None
    if year >= published.year:
        return meaning
    return replace(meaning, year=year)
