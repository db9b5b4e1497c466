"""The rows a q-filtered timeline works from, read once per request.

A `q` filter looks its matching events up first and bounds them (search.matches). A timeline
page filtered by q alone (kind, status, source and dates may join it) then needs, of those few
thousand events at most, their stories, a page of those stories in date order, a probe of the
other side of the present and a density chart. Each was a query over the matched ids (four
look-ups of each id, and the text index read apart); here one statement reads the matches with
their events' and stories' few columns, and the page, the probe and the chart are worked out
from them in Python (the same filters, the same order, the same labels). An entity filter
narrows those rows: the statement reads with each match whether every named entity takes part
in the event and in its story (taking_part). Where more events match than are looked at, a page
past a cursor, oldest first or within dates reads the first matches of its own window (Window),
of those the entities take part in, so paging and date filters reach every match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol

from sqlalchemy import ColumnElement, Row, Select, and_, literal, literal_column, select, tuple_
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.store import search
from app.store.models import Event, EventParticipant, Story, StoryParticipant
from app.store.search import (
    Matches,
    among,
    known_matches,
    newest_matches,
    remember_matches,
    stored_matches,
    transaction_memo,
)


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


def _rows(session: Session, stmt: Select) -> Sequence[Row]:  # type: ignore[type-arg]
    # Core, not the ORM's execute: columns alone, and a thousand rows load faster without it.
    return session.connection().execute(stmt).all()


# A window's matches are looked for among this many times MATCH_BOUND newest stored.
WINDOW_REACH = 32


class MatchedRows(NamedTuple):
    found: Matches  # the matching events' ids, bounded as search.matches bounds them
    events: tuple[MatchedEvent, ...]
    stories: tuple[MatchedStory, ...]  # the stories of those events, each once
    narrowed: bool = False  # read for a window naming entities: every row has them taking part


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


class Window(NamedTuple):
    """The part of the matches one page is taken from, by the events' dates and ids (`on`
    "event") or their stories' ("story"): past `after` or before `before` in (start date, id)
    order, ending on or after `end_min`; `ascending`: the page's order."""

    on: str
    ascending: bool
    after: tuple[dt.date, int] | None = None
    before: tuple[dt.date, int] | None = None
    end_min: dt.date | None = None
    entities: tuple[int, ...] = ()  # every one takes part in the event (or its story)


# An id past every id: (day, PAST_EVERY_ID) sits after every row of that day.
PAST_EVERY_ID = 2**63 - 1


def page_window(
    on: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    boundary: tuple[dt.date, int] | None = None,
    ascending: bool = False,
    entities: Sequence[int] = (),
) -> Window | None:
    """The window of a page filtered from `date_from` (by where rows end) to `date_to` (by where
    they start), past a keyset `boundary` in its order, of what every one of `entities` takes
    part in; None for the newest first from the start, which the newest stored matches give
    (unless entities narrow it: few of those may be theirs)."""
    after = boundary if ascending else None
    before = None if ascending else boundary
    if date_to is not None:
        before = min(before or (date_to, PAST_EVERY_ID), (date_to, PAST_EVERY_ID))
    if not ascending and before is None and date_from is None and not entities:
        return None
    return Window(on, ascending, after, before, date_from, tuple(entities))


def matched_rows(session: Session, q: str, window: Window | None = None) -> MatchedRows:
    """The events matching `q` and their stories, with what a page filters, orders, pages and
    counts by. One statement reads the text index, the events and their stories together (and
    leaves the matches for search.matches to answer from); when the matches were looked up
    before, one statement reads their events and stories.

    Those are the newest MATCH_BOUND stored: what a page opening on the newest shows, and the
    density chart counts. When more events match, any other page's `window` (its order, cursor
    and dates) reads the first matches of the window in the page's order instead (one more
    statement), so paging back, oldest first or within dates is exact and reaches every match
    (of the newest reach() stored)."""
    memo = transaction_memo(session)
    if ("rows", q) not in memo:
        memo["rows", q] = _all_matched_rows(session, q)
    rows: MatchedRows = memo["rows", q]
    if window is None or not rows.found.bounded:
        return rows  # every match was read: the window is a filter on them
    if ("rows", q, window) not in memo:
        memo["rows", q, window] = _windowed_rows(session, q, window)
    return memo["rows", q, window]


