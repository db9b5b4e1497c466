"""Timeline grouping: each event sits under a period of its own precision. A day-level event
goes under its day, a month-level event under its month (not on the month's first day), a
week under "week of July 8, 2024". A coarser grouping (by month, say) gathers finer events
into the month that holds their start, and never splits a coarser event.

Pure functions over EventItems: no database, no request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import GRANULARITY_RANK
from app.store.queries.views import EventItem
from app.web.cards import when

# How coarse each TIMEX3 granularity is; a grouping takes events of its rank or finer.
RANK = GRANULARITY_RANK
GROUPINGS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Period:
    granularity: str
    start: dt.date
    end: dt.date
    value: str = ""

    @property
    def rank(self) -> int:
        return RANK.get(self.granularity, 0)

    @property
    def label(self) -> str:
        return when(self.start, self.end, self.granularity, self.value)

    @property
    def datetime(self) -> str:
        """The period as an HTML <time datetime> value: "2024-07-08", "2024-W28", "2024-07"."""
        if self.granularity == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.granularity == "month" and self.end.month == self.start.month:
            return self.start.isoformat()[:7]
        if self.granularity == "year" and self.end.year == self.start.year:
            return str(self.start.year)
        return self.start.isoformat()

    @property
    def anchor(self) -> str:
        """A fragment id for the group: "p-day-2024-07-08", "p-day-2024-07-08--2024-07-10"."""
        ident = f"p-{self.granularity}-{self.start.isoformat()}"
        natural = period_containing(self.start, self.granularity) if self.granularity in GROUPINGS else None
        return ident if natural and natural.end == self.end else f"{ident}--{self.end.isoformat()}"


@dataclass(frozen=True)
class EventGroup:
    period: Period
    events: tuple[EventItem, ...]


def period_containing(day: dt.date, grouping: str) -> Period:
    """The day, week (Monday to Sunday), month or year holding `day`."""
    if grouping == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return Period("week", monday, monday + dt.timedelta(days=6))
    if grouping == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return Period("month", day.replace(day=1), following - dt.timedelta(days=1))
    if grouping == "year":
        return Period("year", dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    return Period("day", day, day)


def period_of(event: EventItem, grouping: str = "day") -> Period:
    """The period an event is listed under: its own when it is at least as coarse as the
    grouping, else the grouping's period holding its start."""
    granularity = "day" if event.granularity == "time" else event.granularity
    if RANK.get(granularity, 0) >= RANK[grouping]:
        if granularity == "day" and event.start_date == event.end_date:
            return Period("day", event.start_date, event.start_date)
        if granularity in ("week", "month", "year"):
            own = period_containing(event.start_date, granularity)
            if event.end_date <= own.end:  # one whole week, month or year, not a run of them
                return own
        return Period(granularity, event.start_date, event.end_date, event.value)
    return period_containing(event.start_date, grouping)


def group_events(
    events: Sequence[EventItem], grouping: str = "day", newest_first: bool = True
) -> list[EventGroup]:
    """Events (in the list's order) gathered under their periods. Periods are ordered by start
    day; on the same day the coarser one comes first when reading forward in time (the month,
    then its first day) and last when reading backward, as the list itself runs."""
    if grouping not in GROUPINGS:
        raise ValueError(f"grouping {grouping!r} is not one of {GROUPINGS}")
    members: dict[Period, list[EventItem]] = {}
    for event in events:
        members.setdefault(period_of(event, grouping), []).append(event)
    ordered = sorted(members, key=lambda p: (p.start, -p.rank, p.end), reverse=newest_first)
    return [EventGroup(period, tuple(members[period])) for period in ordered]
