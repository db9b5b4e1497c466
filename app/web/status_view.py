"""The /status page's context: the ingest status with its times said as people say them
("4 s ago", "in 12 min"), relative to when the status was read, and whether the service is
healthy. Anyone may see whether it is healthy and the queue's figures; the details (worker
hosts and pids, feed URLs and folder paths, failed inputs, which name tokens and paths) only
a caller with a token (`details=True`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

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


# the oldest waiting item may wait this long before the service counts as behind
BEHIND_SECONDS = 15 * 60


@dataclass(frozen=True)
class FeedLine:
    url: str
    polled: str
    next_poll: str
    result: str
    problem: str | None
    items_queued: int
    kind: str = "feed"
    stuck: str | None = None  # "polling for 5 min" when stuck


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
    problems: list[str]  # why it is not healthy, said without names
    details: bool = True  # False: the public page, without workers, sources and failures

    @property
    def healthy(self) -> bool:
        return not self.problems


def health_problems(status: IngestStatus) -> list[str]:
    """What makes the service unhealthy, in words that name no host, path or token."""
    problems = []
    if status.queue_depth and not status.workers:
        problems.append(f"{status.queue_depth:,} items wait and no worker is running")
    age = status.oldest_queued_age_seconds
    if age is not None and age > BEHIND_SECONDS and status.workers:
        problems.append(f"the oldest waiting item has waited {span(age)}")
    stuck = [f for f in status.feeds if f.stuck]
    if stuck:
        kinds = ", ".join(sorted({f.kind for f in stuck}))
        problems.append(f"{len(stuck)} source{'s' if len(stuck) != 1 else ''} stuck ({kinds})")
    return problems


def status_page(status: IngestStatus, details: bool = True) -> StatusPage:
    now = status.generated_at
    age = status.oldest_queued_age_seconds
    page = StatusPage(
        status=status,
        oldest_waiting=span(age) if age is not None else None,
        accepted_per_minute=f"{status.accepted.per_minute:.1f}",
        processed_per_minute=f"{status.processed.per_minute:.1f}",
        problems=health_problems(status),
        details=details,
        feeds=[
            FeedLine(
                url=f.url,
                polled=relative(f.last_polled_at, now),
                next_poll=relative(f.next_poll_at, now) if f.next_poll_at else "at the next tick",
                result=f.last_status or "not polled yet",
                problem=f.last_error,
                items_queued=f.items_queued,
                kind=f.kind,
                stuck=f"{'scanning' if f.kind == 'folder' else 'polling'} for {span(f.in_flight_seconds)}"
                if f.stuck and f.in_flight_seconds is not None
                else None,
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
    if not details:
        public = replace(status, recent_failures=[], feeds=[], workers=[])
        page = replace(page, status=public, feeds=[], workers=[], failures=[])
    return page
