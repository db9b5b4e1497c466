"""A timeline filtered by q alone (kind, status, source and dates may join it) pages its stories
and events and draws its density chart from one read of the matched rows
(app/store/queries/matched.py). Every page, probe and chart must be what the SQL of the general
path gives: the same filter with `as_of` far in the future (which keeps every row) takes that
path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from sqlalchemy import select

from app.domain import EventKind, EventStatus, Granularity
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Event, Story
from app.store.queries import events as event_queries
from app.store.queries.common import Cursor, Direction
from app.store.queries.events import EventFilter, Order, density_in_range
from app.store.queries.stories import _page_ids, any_stories
from app.store.writer import store_article
from tests.store.factories import event, extraction, mention, person, record

FAR_FUTURE = dt.date(2100, 1, 1)
D = dt.date
START_TO_END = {D(2024, 6, 1): D(2024, 6, 30), D(2024, 1, 1): D(2024, 12, 31)}  # a month, a year


def store_varied_summits(db: Database) -> None:
    """NATO events of several kinds, statuses, precisions and dates (two on one day), among
    events that do not match."""
    specs = [
        (1, D(2024, 5, 2), EventKind.MEETING, EventStatus.HAPPENED, Granularity.DAY),
        (2, D(2024, 5, 2), EventKind.STATEMENT, EventStatus.HAPPENED, Granularity.DAY),
        (3, D(2024, 6, 1), EventKind.MEETING, EventStatus.HAPPENED, Granularity.MONTH),
        (4, D(2024, 7, 9), EventKind.MEETING, EventStatus.EXPECTED, Granularity.DAY),
        (5, D(2024, 1, 1), EventKind.AGREEMENT, EventStatus.ONGOING, Granularity.YEAR),
        (6, D(2023, 11, 20), EventKind.ANNOUNCEMENT, EventStatus.HAPPENED, Granularity.DAY),
        (7, D(2024, 7, 10), EventKind.MEETING, EventStatus.EXPECTED, Granularity.DAY),
        (8, D(2022, 3, 4), EventKind.STATEMENT, EventStatus.HAPPENED, Granularity.DAY),
    ]
    places = ["Vilnius", "Madrid", "Brussels", "Washington", "Oslo", "Riga", "Tallinn", "Warsaw"]
    for (day, start, kind, status, grain), place in zip(specs, places, strict=True):
        body = f"Stoltenberg said NATO envoys gathered in {place}."
        people = [person("e1", "Jens Stoltenberg", [mention(body, "Stoltenberg")])]
        summit = dataclasses.replace(
            event(f"NATO envoys gathered in {place}", ["e1"], start),
            kind=kind,
            status=status,
            granularity=grain,
            end_date=START_TO_END.get(start, start),
        )
        other = f"Stoltenberg said budget talks resumed in {place}."
        others = [person("e1", "Jens Stoltenberg", [mention(other, "Stoltenberg")])]
        budget = event(f"Budget talks resumed in {place}", ["e1"], start)
        with transaction(db.sessions) as session:
            store_article(
                session,
                record(body, url=f"https://x.example/{day}", day=day),
                extraction(body, people, events=[summit]),
            )
            store_article(
                session,
                record(other, url=f"https://x.example/b{day}", day=day),
                extraction(other, others, events=[budget]),
            )


FILTERS = [
    EventFilter(q="NATO"),
    EventFilter(q="NATO", kinds=("meeting",)),
    EventFilter(q="NATO", statuses=("expected", "ongoing")),
    EventFilter(q="NATO", date_from=D(2024, 5, 1)),
    EventFilter(q="NATO", date_from=D(2024, 6, 15)),  # the month and the year end after it
    EventFilter(q="NATO", date_to=D(2024, 6, 30)),
    EventFilter(q="NATO", sources=("test-wire",)),
    EventFilter(q="envoys Vilnius"),
    EventFilter(q="nothingmatches"),
]


def walk(
    db: Database, f: EventFilter, cursor: str | None, limit: int = 2, events: bool = False
) -> list[list[int]]:
    """Pages of story (or event) ids from `cursor` to the end, following each page's last row."""
    pages: list[list[int]] = []
    page_ids = event_queries._page_ids if events else _page_ids
    with db.sessions() as session:
        while len(pages) < 10:
            ids, direction = page_ids(session, f, limit, cursor)
            pages.append(ids[:limit])
            if len(ids) <= limit:
                return pages
            dates = dict(_dates(session, ids[:limit], events))
            last = ids[limit - 1]
            cursor = Cursor(direction, dates[last].isoformat(), last).encode()
    return pages


def _dates(session, ids, events):  # type: ignore[no-untyped-def]
    table = Event if events else Story
    return session.execute(select(table.id, table.start_date).where(table.id.in_(ids))).all()


STARTS = [None] + [
    Cursor(direction, day, edge).encode()
    for day in ("2024-05-02", "2024-06-30")  # a day of two stories, a day between stories
    for direction in Direction
    for edge in (2**31 - 1, 0)
]


def test_q_pages_and_probes_are_those_of_the_general_path(db: Database) -> None:
    store_varied_summits(db)
    for f, order, events in itertools.product(FILTERS, Order, (False, True)):
        f = dataclasses.replace(f, order=order)
        general = dataclasses.replace(f, as_of=FAR_FUTURE)
        any_page = event_queries.any_events if events else any_stories
        seen_any = False
        for cursor in STARTS:
            fast = walk(db, f, cursor, events=events)
            assert fast == walk(db, general, cursor, events=events), (f, events, cursor)
            seen_any = seen_any or any(fast)
            if cursor:
                with db.sessions() as session:
                    assert any_page(session, f, cursor) == any_page(session, general, cursor), (f, cursor)
        assert seen_any == (f.q != "nothingmatches"), f


SPANS = [(D(2024, 5, 1), D(2024, 6, 15)), (D(2024, 1, 1), D(2024, 12, 31)), (D(2015, 1, 1), D(2026, 1, 1))]


def test_q_density_is_that_of_the_general_path(db: Database) -> None:
    store_varied_summits(db)
    for f, span in itertools.product(FILTERS, SPANS):
        with db.sessions() as session:
            fast = density_in_range(session, f, *span)
            general = density_in_range(session, dataclasses.replace(f, as_of=FAR_FUTURE), *span)
        assert fast == general, (f, span)
        if f == EventFilter(q="NATO"):
            assert fast.in_range + fast.before + fast.after + fast.coarser == 8
