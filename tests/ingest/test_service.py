"""`dateline service` for real: two services share one queue; SIGTERM finishes the article in
hand, puts the rest back and exits within 5 s; the in-process service picks up watched files and
feed entries. (SIGKILL and restart: tests/ingest/test_kill9.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select

from app.config import Settings
from app.ingest.service import IngestService
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, IngestItem, IngestWorker
from app.store.tokens import create_token
from tests.conftest import TEST_DATA
from tests.ingest.service_support import (
    count_by_status,
    enqueue_all,
    feed_server,
    json_item,
    read_feed,
    shared_extractor,
    start_dateline,
    wait_until,
)

pytestmark = pytest.mark.slow

ITEMS = 60
START_TIMEOUT = 120.0


def stop(process: subprocess.Popen[str], sig: signal.Signals) -> str:
    process.send_signal(sig)
    output, _ = process.communicate(timeout=120)  # also reaps it, so its pid is gone
    return output


def done_count(db: Database) -> int:
    return count_by_status(db).get("done", 0)


@pytest.mark.long
def test_two_services_share_one_queue_and_process_each_item_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    services = [start_dateline(database_url, "service", log=log, service_batch_size=4) for log in logs]
    try:
        # Queue only once both have their model loaded, so that neither finds the work done.
        assert wait_until(lambda: all("working the queue" in log.read_text() for log in logs), START_TIMEOUT)
        enqueue_all(db, [json_item(i) for i in range(ITEMS)])
        assert wait_until(lambda: done_count(db) == ITEMS, START_TIMEOUT), count_by_status(db)
    finally:
        for service in services:
            stop(service, signal.SIGTERM)
    assert all(service.returncode == 0 for service in services), [log.read_text() for log in logs]
    assert count_by_status(db) == {"done": ITEMS}
    with db.sessions() as session:
        workers = set(session.scalars(select(IngestItem.worker)))
        attempts = set(session.scalars(select(IngestItem.attempts)))
        articles = session.scalar(select(func.count()).select_from(Article))
    assert len(workers) == 2  # both took part
    assert attempts == {1} and articles == ITEMS  # and no item was taken twice


@pytest.mark.long
def test_sigterm_finishes_the_article_in_hand_puts_the_rest_back_and_exits_within_5_s(
    db: Database, database_url: str
) -> None:
    total = 150
    enqueue_all(db, [json_item(i) for i in range(total)])
    service = start_dateline(database_url, "service", service_batch_size=16)
    try:
        assert wait_until(lambda: done_count(db) >= 3, START_TIMEOUT)
    finally:
        started = time.monotonic()
        output = stop(service, signal.SIGTERM)
    elapsed = time.monotonic() - started
    assert service.returncode == 0, output
    assert elapsed < 5, f"stopped after {elapsed:.1f} s"  # a container's stop timeout is 10 s
    assert "SIGTERM: finishing the article in hand, then stopping" in output
    counts = count_by_status(db)
    assert set(counts) == {"done", "queued"}, counts  # nothing left half-done
    assert 0 < counts["done"] < total
    with db.sessions() as session:
        waiting = session.execute(
            select(IngestItem.attempts, IngestItem.crashes).where(IngestItem.status == "queued")
        ).all()
        [reason] = session.scalars(select(IngestWorker.stop_reason)).all()
    assert {tuple(w) for w in waiting} == {(0, 0)}  # put back as if never claimed
    assert reason == "stopped"


def test_the_service_ingests_a_dropped_file_and_a_new_feed_entry(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with feed_server({"/feed.rss": read_feed("service-feed.rss")}) as server:
        configured = settings.model_copy(
            update={
                "watch_dirs": [inbox],
                "feeds": [server.url("/feed.rss")],
                "watch_poll_seconds": 0.2,
                "watch_settle_seconds": 0.0,
                "service_idle_seconds": 0.1,
            }
        )
        service = IngestService(configured, db, extractor=shared_extractor())
        thread = threading.Thread(target=service.run, kwargs={"handle_signals": False})
        thread.start()
        try:
            (inbox / "story.txt").write_text((TEST_DATA / "newspaper-export.txt").read_text("utf-8"), "utf-8")
            assert wait_until(lambda: done_count(db) == 3, 60), count_by_status(db)
        finally:
            service.stop()
            thread.join(60)
    assert not thread.is_alive()
    with db.sessions() as session:
        origins = set(session.scalars(select(Article.origin)))
    feed = server.url("/feed.rss")
    assert origins == {str(inbox / "story.txt"), f"{feed} entry 1", f"{feed} entry 2"}
    assert service.tally.stored == 3


@pytest.mark.long
def test_serve_with_worker_takes_posts_processes_them_and_stops_on_sigterm(
    db: Database, database_url: str
) -> None:
    with transaction(db.sessions) as session:
        _, token = create_token(session, "test")
    port = 18000 + os.getpid() % 1000
    server = start_dateline(database_url, "serve", "--port", str(port), "--with-worker")
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: _answers(base), START_TIMEOUT), "server did not start"
        response = httpx2.post(
            f"{base}/api/v1/articles",
            json={"title": "Water bill", "url": "https://x.example/w", "text": json_item(1).payload},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 202, response.text
        status_url = base + response.json()["status_url"]
        assert wait_until(lambda: httpx2.get(status_url).json()["status"] == "done", START_TIMEOUT)
        assert httpx2.get(status_url).json()["article_id"] == 1
    finally:
        output = stop(server, signal.SIGTERM)
    assert server.returncode in (0, -signal.SIGTERM), output
    with db.sessions() as session:
        assert session.scalars(select(IngestWorker.stop_reason)).all() == ["stopped"]


def _answers(base: str) -> bool:
    try:
        return httpx2.get(f"{base}/status", timeout=1).status_code == 200
    except httpx2.HTTPError:
        return False
