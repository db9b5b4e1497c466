"""Who is working the ingest queue (table `ingest_workers`): registration, heartbeats, and
declaring a silent worker dead so that its claimed items can go back to the queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from app.store.ingest_queue import as_utc
from app.store.models import IngestWorker, utcnow


@dataclass(frozen=True)
class WorkerRow:
    id: str
    hostname: str
    pid: int
    started_at: dt.datetime
    heartbeat_at: dt.datetime


def register(session: Session, worker_id: str, hostname: str, pid: int) -> None:
    now = utcnow()
    session.add(IngestWorker(id=worker_id, hostname=hostname, pid=pid, started_at=now, heartbeat_at=now))
    session.flush()


def beat(session: Session, worker_id: str) -> None:
    """A heartbeat. It also revives a worker that others wrongly declared dead (a long pause):
    its claims were taken away meanwhile, and `ingest_queue.hold` keeps it from finishing them.
    A worker that recorded its own stop stays stopped: a late beat from its heartbeat thread
    must not undo that."""
    session.execute(
        update(IngestWorker)
        .where(
            IngestWorker.id == worker_id,
            or_(IngestWorker.stop_reason.is_(None), IngestWorker.stop_reason != "stopped"),
        )
        .values(heartbeat_at=utcnow(), stopped_at=None, stop_reason=None)
        .execution_options(synchronize_session=False)
    )


def mark_stopped(session: Session, worker_ids: list[str], reason: str) -> None:
    if not worker_ids:
        return
    session.execute(
        update(IngestWorker)
        .where(IngestWorker.id.in_(worker_ids), IngestWorker.stopped_at.is_(None))
        .values(stopped_at=utcnow(), stop_reason=reason)
        .execution_options(synchronize_session=False)
    )


def forget_stopped(session: Session, before: dt.datetime) -> int:
    """Drop the rows of workers that stopped before `before` (they are history only)."""
    stmt = (
        delete(IngestWorker)
        .where(IngestWorker.stopped_at < before)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount


def running(session: Session) -> list[WorkerRow]:
    rows = session.execute(
        select(
            IngestWorker.id,
            IngestWorker.hostname,
            IngestWorker.pid,
            IngestWorker.started_at,
            IngestWorker.heartbeat_at,
        )
        .where(IngestWorker.stopped_at.is_(None))
        .order_by(IngestWorker.started_at)
    ).all()
    return [
        WorkerRow(
            id=r.id,
            hostname=r.hostname,
            pid=r.pid,
            started_at=as_utc(r.started_at) or r.started_at,
            heartbeat_at=as_utc(r.heartbeat_at) or r.heartbeat_at,
        )
        for r in rows
    ]


def find_dead(
    session: Session,
    me: WorkerRow,
    stale_after: dt.timedelta,
    pid_alive: Callable[[int], bool],
    now: dt.datetime | None = None,
) -> list[str]:
    """Workers that are registered as running but are not: silent for longer than
    `stale_after`, or on this host with a process id that is gone (or is ours: a restarted
    container reuses pids, and a process runs one worker), which needs no waiting."""
    now = now or utcnow()
    dead = []
    for worker in running(session):
        if worker.id == me.id:
            continue
        same_host = worker.hostname == me.hostname
        if (
            worker.heartbeat_at < now - stale_after
            or (same_host and worker.pid == me.pid)
            or (same_host and not pid_alive(worker.pid))
        ):
            dead.append(worker.id)
    return dead
