"""What the service remembers about its inputs: each source's last poll and the poll in
flight (`feed_states`: feeds with their conditional-GET validators, and watched folders), and
each watched file it has queued (`watched_files`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.store.models import FeedState, WatchedFile, utcnow

_MAX_INT32 = 2**31 - 1


class SourceKind(StrEnum):
    FEED = "feed"
    FOLDER = "folder"


class PollStatus(StrEnum):
    """A feed's last poll, as `feed_states.last_status` keeps it."""

    OK = "ok"
    NOT_MODIFIED = "not modified"
    ERROR = "error"


@dataclass(frozen=True)
class FeedValidators:
    """What a conditional GET sends back (RFC 9110 §13.1): If-None-Match, If-Modified-Since."""

    url: str
    etag: str | None
    last_modified: str | None


def ensure_feeds(session: Session, urls: list[str], kind: SourceKind = SourceKind.FEED) -> None:
    """A state row for every configured source, so /status lists those not polled yet."""
    known = set(session.scalars(select(FeedState.url).where(FeedState.url.in_(urls))))
    for url in urls:
        if url not in known:
            session.add(FeedState(url=url, kind=kind.value, items_queued=0))
            known.add(url)
    session.flush()


def start_poll(session: Session, url: str, kind: SourceKind = SourceKind.FEED) -> None:
    """Note that a poll (or a folder scan) of `url` begins now; `record_poll` ends it."""
    state = session.scalar(select(FeedState).where(FeedState.url == url))
    if state is None:
        state = FeedState(url=url, kind=kind.value, items_queued=0)
        session.add(state)
    state.poll_started_at = utcnow()
    session.flush()


def forget_polls_in_flight(session: Session) -> None:
    """At the start of the one service that polls: polls noted by a service that died are over."""
    session.execute(
        update(FeedState)
        .where(FeedState.poll_started_at.is_not(None))
        .values(poll_started_at=None)
        .execution_options(synchronize_session=False)
    )


def due_feeds(session: Session, urls: list[str], now: dt.datetime) -> set[str]:
    """Those of `urls` whose next poll time has come (or that were never polled)."""
    not_due = session.scalars(
        select(FeedState.url).where(FeedState.url.in_(urls), FeedState.next_poll_at > now)
    )
    return set(urls) - set(not_due)


def feed_validators(session: Session, url: str) -> FeedValidators:
    state = session.scalar(select(FeedState).where(FeedState.url == url))
    if state is None:
        return FeedValidators(url, None, None)
    return FeedValidators(url, state.etag, state.last_modified)


def record_poll(
    session: Session,
    url: str,
    status: str,
    next_poll_at: dt.datetime,
    error: str | None = None,
    queued: int = 0,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = True,
) -> None:
    """Save one poll's outcome. Validators are replaced only on a fresh 200 response
    (`keep_validators=False`); a 304 or an error keeps the old ones."""
    state = session.scalar(select(FeedState).where(FeedState.url == url))
    if state is None:
        state = FeedState(url=url, items_queued=0)
        session.add(state)
    state.last_polled_at = utcnow()
    state.poll_started_at = None
    state.next_poll_at = next_poll_at
    state.last_status = status[:40]
    state.last_error = error
    state.items_queued = (state.items_queued or 0) + queued
    if not keep_validators:
        state.etag = etag[:500] if etag else None
        state.last_modified = last_modified[:100] if last_modified else None
    session.flush()


def known_files(session: Session, prefix: str) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file queued before under `prefix`, by path."""
    rows = session.execute(
        select(WatchedFile.path, WatchedFile.size, WatchedFile.mtime_ns).where(
            WatchedFile.path.startswith(prefix, autoescape=True)
        )
    )
    return {r.path: (r.size, r.mtime_ns) for r in rows}


def file_signature(size: int, mtime_ns: int) -> tuple[int, int]:
    """How a file is remembered; the size is capped because the column is a 32-bit INTEGER
    on PostgreSQL."""
    return min(size, _MAX_INT32), mtime_ns


def record_file(session: Session, path: str, size: int, mtime_ns: int) -> None:
    size, mtime_ns = file_signature(size, mtime_ns)
    row = session.scalar(select(WatchedFile).where(WatchedFile.path == path))
    if row is None:
        session.add(WatchedFile(path=path, size=size, mtime_ns=mtime_ns, queued_at=utcnow()))
    else:
        row.size, row.mtime_ns, row.queued_at = size, mtime_ns, utcnow()
    session.flush()
