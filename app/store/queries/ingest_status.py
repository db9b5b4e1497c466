"""The ingestion service as /status, /metrics, `dateline status` and GET /api/v1/ingest/{id}
see it: one item, or the queue, its rates, recent failures, feeds and workers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.ingest_queue import FINISHED, ItemStatus, as_utc
from app.store.models import Counter, FeedState, IngestItem, IngestWorker, WatchedFile, utcnow

RECENT_FAILURES = 20


@dataclass(frozen=True)
class IngestItemView:
    id: int
    status: str
    origin: str
    url: str | None
    received_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    attempts: int
    article_id: int | None
    error: str | None  # the reason for 'failed', what it duplicates for 'duplicate'


@dataclass(frozen=True)
class FailureView:
    id: int
    origin: str
    error: str
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class FeedView:
    """A source the service polls or scans itself: a feed, or a watched folder (kind)."""

    url: str
    last_polled_at: dt.datetime | None
    next_poll_at: dt.datetime | None
    last_status: str | None
    last_error: str | None
    items_queued: int
    kind: str = "feed"
    in_flight_seconds: float | None = None  # how long the poll or scan in flight has run
    stuck: bool = False  # in flight for longer than a fetch or scan may take


@dataclass(frozen=True)
class WorkerView:
    id: str
    hostname: str
    pid: int
    started_at: dt.datetime
    heartbeat_at: dt.datetime


@dataclass(frozen=True)
class Rate:
    """Items in the last minute and the last five; per-minute averages for people."""

    last_minute: int
    last_5_minutes: int

    @property
    def per_minute(self) -> float:
        return self.last_5_minutes / 5


@dataclass(frozen=True)
class IngestStatus:
    generated_at: dt.datetime
    by_status: dict[str, int]  # every ItemStatus, zero included
    oldest_queued_at: dt.datetime | None
    accepted: Rate
    processed: Rate
    recent_failures: list[FailureView] = field(default_factory=list)
    feeds: list[FeedView] = field(default_factory=list)
    workers: list[WorkerView] = field(default_factory=list)
    watched_files: int = 0
    articles: int = 0

    @property
    def queue_depth(self) -> int:
        return self.by_status[ItemStatus.QUEUED]

    @property
    def processing(self) -> int:
        return self.by_status[ItemStatus.PROCESSING]

    @property
    def received_total(self) -> int:
        return sum(self.by_status.values())

    @property
    def oldest_queued_age_seconds(self) -> float | None:
        if self.oldest_queued_at is None:
            return None
        return max(0.0, (self.generated_at - self.oldest_queued_at).total_seconds())


def ingest_item(session: Session, item_id: int) -> IngestItemView | None:
    row = session.get(IngestItem, item_id)
    if row is None:
        return None
    return IngestItemView(
        id=row.id,
        status=row.status,
        origin=row.origin,
        url=row.url,
        received_at=as_utc(row.received_at) or row.received_at,
        started_at=as_utc(row.started_at),
        finished_at=as_utc(row.finished_at) if row.status in FINISHED else None,
        attempts=row.attempts,
        article_id=row.article_id,
        error=row.error,
    )


def ingest_status(
    session: Session, now: dt.datetime | None = None, stuck_after_seconds: float = 120.0
) -> IngestStatus:
    """`stuck_after_seconds`: a source poll in flight for longer is stuck
    (DATELINE_SOURCE_STUCK_SECONDS)."""
    now = now or utcnow()
    counts = dict(session.execute(select(IngestItem.status, func.count()).group_by(IngestItem.status)).all())
    oldest = session.scalar(
        select(func.min(IngestItem.received_at)).where(IngestItem.status == ItemStatus.QUEUED)
    )
    return IngestStatus(
        generated_at=now,
        by_status={status.value: counts.get(status.value, 0) for status in ItemStatus},
        oldest_queued_at=as_utc(oldest),
        accepted=_rate(session, IngestItem.received_at, now),
        processed=_rate(session, IngestItem.finished_at, now, IngestItem.status.in_(FINISHED)),
        recent_failures=_recent_failures(session),
        feeds=_feeds(session, now, stuck_after_seconds),
        workers=_workers(session),
        watched_files=session.scalar(select(func.count()).select_from(WatchedFile)) or 0,
        articles=session.scalar(select(Counter.value).where(Counter.name == "articles")) or 0,
    )


def _rate(session: Session, column, now: dt.datetime, *conditions) -> Rate:  # type: ignore[no-untyped-def]
    def since(delta: dt.timedelta) -> int:
        query = select(func.count()).select_from(IngestItem).where(column >= now - delta, *conditions)
        return session.scalar(query) or 0

    return Rate(last_minute=since(dt.timedelta(minutes=1)), last_5_minutes=since(dt.timedelta(minutes=5)))


def _recent_failures(session: Session) -> list[FailureView]:
    rows = session.execute(
        select(IngestItem.id, IngestItem.origin, IngestItem.error, IngestItem.finished_at)
        .where(IngestItem.status == ItemStatus.FAILED)
        .order_by(IngestItem.finished_at.desc(), IngestItem.id.desc())
        .limit(RECENT_FAILURES)
    )
    return [FailureView(r.id, r.origin, r.error or "", as_utc(r.finished_at)) for r in rows]


def _feeds(session: Session, now: dt.datetime, stuck_after_seconds: float) -> list[FeedView]:
    views = []
    for f in session.scalars(select(FeedState).order_by(FeedState.kind, FeedState.url)):
        started = as_utc(f.poll_started_at)
        in_flight = max(0.0, (now - started).total_seconds()) if started else None
        views.append(
            FeedView(
                url=f.url,
                last_polled_at=as_utc(f.last_polled_at),
                next_poll_at=as_utc(f.next_poll_at),
                last_status=f.last_status,
                last_error=f.last_error,
                items_queued=f.items_queued,
                kind=f.kind,
                in_flight_seconds=in_flight,
                stuck=in_flight is not None and in_flight > stuck_after_seconds,
            )
        )
    return views


def _workers(session: Session) -> list[WorkerView]:
    rows = session.scalars(
        select(IngestWorker).where(IngestWorker.stopped_at.is_(None)).order_by(IngestWorker.started_at)
    )
    return [
        WorkerView(
            id=w.id,
            hostname=w.hostname,
            pid=w.pid,
            started_at=as_utc(w.started_at) or w.started_at,
            heartbeat_at=as_utc(w.heartbeat_at) or w.heartbeat_at,
        )
        for w in rows
    ]
