"""SQLAlchemy 2 models: the concepts of DESIGN.md, with the indexes the pages need.

Counts that pages show (mentions per entity, articles per source, totals) are kept up to date
at ingest, so no page counts rows per request. Dates are stored as DATE ranges (inclusive) next
to the TIMEX3 value so that "what happened in July 2024" is an indexed range query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    # Named constraints, so that later migrations (batch mode on SQLite) can refer to them.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {  # noqa: RUF012
        dict[str, Any]: JSON,
        list[str]: JSON,
        dt.datetime: DateTime(timezone=True),
    }


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    home_url: Mapped[str | None] = mapped_column(String(1000))
    feed_urls: Mapped[list[str]] = mapped_column(default=list)
    article_count: Mapped[int] = mapped_column(default=0)


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published", "published_date", "id"),
        Index("ix_articles_source_published", "source_id", "published_date", "id"),
        Index("ix_articles_pipeline_version", "pipeline_version"),
        Index("ix_articles_sort_date", "sort_date", "id"),
        # The article-type choices of /articles with their counts: an index-only count, not a
        # scan of every article row (175 ms at 50,000 articles on PostgreSQL).
        Index("ix_articles_article_type", "article_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(Text)
    dek: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    article_type: Mapped[str | None] = mapped_column(String(100))
    tags: Mapped[list[str]] = mapped_column(default=list)
    published_date: Mapped[dt.date | None] = mapped_column(Date)
    published_at: Mapped[dt.datetime | None]
    # The publication date, else the ingest date: lists page by it without NULL cases.
    sort_date: Mapped[dt.date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(16), default="en")
    notes: Mapped[list[str]] = mapped_column(default=list)
    body: Mapped[str] = mapped_column(Text)
    bio: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    pipeline_version: Mapped[str | None] = mapped_column(String(40))
    event_count: Mapped[int] = mapped_column(default=0)
    quote_count: Mapped[int] = mapped_column(default=0)

    source: Mapped[Source | None] = relationship()
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Sentence.idx"
    )


class Sentence(Base):
    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("article_id", "idx"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    idx: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]

    article: Mapped[Article] = relationship(back_populates="sentences")


class Entity(Base):
    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_mentions", "mention_count", "id"),
        Index("ix_entities_kind_mentions", "kind", "mention_count", "id"),
        Index("ix_entities_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(320), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)
    mention_count: Mapped[int] = mapped_column(default=0)
    article_count: Mapped[int] = mapped_column(default=0)
    quote_count: Mapped[int] = mapped_column(default=0)
    event_count: Mapped[int] = mapped_column(default=0)

    aliases: Mapped[list[EntityAlias]] = relationship(back_populates="entity", cascade="all, delete-orphan")


class EntityAlias(Base):
    """A name an entity goes by; `key` is the normalised form used for linking."""

    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "key"), Index("ix_entity_aliases_key", "key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class EntityRedirect(Base):
    """An entity slug that re-extraction retired: its record was merged into the one named by
    `target_slug` (followed to the live record at read time), or, with no target, dropped as
    no entity at all. Old links keep working: a 301 to the survivor, else a 410."""

    __tablename__ = "entity_redirects"

    slug: Mapped[str] = mapped_column(String(320), primary_key=True)
    target_slug: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ArticleEntity(Base):
    """One row per entity per article: an entity's articles and co-mentions without scanning
    every mention."""

    __tablename__ = "article_entities"
    __table_args__ = (
        Index("ix_article_entities_entity", "entity_id", "published_date", "article_id"),
        Index("ix_article_entities_published", "published_date"),
    )

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True)
    mention_count: Mapped[int] = mapped_column(default=0)
    is_author: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    published_date: Mapped[dt.date | None] = mapped_column(Date)


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_entity", "entity_id", "article_id"),
        Index("ix_mentions_article", "article_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))


class Timex(Base):
    __tablename__ = "timexes"
    __table_args__ = (
        Index("ix_timexes_article", "article_id", "start"),
        Index("ix_timexes_range", "range_start", "range_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(60))
    mod: Mapped[str | None] = mapped_column(String(20))
    granularity: Mapped[str | None] = mapped_column(String(10))
    range_start: Mapped[dt.date | None] = mapped_column(Date)
    range_end: Mapped[dt.date | None] = mapped_column(Date)
    resolved: Mapped[bool] = mapped_column(Boolean, default=True)


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_speaker", "speaker_entity_id", "said_start", "id"),
        Index("ix_quotes_speaker_org", "speaker_org_entity_id", "said_start", "id"),
        Index("ix_quotes_said", "said_start", "id"),
        Index("ix_quotes_article", "article_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    speaker_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    speaker_name: Mapped[str | None] = mapped_column(String(300))
    speaker_kind: Mapped[str | None] = mapped_column(String(12))
    # the organisation an unnamed speaker's description names ("a State Department official")
    speaker_org_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    cue: Mapped[str | None] = mapped_column(String(60))
    said_value: Mapped[str | None] = mapped_column(String(60))
    said_start: Mapped[dt.date | None] = mapped_column(Date)
    said_end: Mapped[dt.date | None] = mapped_column(Date)
    timex_id: Mapped[int | None] = mapped_column(ForeignKey("timexes.id", ondelete="SET NULL"))


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_date", "start_date", "id"),
        Index("ix_events_kind_date", "kind", "start_date", "id"),
        Index("ix_events_status_date", "status", "start_date", "id"),
        Index("ix_events_article", "article_id"),
        Index("ix_events_story", "story_id", "start_date", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    timex_id: Mapped[int | None] = mapped_column(ForeignKey("timexes.id", ondelete="SET NULL"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    value: Mapped[str] = mapped_column(String(60))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str | None] = mapped_column(String(100))
    summary_start: Mapped[int | None]
    summary_end: Mapped[int | None]
    # The story it reports, and why it joined it (app/store/stories): score, threshold, points.
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    story_evidence: Mapped[dict[str, Any] | None]

    participants: Mapped[list[EventParticipant]] = relationship(cascade="all, delete-orphan")


class EventParticipant(Base):
    """An entity's part in an event; the event's date is copied here so an entity's timeline
    is one index range scan."""

    __tablename__ = "event_participants"
    __table_args__ = (Index("ix_event_participants_entity", "entity_id", "start_date", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    start_date: Mapped[dt.date] = mapped_column(Date)


class Story(Base):
    """One real-world happening across articles: its reports are the events whose story_id
    points here. Everything but the id is derived from `profile` (app/store/stories/profile.py),
    which counts what the reports say; the counts pages show are kept here at ingest."""

    __tablename__ = "stories"
    __table_args__ = (
        Index("ix_stories_date", "start_date", "id"),
        Index("ix_stories_kind_date", "kind", "start_date", "id"),
        Index("ix_stories_status_date", "status", "start_date", "id"),
        Index("ix_stories_weight", "weight", "start_date", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(60))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(10))
    date_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    report_count: Mapped[int] = mapped_column(default=0)
    article_count: Mapped[int] = mapped_column(default=0)
    source_count: Mapped[int] = mapped_column(default=0)
    # the first report by publication (no foreign key: events point here already)
    first_event_id: Mapped[int | None]
    first_article_id: Mapped[int | None]
    first_published: Mapped[dt.date | None] = mapped_column(Date)
    weight: Mapped[float] = mapped_column(Float, default=0.0)  # the "key events" rank
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)


class StoryParticipant(Base):
    """An entity named by a story's reports (with how many); the story's start date is
    copied here so an entity's stories are one index range scan, and candidate stories for a
    new event are found by its participants. Its weight too, so that an entity's key events
    are the first rows of an index rather than a sort of all of its stories."""

    __tablename__ = "story_participants"
    __table_args__ = (
        Index("ix_story_participants_entity", "entity_id", "start_date", "story_id"),
        Index("ix_story_participants_entity_weight", "entity_id", "weight", "start_date", "story_id"),
    )

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    reports: Mapped[int] = mapped_column(default=0)
    start_date: Mapped[dt.date] = mapped_column(Date)
    weight: Mapped[float] = mapped_column(Float, default=0.0)  # the story's


class StoryTerm(Base):
    """A predicate stem a story's reports use ("summit", "sign"): candidate stories for a new
    event are also found by its trigger."""

    __tablename__ = "story_terms"
    __table_args__ = (Index("ix_story_terms_term", "term", "start_date", "story_id"),)

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(60), primary_key=True)
    start_date: Mapped[dt.date] = mapped_column(Date)


class SearchDocument(Base):
    """What full-text search sees: one row per event, quote, entity and article. SQLite indexes
    it with an FTS5 table kept in step by triggers; PostgreSQL with a GIN tsvector index
    (both created in the migration, see app/store/search.py)."""

    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "ref_id"), Index("ix_search_documents_article", "article_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int]
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    date: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


class Counter(Base):
    """Totals kept at ingest (articles, events, entities, quotes) so pages need not count."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class EventDayCount(Base):
    """Events per start day, granularity, kind, status and source, kept at ingest: the
    timeline's density chart sums these few rows instead of counting events per request. The
    granularity keeps a year-level event from piling onto January 1 in a chart by month."""

    __tablename__ = "event_day_counts"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    granularity: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    source_id: Mapped[int] = mapped_column(primary_key=True)  # 0: an article without a source
    count: Mapped[int] = mapped_column(default=0)


