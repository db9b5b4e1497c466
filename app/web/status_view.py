"""The /status page's context: the ingest status with its times said as people say them
("4 s ago", "in 12 min"), relative to when the status was read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.store.queries.ingest_status import IngestStatus


def span(seconds: float) -> str:
    """A duration, rounded to the unit that matters: "45 s", "12 min", "3 h", "2 days"."""
    seconds = abs(seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} days"


def relative(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "never"
    delta = (moment - now).total_seconds()
    return f"in {span(delta)}" if delta > 0 else f"{span(delta)} ago"


@dataclass(frozen=True)
class FeedLine:
    url: str
    polled: str
    next_poll: str
    result: str
    problem: str | None
    items_queued: int


@dataclass(frozen=True)
class WorkerLine:
    id: str
    host: str
    pid: int
    running_for: str
    heartbeat: str


@dataclass(frozen=True)
class FailureLine:
    id: int
    origin: str
    reason: str
    when: str


@dataclass(frozen=True)
class StatusPage:
    status: IngestStatus
    oldest_waiting: str | None
    accepted_per_minute: str
    processed_per_minute: str
    feeds: list[FeedLine]
    workers: list[WorkerLine]
    failures: list[FailureLine]


def status_page(status: IngestStatus) -> StatusPage:
    now = status.generated_at
    age = status.oldest_queued_age_seconds
    return StatusPage(
        status=status,
        oldest_waiting=span(age) if age is not None else None,
        accepted_per_minute=f"{status.accepted.per_minute:.1f}",
        processed_per_minute=f"{status.processed.per_minute:.1f}",
        feeds=[
            FeedLine(
                url=f.url,
                polled=relative(f.last_polled_at, now),
                next_poll=relative(f.next_poll_at, now) if f.next_poll_at else "at the next tick",
                result=f.last_status or "not polled yet",
                problem=f.last_error,
                items_queued=f.items_queued,
            )
            for f in status.feeds
        ],
        workers=[
            WorkerLine(
                id=w.id,
                host=w.hostname,
                pid=w.pid,
                running_for=span((now - w.started_at).total_seconds()),
                heartbeat=relative(w.heartbeat_at, now),
            )
            for w in status.workers
        ],
        failures=[
            FailureLine(id=f.id, origin=f.origin, reason=f.error, when=relative(f.finished_at, now))
            for f in status.recent_failures
        ],
    )