def led_by_matches(entity_id: ColumnElement[int], q: bool, dialect: str) -> ColumnElement[int]:
    """The participant table's entity column, compared so that with a q filter its matches
    (2,000 at most) lead the scan and each is looked up by its primary key, rather than every
    event of the entity being tested (0.5 s for the most named entity of 250,000 articles): on
    SQLite the unary + keeps the planner off the (entity, date) index (as search.py does)."""
    if q and dialect == "sqlite":
        return literal_column(f"+{entity_id.table.name}.{entity_id.name}")  # type: ignore[attr-defined]
    return entity_id


def taking_part(session: Session, q: str, entity_ids: Sequence[int], on: str) -> frozenset[int]:
    """Of the newest stored matches of `q` (matched_rows without a window), the events (`on`
    "event") or their stories ("story") every entity of `entity_ids` takes part in, which the
    page, the probe and the chart filter by (as filtered_events and filtered_stories narrow an
    entity's rows to the newest matches). Asked before the matched rows are read, they are read
    with the answer for both kinds (_all_matched_rows); else one look-up of the matched ids in
    the participant table. Once per request either way."""
    memo = transaction_memo(session)
    key = _taking_part_key(q, entity_ids, on)
    if ("rows", q) not in memo:
        memo["rows", q] = _all_matched_rows(session, q, entity_ids)
    if key not in memo:
        rows: MatchedRows = memo["rows", q]
        if on == "event":
            table, ids = EventParticipant, tuple(e.id for e in rows.events)
            row_id = EventParticipant.event_id
        else:
            table, ids = StoryParticipant, tuple(s.id for s in rows.stories)
            row_id = StoryParticipant.story_id
        dialect = session.get_bind().dialect.name
        named = set(entity_ids)
        matched = among(row_id, Matches(ids, False), dialect)
        entity_named = led_by_matches(table.entity_id, True, dialect).in_(named)
        found: dict[int, set[int]] = {}
        for row, entity in _rows(session, select(row_id, table.entity_id).where(matched, entity_named)):
            found.setdefault(row, set()).add(entity)
        memo[key] = frozenset(row for row, entities in found.items() if len(entities) == len(named))
    kept: frozenset[int] = memo[key]
    return kept


def _taking_part_key(q: str, entity_ids: Sequence[int], on: str) -> tuple[str, str, str, tuple[int, ...]]:
    return ("taking part", q, on, tuple(entity_ids))


def _every_one_takes_part(
    part_of: ColumnElement[int],
    entity: ColumnElement[int],
    row_id: ColumnElement[int],
    entity_ids: Sequence[int],
) -> ColumnElement[bool]:
    """Whether every entity of `entity_ids` takes part in the event or story `row_id`: a
    participant table's row (`part_of`, `entity`) for each, looked up by its primary key. A
    scalar subquery, not EXISTS: PostgreSQL would answer an EXISTS from a hash of every row of
    the entity (50,000 for the most named of 50,000 articles) rather than probe 2,000 keys."""
    each = (
        select(part_of).where(part_of == row_id, entity == e).limit(1).scalar_subquery().is_not(None)
        for e in dict.fromkeys(entity_ids)
    )
    return and_(*each)


class PageAsked(NamedTuple):
    """A keyset page of a q timeline (app/store/queries/events.py and stories.py): of events or
    stories (`on`) every one of `entities` takes part in, from `date_from` (by where rows end)
    to `date_to` (by where they start), the first `count` ids past `boundary` in (start date,
    id) order, ascending or not."""

    on: str
    entities: tuple[int, ...]
    date_from: dt.date | None
    date_to: dt.date | None
    boundary: tuple[dt.date, int] | None
    ascending: bool
    count: int

    def window(self, entities: Sequence[int]) -> Window | None:
        return page_window(self.on, self.date_from, self.date_to, self.boundary, self.ascending, entities)


