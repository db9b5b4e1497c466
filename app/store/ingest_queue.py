"""The durable ingest queue (table `ingest_items`): enqueue, claim, finish, release.

An item's life: queued → processing (claimed by one worker, in its own short transaction) →
done | duplicate | failed. The worker finishes an item in the same transaction that stores its
article, and `hold` makes that transaction's first statement prove the worker still owns the
claim, so an item whose claim was taken away (its worker was thought dead) can never be stored
twice. Every function runs in the caller's transaction.

Crashes are counted per item. A worker that dies (killed, out of memory) while holding a batch
cannot say which item, if any, killed it: every item it held counts a crash and, being a
suspect, is next claimed alone. Only crashes while an item was held alone count against it:
after `max_solo_crashes` of them it is set aside (failed, with the reason) and
`dateline queue retry` can queue it again. A healthy item is never failed for a batch-mate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
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
    """Take up to `limit` of the oldest queued items for `worker_id`; commit right after. When
    the oldest was in hand at a crash, it is taken alone, so that a crash tells on it.

    One UPDATE ... RETURNING, so two workers never take the same item: PostgreSQL skips rows
    another worker has locked (FOR UPDATE SKIP LOCKED), SQLite has one writer at a time.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    first = select(IngestItem.id, IngestItem.crashes).where(IngestItem.status == ItemStatus.QUEUED)
    first = first.order_by(IngestItem.id).limit(1)
    oldest_row = session.execute(first.with_for_update(skip_locked=True) if postgres else first).first()
    if oldest_row is None:
        return []
    chosen: ColumnElement[bool]
    if oldest_row.crashes:
        chosen = IngestItem.id == oldest_row.id
    else:
        oldest = (
            select(IngestItem.id)
            .where(IngestItem.status == ItemStatus.QUEUED, IngestItem.crashes == 0)
            .order_by(IngestItem.id)
            .limit(limit)
        )
        if postgres:
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


def release_claims(session: Session, worker_id: str, crashed: bool = False, max_solo_crashes: int = 3) -> int:
    """Give a worker's unfinished items back to the queue. A graceful stop refunds the
    attempt (not the items' fault); a worker that hit an unexpected error counts a crash
    against each, as if it had died (see the module docstring)."""
    held = (IngestItem.status == ItemStatus.PROCESSING, IngestItem.worker == worker_id)
    if crashed:
        return _put_back_after_crash(session, held, max_solo_crashes)
    stmt = (
        update(IngestItem)
        .where(*held)
        .values(
            status=ItemStatus.QUEUED,
            worker=None,
            started_at=None,
            finished_at=None,
            attempts=IngestItem.attempts - 1,
        )
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount


def recover_abandoned(session: Session, max_solo_crashes: int = 3) -> int:
    """Put items left in 'processing' by workers that are not running (see ingest_workers.py)
    back in the queue, a crash counted against each; returns how many went back.

    Safe because a worker stores an article and marks its item done in one transaction:
    an item still 'processing' has no article yet.
    """
    running = select(IngestWorker.id).where(IngestWorker.stopped_at.is_(None))
    abandoned = (
        IngestItem.status == ItemStatus.PROCESSING,
        or_(IngestItem.worker.is_(None), IngestItem.worker.not_in(running)),
    )
    return _put_back_after_crash(session, abandoned, max_solo_crashes)


def _put_back_after_crash(
    session: Session, where: Sequence[ColumnElement[bool]], max_solo_crashes: int
) -> int:
    """Every item matching `where` counts a crash; one its worker held alone counts a solo
    crash too, and is set aside at `max_solo_crashes`. Each UPDATE re-checks the claim, so two
    workers recovering at once count a crash once."""
    rows = session.execute(
        select(IngestItem.id, IngestItem.worker, IngestItem.solo_crashes).where(*where)
    ).all()
    by_worker: dict[str | None, list[Any]] = defaultdict(list)
    for row in rows:
        by_worker[row.worker].append(row)
    requeued = 0
    for worker, held in by_worker.items():
        owner = IngestItem.worker == worker if worker is not None else IngestItem.worker.is_(None)
        still_held = (IngestItem.status == ItemStatus.PROCESSING, owner)
        alone = len(held) == 1 and worker is not None
        if alone and held[0].solo_crashes + 1 >= max_solo_crashes:
            n = held[0].solo_crashes + 1
            reason = (
                f"set aside: its worker stopped {n} times while processing it alone (killed, out "
                f"of memory or crashed); `dateline queue retry {held[0].id}` queues it again"
            )
            values: dict[str, Any] = {"status": ItemStatus.FAILED, "error": reason, "finished_at": utcnow()}
        else:
            values = {"status": ItemStatus.QUEUED, "started_at": None, "finished_at": None}
            requeued += len(held)
        stmt = (
            update(IngestItem)
            .where(IngestItem.id.in_([r.id for r in held]), *still_held)
            .values(
                **values,
                worker=None,
                crashes=IngestItem.crashes + 1,
                solo_crashes=IngestItem.solo_crashes + (1 if alone else 0),
            )
            .execution_options(synchronize_session=False)
        )
        session.execute(stmt)
    return requeued


def retry(session: Session, item_ids: Sequence[int] = (), every_failed: bool = False) -> int:
    """Queue failed items again (those named, or every one), their crash counts cleared;
    returns how many. Only failed items: a stored one is not stored twice."""
    if not item_ids and not every_failed:
        return 0
    which = [IngestItem.status == ItemStatus.FAILED]
    if not every_failed:
        which.append(IngestItem.id.in_(list(item_ids)))
    stmt = (
        update(IngestItem)
        .where(*which)
        .values(
            status=ItemStatus.QUEUED,
            worker=None,
            started_at=None,
            finished_at=None,
            error=None,
            crashes=0,
            solo_crashes=0,
        )
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount


def url_is_known(session: Session, url: str) -> bool:
    """Whether any item (in any state) was queued for `url`."""
    return session.scalar(select(IngestItem.id).where(IngestItem.url == url).limit(1)) is not None


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
