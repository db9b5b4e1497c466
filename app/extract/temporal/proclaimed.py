"""A proclamation's "this day", "this week" and "this month" are the period it proclaims.

"I, JOSEPH R. BIDEN JR., … do hereby proclaim February 2023 as American Heart Month … This month
and always, we honor …", published on January 31: "this month" is February, not January. Of the
White House proclamations, 233 are published outside the period they proclaim, 123 of them
saying "this day", "this week" or "this month" about it ("to observe this week with appropriate
programs"); 65 name it again as "This National Wilderness Month". An anniversary told in the
past ("On this day more than 200 years ago") is dated by its year (filters.is_time_expression).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.domain import Granularity, Timex, TimexType

_PROCLAIM = re.compile(r"\bhereby\s+proclaim\s+(?P<week>the\s+week\s+of\s+)?", re.IGNORECASE)
_THROUGH = re.compile(r"\s*(?:through|to|until|-|–)\s*", re.IGNORECASE)
_THIS = re.compile(r"this\s+(?P<unit>day|week|month)", re.IGNORECASE)
_WEEK_DAYS = range(5, 10)  # a proclaimed week: "May 21 through May 27, 2023"
# "… as National Wilderness Month", "as International Day of the Girl": the name of the
# observance, capitalised words (with small joining words) up to its Month, Week or Day.
_JOIN = r"(?:and|of|the|for|on|in|to|a)"
_AS_NAME = re.compile(
    rf",?\s+as\s+(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|{_JOIN}))*?\s+(?:Month|Week|Day))"
    r"(?!\s+of\b)(?![\w’'-])"
)


def with_proclaimed_period(
    text: str, timexes: Sequence[Timex], sentence_of: Callable[[int], int]
) -> list[Timex]:
    """The timexes, with this day, week or month of a proclamation set to the proclaimed one,
    and "This National Wilderness Month" (the observance the proclamation names) added as it."""
    period = proclaimed_period(text, timexes)
    if period is None:
        return list(timexes)
    out = []
    for timex in timexes:
        m = _THIS.fullmatch(timex.text)
        dated = _as_period(m["unit"].lower(), period) if m else None
        out.append(timex if dated is None else replace(timex, **dated))
    for start, end, unit in _observance_named(text, period.name):
        dated = _as_period(unit, period)
        if dated is not None and not any(t.start < end and start < t.end for t in timexes):
            out.append(
                Timex("", start, end, text[start:end], TimexType.DATE, sentence=sentence_of(start), **dated)
            )
    out.sort(key=lambda t: t.start)
    return [replace(t, key=f"t{n}") for n, t in enumerate(out, 1)]


def _as_period(unit: str, period: ProclaimedPeriod) -> dict[str, Any] | None:
    """The fields of a timex for this day, week or month when the proclaimed period is one."""
    days = (period.end - period.start).days + 1
    where = {"range_start": period.start, "range_end": period.end}
    if unit == "day" and days == 1:
        return {"value": period.value, "granularity": Granularity.DAY, **where}
    if unit == "week" and days in _WEEK_DAYS:
        year, week, _ = (period.start + dt.timedelta(days=days // 2)).isocalendar()
        return {"value": f"{year}-W{week:02d}", "granularity": Granularity.WEEK, **where}
    if unit == "month" and re.fullmatch(r"\d{4}-\d{2}", period.value):
        return {"value": period.value, "granularity": Granularity.MONTH, **where}
    return None


def _observance_named(text: str, name: str | None) -> list[tuple[int, int, str]]:
    """(start, end, unit) of "this <name>" for the observance the proclamation names."""
    if not name:
        return []
    words = r"\s+".join(re.escape(w) for w in name.split())
    pattern = rf"\b[Tt]his\s+{words}\b"
    return [(m.start(), m.end(), name.split()[-1].lower()) for m in re.finditer(pattern, text)]


@dataclass(frozen=True)
class ProclaimedPeriod:
    at: int  # where "hereby proclaim" is written
    value: str
    start: dt.date
    end: dt.date
    name: str | None  # the observance proclaimed: "National Wilderness Month"


def proclaimed_period(text: str, timexes: Sequence[Timex]) -> ProclaimedPeriod | None:
    """The period after "do hereby proclaim", if a date, and the observance named after it."""
    m = _PROCLAIM.search(text)
    if m is None:
        return None
    following = [t for t in timexes if t.start >= m.end()]
    if not following or following[0].start != m.end() or following[0].range_start is None:
        return None
    first = following[0]
    assert first.range_start is not None and first.range_end is not None
    end, last_end = first.range_end, first.end
    if m["week"]:  # "the week of August 6, 2023"
        end = first.range_start + dt.timedelta(days=6)
    elif len(following) > 1 and _THROUGH.fullmatch(text, first.end, following[1].start):
        last = following[1]
        if last.range_end is None or last.range_end < first.range_start:
            return None
        end, last_end = last.range_end, last.end
    named = _AS_NAME.match(text, last_end)
    return ProclaimedPeriod(m.start(), first.value, first.range_start, end, named["name"] if named else None)
