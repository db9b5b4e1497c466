"""`dateline service`: the long-running ingester.

One process is one worker: the main thread works the queue (claim a batch, extract, store
each article with its item's 'done'); a producer thread scans the watched folders and polls
the feeds into the same queue; a heartbeat thread keeps this worker's row alive and gives the
items of dead workers back to the queue. The spaCy model is loaded once, at start.

Stopping: SIGTERM or SIGINT lets the batch in hand finish (each of its articles is committed
with its item), claims nothing more, and exits; a second signal exits at once, which is still
safe, as is SIGKILL: whatever was claimed and not committed goes back to the queue (see
app/ingest/queue.py and app/store/ingest_queue.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from app.config import Settings
from app.extract import Extractor
from app.ingest.batch import Ingester
from app.ingest.feeds_poll import FeedPoller
from app.ingest.queue import QueueWorker, WorkerTally
from app.ingest.watch import FolderWatcher
from app.store import ingest_queue, ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_workers import WorkerRow
from app.store.models import utcnow

log = logging.getLogger("dateline.service")

_ERROR_PAUSE_SECONDS = 5.0
_PRODUCER_TICK_SECONDS = 1.0
_THREAD_JOIN_SECONDS = 5.0
_WORKER_HISTORY = dt.timedelta(days=7)  # how long a stopped worker's row is kept, for inspection


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def new_worker_id() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"


class IngestService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        extractor: Extractor | None = None,
        producers: bool = True,
    ) -> None:
        """`producers=False` makes a worker only: it leaves the watched folders and feeds to
        another service (with several workers, one service should poll them)."""
        self.settings = settings
        self.db = db
        self._extractor = extractor
        self.producers = producers
        self.me = WorkerRow(
            id=new_worker_id(),
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=utcnow(),
            heartbeat_at=utcnow(),
        )
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self.tally = WorkerTally()

    @property
    def worker_id(self) -> str:
        return self.me.id

    def stop(self) -> None:
        """Ask the service to stop after the batch in hand; returns at once."""
        self._stopping.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self, handle_signals: bool = True) -> WorkerTally:
        """Work until stop() (or SIGTERM/SIGINT when `handle_signals`); returns the tally."""
        restore = self._install_signal_handlers() if handle_signals else None
        with transaction(self.db.sessions) as session:
            ingest_workers.register(session, self.me.id, self.me.hostname, self.me.pid)
        log.info("worker %s started", self.me.id)
        try:
            self.recover()
            self._start_thread("heartbeat", self._heartbeat_loop)
            ingester = Ingester(self.db.sessions, self.settings, extractor=self._extractor, processes=1)
            if not self.stopping:
                ingester.extractor  # noqa: B018  load the model now: once, and fail early if missing
                log.info("model %s loaded; working the queue", self.settings.spacy_model)
            worker = QueueWorker(
                self.db.sessions,
                ingester,
                self.me.id,
                batch_size=self.settings.service_batch_size,
                max_attempts=self.settings.ingest_max_attempts,
            )
            self.tally = worker.tally
            if self.producers:
                self._start_thread("producers", self._producers_loop)
            self._work(worker)
        finally:
            self._stopping.set()
            self._shut_down()
            if restore:
                restore()
        return self.tally

    def recover(self) -> int:
        """Declare dead workers dead and put their claimed items back in the queue."""
        with transaction(self.db.sessions) as session:
            dead = ingest_workers.find_dead(
                session,
                self.me,
                dt.timedelta(seconds=self.settings.worker_stale_seconds),
                pid_alive,
            )
            ingest_workers.mark_stopped(session, dead, "died")
            requeued = ingest_queue.recover_abandoned(session)
            ingest_workers.forget_stopped(session, utcnow() - _WORKER_HISTORY)
        if dead or requeued:
            log.warning("%d dead workers; %d of their items back in the queue", len(dead), requeued)
        return requeued

    def _work(self, worker: QueueWorker) -> None:
        while not self.stopping:
            try:
                claimed = worker.work_batch()
            except Exception:  # the database went away, say: keep the process, retry soon
                log.exception("worker error; its items go back to the queue, retrying shortly")
                self._release(refund_attempt=False)
                self._stopping.wait(_ERROR_PAUSE_SECONDS)
                continue
            if not claimed:
                self._stopping.wait(self.settings.service_idle_seconds)

    def _shut_down(self) -> None:
        self._release(refund_attempt=True)
        try:
            with transaction(self.db.sessions) as session:
                ingest_workers.mark_stopped(session, [self.me.id], "stopped")
        except Exception:
            log.exception("could not record that worker %s stopped", self.me.id)
        for thread in self._threads:
            thread.join(_THREAD_JOIN_SECONDS)
        t = self.tally
        log.info(
            "worker %s stopped: %d stored, %d duplicates, %d failed",
            self.me.id,
            t.stored,
            t.duplicates,
            t.failed,
        )

    def _release(self, refund_attempt: bool) -> None:
        try:
            with transaction(self.db.sessions) as session:
                released = ingest_queue.release_claims(session, self.me.id, refund_attempt)
            if released:
                log.info("%d claimed items back in the queue", released)
        except Exception:  # they will be recovered as a dead worker's items
            log.exception("could not release the claimed items of %s", self.me.id)

    def _start_thread(self, name: str, target: Callable[[], None]) -> None:
        # Daemon threads: a producer stuck in a slow fetch must not hold up the exit. What
        # they write is transactional, so abandoning one mid-way loses nothing.
        thread = threading.Thread(target=target, name=f"dateline-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _heartbeat_loop(self) -> None:
        while not self._stopping.wait(self.settings.worker_heartbeat_seconds):
            try:
                with transaction(self.db.sessions) as session:
                    ingest_workers.beat(session, self.me.id)
                self.recover()
            except Exception:
                log.exception("heartbeat failed")

    def _producers_loop(self) -> None:
        watcher = (
            FolderWatcher(self.db.sessions, self.settings, self.settings.watch_dirs)
            if self.settings.watch_dirs
            else None
        )
        poller = (
            FeedPoller(self.db.sessions, self.settings, wait=self._stopping.wait)
            if self.settings.feeds
            else None
        )
        next_scan = 0.0
        while not self.stopping:
            now = time.monotonic()
            if watcher and now >= next_scan:
                next_scan = now + self.settings.watch_poll_seconds
                _guarded("watched folders", watcher.scan)
            if poller:
                _guarded("feeds", poller.poll_due)
            self._stopping.wait(_PRODUCER_TICK_SECONDS)

    def _install_signal_handlers(self) -> Callable[[], None]:
        def on_signal(signum: int, _frame: FrameType | None) -> None:
            name = signal.Signals(signum).name
            if self.stopping:
                log.warning("%s again: stopping now; unfinished items go back to the queue", name)
                raise SystemExit(128 + signum)
            log.info("%s: finishing the batch in hand, then stopping", name)
            self.stop()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

        return restore


def _guarded(what: str, step: Callable[[], object]) -> None:
    try:
        step()
    except Exception:  # a producer's failure must not end the service
        log.exception("%s: unexpected error", what)


@contextmanager
def background_service(settings: Settings) -> Iterator[IngestService]:
    """A worker in a thread of this process (`dateline serve --with-worker`): started on
    entry, stopped after its batch in hand on exit. SIGTERM/SIGINT ask it to stop too, so
    that uvicorn, which re-raises the signal it shut down on, hands the signal over."""
    db = Database.open(settings.database_url)
    service = IngestService(settings, db)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if service.stopping:
            raise SystemExit(128 + signum)
        service.stop()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    thread = threading.Thread(
        target=service.run, kwargs={"handle_signals": False}, name="dateline-worker", daemon=True
    )
    thread.start()
    try:
        yield service
    finally:
        service.stop()
        thread.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        db.close()
