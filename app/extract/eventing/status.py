"""Whether an event has happened, is under way or is still expected."""

from __future__ import annotations

import datetime as dt

from app.domain import EventStatus
from app.extract.temporal.meanings import Direction
from app.extract.temporal.resolve import TIME_ZONE_GRACE


def status_of(
    start: dt.date,
    end: dt.date,
    published: dt.date | None,
    direction: Direction,
    simple_present: bool = False,
) -> EventStatus:
    """A date wholly after publication is expected and one wholly before it has happened,
    whatever the grammar; a date around publication (or none to compare with) goes by tense:
    "will", "is expected to" -> expected, past -> happened, else ongoing. A happening told in
    the simple present on the publication day itself (`simple_present`: "Today we welcome South
    Africa as a new partner", "the Administration announces") is done by the time it is
    published: happened; the progressive ("is putting out a budget") stays ongoing. A day after
    publication told in the past ("met on August 29", published late on August 28) has
    happened: the time zones."""
    if published is not None:
        if start > published:
            if direction is Direction.PAST and start == end <= published + TIME_ZONE_GRACE:
                return EventStatus.HAPPENED
            return EventStatus.EXPECTED
        if end < published:
            return EventStatus.HAPPENED
    if direction in (Direction.FUTURE, Direction.DEADLINE):
        return EventStatus.EXPECTED
    if direction is Direction.PAST:
        return EventStatus.HAPPENED
    if simple_present and published is not None and start == end == published:
        return EventStatus.HAPPENED
    return EventStatus.ONGOING
