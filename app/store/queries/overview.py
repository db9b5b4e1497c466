"""Site-wide numbers and the overview page's lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Article, Counter, Source
from app.store.queries.entities import top_entities
from app.store.queries.events import EventFilter, Order, events_after, list_events
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.queries.views import CountedEntity, EventItem, QuoteItem

PERIOD_DAYS = 30


@dataclass(frozen=True)
class Stats:
    articles: int
    events: int
    entities: int
    quotes: int
    sources: int
    first_article: dt.date | None
    last_article: dt.date | None


@dataclass(frozen=True)
class SourceItem:
    slug: str
    name: str
    article_count: int


@dataclass(frozen=True)
class Overview:
    stats: Stats
    period_start: dt.date | None
    latest_events: tuple[EventItem, ...]
    upcoming_events: tuple[EventItem, ...]
    top_entities: tuple[CountedEntity, ...]
    latest_quotes: tuple[QuoteItem, ...]


def stats(session: Session) -> Stats:
    """Totals from the counters kept at ingest; first/last dates from the date index."""
    counters = dict(session.execute(select(Counter.name, Counter.value)).all())
    first, last = article_dates(session)
    return Stats(
        articles=counters.get("articles", 0),
        events=counters.get("events", 0),
        entities=counters.get("entities", 0),
        quotes=counters.get("quotes", 0),
        sources=session.scalar(select(func.count()).select_from(Source)) or 0,
        first_article=first,
        last_article=last,
    )


def article_dates(session: Session) -> tuple[dt.date | None, dt.date | None]:
    """The first and last article dates (the ends of the date index): the period the
    collection covers, and its "present"."""
    # Two scalar subqueries, not min() and max() in one select: SQLite answers a lone min or
    # max from the end of the index, but scans the whole index for the pair.
    first = select(func.min(Article.sort_date)).scalar_subquery()
    last = select(func.max(Article.sort_date)).scalar_subquery()
    return session.execute(select(first, last)).one()._tuple()


def sources(session: Session) -> list[SourceItem]:
    rows = session.execute(select(Source.slug, Source.name, Source.article_count).order_by(Source.name)).all()
    return [SourceItem(*r) for r in rows]


def overview(session: Session, limit: int = 10) -> Overview:
    """The latest events up to the newest article's date (the news), what is expected after it,
    the most-mentioned entities of its last 30 days and the latest quotes."""
    s = stats(session)
    period_start = s.last_article - dt.timedelta(days=PERIOD_DAYS) if s.last_article else None
    latest = list_events(session, EventFilter(date_to=s.last_article, order=Order.NEWEST), limit=limit)
    upcoming: tuple[EventItem, ...] = ()
    if s.last_article:
        expected = EventFilter(statuses=("expected",))
        upcoming = tuple(events_after(session, expected, s.last_article, limit))
    return Overview(
        stats=s,
        period_start=period_start,
        latest_events=tuple(latest.items),
        upcoming_events=upcoming,
        top_entities=tuple(top_entities(session, since=period_start, limit=12)),
        latest_quotes=tuple(list_quotes(session, QuoteFilter(), limit=limit).items),
    )
