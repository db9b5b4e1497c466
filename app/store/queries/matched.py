"""The rows a q-filtered timeline works from, read once per request.

A `q` filter looks its matching events up first and bounds them (search.matches). A timeline
page filtered by q alone (kind, status, source and dates may join it) then needs, of those few
thousand events at most, their stories, a page of those stories in date order, a probe of the
other side of the present and a density chart. Each was a query over the matched ids (four
look-ups of each id, and the text index read apart); here one statement reads the matches with
their events' and stories' few columns, and the page, the probe and the chart are worked out
from them in Python (the same filters, the same order, the same labels).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.store import search
from app.store.models import Event, Story
from app.store.search import Matches, among, known_matches, newest_matches, remember_matches


class MatchedEvent(NamedTuple):
    """A matching event as matched_rows reads it (a named tuple: a few thousand of them are read
    field by field, which an SQLAlchemy Row does ten times slower)."""

    id: int
    story_id: int | None
    start_date: dt.date
    end_date: dt.date
    granularity: str
    kind: str
    status: str
    source_id: int | None


class MatchedStory(NamedTuple):
    """The story of a matching event, as matched_rows reads it."""

    id: int
    start_date: dt.date
    end_date: dt.date
    kind: str
    status: str


def _memo(session: Session) -> dict:  # type: ignore[type-arg]
    # The matches' memo: forgotten at the end of the transaction, as the matches are.
    return session.info.setdefault("dateline_matches", {})


def _rows(session: Session, stmt: Select) -> Sequence[Row]:  # type: ignore[type-arg]
    # Core, not the ORM's execute: columns alone, and a thousand rows load faster without it.
    return session.connection().execute(stmt).all()


class MatchedRows(NamedTuple):
    found: Matches  # the matching events' ids, bounded as search.matches bounds them
    events: tuple[MatchedEvent, ...]
    stories: tuple[MatchedStory, ...]  # the stories of those events, each once


_COLUMNS = (
    Event.id,
    Event.story_id,
    Event.start_date,
    Event.end_date,
    Event.granularity,
    Event.kind,
    Event.status,
    Event.source_id,
    Story.start_date,
    Story.end_date,
    Story.kind,
    Story.status,
)


def matched_rows(session: Session, q: str) -> MatchedRows:
    """The events matching `q` and their stories, with what a page filters, orders, pages and
    counts by. One statement reads the text index, the events and their stories together (and
    leaves the matches for search.matches to answer from); when the matches were looked up
    before, one statement reads their events and stories."""
    memo = _memo(session)
    if ("rows", q) not in memo:
        dialect = session.get_bind().dialect.name
        joined = select(*_COLUMNS).outerjoin(Story, Story.id == Event.story_id)
        found = known_matches(session, q, "event")
        if found is not None:
            rows = _rows(session, joined.where(among(Event.id, found, dialect)))
        else:
            newest = newest_matches(dialect, q, "event")
            if newest is None:
                raise BadRequest(f"q {q!r} holds no word to search for", "q", q)
            stmt = joined.add_columns(newest.c.doc).join(newest, newest.c.ref_id == Event.id)
            rows = _rows(session, stmt.order_by(newest.c.doc.desc()))
            bound = search.MATCH_BOUND
            found = Matches(tuple(row[0] for row in rows[:bound]), len(rows) > bound)
            rows = rows[:bound]
            remember_matches(session, q, "event", found)
        events = tuple(MatchedEvent._make(row[:8]) for row in rows)
        stories = {row[1]: MatchedStory(row[1], *row[8:12]) for row in rows if row[1] is not None}
        memo["rows", q] = MatchedRows(found, events, tuple(stories.values()))
    return memo["rows", q]


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


class Dated(Protocol):
    id: int
    start_date: dt.date


def page_of(
    rows: list[Dated], ascending: bool, boundary: tuple[dt.date, int] | None, count: int
) -> list[int]:
    """Ids of the first `count` rows past `boundary` in (start date, id) order, ascending or
    descending: a keyset page, as the SQL of one would give."""
    if boundary is not None:
        rows = [
            s
            for s in rows
            if ((s.start_date, s.id) > boundary if ascending else (s.start_date, s.id) < boundary)
        ]
    rows = sorted(rows, key=lambda s: (s.start_date, s.id), reverse=not ascending)
    return [s.id for s in rows[:count]]


def events_in_filter(
    rows: Iterable[MatchedEvent],
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    sources: set[int] | None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[MatchedEvent]:
    """The events the event filters keep: as filtered_events has them, an event starting on or
    before `date_to` and ending on or after `date_from`."""
    return [
        e
        for e in rows
        if (not kinds or e.kind in kinds)
        and (not statuses or e.status in statuses)
        and (sources is None or e.source_id in sources)
        and (date_to is None or e.start_date <= date_to)
        and (date_from is None or e.end_date >= date_from)
    ]


__all__ = [
    "MatchedEvent",
    "MatchedRows",
    "MatchedStory",
    "events_in_filter",
    "matched_rows",
    "page_of",
    "stories_in_filter",
]