class EventMonthCount(Base):
    """The same counts per start month (the month's first day): a chart by month or year over
    years of news reads a month's row instead of some thirty days' rows."""

    __tablename__ = "event_month_counts"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    granularity: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    source_id: Mapped[int] = mapped_column(primary_key=True)  # 0: an article without a source
    count: Mapped[int] = mapped_column(default=0)


class EntityDayCount(Base):
    """Events per participant entity, start day, granularity, kind and status, kept at ingest:
    an entity's timeline draws its density chart from these rows (at most one per day it was
    in the news per kind and status) instead of counting all of its events per request."""

    __tablename__ = "entity_day_counts"

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    granularity: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class EntityEventMonthCount(Base):
    """The same per-entity counts per start month (the month's first day): an entity's chart
    by month or year over years of news reads a month's rows instead of some thirty days'."""

    __tablename__ = "entity_event_month_counts"

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    granularity: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class EntityMonthCount(Base):
    """An entity's mentions and articles per month (by publication date), kept at ingest: the
    sparkline on its page reads one row per month."""

    __tablename__ = "entity_month_counts"

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # the month's first day
    mentions: Mapped[int] = mapped_column(default=0)
    articles: Mapped[int] = mapped_column(default=0)


# --- ingestion service ----------------------------------------------------------------------


