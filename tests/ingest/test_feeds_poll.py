"""Feed polling against a real local HTTP server: conditional GET, new entries only, polite
spacing, failures recorded. No model needed: polling only queues."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.config import Settings
from app.ingest.feeds_poll import FeedPoller
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_sources import PollStatus
from app.store.models import FeedState, IngestItem
from app.store.writer import store_article
from tests.ingest.service_support import FeedServer, feed_server, read_feed
from tests.store.factories import extraction, record

FEED = read_feed("service-feed.rss")
NEW_ENTRY = b"""<item>
      <title>Senate Confirms Water Commissioner</title>
      <link>https://statehouse.example.com/2024/06/12/water-commissioner</link>
      <pubDate>Wed, 12 Jun 2024 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>The state senate on Wednesday confirmed a water commissioner.</p>]]>
      </description>
    </item>
    <item>"""


def poller_for(settings: Settings, db: Database, *urls: str, **overrides: object) -> FeedPoller:
    configured = settings.model_copy(update={"feeds": list(urls), "per_host_delay_seconds": 0.0, **overrides})
    return FeedPoller(db.sessions, configured)


def queued_urls(db: Database) -> list[str | None]:
    with db.sessions() as session:
        return list(session.scalars(select(IngestItem.url).order_by(IngestItem.id)))


def feed_state(db: Database, url: str) -> FeedState:
    with db.sessions() as session:
        state = session.scalar(select(FeedState).where(FeedState.url == url))
        assert state is not None
        return state


def test_first_poll_queues_every_entry_with_text_and_keeps_the_validators(
    settings: Settings, db: Database
) -> None:
    with feed_server({"/feed.rss": FEED}) as server:
        url = server.url("/feed.rss")
        [result] = poller_for(settings, db, url).poll_due()
    assert (result.status, result.queued, result.bad) == (PollStatus.OK, 2, 1)
    assert queued_urls(db) == [
        "https://statehouse.example.com/2024/06/10/transit-budget",
        "https://statehouse.example.com/2024/06/11/school-funding",
    ]
    state = feed_state(db, url)
    assert state.etag == server.etag("/feed.rss")
    assert state.last_modified == "Tue, 04 Jun 2024 09:15:00 GMT"
    assert (state.last_status, state.items_queued) == ("ok", 2)
    assert state.last_error == "1 entries without text"


def test_an_unchanged_feed_costs_a_304_and_queues_nothing(settings: Settings, db: Database) -> None:
    with feed_server({"/feed.rss": FEED}) as server:
        url = server.url("/feed.rss")
        poller = poller_for(settings, db, url)
        poller.poll(url)
        second = poller.poll(url)
        conditional_headers = server.requests[1][1]
    assert conditional_headers.get("If-None-Match") == server.etag("/feed.rss")
    assert conditional_headers.get("If-Modified-Since") == "Tue, 04 Jun 2024 09:15:00 GMT"
    assert (second.status, second.queued) == (PollStatus.NOT_MODIFIED, 0)
    assert len(queued_urls(db)) == 2
    state = feed_state(db, url)
    assert state.last_status == "not modified"
    assert state.etag == server.etag("/feed.rss")  # a 304 keeps the validators


def test_a_changed_feed_queues_only_the_entries_not_seen_before(settings: Settings, db: Database) -> None:
    with feed_server({"/feed.rss": FEED}) as server:
        url = server.url("/feed.rss")
        poller = poller_for(settings, db, url)
        poller.poll(url)
        server.documents["/feed.rss"] = FEED.replace(b"<item>", NEW_ENTRY, 1)
        result = poller.poll(url)
    assert (result.status, result.queued, result.known) == (PollStatus.OK, 1, 2)
    assert queued_urls(db)[-1] == "https://statehouse.example.com/2024/06/12/water-commissioner"


def test_an_entry_already_stored_as_an_article_is_not_queued(settings: Settings, db: Database) -> None:
    body = "The state assembly on Monday passed a transit budget."
    with transaction(db.sessions) as session:
        store_article(
            session,
            record(body, url="https://statehouse.example.com/2024/06/10/transit-budget"),
            extraction(body, []),
        )
    with feed_server({"/feed.rss": FEED}) as server:
        result = poller_for(settings, db, server.url("/feed.rss")).poll(server.url("/feed.rss"))
    assert (result.queued, result.known) == (1, 1)
    assert queued_urls(db) == ["https://statehouse.example.com/2024/06/11/school-funding"]


def test_a_feed_is_not_polled_again_before_its_time(settings: Settings, db: Database) -> None:
    with feed_server({"/feed.rss": FEED}) as server:
        poller = poller_for(settings, db, server.url("/feed.rss"), feed_poll_seconds=3600)
        assert len(poller.poll_due()) == 1
        assert poller.poll_due() == []
        assert len(server.requests) == 1
    next_poll = feed_state(db, server.url("/feed.rss")).next_poll_at
    assert next_poll is not None
    assert next_poll.replace(tzinfo=dt.UTC) > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=59)


def test_requests_to_one_host_are_spaced_by_the_per_host_delay(settings: Settings, db: Database) -> None:
    with feed_server({"/a.rss": FEED, "/b.rss": FEED.replace(b"statehouse", b"capitol")}) as server:
        poller = poller_for(
            settings, db, server.url("/a.rss"), server.url("/b.rss"), per_host_delay_seconds=0.4
        )
        results = poller.poll_due()
        times = [t for _, _, t in server.requests]
    assert [r.status for r in results] == [PollStatus.OK, PollStatus.OK]
    assert times[1] - times[0] >= 0.4


def test_a_failing_feed_is_recorded_with_its_error_and_the_next_feed_is_still_polled(
    settings: Settings, db: Database
) -> None:
    with feed_server({"/good.rss": FEED}) as server:
        server.status_override["/bad.rss"] = 500
        bad, good = server.url("/bad.rss"), server.url("/good.rss")
        results = poller_for(settings, db, bad, good).poll_due()
    assert [r.status for r in results] == [PollStatus.ERROR, PollStatus.OK]
    state = feed_state(db, bad)
    assert (state.last_status, state.last_error) == ("error", "HTTP 500")
    assert state.next_poll_at is not None


def test_redirect_loops_and_oversized_feeds_are_refused(settings: Settings, db: Database) -> None:
    with feed_server({"/big.rss": FEED}) as server:
        server.redirects["/loop"] = "/loop"
        loop, big = server.url("/loop"), server.url("/big.rss")
        results = poller_for(settings, db, loop, big, http_max_redirects=3, max_file_bytes=1000).poll_due()
    assert [r.error for r in results] == [
        "more than 3 redirects",
        "response over the limit of 1,000 bytes",
    ]
    assert queued_urls(db) == []


def test_feed_server_helper_answers_404_for_unknown_paths() -> None:
    import httpx2

    with feed_server() as server:
        assert isinstance(server, FeedServer)
        assert httpx2.get(server.url("/nothing")).status_code == 404
