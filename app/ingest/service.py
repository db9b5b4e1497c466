"""`dateline service`: the long-running ingester.

One process is one worker: the main thread works the queue (claim a batch, extract, store
each article with its item's 'done'); the watched folders are scanned on a thread of their own,
and each feed is polled on a thread of its own (one poll in flight per feed, each fetch with a
total deadline), so that a slow feed holds up neither the folders, nor the other feeds, nor the
queue; a heartbeat thread keeps this worker's row alive and gives the items of dead workers back
to the queue. The spaCy model is loaded once, at start.

Stopping: SIGTERM or SIGINT finishes the article being stored (committed with its item),
interrupts an extraction in progress, puts the rest of the batch back in the queue (their
attempts refunded) and exits, within DATELINE_SERVICE_STOP_SECONDS (4.5 s, under a container's
usual 10 s) whatever is in hand: past that, a watchdog ends the process, which is as safe as
SIGKILL. A second signal exits at once. Whatever was claimed and not committed goes back to
the queue (see app/ingest/queue.py and app/store/ingest_queue.py).
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
from app.ingest.queue import QueueWorker, StopNow, WorkerTally
from app.ingest.watch import FolderWatcher
from app.store import ingest_queue, ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_sources import forget_polls_in_flight
from app.store.ingest_workers import WorkerRow
from app.store.models import utcnow

log = logging.getLogger("dateline.service")

_ERROR_PAUSE_SECONDS = 5.0
_PRODUCER_TICK_SECONDS = 1.0
_THREAD_JOIN_SECONDS = 0.5  # all together; they are daemon threads
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
        self._worker: QueueWorker | None = None
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
                ingester.extractor.nlp  # noqa: B018  load the model now: once, and fail early if missing
                log.info("model %s loaded; working the queue", self.settings.spacy_model)
            worker = QueueWorker(
                self.db.sessions,
                ingester,
                self.me.id,
                batch_size=self.settings.service_batch_size,
                stop_requested=lambda: self.stopping,
            )
            self._worker = worker
            self.tally = worker.tally
            if self.producers:
                self._start_producers()
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
            requeued = ingest_queue.recover_abandoned(session, self.settings.ingest_max_crashes)
            ingest_workers.forget_stopped(session, utcnow() - _WORKER_HISTORY)
        if dead or requeued:
            log.warning("%d dead workers; %d of their items back in the queue", len(dead), requeued)
        return requeued

    def _work(self, worker: QueueWorker) -> None:
        while not self.stopping:
            try:
                claimed = worker.work_batch()
            except StopNow:
                return
            except Exception:  # the database went away, say: keep the process, retry soon
                log.exception("worker error; its items go back to the queue, retrying shortly")
                self._release(crashed=True)
                self._stopping.wait(_ERROR_PAUSE_SECONDS)
                continue
            if not claimed:
                self._stopping.wait(self.settings.service_idle_seconds)

    def _shut_down(self) -> None:
        self._release(crashed=False)
        try:
            with transaction(self.db.sessions) as session:
                ingest_workers.mark_stopped(session, [self.me.id], "stopped")
        except Exception:
            log.exception("could not record that worker %s stopped", self.me.id)
        deadline = time.monotonic() + _THREAD_JOIN_SECONDS
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        t = self.tally
        log.info(
            "worker %s stopped: %d stored, %d duplicates, %d failed",
            self.me.id,
            t.stored,
            t.duplicates,
            t.failed,
        )

    def _release(self, crashed: bool) -> None:
        try:
            with transaction(self.db.sessions) as session:
                released = ingest_queue.release_claims(
                    session, self.me.id, crashed, self.settings.ingest_max_crashes
                )
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

    def _start_producers(self) -> None:
        with transaction(self.db.sessions) as session:
            forget_polls_in_flight(session)
        if self.settings.watch_dirs:
            watcher = FolderWatcher(self.db.sessions, self.settings, self.settings.watch_dirs)
            self._start_thread(
                "folders",
                lambda: self._every(self.settings.watch_poll_seconds, "watched folders", watcher.scan),
            )
        if self.settings.feeds:
            poller = FeedPoller(self.db.sessions, self.settings, wait=self._stopping.wait)
            self._start_thread("feeds", lambda: self._schedule_feeds(poller))

    def _every(self, seconds: float, what: str, step: Callable[[], object]) -> None:
        while not self.stopping:
            _guarded(what, step)
            self._stopping.wait(seconds)

    def _schedule_feeds(self, poller: FeedPoller) -> None:
        """Start a poll thread for each due feed that has none running; a feed whose poll is
        stuck gets no second one (its state row shows it as stuck)."""
        in_flight: dict[str, threading.Thread] = {}
        while not self.stopping:
            try:
                due = poller.due()
            except Exception:
                log.exception("feeds: could not read which are due")
                due = []
            for url in due:
                running = in_flight.get(url)
                if running is not None and running.is_alive():
                    continue
                thread = threading.Thread(
                    target=_guarded, args=(f"feed {url}", lambda u=url: poller.poll_politely(u)), daemon=True
                )
                thread.name = f"dateline-feed-{len(in_flight)}"
                in_flight[url] = thread
                thread.start()
            self._stopping.wait(_PRODUCER_TICK_SECONDS)

    def _install_signal_handlers(self) -> Callable[[], None]:
        def on_signal(signum: int, _frame: FrameType | None) -> None:
            name = signal.Signals(signum).name
            if self.stopping:
                log.warning("%s again: stopping now; unfinished items go back to the queue", name)
                raise SystemExit(128 + signum)
            log.info("%s: finishing the article in hand, then stopping", name)
            self.stop()
            self._start_watchdog()
            if self._worker is not None and self._worker.interruptible:
                raise StopNow  # mid-extraction: nothing is half-written, its items go back

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

        return restore

    def _start_watchdog(self) -> None:
        """Past DATELINE_SERVICE_STOP_SECONDS, end the process whatever it is doing: a store
        not committed by then is rolled back, and its claims are recovered like a crash's."""

        def watch() -> None:
            time.sleep(self.settings.service_stop_seconds)
            log.warning("not stopped after %.1f s: exiting now", self.settings.service_stop_seconds)
            logging.shutdown()
            os._exit(1)

        threading.Thread(target=watch, name="dateline-stop-watchdog", daemon=True).start()


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
