"""Whole filtered lists for the exports, walked page by page with the same keyset queries as
the lists, so an export of any size holds one batch in memory at a time.

The first page is read by the caller inside its request (so a bad filter is still a 400
before any byte is sent); `rest` then reads each following page in a session of its own,
which no slow download can keep open between batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from app.store.queries.common import Page
from app.store.queries.entities import EntityFilter, list_entities
from app.store.queries.events import EventFilter, list_events
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.queries.stories import story_rows
from app.store.queries.views import EntityItem, EventItem, QuoteItem

T = TypeVar("T")
BATCH = 500

PageFetcher = Callable[[Session, str | None], Page[T]]


def first_and_rest(
    session: Session, sessions: sessionmaker[Session], fetch: PageFetcher[T]
) -> tuple[Page[T], Iterator[T]]:
    """The first page now, and an iterator over every item from the first on."""
    first = fetch(session, None)
    return first, _walk(sessions, fetch, first)


def _walk(sessions: sessionmaker[Session], fetch: PageFetcher[T], first: Page[T]) -> Iterator[T]:
    yield from first.items
    cursor = first.next
    while cursor:
        with sessions() as session:
            page = fetch(session, cursor)
        yield from page.items
        cursor = page.next


def event_pages(f: EventFilter, batch: int | None = None) -> PageFetcher[EventItem]:
    return lambda session, cursor: list_events(session, f, batch or BATCH, cursor)


def story_row_pages(f: EventFilter, batch: int | None = None) -> PageFetcher[EventItem]:
    """Stories, each as one event row (an export grouped by story)."""
    return lambda session, cursor: story_rows(session, f, batch or BATCH, cursor)


def quote_pages(f: QuoteFilter, batch: int | None = None) -> PageFetcher[QuoteItem]:
    return lambda session, cursor: list_quotes(session, f, batch or BATCH, cursor)


def entity_pages(f: EntityFilter, batch: int | None = None) -> PageFetcher[EntityItem]:
    return lambda session, cursor: list_entities(session, f, batch or BATCH, cursor)
