"""`kill -9` the service three times at random moments while 300 articles are POSTed to a live
server and 50 files are dropped into a watched folder: every accepted item is stored exactly
once and none is failed, on SQLite and PostgreSQL. Short articles keep the run modest; the
service restarts (and reloads the model) after each kill, as a supervisor would restart it, and
the restarted service declares the killed one dead and runs its claimed items again, once."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select

from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, Counter, IngestItem, IngestWorker
from app.store.tokens import create_token
from tests.ingest.service_support import count_by_status, start_dateline, wait_until
from tests.web.live import live_server

pytestmark = [pytest.mark.slow, pytest.mark.long]

POSTS = 300
FILES = 50
KILLS = 3
START_TIMEOUT = 180.0
PLACES = ["Ohio", "Texas", "Maine", "Oregon", "Nevada", "Utah", "Iowa", "Idaho", "Kansas", "Alaska"]


def short_article(i: int) -> str:
    return f"The governor of {PLACES[i % len(PLACES)]} signed budget bill {i} on Tuesday."


def post_all(base: str, token: str, accepted: list[int], refused: list[str]) -> None:
    with httpx2.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}) as client:
        for i in range(POSTS):
            record = {
                "title": f"Budget bill {i}",
                "url": f"https://wire.example.com/budget-{i}",
                "published": "2024-06-04",
                "text": short_article(i),
            }
            response = client.post("/api/v1/articles", json=record)
            if response.status_code == 202:
                accepted.append(response.json()["id"])
            else:
                refused.append(f"{i}: {response.status_code} {response.text}")
            time.sleep(0.01)


def drop_files(folder: Path) -> None:
    for i in range(FILES):
        hidden = folder / f".tmp-{i}.txt"
        hidden.write_text(f"Water plan {i}\n\n{short_article(POSTS + i)}\n", encoding="utf-8")
        hidden.rename(folder / f"water-{i}.txt")  # whole, never half-written
        time.sleep(0.05)


def finished(db: Database) -> bool:
    counts = count_by_status(db)
    return not counts.get("queued") and not counts.get("processing") and sum(counts.values()) >= POSTS + FILES


def test_three_kills_during_posts_and_dropped_files_store_every_item_exactly_once(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    rng = random.Random()
    with transaction(db.sessions) as session:
        _, token = create_token(session, "kill9")
    folder = tmp_path / "drop"
    folder.mkdir()
    service_settings = {
        "watch_dirs": f'["{folder}"]',
        "watch_poll_seconds": 0.3,
        "watch_settle_seconds": 0.2,
        "service_batch_size": 8,
        "worker_stale_seconds": 600,  # only the restarted service recovers: no live worker is dead
    }
    accepted: list[int] = []
    refused: list[str] = []
    kills: list[str] = []
    logs: list[Path] = []
    with live_server(database_url, post_rate_per_minute=1_000_000) as base:
        log = tmp_path / "service-0.log"
        logs.append(log)
        service = start_dateline(database_url, "service", log=log, **service_settings)
        assert wait_until(lambda: "working the queue" in log.read_text(), START_TIMEOUT), log.read_text()
        producers = [
            threading.Thread(target=post_all, args=(base, token, accepted, refused)),
            threading.Thread(target=drop_files, args=(folder,)),
        ]
        for thread in producers:
            thread.start()
        try:
            for n in range(1, KILLS + 1):
                done_before = count_by_status(db).get("done", 0)
                # a random moment once this service is working: mid-batch, mid-store, idle
                assert wait_until(lambda d=done_before: count_by_status(db).get("done", 0) > d, START_TIMEOUT)
                time.sleep(rng.uniform(0.0, 1.5))
                service.send_signal(signal.SIGKILL)
                service.wait()
                kills.append(f"kill {n}: {count_by_status(db)}")
                log = tmp_path / f"service-{n}.log"
                logs.append(log)
                service = start_dateline(database_url, "service", log=log, **service_settings)
            for thread in producers:
                thread.join(300)
            assert wait_until(lambda: finished(db), 600), (count_by_status(db), kills)
        finally:
            service.send_signal(signal.SIGTERM)
            try:
                service.wait(30)
            except subprocess.TimeoutExpired:
                service.kill()
    assert not refused, refused[:5]
    assert len(accepted) == POSTS
    assert count_by_status(db) == {"done": POSTS + FILES}, kills  # none failed, none a duplicate
    with db.sessions() as session:
        posted = dict(
            session.execute(select(IngestItem.id, IngestItem.article_id).where(IngestItem.id.in_(accepted)))
            .tuples()
            .all()
        )
        article_ids = session.scalars(select(IngestItem.article_id)).all()
        articles = session.scalar(select(func.count()).select_from(Article))
        crashed = session.scalar(select(func.count()).where(IngestItem.crashes > 0))
        retried = session.scalar(select(func.count()).where(IngestItem.attempts > 1))
        counted = session.scalar(select(Counter.value).where(Counter.name == "articles"))
        stopped = sorted(session.scalars(select(IngestWorker.stop_reason)))
    assert set(posted) == set(accepted) and all(posted.values())
    assert len(set(article_ids)) == len(article_ids) == articles == POSTS + FILES  # exactly once each
    assert counted == POSTS + FILES  # the article counter was not bumped twice either
    assert crashed and retried >= crashed, kills  # the kills hit items in hand; those ran again
    assert stopped == ["died"] * KILLS + ["stopped"]
    # each restart recovered the killed worker's claims
    tails = [log.read_text()[-500:] for log in logs]
    assert all("dead workers" in log.read_text() for log in logs[1:]), tails
