"""Calendar periods (a day, an ISO week, a quarter, a decade...) and their TIMEX3 values.

A `Period` is one calendar unit at one granularity, identified by its first day. It knows its
TIMEX3 value, the days it covers and how to step to its neighbours, which is all the relative
resolution rules need ("last month" is the month period of the anchor, shifted by -1).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass

from app.domain import Granularity

# Absolute resolution keeps years a newspaper can mean; outside this, a number is no year.
MIN_YEAR = 1000
MAX_YEAR = 2200

_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}

# Unit code (see lexicon.UNITS) -> granularity of a period of that unit.
UNIT_GRANULARITY: dict[str, Granularity] = {
    "D": Granularity.DAY,
    "W": Granularity.WEEK,
    "M": Granularity.MONTH,
    "Q": Granularity.QUARTER,
    "Y": Granularity.YEAR,
    "DE": Granularity.DECADE,
    "CE": Granularity.CENTURY,
}


def valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def season_of(day: dt.date) -> tuple[int, str]:
    """(year, code) of the season holding `day`; winter belongs to the year it starts in."""
    code = _SEASON_OF_MONTH.get(day.month, "FA")
    year = day.year - 1 if day.month in (1, 2) else day.year
    return year, code


@dataclass(frozen=True, order=True)
class Period:
    """One calendar unit: `start` is its first day (for a season, weeks are ISO weeks)."""

    start: dt.date
    granularity: Granularity

    @classmethod
    def of(cls, day: dt.date, granularity: Granularity) -> Period:
        """The period of `granularity` that holds `day`."""
        if granularity in (Granularity.DAY, Granularity.TIME):
            return cls(day, Granularity.DAY)
        if granularity is Granularity.WEEK:
            return cls(day - dt.timedelta(days=day.weekday()), granularity)
        if granularity is Granularity.MONTH:
            return cls(day.replace(day=1), granularity)
        if granularity is Granularity.QUARTER:
            return cls(dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), granularity)
        if granularity is Granularity.HALF:
            return cls(dt.date(day.year, 1 if day.month <= 6 else 7, 1), granularity)
        if granularity is Granularity.SEASON:
            year, code = season_of(day)
            return cls(dt.date(year, _SEASON_START_MONTH[code], 1), granularity)
        if granularity is Granularity.YEAR:
            return cls(dt.date(day.year, 1, 1), granularity)
        if granularity is Granularity.DECADE:
            return cls(dt.date(day.year - day.year % 10, 1, 1), granularity)
        return cls(dt.date(max(1, day.year - day.year % 100), 1, 1), Granularity.CENTURY)

    def shift(self, steps: int) -> Period:
        """The period `steps` units later (earlier when negative)."""
        g = self.granularity
        if g is Granularity.DAY:
            return Period(self.start + dt.timedelta(days=steps), g)
        if g is Granularity.WEEK:
            return Period(self.start + dt.timedelta(weeks=steps), g)
        months = {
            Granularity.MONTH: 1,
            Granularity.QUARTER: 3,
            Granularity.SEASON: 3,
            Granularity.HALF: 6,
            Granularity.YEAR: 12,
            Granularity.DECADE: 120,
            Granularity.CENTURY: 1200,
        }[g]
        return Period(add_months(self.start, months * steps), g)

    @property
    def end(self) -> dt.date:
        """Last day of the period (inclusive)."""
        return self.shift(1).start - dt.timedelta(days=1)

    @property
    def value(self) -> str:
        """The TIMEX3 value: 2024-06-27, 2024-W28, 2024-06, 2024-Q3, 2024-H1, 2024-SU, 2024, 199X, 19."""
        s, g = self.start, self.granularity
        if g is Granularity.DAY:
            return s.isoformat()
        if g is Granularity.WEEK:
            year, week, _ = s.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if g is Granularity.MONTH:
            return f"{s.year:04d}-{s.month:02d}"
        if g is Granularity.QUARTER:
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if g is Granularity.HALF:
            return f"{s.year:04d}-H{1 if s.month <= 6 else 2}"
        if g is Granularity.SEASON:
            return f"{s.year:04d}-{season_of(s)[1]}"
        if g is Granularity.YEAR:
            return f"{s.year:04d}"
        if g is Granularity.DECADE:
            return f"{s.year // 10:03d}X"
        return f"{s.year // 100:02d}"


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), Granularity.YEAR)


def month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), Granularity.MONTH)


def quarter_period(year: int, quarter: int) -> Period:
    return Period(dt.date(year, 3 * (quarter - 1) + 1, 1), Granularity.QUARTER)


def half_period(year: int, half: int) -> Period:
    return Period(dt.date(year, 1 if half == 1 else 7, 1), Granularity.HALF)


def season_period(year: int, code: str) -> Period:
    return Period(dt.date(year, _SEASON_START_MONTH[code], 1), Granularity.SEASON)


def decade_period(first_year: int) -> Period:
    return Period(dt.date(first_year, 1, 1), Granularity.DECADE)


def century_period(first_year: int) -> Period:
    return Period(dt.date(max(1, first_year), 1, 1), Granularity.CENTURY)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for "February 30" and years outside [MIN_YEAR, MAX_YEAR]."""
    if not valid_year(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), name)
    for p, name in (
        (r"(\d{4})-(\d{2})-(\d{2})(T.*)?", "day"),
        (r"(\d{4})-W(\d{1,2})(-WE)?", "week"),
        (r"(\d{4})-(\d{2})", "month"),
        (r"(\d{4})-Q([1-4])", "quarter"),
        (r"(\d{4})-H([12])", "half"),
        (r"(\d{4})-(SP|SU|FA|WI)", "season"),
        (r"(\d{4})", "year"),
        (r"(\d{3})X", "decade"),
        (r"(\d{2})", "century"),
    )
)


def value_range(value: str) -> tuple[dt.date, dt.date, Granularity] | None:
    """Inclusive first/last day and granularity of a resolved TIMEX3 date/time value;
    None for durations, sets, PRESENT_REF and values with X's."""
    for pattern, name in _VALUE_PATTERNS:
        m = pattern.fullmatch(value)
        if not m:
            continue
        try:
            return _range_of(name, m)
        except ValueError:
            return None
    return None


def _range_of(name: str, m: re.Match[str]) -> tuple[dt.date, dt.date, Granularity]:
    year = int(m[1])
    if name == "day":
        day = dt.date(year, int(m[2]), int(m[3]))
        return day, day, Granularity.TIME if m[4] else Granularity.DAY
    if name == "week":
        monday = dt.date.fromisocalendar(year, int(m[2]), 1)
        if m[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), Granularity.WEEK
        return monday, monday + dt.timedelta(days=6), Granularity.WEEK
    period = {
        "month": lambda: month_period(year, int(m[2])),
        "quarter": lambda: quarter_period(year, int(m[2])),
        "half": lambda: half_period(year, int(m[2])),
        "season": lambda: season_period(year, m[2]),
        "year": lambda: year_period(year),
        "decade": lambda: decade_period(year * 10),
        "century": lambda: century_period(year * 100),
    }[name]()
    return period.start, period.end, period.granularity
