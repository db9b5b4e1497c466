"""The durable queue's table operations: claims are exclusive, finishing needs the claim,
abandoned claims go back to the queue. No model needed."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from app.store import ingest_queue, ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import ItemStatus, NewItem, PayloadType
from app.store.ingest_workers import WorkerRow
from app.store.models import IngestItem, utcnow


def queue_items(db: Database, count: int) -> list[int]:
    with transaction(db.sessions) as session:
        return [
            ingest_queue.enqueue(
                session,
                NewItem(origin=f"test {i}", payload='{"text": "x"}', content_type=PayloadType.JSON),
            )
            for i in range(count)
        ]


def register(db: Database, worker_id: str, pid: int = 1, host: str = "host-a") -> WorkerRow:
    with transaction(db.sessions) as session:
        ingest_workers.register(session, worker_id, host, pid)
    now = utcnow()
    return WorkerRow(id=worker_id, hostname=host, pid=pid, started_at=now, heartbeat_at=now)


def statuses(db: Database) -> dict[int, str]:
    with db.sessions() as session:
        return dict(
            session.execute(select(IngestItem.id, IngestItem.status).order_by(IngestItem.id)).tuples().all()
        )


def test_an_enqueued_item_is_visible_to_another_connection_once_committed(db: Database) -> None:
    [item_id] = queue_items(db, 1)
    other = Database.open(str(db.engine.url.render_as_string(hide_password=False)))
    try:
        with other.sessions() as session:
            row = session.get(IngestItem, item_id)
            assert row is not None and row.status == ItemStatus.QUEUED
    finally:
        other.close()


def test_claims_take_the_oldest_items_first(db: Database) -> None:
    ids = queue_items(db, 5)
    register(db, "w1")
    with transaction(db.sessions) as session:
        claimed = ingest_queue.claim(session, "w1", 3)
    assert [c.id for c in claimed] == ids[:3]
    assert all(c.attempts == 1 for c in claimed)
    assert list(statuses(db).values()) == ["processing"] * 3 + ["queued"] * 2


def test_concurrent_workers_never_claim_the_same_item(db: Database) -> None:
    ids = queue_items(db, 60)
    claimed: dict[str, list[int]] = {"w1": [], "w2": [], "w3": []}
    for worker in claimed:
        register(db, worker)
    barrier = threading.Barrier(len(claimed))

    def work(worker: str) -> None:
        barrier.wait()
        while True:
            with transaction(db.sessions) as session:
                batch = ingest_queue.claim(session, worker, 4)
            if not batch:
                return
            claimed[worker].extend(item.id for item in batch)

    threads = [threading.Thread(target=work, args=(w,)) for w in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    every_claim = [i for ids_of_worker in claimed.values() for i in ids_of_worker]
    assert sorted(every_claim) == ids  # each item claimed, none twice


def test_finishing_needs_the_claim_so_a_worker_thought_dead_cannot_store_twice(db: Database) -> None:
    [item_id] = queue_items(db, 1)
    register(db, "slow")
    with transaction(db.sessions) as session:
        ingest_queue.claim(session, "slow", 1)
    # "slow" is declared dead; its item goes back to the queue and "fast" takes it
    with transaction(db.sessions) as session:
        ingest_workers.mark_stopped(session, ["slow"], "died")
        assert ingest_queue.recover_abandoned(session) == 1
    register(db, "fast")
    with transaction(db.sessions) as session:
        [again] = ingest_queue.claim(session, "fast", 1)
    assert again.id == item_id and again.attempts == 2
    with transaction(db.sessions) as session:
        assert not ingest_queue.hold(session, item_id, "slow")
        assert not ingest_queue.finish(session, item_id, "slow", ItemStatus.DONE)
    with transaction(db.sessions) as session:
        assert ingest_queue.hold(session, item_id, "fast")
        assert ingest_queue.finish(session, item_id, "fast", ItemStatus.DONE)
    assert statuses(db) == {item_id: "done"}


def test_items_of_a_worker_whose_process_is_gone_go_back_to_the_queue(db: Database) -> None:
    ids = queue_items(db, 3)
    register(db, "dead-one", pid=111)
    with transaction(db.sessions) as session:
        ingest_queue.claim(session, "dead-one", 2)
    me = register(db, "new-one", pid=222)
    with transaction(db.sessions) as session:
        dead = ingest_workers.find_dead(
            session, me, dt.timedelta(minutes=1), pid_alive=lambda pid: pid != 111
        )
        ingest_workers.mark_stopped(session, dead, "died")
        requeued = ingest_queue.recover_abandoned(session)
    assert dead == ["dead-one"]
    assert requeued == 2
    assert list(statuses(db).values()) == ["queued"] * 3
    with transaction(db.sessions) as session:
        assert [c.id for c in ingest_queue.claim(session, "new-one", 5)] == ids


def test_a_live_worker_on_another_host_keeps_its_items_until_its_heartbeat_is_stale(db: Database) -> None:
    queue_items(db, 1)
    register(db, "elsewhere", pid=5, host="host-b")
    with transaction(db.sessions) as session:
        ingest_queue.claim(session, "elsewhere", 1)
    me = register(db, "here", pid=6)
    with transaction(db.sessions) as session:
        assert ingest_workers.find_dead(session, me, dt.timedelta(minutes=1), pid_alive=lambda _: False) == []
        later = utcnow() + dt.timedelta(minutes=2)
        assert ingest_workers.find_dead(
            session, me, dt.timedelta(minutes=1), pid_alive=lambda _: True, now=later
        ) == ["elsewhere"]


def test_a_graceful_release_refunds_the_attempt(db: Database) -> None:
    [item_id] = queue_items(db, 1)
    register(db, "w1")
    with transaction(db.sessions) as session:
        ingest_queue.claim(session, "w1", 1)
    with transaction(db.sessions) as session:
        assert ingest_queue.release_claims(session, "w1", refund_attempt=True) == 1
    with transaction(db.sessions) as session:
        [again] = ingest_queue.claim(session, "w1", 1)
    assert again.id == item_id and again.attempts == 1
