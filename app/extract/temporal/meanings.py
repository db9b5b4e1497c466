"""What a temporal expression means before it is anchored: the output of the grammar, the
input of `resolve`. Each class is one family of TIMEX3 expressions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum


class Direction(IntEnum):
    """Which way the clause's tense points from the publication date."""

    PAST = -1
    NONE = 0  # present tense, or no tensed verb to go by
    FUTURE = 1
    DEADLINE = 2  # "until Tuesday", "extended to Nov. 20": the nearest occurrence, ahead on a tie


class Anchor(Enum):
    """What a relative expression counts from (TimeML's anchorTimeID)."""

    PUBLICATION = "publication"  # "yesterday", "last year", "two weeks ago"
    REFERENCE = "reference"  # the last date the text mentioned: "the next day", "a year earlier"


@dataclass(frozen=True)
class CalendarDate:
    """Explicit calendar fields: "July 1, 2024", "January 20", "February 2022", "2008", "June last year"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    last_day: int | None = None  # "July 9-11": the range ends on day 11
    year_offset: int | None = None  # "June last year" -> -1, "January this year" -> 0
    occurrence: int | None = None  # "last June" -> -1, "this June" -> 0, "next June" -> +1
    weekday: int | None = None  # "Monday, Oct. 26": picks the year in which Oct. 26 is a Monday


@dataclass(frozen=True)
class Holiday:
    """A movable feast or observance computed per year: "Thanksgiving", "Election Day"."""

    name: str  # a key of holidays.MOVABLE
    year: int | None = None
    occurrence: int | None = None  # "last Thanksgiving" -> -1
    days_after: int = 0  # "the day after the election" -> +1, "the day before" -> -1


@dataclass(frozen=True)
class TermStart:
    """The start of the administration in office at publication, the last January 20 of a
    presidential term (2021-01-20 for 2023): "day one of this Administration" (unit "D"), "my
    first week in office" ("W", read as its month, January)."""

    unit: str


@dataclass(frozen=True)
class WeekdayDate:
    """A day named by its weekday: "Thursday", "last Friday", "next Monday"."""

    weekday: int  # ISO: Monday = 1
    occurrence: int | None = None  # None: decided by tense; -1 last, 0 this, +1 next
    week_offset: int | None = None  # "Thursday of next week" -> +1: that weekday of that ISO week


@dataclass(frozen=True)
class RelativePeriod:
    """The calendar unit holding the anchor, stepped: "last month", "next week", "this year",
    "the following year", "that day", "last weekend"."""

    unit: str  # D, W, WE (weekend), M, Q, H, Y, DE, CE
    steps: int
    anchor: Anchor = Anchor.PUBLICATION


@dataclass(frozen=True)
class Shift:
    """An amount of time before or after the anchor: "75 years ago", "a year earlier",
    "yesterday" (one day back), "two days later"."""

    unit: str
    amount: float | None  # None when vague: "several years ago"
    sign: int  # -1 back, +1 forward
    anchor: Anchor = Anchor.PUBLICATION
    # An anniversary: "20 years ago today" (the day, 20 years back), "ago tomorrow", "ago this
    # week", "ago this month": the day or period of the publication date it counts back from.
    on: str | None = None


@dataclass(frozen=True)
class PartOfYear:
    """A quarter, half or season: "the third quarter", "Q3 2024", "the first half of 2023",
    "the winter of 1994", "last year's fourth quarter"."""

    kind: str  # "Q", "H" or "SEASON"
    index: int = 0  # quarter 1-4, half 1-2
    season: str | None = None
    year: int | None = None
    year_offset: int | None = None  # "last year's" -> -1
    occurrence: int | None = None  # "last summer" -> -1, "this fall" -> 0, "next spring" -> +1
    anchor: Anchor = Anchor.PUBLICATION


@dataclass(frozen=True)
class ReportedQuarter:
    """ "the quarter", "the latest period", "the 1988 quarter": in an earnings report, the
    quarter the report is about (the first quarter it names), else the last one completed."""

    year: int | None = None


@dataclass(frozen=True)
class Weekend:
    """ "the weekend", "over the weekend": the nearest one in the direction of the tense."""

    occurrence: int | None = None


@dataclass(frozen=True)
class NotTemporal:
    """A span that looks temporal but is not a TIMEX3: an age ("a 6-year-old"), a rate
    ("four flights a week"). It wins its span against other readings, then is dropped."""


@dataclass(frozen=True)
class Decade:
    """ "the 1990s" (first_year=1990) or "the nineties" (digit=9, century from the anchor)."""

    first_year: int | None = None
    digit: int | None = None


@dataclass(frozen=True)
class Century:
    number: int  # ordinal: the 20th century -> 20, TIMEX3 value "19"


@dataclass(frozen=True)
class ClockTime:
    """A time of day on some day: "3 p.m.", "noon Thursday", "Tuesday morning", "last night"."""

    hour: int | None = None
    minute: int = 0
    part_of_day: str | None = None  # TIMEX3 MO, AF, EV, NI
    day: CalendarDate | WeekdayDate | Shift | RelativePeriod | None = None  # None: the publication day


@dataclass(frozen=True)
class Duration:
    """A length of time: "15 years", "the past three years", "a few days", "five-year"."""

    unit: str
    amount: float | None  # None when vague: "several years" -> PXY


@dataclass(frozen=True)
class Recurrence:
    """A TIMEX3 SET: "daily", "every two years", "each Thursday", "Tuesday nights"."""

    unit: str | None = None
    amount: float = 1
    weekday: int | None = None
    month: int | None = None
    part_of_day: str | None = None


@dataclass(frozen=True)
class VagueReference:
    """PRESENT_REF ("now", "currently"), PAST_REF ("recently"), FUTURE_REF ("the future")."""

    value: str


Meaning = (
    CalendarDate
    | Holiday
    | WeekdayDate
    | RelativePeriod
    | Shift
    | PartOfYear
    | ReportedQuarter
    | Weekend
    | NotTemporal
    | Decade
    | Century
    | ClockTime
    | Duration
    | Recurrence
    | VagueReference
)
