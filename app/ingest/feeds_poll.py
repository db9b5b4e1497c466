"""Polling the configured RSS/Atom feeds: on schedule, with conditional GET, politely.

Each feed is fetched every `feed_poll_seconds` with the ETag and Last-Modified it last sent
(so an unchanged feed costs a 304 and no body), never sooner than `per_host_delay_seconds`
after the previous request to the same host; timeouts, the size limit and the redirect
limit are those of `app.ingest.fetch`. New entries (by URL, else by text) are queued; the
queued entries and the new validators are committed together, so a crash between the two
can neither lose entries nor skip them next time. The service runs each poll on a thread of its
own (`poll_politely`), so a slow feed holds up nothing but itself; a poll in flight is noted
in the database (`start_poll`), which is how /status tells a stuck feed.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.ingest.errors import IngestError
from app.ingest.fetch import fetch
from app.ingest.queue import record_item
from app.ingest.readers.feeds import parse_feed
from app.store import ingest_queue
from app.store.engine import transaction
from app.store.ingest_sources import (
    PollStatus,
    due_feeds,
    ensure_feeds,
    feed_validators,
    record_poll,
    start_poll,
)
from app.store.models import utcnow
from app.store.writer import find_duplicate

log = logging.getLogger("dateline.service")


@dataclass(frozen=True)
class PollResult:
    url: str
    status: str
    queued: int = 0
    known: int = 0  # entries seen before
    bad: int = 0  # entries without text
    error: str | None = None


def _never_stopped(seconds: float) -> bool:
    time.sleep(seconds)
    return False


class FeedPoller:
    """Polls `settings.feeds`. `wait(seconds) -> stopped` is how it pauses between requests
    (the service passes its stop event's wait, so a pause ends when the service stops)."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        wait: Callable[[float], bool] = _never_stopped,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.feeds = list(dict.fromkeys(settings.feeds))
        self._wait = wait
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        if self.feeds:
            with transaction(factory) as session:
                ensure_feeds(session, self.feeds)

    def due(self) -> list[str]:
        """The feeds whose next poll time has come, in configured order."""
        if not self.feeds:
            return []
        with self.factory() as session:
            due = due_feeds(session, self.feeds, utcnow())
        return [u for u in self.feeds if u in due]

    def poll_due(self) -> list[PollResult]:
        """Poll every feed whose next poll time has come, one after another."""
        results = []
        for url in self.due():
            result = self.poll_politely(url)
            if result is None:
                break  # stopping
            results.append(result)
        return results

    def poll_politely(self, url: str) -> PollResult | None:
        """Poll `url` once no other poll of its host is running and the per-host delay has
        passed; None when stopped while waiting. Safe to call from several threads."""
        host = _host(url)
        with self._locks_lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            if not self._polite_pause(url):
                return None
            return self.poll(url)

    def poll(self, url: str) -> PollResult:
        with transaction(self.factory) as session:
            start_poll(session, url)
            validators = feed_validators(session, url)
        next_poll_at = utcnow() + dt.timedelta(seconds=self.settings.feed_poll_seconds)
        try:
            response = fetch(url, self.settings, etag=validators.etag, last_modified=validators.last_modified)
        except IngestError as err:
            return self._failed(url, err.problem, next_poll_at)
        finally:
            self._last_request[_host(url)] = self._clock()
        if response.not_modified:
            with transaction(self.factory) as session:
                record_poll(session, url, PollStatus.NOT_MODIFIED, next_poll_at)
            log.debug("feed %s: not modified", url)
            return PollResult(url, PollStatus.NOT_MODIFIED)
        try:
            entries = list(parse_feed(response.content, url))
        except IngestError as err:
            return self._failed(url, err.problem, next_poll_at)
        queued = known = bad = 0
        with transaction(self.factory) as session:
            for entry in entries:
                if isinstance(entry, IngestError):
                    bad += 1
                elif (entry.url and ingest_queue.url_is_known(session, entry.url)) or find_duplicate(
                    session, entry
                ):
                    known += 1
                else:
                    ingest_queue.enqueue(session, record_item(entry))
                    queued += 1
            record_poll(
                session,
                url,
                PollStatus.OK,
                next_poll_at,
                error=f"{bad} entries without text" if bad else None,
                queued=queued,
                etag=response.etag,
                last_modified=response.last_modified,
                keep_validators=False,
            )
        if queued:
            log.info("feed %s: queued %d new entries (%d seen before)", url, queued, known)
        return PollResult(url, PollStatus.OK, queued=queued, known=known, bad=bad)

    def _failed(self, url: str, problem: str, next_poll_at: dt.datetime) -> PollResult:
        with transaction(self.factory) as session:
            record_poll(session, url, PollStatus.ERROR, next_poll_at, error=problem)
        log.warning("feed %s: %s", url, problem)
        return PollResult(url, PollStatus.ERROR, error=problem)

    def _polite_pause(self, url: str) -> bool:
        """Wait out the per-host delay; False when the wait was cut short by a stop."""
        last = self._last_request.get(_host(url))
        if last is None:
            return True
        remaining = self.settings.per_host_delay_seconds - (self._clock() - last)
        return remaining <= 0 or not self._wait(remaining)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()