def page_ids_from_matches(
    session: Session,
    q: str,
    asked: PageAsked,
    kept: Callable[[MatchedRows, frozenset[int] | None], Sequence[Dated]],
    probe: bool = False,
    opening: bool = False,
) -> list[int]:
    """The page `asked` of the rows matching `q` that the page's other filters keep (`kept`:
    the rows, given the ids the entities take part in or None for any). A page opening on the
    newest (`opening`, as list_events has it, or newest first from the start) is taken from the
    newest stored matches, with entities as without (a window of an entity few of them name
    cost 0.1 s at 250,000 articles); any other page from a window of its own, which narrows by
    the entities too."""
    named = asked.entities
    taking = taking_part(session, q, named, asked.on) if named else None

    def page(rows: MatchedRows) -> list[int]:
        members = None if rows.narrowed else taking
        return page_of(list(kept(rows, members)), asked.ascending, asked.boundary, asked.count)

    on_newest = opening or asked.window(()) is None
    return page_from_matches(session, q, None if on_newest else asked.window(named), page, probe)


def page_from_matches(
    session: Session,
    q: str,
    window: Window | None,
    page: Callable[[MatchedRows], list[int]],
    probe: bool = False,
) -> list[int]:
    """The ids `page` takes from the rows matching `q`: from the newest stored when they are
    every match or the page has no window (the newest first, from the start: an opening page),
    or for a `probe` asking whether anything lies past a cursor when they hold an answer (one
    match is enough); else from the window's own matches."""
    newest = matched_rows(session, q)
    if window is None or not newest.found.bounded:
        return page(newest)
    if probe and (ids := page(newest)):
        return ids
    return page(matched_rows(session, q, window))


def reach() -> int:
    """How many of the newest stored matches a q looks among (WINDOW_REACH times MATCH_BOUND)."""
    return search.MATCH_BOUND * WINDOW_REACH


def reached_matches(session: Session, q: str) -> Select:  # type: ignore[type-arg]
    """SELECT ref_id of the newest reach() stored events matching `q`: what a page's window
    looks among when more than MATCH_BOUND match."""
    stored = stored_matches(session.get_bind().dialect.name, q, "event")
    if stored is None:
        raise BadRequest(f"q {q!r} holds no word to search for", "q", q)
    select_matches, stored_at = stored
    return select_matches.order_by(stored_at.desc()).limit(reach())


_JOINED = select(*_COLUMNS).outerjoin(Story, Story.id == Event.story_id)


def _all_matched_rows(session: Session, q: str, entity_ids: Sequence[int] = ()) -> MatchedRows:
    """The newest matches' rows; with `entity_ids`, read with whether every one of them takes
    part in each event and in its story, which taking_part then answers from (in the same
    statement: the participants' keys looked up beside the events', not the matched ids sent
    back in a second statement per kind)."""
    dialect = session.get_bind().dialect.name
    flags = (
        (
            _every_one_takes_part(
                EventParticipant.event_id,
                led_by_matches(EventParticipant.entity_id, True, dialect),
                Event.id,
                entity_ids,
            ),
            _every_one_takes_part(
                StoryParticipant.story_id,
                led_by_matches(StoryParticipant.entity_id, True, dialect),
                Event.story_id,  # type: ignore[arg-type]
                entity_ids,
            ),
        )
        if entity_ids
        else ()
    )
    found = known_matches(session, q, "event")
    if found is not None:
        rows = _rows(session, _JOINED.add_columns(*flags).where(among(Event.id, found, dialect)))
    else:
        newest = newest_matches(dialect, q, "event")
        if newest is None:
            raise BadRequest(f"q {q!r} holds no word to search for", "q", q)
        stmt = _JOINED.add_columns(*flags, newest.c.doc).join(newest, newest.c.ref_id == Event.id)
        rows = _rows(session, stmt.order_by(newest.c.doc.desc()))
        bound = search.MATCH_BOUND
        found = Matches(tuple(row[0] for row in rows[:bound]), len(rows) > bound)
        remember_matches(session, q, "event", found)
        rows = rows[:bound]
    if flags:
        memo = transaction_memo(session)
        in_event, in_story = len(_COLUMNS), len(_COLUMNS) + 1  # the flags follow the columns
        memo[_taking_part_key(q, entity_ids, "event")] = frozenset(row[0] for row in rows if row[in_event])
        memo[_taking_part_key(q, entity_ids, "story")] = frozenset(row[1] for row in rows if row[in_story])
    return _collect(rows, found)