class IngestItem(Base):
    """The durable queue: an accepted item is committed here before the client hears 202."""

    __tablename__ = "ingest_items"
    __table_args__ = (
        Index("ix_ingest_items_status", "status", "id"),
        # rates on /status and /metrics count recent rows by these two times
        Index("ix_ingest_items_received", "received_at"),
        Index("ix_ingest_items_finished", "finished_at"),
        # feed entries are deduplicated by URL before they are queued
        Index("ix_ingest_items_url", "url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(
        String(12), default="queued"
    )  # queued|processing|done|duplicate|failed
    origin: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str | None] = mapped_column(String(2000))
    content_type: Mapped[str | None] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)  # claims by a worker
    # times a worker stopped without finishing it while holding it, and while holding it alone
    crashes: Mapped[int] = mapped_column(default=0, server_default="0")
    solo_crashes: Mapped[int] = mapped_column(default=0, server_default="0")
    worker: Mapped[str | None] = mapped_column(String(100))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    error: Mapped[str | None] = mapped_column(Text)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    # fixed-window rate limit, kept in the row so that every web worker shares it
    rate_window_start: Mapped[dt.datetime | None]
    rate_window_count: Mapped[int] = mapped_column(default=0)


class FeedState(Base):
    """A source the service reads on its own: a feed (its URL) or a watched folder (its path)."""

    __tablename__ = "feed_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="feed", server_default="feed")  # feed|folder
    poll_started_at: Mapped[dt.datetime | None]  # a poll or scan in flight began then
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[dt.datetime | None]
    next_poll_at: Mapped[dt.datetime | None]
    last_status: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    items_queued: Mapped[int] = mapped_column(default=0)


class WatchedFile(Base):
    """A file the service has queued from a watched folder, so a restart does not queue it again."""

    __tablename__ = "watched_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(2000), unique=True)
    size: Mapped[int]
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    queued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class IngestWorker(Base):
    """A running (or stopped, or dead) `dateline service` worker. The heartbeat tells the
    others when its claimed items must go back to the queue."""

    __tablename__ = "ingest_workers"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    stopped_at: Mapped[dt.datetime | None]
    stop_reason: Mapped[str | None] = mapped_column(String(40))  # stopped | died
