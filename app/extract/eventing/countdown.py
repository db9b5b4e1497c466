"""A countdown: "We have an election coming up in eight days", "the rule takes effect in 30
days". The time expression is a duration ("eight days", P8D), but "in" before it counts the
duration from the publication date to a point ahead, which dates the happening. Whether the
clause looks ahead (not "he built it in eight days") is for the caller to check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from app.domain import Granularity, Timex, TimexType

_AMOUNT = re.compile(r"P(\d+)([DWMY])")
_IN_BEFORE = re.compile(r"\bin\s+(?:just\s+|only\s+|another\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Countdown:
    value: str
    start: dt.date
    end: dt.date
    granularity: Granularity


def countdown(text: str, timex: Timex, published: dt.date | None) -> Countdown | None:
    """The point `timex` ("in eight days") reaches from `published`, at the unit's precision:
    a day for days, an ISO week for weeks, a month for months, a year for years."""
    if published is None or timex.type is not TimexType.DURATION:
        return None
    m = _AMOUNT.fullmatch(timex.value)
    if m is None or not _IN_BEFORE.search(text, max(0, timex.start - 20), timex.start):
        return None
    amount, unit = int(m[1]), m[2]
    if unit == "D":
        day = published + dt.timedelta(days=amount)
        return Countdown(day.isoformat(), day, day, Granularity.DAY)
    if unit == "W":
        day = published + dt.timedelta(weeks=amount)
        year, week, _ = day.isocalendar()
        monday = day - dt.timedelta(days=day.weekday())
        return Countdown(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), Granularity.WEEK)
    if unit == "M":
        months = published.year * 12 + published.month - 1 + amount
        year, month = divmod(months, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        return Countdown(
            f"{year}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH
        )
    year = published.year + amount
    return Countdown(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR)
