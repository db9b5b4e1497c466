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
from app.store.models import IngestItem, IngestWorker, utcnow


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
    claims = []
    for _ in range(3):  # the dead worker's two items are suspects now: each is taken alone
        with transaction(db.sessions) as session:
            claims.append([c.id for c in ingest_queue.claim(session, "new-one", 5)])
    assert claims == [[ids[0]], [ids[1]], [ids[2]]]


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
        assert ingest_queue.release_claims(session, "w1") == 1
    with transaction(db.sessions) as session:
        [again] = ingest_queue.claim(session, "w1", 1)
    assert again.id == item_id and again.attempts == 1


def crash(db: Database, worker_id: str) -> None:
    """`worker_id` dies holding whatever it claimed; a live worker recovers its items."""
    with transaction(db.sessions) as session:
        ingest_workers.mark_stopped(session, [worker_id], "died")
        ingest_queue.recover_abandoned(session, max_solo_crashes=3)


def items(db: Database) -> dict[int, IngestItem]:
    with db.sessions() as session:
        return {row.id: row for row in session.scalars(select(IngestItem).order_by(IngestItem.id))}


def drain(db: Database, worker_id: str, rounds: int | None = None) -> list[list[int]]:
    """`worker_id` claims and finishes batches of 16 until the queue is empty (or `rounds`)."""
    register(db, worker_id)
    taken: list[list[int]] = []
    while rounds is None or len(taken) < rounds:
        with transaction(db.sessions) as session:
            claimed = ingest_queue.claim(session, worker_id, 16)
            for item in claimed:
                ingest_queue.finish(session, item.id, worker_id, ItemStatus.DONE)
        if not claimed:
            break
        taken.append([c.id for c in claimed])
    return taken


def test_kills_while_batches_are_in_hand_fail_no_item_and_its_suspects_are_taken_alone(db: Database) -> None:
    """The probe's case: kills while items 33-48 were in hand failed 16 healthy items."""
    ids = queue_items(db, 60)
    for n in range(4):
        register(db, f"killed-{n}")
        with transaction(db.sessions) as session:
            ingest_queue.claim(session, f"killed-{n}", 16)
        crash(db, f"killed-{n}")
        drain(db, f"healthy-{n}", rounds=1)
    rows = items(db)
    assert "failed" not in {row.status for row in rows.values()}
    assert max(row.solo_crashes for row in rows.values()) <= 2
    taken = drain(db, "healthy")
    assert set(statuses(db).values()) == {"done"}
    suspects = [i for i in ids if rows[i].crashes and rows[i].status == "queued"]
    assert suspects and all([i] in taken for i in suspects)  # each claimed alone


def test_an_item_that_keeps_stopping_its_worker_alone_is_set_aside_with_its_reason(db: Database) -> None:
    ids = queue_items(db, 5)
    for n in range(4):  # the batch, then the first item alone three times
        register(db, f"killed-{n}")
        with transaction(db.sessions) as session:
            claimed = ingest_queue.claim(session, f"killed-{n}", 16)
        assert [c.id for c in claimed] == (ids if n == 0 else ids[:1])
        crash(db, f"killed-{n}")
    culprit = items(db)[ids[0]]
    assert culprit.status == "failed" and (culprit.crashes, culprit.solo_crashes) == (4, 3)
    assert culprit.error.startswith("set aside: its worker stopped 3 times while processing it alone")
    assert f"dateline queue retry {ids[0]}" in culprit.error
    drain(db, "healthy")
    assert statuses(db) == {ids[0]: "failed", **{i: "done" for i in ids[1:]}}
    with transaction(db.sessions) as session:
        assert ingest_queue.retry(session, [ids[0], ids[1]]) == 1  # the done one stays done
    again = items(db)[ids[0]]
    assert (again.status, again.crashes, again.solo_crashes, again.error) == ("queued", 0, 0, None)


def test_a_worker_error_counts_a_crash_but_a_graceful_stop_does_not(db: Database) -> None:
    [item_id] = queue_items(db, 1)
    register(db, "w1")
    with transaction(db.sessions) as session:
        ingest_queue.claim(session, "w1", 1)
        ingest_queue.release_claims(session, "w1")
        ingest_queue.claim(session, "w1", 1)
        ingest_queue.release_claims(session, "w1", crashed=True, max_solo_crashes=3)
    row = items(db)[item_id]
    assert (row.status, row.attempts, row.crashes, row.solo_crashes) == ("queued", 1, 1, 1)


def test_a_late_heartbeat_revives_a_worker_thought_dead_not_one_that_stopped_itself(
    db: Database,
) -> None:

    register(db, "paused")
    register(db, "leaving")
    with transaction(db.sessions) as session:
        ingest_workers.mark_stopped(session, ["paused"], "died")
        ingest_workers.mark_stopped(session, ["leaving"], "stopped")
    with transaction(db.sessions) as session:  # each one's heartbeat thread beats once more
        ingest_workers.beat(session, "paused")
        ingest_workers.beat(session, "leaving")
    with db.sessions() as session:
        reasons = dict(session.execute(select(IngestWorker.id, IngestWorker.stop_reason)).tuples().all())
    assert reasons == {"paused": None, "leaving": "stopped"}