def _windowed_rows(session: Session, q: str, window: Window) -> MatchedRows:
    """The first MATCH_BOUND matches in `window` in its page's order (and one more, to tell),
    among the newest reach() stored: the matches joined to their events (or stories) and
    filtered (by the window's entities too), sorted and bounded, so a page taken from them is
    exact however many events match; then those few joined to the rest of their rows."""
    dialect = session.get_bind().dialect.name
    found = reached_matches(session, q).subquery()
    dated = Event if window.on == "event" else Story
    keys = tuple_(dated.start_date, dated.id)
    first = select(Event.id).join(found, found.c.ref_id == Event.id)
    if dated is Story:
        first = first.join(Story, Story.id == Event.story_id)
    if window.after is not None:
        first = first.where(keys > tuple_(*map(literal, window.after)))
    if window.before is not None:
        first = first.where(keys < tuple_(*map(literal, window.before)))
    if window.end_min is not None:
        first = first.where(dated.end_date >= window.end_min)
    if window.entities:
        # Asked of the match's event id, or of its event's story id: a row the entities take no
        # part in is dropped before its event (or its story) is looked up.
        if dated is Event:
            part_of, entity, row_id = EventParticipant.event_id, EventParticipant.entity_id, found.c.ref_id
        else:
            part_of, entity, row_id = StoryParticipant.story_id, StoryParticipant.entity_id, Event.story_id
        entity = led_by_matches(entity, True, dialect)
        first = first.where(_every_one_takes_part(part_of, entity, row_id, window.entities))
    order = (dated.start_date, dated.id) if window.ascending else (dated.start_date.desc(), dated.id.desc())
    bound = search.MATCH_BOUND
    ids = [row[0] for row in _rows(session, first.order_by(*order).limit(bound + 1))]
    kept = Matches(tuple(ids[:bound]), len(ids) > bound)
    rows = _collect(_rows(session, _JOINED.where(among(Event.id, kept, dialect))), kept)
    return rows._replace(narrowed=bool(window.entities))


def _collect(rows: Sequence[Row], found: Matches) -> MatchedRows:  # type: ignore[type-arg]
    make_event = MatchedEvent._make
    events = tuple([make_event(row[:8]) for row in rows])
    stories: dict[int, MatchedStory] = {}
    for row in rows:  # a story reported by several matches is made once
        story_id = row[1]
        if story_id is not None and story_id not in stories:
            stories[story_id] = MatchedStory(story_id, row[8], row[9], row[10], row[11])
    return MatchedRows(found, events, tuple(stories.values()))


def stories_in_filter(
    rows: Iterable[MatchedStory],
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    members: frozenset[int] | None = None,
) -> list[MatchedStory]:
    """The stories the story filters keep: a story starting on or before `date_to` and ending
    on or after `date_from`, as filtered_stories has it; one of `members` (taking_part) when
    an entity filters."""
    return [
        s
        for s in rows
        if (members is None or s.id in members)
        and (not kinds or s.kind in kinds)
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
    members: frozenset[int] | None = None,
) -> list[MatchedEvent]:
    """The events the event filters keep: as filtered_events has them, an event starting on or
    before `date_to` and ending on or after `date_from`; one of `members` (taking_part) when
    an entity filters."""
    return [
        e
        for e in rows
        if (members is None or e.id in members)
        and (not kinds or e.kind in kinds)
        and (not statuses or e.status in statuses)
        and (sources is None or e.source_id in sources)
        and (date_to is None or e.start_date <= date_to)
        and (date_from is None or e.end_date >= date_from)
    ]


__all__ = [
    "MatchedEvent",
    "MatchedRows",
    "MatchedStory",
    "PageAsked",
    "Window",
    "events_in_filter",
    "led_by_matches",
    "matched_rows",
    "page_from_matches",
    "page_ids_from_matches",
    "page_of",
    "page_window",
    "reach",
    "stories_in_filter",
    "taking_part",
]
