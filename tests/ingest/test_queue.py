"""The queue worker with the real model and a real database: items become articles once,
bad items fail with their reason and the worker goes on."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app.config import Settings
from app.domain import ArticleRecord
from app.ingest.batch import Ingester
from app.ingest.queue import QueueWorker, read_item, record_item
from app.store import ingest_queue, ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import ClaimedItem, NewItem, PayloadType
from app.store.models import Article, IngestItem
from tests.ingest.service_support import enqueue_all, json_item, read_feed, shared_extractor

WORKER = "test-worker"


def make_worker(
    settings: Settings, db: Database, worker_id: str = WORKER, batch_size: int = 8
) -> QueueWorker:
    with transaction(db.sessions) as session:
        ingest_workers.register(session, worker_id, "test-host", 1)
    ingester = Ingester(db.sessions, settings, extractor=shared_extractor(), processes=1)
    return QueueWorker(db.sessions, ingester, worker_id, batch_size=batch_size)


def item_rows(db: Database) -> list[IngestItem]:
    with db.sessions() as session:
        return list(session.scalars(select(IngestItem).order_by(IngestItem.id)))


def article_count(db: Database) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0


def test_a_service_read_record_survives_the_queue_unchanged() -> None:
    record = ArticleRecord(
        title="T",
        body="Body.",
        origin="/in/a.txt",
        source="Wire",
        url="https://x.example/a",
        authors=("A", "B"),
        published=dt.date(2024, 7, 1),
        published_at=dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC),
        tags=("t",),
        bio="A is a reporter.",
    )
    item = record_item(record)
    claimed = ClaimedItem(1, item.origin, item.payload, item.content_type, item.meta, item.url, 1)
    assert read_item(claimed) == record


@pytest.mark.slow
def test_a_queued_json_record_becomes_one_article_and_its_item_is_done(
    settings: Settings, db: Database
) -> None:
    enqueue_all(db, [json_item(1)])
    worker = make_worker(settings, db)
    assert worker.work_batch() == 1
    assert worker.work_batch() == 0
    [item] = item_rows(db)
    assert (item.status, item.attempts, item.error) == ("done", 1, None)
    with db.sessions() as session:
        article = session.get(Article, item.article_id)
        assert article is not None
        assert (article.title, article.url) == ("Water bill 1", "https://wire.example.com/water-1")
        assert article.published_date == dt.date(2024, 6, 4)
        assert article.authors == ["Lee Park"]
        assert article.sentences  # extracted by the real pipeline


@pytest.mark.slow
def test_a_raw_body_takes_the_posters_metadata(settings: Settings, db: Database) -> None:
    html = "<html><head><title>Page title</title></head><body><article><p>{}</p></article></body></html>"
    item = NewItem(
        origin="api",
        payload=html.format("The council met on Monday. It voted for the plan."),
        content_type=PayloadType.HTML,
        meta={"title": "Council Backs Plan", "url": "https://x.example/plan", "published": "June 3, 2024"},
        url="https://x.example/plan",
    )
    enqueue_all(db, [item])
    make_worker(settings, db).work_batch()
    [row] = item_rows(db)
    assert row.status == "done", row.error
    with db.sessions() as session:
        article = session.get(Article, row.article_id)
        assert article is not None
        assert (article.title, article.url, article.published_date) == (
            "Council Backs Plan",
            "https://x.example/plan",
            dt.date(2024, 6, 3),
        )
        assert "voted for the plan" in article.body


@pytest.mark.slow
def test_bad_items_fail_with_their_reason_and_the_worker_goes_on(settings: Settings, db: Database) -> None:
    bad_date = json_item(11, published="the day after the storm")
    no_text = NewItem(
        origin="api", payload=json.dumps({"title": "x", "text": "   "}), content_type=PayloadType.JSON
    )
    two_articles = NewItem(
        origin="api",
        payload=read_feed("service-feed.rss").decode(),
        content_type=PayloadType.TEXT,
    )
    unknown = NewItem(origin="api", payload="%PDF-1.4", content_type="application/pdf")
    enqueue_all(db, [json_item(10), bad_date, no_text, two_articles, unknown, json_item(12)])
    worker = make_worker(settings, db)
    worker.work_batch()
    rows = item_rows(db)
    assert [r.status for r in rows] == ["done", "failed", "failed", "failed", "failed", "done"]
    reasons = [r.error for r in rows[1:5]]
    assert reasons == [
        "unparseable published date 'the day after the storm'",
        'missing "text"',
        "holds 3 entries (a feed?); post one article per request",
        "unknown payload type 'application/pdf'",
    ]
    assert (worker.tally.stored, worker.tally.failed) == (2, 4)
    assert article_count(db) == 2


@pytest.mark.slow
def test_an_article_stored_before_makes_the_item_a_duplicate_of_it(settings: Settings, db: Database) -> None:
    enqueue_all(db, [json_item(20)])
    worker = make_worker(settings, db)
    worker.work_batch()
    same_url_new_text = json_item(20, text="A rewritten version of the story, with other words.")
    enqueue_all(db, [same_url_new_text])
    worker.work_batch()
    first, second = item_rows(db)
    assert (second.status, second.article_id) == ("duplicate", first.article_id)
    assert second.error == f"same URL as article {first.article_id}"
    assert article_count(db) == 1


@pytest.mark.slow
def test_a_worker_that_lost_its_claim_does_not_store_the_item(settings: Settings, db: Database) -> None:
    enqueue_all(db, [json_item(30)])
    slow = make_worker(settings, db, "slow-worker")
    with transaction(db.sessions) as session:
        claimed = ingest_queue.claim(session, "slow-worker", 1)
    # Meanwhile "slow-worker" is declared dead and another worker finishes the item.
    with transaction(db.sessions) as session:
        ingest_workers.mark_stopped(session, ["slow-worker"], "died")
        ingest_queue.recover_abandoned(session)
    make_worker(settings, db, "fast-worker").work_batch()
    slow.process(claimed)
    [row] = item_rows(db)
    assert (row.status, row.worker, row.attempts) == ("done", "fast-worker", 2)
    assert slow.tally.lost == 1 and slow.tally.stored == 0
    assert article_count(db) == 1


@pytest.mark.slow
def test_an_item_set_aside_is_not_processed_and_comes_back_with_queue_retry(
    settings: Settings, db: Database
) -> None:
    [item_id] = enqueue_all(db, [json_item(40)])
    with transaction(db.sessions) as session:
        ingest_workers.register(session, "crashing", "test-host", 2)
    for _ in range(3):  # three workers died holding it alone
        with transaction(db.sessions) as session:
            ingest_queue.claim(session, "crashing", 1)
        with transaction(db.sessions) as session:
            ingest_queue.release_claims(session, "crashing", crashed=True, max_solo_crashes=3)
    worker = make_worker(settings, db)
    assert worker.work_batch() == 0
    [row] = item_rows(db)
    assert row.status == "failed" and row.error.startswith("set aside: its worker stopped 3 times")
    with transaction(db.sessions) as session:
        assert ingest_queue.retry(session, [item_id]) == 1
    assert worker.work_batch() == 1
    [row] = item_rows(db)
    assert row.status == "done" and article_count(db) == 1
