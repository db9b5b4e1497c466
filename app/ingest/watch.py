"""Watched folders: new and changed article files are read and queued, once each.

The folders are scanned every few seconds (no inotify: it misses network mounts and needs a
dependency, and a stat per file every few seconds is cheap). A file is queued once it has
been left alone for `watch_settle_seconds`, so a half-written file is not read; writers that
can should write under a hidden name (".tmp-...") and rename, which is always safe.

A file's records and the note that it was queued (path, size, mtime) are committed together,
so a restart neither loses a file nor queues it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.ingest.errors import IngestError
from app.ingest.queue import record_item
from app.ingest.readers import expand_inputs, read_source
from app.ingest.readers.decode import read_limited
from app.store import ingest_queue
from app.store.engine import transaction
from app.store.ingest_queue import NewItem
from app.store.ingest_sources import (
    PollStatus,
    SourceKind,
    ensure_feeds,
    file_signature,
    known_files,
    record_file,
    record_poll,
    start_poll,
)
from app.store.models import utcnow

log = logging.getLogger("dateline.service")


@dataclass(frozen=True)
class ScanResult:
    files: int = 0  # new or changed files queued
    items: int = 0  # articles queued from them
    failed: int = 0  # inputs recorded as failed (unreadable files, bad records)


class FolderWatcher:
    def __init__(self, factory: sessionmaker[Session], settings: Settings, folders: list[Path]) -> None:
        self.factory = factory
        self.settings = settings
        self.folders = [Path(f).expanduser().resolve() for f in folders]
        self._missing_reported: set[Path] = set()
        if self.folders:
            with transaction(factory) as session:
                ensure_feeds(session, [str(f) for f in self.folders], SourceKind.FOLDER)

    def scan(self) -> ScanResult:
        """Queue what is new in every folder. Each folder's scan is noted in its source state
        (begun, then done with what it queued), so /status shows a folder that hangs."""
        files = items = failed = 0
        for folder in self.folders:
            with transaction(self.factory) as session:
                start_poll(session, str(folder), SourceKind.FOLDER)
            next_scan = utcnow() + dt.timedelta(seconds=self.settings.watch_poll_seconds)
            if not folder.is_dir():
                if folder not in self._missing_reported:
                    log.warning("watched folder %s does not exist (yet)", folder)
                    self._missing_reported.add(folder)
                with transaction(self.factory) as session:
                    record_poll(session, str(folder), PollStatus.ERROR, next_scan, error="no such folder")
                continue
            self._missing_reported.discard(folder)
            queued_here = failed_here = 0
            for path, stat in self._ready_files(folder):
                queued, bad = self._queue_file(path, stat)
                files += 1
                queued_here += queued
                failed_here += bad
            with transaction(self.factory) as session:
                error = f"{failed_here} inputs failed" if failed_here else None
                record_poll(session, str(folder), PollStatus.OK, next_scan, error=error, queued=queued_here)
            items += queued_here
            failed += failed_here
        if files:
            log.info("watched folders: queued %d articles from %d files (%d failed)", items, files, failed)
        return ScanResult(files=files, items=items, failed=failed)

    def _ready_files(self, folder: Path) -> list[tuple[Path, os.stat_result]]:
        """New or changed files under `folder` that nobody has touched for a little while."""
        with self.factory() as session:
            known = known_files(session, str(folder) + os.sep)
        sources, _ = expand_inputs([folder])
        settled_before = time.time() - self.settings.watch_settle_seconds
        ready = []
        for path in sources:
            assert isinstance(path, Path)
            try:
                stat = path.stat()
            except OSError:  # removed since the walk
                continue
            if stat.st_mtime > settled_before:
                continue
            if known.get(str(path)) != file_signature(stat.st_size, stat.st_mtime_ns):
                ready.append((path, stat))
        return ready

    def _queue_file(self, path: Path, stat: os.stat_result) -> tuple[int, int]:
        name = str(path)
        items: list[NewItem] = []
        failures: list[tuple[NewItem, str]] = []
        try:
            data = read_limited(path, self.settings.max_file_bytes)
            for record in read_source(data, name, suffix=path.suffix):
                if isinstance(record, IngestError):
                    failures.append((_failed_input(record.input_name), record.problem))
                else:
                    items.append(record_item(record))
        except IngestError as err:
            failures.append((_failed_input(name), err.problem))
        except Exception as exc:  # a reader bug: record it against the file, keep watching
            failures.append((_failed_input(name), f"could not be read ({type(exc).__name__}: {exc})"))
        with transaction(self.factory) as session:
            for item in items:
                ingest_queue.enqueue(session, item)
            for item, reason in failures:
                ingest_queue.record_failure(session, item, reason)
            record_file(session, name, stat.st_size, stat.st_mtime_ns)
        for item, reason in failures:
            log.warning("%s: %s", item.origin, reason)
        return len(items), len(failures)


def _failed_input(origin: str) -> NewItem:
    return NewItem(origin=origin, payload="", content_type=ingest_queue.PayloadType.RECORD)
