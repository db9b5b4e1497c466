"""Detail views composed from the query modules: an entity with its latest events and quotes,
an event with the rest of its article's events, the site's numbers with its sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.store.queries.entities import EntityDetail, get_entity
from app.store.queries.events import EventFilter, get_event, list_events, related_events
from app.store.queries.freshness import data_version
from app.store.queries.overview import SourceItem, Stats, sources, stats
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.queries.views import EventItem, QuoteItem


@dataclass(frozen=True)
class EntityProfile:
    detail: EntityDetail
    recent_events: tuple[EventItem, ...]
    recent_quotes: tuple[QuoteItem, ...]


@dataclass(frozen=True)
class EventDetail:
    event: EventItem
    related: tuple[EventItem, ...]


@dataclass(frozen=True)
class SiteStats:
    stats: Stats
    sources: tuple[SourceItem, ...]
    last_ingest: dt.datetime | None


def entity_profile(session: Session, slug: str, recent: int = 10) -> EntityProfile:
    """The entity page's data plus its `recent` latest events and quotes as speaker."""
    detail = get_entity(session, slug)
    events = list_events(session, EventFilter(entities=(slug,)), limit=recent)
    quotes = list_quotes(session, QuoteFilter(speakers=(slug,)), limit=recent)
    return EntityProfile(detail, tuple(events.items), tuple(quotes.items))


def event_detail(session: Session, event_id: int) -> EventDetail:
    event = get_event(session, event_id)
    return EventDetail(event, tuple(related_events(session, event)))


def site_stats(session: Session) -> SiteStats:
    return SiteStats(stats(session), tuple(sources(session)), data_version(session).last_ingest)
