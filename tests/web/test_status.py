"""/status and /metrics show the queue, rates, workers, feeds, folders and failures as stored:
whether the service is healthy to anyone, the details (hosts, paths, token names, URLs) only to
a caller with a token; a source whose poll has run too long shows as stuck."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from app.config import Settings
from app.main import create_app
from app.store import ingest_queue, ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import ItemStatus, NewItem, PayloadType
from app.store.ingest_sources import PollStatus, record_poll, start_poll
from app.store.models import FeedState, utcnow
from app.store.queries.ingest_status import ingest_status
from app.store.tokens import create_token
from app.web.status_view import relative, span, status_page

FEED = "https://wire.example.com/feed.rss"


@pytest.fixture
def client(settings: Settings, db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def token(db: Database) -> dict[str, str]:
    with transaction(db.sessions) as session:
        _, plain = create_token(session, "monitor")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def busy_queue(db: Database) -> None:
    """Three waiting, one being processed, one done, one failed; a worker; a feed."""
    item = NewItem(origin="api", payload="{}", content_type=PayloadType.JSON)
    with transaction(db.sessions) as session:
        ingest_workers.register(session, "worker-1", "host-a", 42)
        for _ in range(6):
            ingest_queue.enqueue(session, item)
        ingest_queue.record_failure(
            session, NewItem("/inbox/bad.txt", "", PayloadType.RECORD), "binary file, not text"
        )
        record_poll(
            session,
            FEED,
            PollStatus.ERROR,
            utcnow() + dt.timedelta(minutes=15),
            error="HTTP 503",
        )
    with transaction(db.sessions) as session:
        claimed = ingest_queue.claim(session, "worker-1", 3)
    with transaction(db.sessions) as session:
        ingest_queue.finish(session, claimed[0].id, "worker-1", ItemStatus.DONE)
        ingest_queue.finish(session, claimed[1].id, "worker-1", ItemStatus.FAILED, error='missing "text"')


@pytest.mark.usefixtures("busy_queue")
def test_status_page_context_holds_depth_rates_workers_feeds_and_failures(db: Database) -> None:
    # Built as the route builds it: the app's GZip middleware drops the test client's
    # template-context hook, so response.context is not available.
    with db.sessions() as session:
        page = status_page(ingest_status(session))
    status = page.status
    assert (status.queue_depth, status.processing) == (3, 1)
    assert status.by_status == {"queued": 3, "processing": 1, "done": 1, "duplicate": 0, "failed": 2}
    assert status.accepted.last_minute == 7 and status.processed.last_minute == 3
    assert [w.id for w in page.workers] == ["worker-1"]
    [feed] = page.feeds
    assert (feed.url, feed.result, feed.problem) == (FEED, "error", "HTTP 503")
    assert feed.next_poll.startswith("in ")
    assert [f.reason for f in page.failures] == ['missing "text"', "binary file, not text"]


@pytest.mark.usefixtures("busy_queue")
def test_status_page_shows_the_queue_feeds_and_failures_to_a_token(
    client: TestClient, token: dict[str, str]
) -> None:
    response = client.get("/status", headers=token)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    assert '<dd id="queue-depth">3</dd>' in html
    assert "worker-1" in html
    assert "HTTP 503" in html and "/inbox/bad.txt" in html and "missing &#34;text&#34;" in html


@pytest.mark.usefixtures("busy_queue")
def test_the_public_status_page_says_healthy_or_not_and_names_no_host_path_token_or_feed(
    client: TestClient, db: Database
) -> None:
    with transaction(db.sessions) as session:
        ingest_queue.enqueue(
            session, NewItem(origin="POST by newsroom-crawler", payload="{}", content_type="x")
        )
    html = client.get("/status").text
    assert 'id="health">Healthy.' in html
    assert '<dd id="queue-depth">4</dd>' in html
    for secret in ("worker-1", "host-a", "/inbox/bad.txt", "newsroom-crawler", FEED, "HTTP 503"):
        assert secret not in html, secret
    assert 'id="details-need-a-token"' in html
    metrics = client.get("/metrics").text
    assert FEED not in metrics and "host-a" not in metrics
    assert "dateline_sources_stuck 0" in metrics


def test_a_wrong_token_is_refused_rather_than_shown_the_public_page(client: TestClient) -> None:
    response = client.get("/status", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="dateline", error="invalid_token"'


def test_status_page_of_an_idle_install_says_what_is_missing(
    client: TestClient, token: dict[str, str]
) -> None:
    html = client.get("/status", headers=token).text
    assert "No worker is running" in html
    assert "No feeds or watched folders configured" in html


def test_waiting_items_without_a_worker_and_a_stuck_feed_make_it_unhealthy(
    client: TestClient, db: Database, token: dict[str, str]
) -> None:
    with transaction(db.sessions) as session:
        ingest_queue.enqueue(session, NewItem(origin="api", payload="{}", content_type=PayloadType.JSON))
        start_poll(session, FEED)
    with transaction(db.sessions) as session:
        session.execute(update(FeedState).values(poll_started_at=utcnow() - dt.timedelta(minutes=10)))
    html = client.get("/status").text
    assert "Not healthy: 1 items wait and no worker is running; 1 source stuck (feed)." in html
    detailed = client.get("/status", headers=token).text
    assert "stuck: polling for 10 min" in detailed
    metrics = client.get("/metrics", headers=token).text
    assert "dateline_sources_stuck 1" in metrics
    assert f'dateline_source_stuck{{kind="feed",source="{FEED}"}} 1' in metrics


@pytest.mark.usefixtures("busy_queue")
def test_metrics_are_prometheus_text_with_queue_gauges_and_outcome_counters(
    client: TestClient, token: dict[str, str]
) -> None:
    response = client.get("/metrics", headers=token)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    samples = {}
    for line in response.text.splitlines():
        if line.startswith("#"):
            assert re.match(r"# (HELP|TYPE) dateline_\w+ ", line), line
            continue
        name, value = line.rsplit(" ", 1)
        samples[name] = float(value)
    assert samples["dateline_ingest_queue_depth"] == 3
    assert samples["dateline_ingest_processing"] == 1
    assert samples["dateline_ingest_items_received_total"] == 7
    assert samples['dateline_ingest_items_finished_total{status="failed"}'] == 2
    assert samples['dateline_ingest_items_finished_total{status="done"}'] == 1
    assert samples["dateline_ingest_workers"] == 1
    assert samples[f'dateline_feed_last_poll_ok{{feed="{FEED}"}}'] == 0
    assert samples["dateline_ingest_oldest_queued_age_seconds"] >= 0


def test_times_are_said_at_the_unit_that_matters() -> None:
    now = dt.datetime(2024, 7, 1, 12, tzinfo=dt.UTC)
    assert [span(s) for s in (4, 600, 7200, 3 * 86400)] == ["4 s", "10 min", "2 h", "3 days"]
    assert relative(now - dt.timedelta(seconds=30), now) == "30 s ago"
    assert relative(now + dt.timedelta(minutes=15), now) == "in 15 min"
    assert relative(None, now) == "never"
