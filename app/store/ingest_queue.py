"""The durable ingest queue (table `ingest_items`): enqueue, claim, finish, release.

An item's life: queued → processing (claimed by one worker, in its own short transaction) →
done | duplicate | failed. The worker finishes an item in the same transaction that stores its
article, and `hold` makes that transaction's first statement prove the worker still owns the
claim, so an item whose claim was taken away (its worker was thought dead) can never be stored
twice. Every function runs in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.store.models import IngestItem, IngestWorker, utcnow


class ItemStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    DONE = "done"
    DUPLICATE = "duplicate"  # the article was stored before; article_id names it
    FAILED = "failed"


FINISHED = (ItemStatus.DONE, ItemStatus.DUPLICATE, ItemStatus.FAILED)


class PayloadType(StrEnum):
    """What an item's payload holds: the contract between producers and the worker."""

    JSON = "application/json"  # one JSON Lines record, {title, url, published, source, authors, text}
    RECORD = "application/vnd.dateline.record+json"  # an article the service has read already
    TEXT = "text/plain"  # raw text, HTML or Markdown; metadata from the poster in `meta`
    MARKDOWN = "text/markdown"
    HTML = "text/html"


RAW_PAYLOAD_TYPES = (PayloadType.TEXT, PayloadType.MARKDOWN, PayloadType.HTML)
# Metadata a poster may give with a raw body (as query parameters); keys of `meta`.
RAW_META_FIELDS = ("title", "url", "published", "source", "authors", "dek")


@dataclass(frozen=True)
class NewItem:
    """What a producer (the API, a watched folder, a feed) hands to the queue."""

    origin: str  # "api", a file path, "<feed url> entry 3": for messages
    payload: str
    content_type: str
    meta: dict[str, Any] = field(default_factory=dict)
    url: str | None = None
    token_id: int | None = None


@dataclass(frozen=True)
class ClaimedItem:
    id: int
    origin: str
    payload: str
    content_type: str
    meta: dict[str, Any]
    url: str | None
    attempts: int


def enqueue(session: Session, item: NewItem) -> int:
    row = IngestItem(
        status=ItemStatus.QUEUED,
        origin=item.origin[:2000],
        url=(item.url or None) and item.url[:2000],
        content_type=item.content_type[:100],
        payload=item.payload,
        meta=dict(item.meta),
        token_id=item.token_id,
        received_at=utcnow(),
        attempts=0,
    )
    session.add(row)
    session.flush()
    return row.id


def record_failure(session: Session, item: NewItem, reason: str) -> int:
    """An input that failed before it could be queued (a watched file that cannot be read):
    recorded as a failed item so that /status shows it next to the others."""
    now = utcnow()
    row = IngestItem(
        status=ItemStatus.FAILED,
        origin=item.origin[:2000],
        url=(item.url or None) and item.url[:2000],
        content_type=item.content_type[:100],
        payload=item.payload,
        meta=dict(item.meta),
        token_id=item.token_id,
        received_at=now,
        finished_at=now,
        attempts=0,
        error=reason,
    )
    session.add(row)
    session.flush()
    return row.id


def claim(session: Session, worker_id: str, limit: int) -> list[ClaimedItem]:
    """Take up to `limit` of the oldest queued items for `worker_id`; commit right after.

    One UPDATE ... RETURNING, so two workers never take the same item: PostgreSQL skips rows
    another worker has locked (FOR UPDATE SKIP LOCKED), SQLite has one writer at a time.
    """
    oldest = (
        select(IngestItem.id)
        .where(IngestItem.status == ItemStatus.QUEUED)
        .order_by(IngestItem.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        # A materialized CTE runs once; as a plain IN (subquery) PostgreSQL may rescan it
        # while updating, and a rescan past the rows just locked returns more than `limit`.
        picked = oldest.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        chosen = IngestItem.id.in_(select(picked.c.id))
    else:
        chosen = IngestItem.id.in_(oldest)
    stmt = (
        update(IngestItem)
        .where(chosen, IngestItem.status == ItemStatus.QUEUED)
        .values(
            status=ItemStatus.PROCESSING,
            worker=worker_id,
            started_at=utcnow(),
            attempts=IngestItem.attempts + 1,
        )
        .returning(
            IngestItem.id,
            IngestItem.origin,
            IngestItem.payload,
            IngestItem.content_type,
            IngestItem.meta,
            IngestItem.url,
            IngestItem.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(stmt).all()
    items = [
        ClaimedItem(
            id=r.id,
            origin=r.origin,
            payload=r.payload,
            content_type=r.content_type or "",
            meta=dict(r.meta or {}),
            url=r.url,
            attempts=r.attempts,
        )
        for r in rows
    ]
    return sorted(items, key=lambda i: i.id)


def _claimed_by(item_id: int, worker_id: str) -> tuple[Any, ...]:
    return (
        IngestItem.id == item_id,
        IngestItem.status == ItemStatus.PROCESSING,
        IngestItem.worker == worker_id,
    )


def hold(session: Session, item_id: int, worker_id: str) -> bool:
    """Lock a claimed item for the finishing transaction; False when `worker_id` no longer
    holds it. Being a write, it also takes SQLite's write lock up front, so the article
    written after it cannot meet a "database is locked" upgrade deadlock."""
    stmt = (
        update(IngestItem)
        .where(*_claimed_by(item_id, worker_id))
        .values(finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount == 1


def finish(
    session: Session,
    item_id: int,
    worker_id: str,
    status: ItemStatus,
    article_id: int | None = None,
    error: str | None = None,
) -> bool:
    """Record an item's outcome, only while `worker_id` holds its claim."""
    stmt = (
        update(IngestItem)
        .where(*_claimed_by(item_id, worker_id))
        .values(status=status, article_id=article_id, error=error, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount == 1


def release_claims(session: Session, worker_id: str, refund_attempt: bool = True) -> int:
    """Give a worker's unfinished items back to the queue. A graceful stop refunds the
    attempt (not the item's fault); a worker that hit an unexpected error does not, so that
    an item that keeps causing one is failed after a few attempts."""
    stmt = (
        update(IngestItem)
        .where(IngestItem.status == ItemStatus.PROCESSING, IngestItem.worker == worker_id)
        .values(
            status=ItemStatus.QUEUED,
            worker=None,
            started_at=None,
            finished_at=None,
            attempts=IngestItem.attempts - 1 if refund_attempt else IngestItem.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount


def recover_abandoned(session: Session) -> int:
    """Put items left in 'processing' by workers that are not running (see ingest_workers.py)
    back in the queue; returns how many. The next claim counts another attempt, and the
    worker fails an item claimed too often (one that kills its worker, say).

    Safe because a worker stores an article and marks its item done in one transaction:
    an item still 'processing' has no article yet.
    """
    running = select(IngestWorker.id).where(IngestWorker.stopped_at.is_(None))
    return session.execute(
        update(IngestItem)
        .where(
            IngestItem.status == ItemStatus.PROCESSING,
            or_(IngestItem.worker.is_(None), IngestItem.worker.not_in(running)),
        )
        .values(status=ItemStatus.QUEUED, worker=None, started_at=None, finished_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def url_is_known(session: Session, url: str) -> bool:
    """Whether any item (in any state) was queued for `url`."""
    return session.scalar(select(IngestItem.id).where(IngestItem.url == url).limit(1)) is not None


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
