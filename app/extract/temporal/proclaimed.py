"""A proclamation's "this day", "this week" and "this month" are the period it proclaims.

"I, JOSEPH R. BIDEN JR., … do hereby proclaim February 2023 as American Heart Month … This month
and always, we honor …", published on January 31: "this month" is February, not January. Of the
White House proclamations, 233 are published outside the period they proclaim, 123 of them
saying "this day", "this week" or "this month" about it ("to observe this week with appropriate
programs"). An anniversary told in the past ("On this day more than 200 years ago") is dated by
its year (filters.is_time_expression).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from app.domain import Granularity, Timex

_PROCLAIM = re.compile(r"\bhereby\s+proclaim\s+(?P<week>the\s+week\s+of\s+)?", re.IGNORECASE)
_THROUGH = re.compile(r"\s*(?:through|to|until|-|–)\s*", re.IGNORECASE)
_THIS = re.compile(r"this\s+(?P<unit>day|week|month)", re.IGNORECASE)
_WEEK_DAYS = range(5, 10)  # a proclaimed week: "May 21 through May 27, 2023"


def with_proclaimed_period(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes, with this day, week or month of a proclamation set to the proclaimed one."""
    period = _proclaimed(text, timexes)
    if period is None:
        return list(timexes)
    value, start, end = period
    days = (end - start).days + 1
    out = []
    for timex in timexes:
        m = _THIS.fullmatch(timex.text)
        unit = m["unit"].lower() if m else None
        if unit is None:
            out.append(timex)
            continue
        if unit == "day" and days == 1:
            out.append(
                replace(timex, value=value, range_start=start, range_end=end, granularity=Granularity.DAY)
            )
        elif unit == "week" and days in _WEEK_DAYS:
            year, week, _ = (start + dt.timedelta(days=days // 2)).isocalendar()
            out.append(replace(timex, value=f"{year}-W{week:02d}", range_start=start, range_end=end))
        elif unit == "month" and re.fullmatch(r"\d{4}-\d{2}", value):
            out.append(replace(timex, value=value, range_start=start, range_end=end))
        else:
            out.append(timex)
    return out


def _proclaimed(text: str, timexes: Sequence[Timex]) -> tuple[str, dt.date, dt.date] | None:
    """(value, first day, last day) of the period after "do hereby proclaim", if a date."""
    m = _PROCLAIM.search(text)
    if m is None:
        return None
    following = [t for t in timexes if t.start >= m.end()]
    if not following or following[0].start != m.end() or following[0].range_start is None:
        return None
    first = following[0]
    assert first.range_start is not None and first.range_end is not None
    end = first.range_end
    if m["week"]:  # "the week of August 6, 2023"
        return first.value, first.range_start, first.range_start + dt.timedelta(days=6)
    if len(following) > 1 and _THROUGH.fullmatch(text, first.end, following[1].start):
        last = following[1]
        if last.range_end is None or last.range_end < first.range_start:
            return None
        end = last.range_end
    return first.value, first.range_start, end
