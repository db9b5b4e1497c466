"""The rows a q-filtered timeline works from, read once per request.

A `q` filter looks its matching events up first and bounds them (search.matches). A timeline
page filtered by q alone (kind, status, source and dates may join it) then needs, of those few
thousand events at most, their stories, a page of those stories in date order, a probe of the
other side of the present and a density chart. Each was a query over the matched ids; here the
matched events' and stories' few columns are read once, and the page, the probe and the chart
are worked out from them in Python (the same filters, the same order, the same labels).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Event, Story
from app.store.search import Matches, among


@dataclass(frozen=True)
class MatchedEvent:
    id: int
    story_id: int | None
    start_date: dt.date
    granularity: str
    kind: str
    status: str
    source_id: int | None


@dataclass(frozen=True)
class MatchedStory:
    id: int
    start_date: dt.date
    end_date: dt.date
    kind: str
    status: str


def _memo(session: Session) -> dict:  # type: ignore[type-arg]
    # The matches' memo: forgotten at the end of the transaction, as the matches are.
    return session.info.setdefault("dateline_matches", {})


def matched_event_rows(session: Session, q: str, found: Matches) -> tuple[MatchedEvent, ...]:
    """The events of `found` (the matches of `q`), with what a page filters and counts by."""
    memo = _memo(session)
    if ("event rows", q) not in memo:
        dialect = session.get_bind().dialect.name
        stmt = select(
            Event.id,
            Event.story_id,
            Event.start_date,
            Event.granularity,
            Event.kind,
            Event.status,
            Event.source_id,
        ).where(among(Event.id, found, dialect))
        memo["event rows", q] = tuple(MatchedEvent(*row) for row in session.execute(stmt))
    return memo["event rows", q]


def matched_story_rows(session: Session, q: str, found: Matches) -> tuple[MatchedStory, ...]:
    """The stories of `found` (the stories of the matches of `q`), with what a page filters,
    orders and pages by."""
    memo = _memo(session)
    if ("story rows", q) not in memo:
        dialect = session.get_bind().dialect.name
        stmt = select(Story.id, Story.start_date, Story.end_date, Story.kind, Story.status).where(
            among(Story.id, found, dialect)
        )
        memo["story rows", q] = tuple(MatchedStory(*row) for row in session.execute(stmt))
    return memo["story rows", q]


def stories_in_filter(
    rows: Iterable[MatchedStory],
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[MatchedStory]:
    """The stories the story filters keep: a story starting on or before `date_to` and ending
    on or after `date_from`, as filtered_stories has it."""
    return [
        s
        for s in rows
        if (not kinds or s.kind in kinds)
        and (not statuses or s.status in statuses)
        and (date_to is None or s.start_date <= date_to)
        and (date_from is None or s.end_date >= date_from)
    ]


def page_of(
    rows: list[MatchedStory], ascending: bool, boundary: tuple[dt.date, int] | None, count: int
) -> list[int]:
    """Ids of the first `count` stories past `boundary` in (start date, id) order, ascending or
    descending: a keyset page, as the SQL of one would give."""
    if boundary is not None:
        edge = boundary
        rows = [
            s for s in rows if ((s.start_date, s.id) > edge if ascending else (s.start_date, s.id) < edge)
        ]
    rows = sorted(rows, key=lambda s: (s.start_date, s.id), reverse=not ascending)
    return [s.id for s in rows[:count]]


def events_in_filter(
    rows: Iterable[MatchedEvent], kinds: tuple[str, ...], statuses: tuple[str, ...], sources: set[int] | None
) -> list[MatchedEvent]:
    return [
        e
        for e in rows
        if (not kinds or e.kind in kinds)
        and (not statuses or e.status in statuses)
        and (sources is None or e.source_id in sources)
    ]


__all__ = [
    "MatchedEvent",
    "MatchedStory",
    "events_in_filter",
    "matched_event_rows",
    "matched_story_rows",
    "page_of",
    "stories_in_filter",
]
