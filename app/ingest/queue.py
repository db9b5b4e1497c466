"""Working the durable queue: queued items in, stored articles out, each exactly once.

A worker claims a batch of items (committed at once, so the claim survives a crash of this
process as a visible 'processing' row), reads each into an `ArticleRecord`, extracts the new
ones together through the `Ingester` of `dateline ingest`, and then, per item, stores the
article and marks the item done in ONE transaction. If the process dies anywhere, an item is
either done with its article or still 'processing' without one, and goes back to the queue.

An item that cannot be read, extracted or stored is marked failed with its reason; the worker
goes on with the next. Between articles the worker looks whether it was asked to stop; while
it extracts (pure computation, nothing half-written) it may be interrupted at once with
`StopNow`, and the items it holds go back to the queue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.domain import ArticleRecord, Extraction
from app.ingest.batch import Ingester
from app.ingest.errors import IngestError
from app.ingest.readers import read_source
from app.ingest.readers.dates import has_time, parse_datetime
from app.ingest.readers.jsonl import record_from_json
from app.ingest.sanitize import clean_record
from app.store import ingest_queue
from app.store.engine import transaction
from app.store.ingest_queue import ClaimedItem, ItemStatus, NewItem, PayloadType
from app.store.retry import run_with_retries
from app.store.writer import StoreResult, store_article

log = logging.getLogger("dateline.service")

_SUFFIX = {PayloadType.TEXT: ".txt", PayloadType.MARKDOWN: ".md", PayloadType.HTML: ".html"}
_DATE_FIELDS = ("published",)
_DATETIME_FIELDS = ("published_at",)


# --- payloads ---------------------------------------------------------------------------------


def record_item(record: ArticleRecord) -> NewItem:
    """A record the service has read itself (a watched file, a feed entry), ready to queue."""
    data: dict[str, Any] = dataclasses.asdict(record)
    for name in _DATE_FIELDS + _DATETIME_FIELDS:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return NewItem(
        origin=record.origin,
        payload=json.dumps(data, ensure_ascii=False),
        content_type=PayloadType.RECORD,
        url=record.url,
    )


def _record_from_payload(payload: str) -> ArticleRecord:
    data = json.loads(payload)
    for name in _DATE_FIELDS:
        if data.get(name):
            data[name] = dt.date.fromisoformat(data[name])
    for name in _DATETIME_FIELDS:
        if data.get(name):
            data[name] = dt.datetime.fromisoformat(data[name])
    for name in ("authors", "tags", "notes"):
        data[name] = tuple(data.get(name) or ())
    known = {f.name for f in dataclasses.fields(ArticleRecord)}
    return ArticleRecord(**{k: v for k, v in data.items() if k in known})


def _raw_record(item: ClaimedItem, payload_type: PayloadType) -> ArticleRecord:
    """A posted text, Markdown or HTML body, with the poster's metadata over what the
    reader found in the text."""
    meta = item.meta
    records = list(read_source(item.payload, item.origin, suffix=_SUFFIX[payload_type], url=meta.get("url")))
    if len(records) != 1:
        raise IngestError(
            item.origin, f"holds {len(records)} entries (a feed?); post one article per request"
        )
    record = records[0]
    if isinstance(record, IngestError):
        raise record
    changes: dict[str, Any] = {k: meta[k] for k in ("title", "url", "source", "dek") if meta.get(k)}
    if meta.get("authors"):
        changes["authors"] = tuple(meta["authors"])
    if meta.get("published"):
        raw = str(meta["published"])
        published_at = parse_datetime(raw)
        if published_at is None:
            raise IngestError(item.origin, f"unparseable published date {raw!r}")
        changes["published"] = published_at.date()
        changes["published_at"] = published_at if has_time(raw) else None
    return dataclasses.replace(record, **changes)


def read_item(item: ClaimedItem) -> ArticleRecord:
    """The article a queued item holds; IngestError (with the reason) when it holds none."""
    return clean_record(_read_item(item))


def _read_item(item: ClaimedItem) -> ArticleRecord:
    try:
        payload_type = PayloadType(item.content_type)
    except ValueError:
        raise IngestError(item.origin, f"unknown payload type {item.content_type!r}") from None
    if payload_type is PayloadType.RECORD:
        return _record_from_payload(item.payload)
    if payload_type is PayloadType.JSON:
        try:
            data = json.loads(item.payload)
        except json.JSONDecodeError as exc:
            raise IngestError(item.origin, f"not valid JSON ({exc.msg})") from exc
        return record_from_json(data, item.origin)
    return _raw_record(item, payload_type)


# --- the worker -------------------------------------------------------------------------------


class StopNow(BaseException):  # like KeyboardInterrupt: `except Exception` does not stop it
    """Raised into a worker that is extracting, to stop it at once (a graceful shutdown)."""


class LostClaim(Exception):
    """This worker's claim on an item was taken away (it was thought dead); someone else
    will process the item, so this worker must not store it."""


@dataclass
class WorkerTally:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    lost: int = 0


class QueueWorker:
    """Claims batches of items for `worker_id` and turns each into a stored article."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        ingester: Ingester,
        worker_id: str,
        batch_size: int = 16,
        stop_requested: Callable[[], bool] = lambda: False,
    ) -> None:
        self.factory = factory
        self.ingester = ingester
        self.worker_id = worker_id
        self.batch_size = max(batch_size, 1)
        self.stop_requested = stop_requested
        self.interruptible = False  # True only while extracting: StopNow may be raised then
        self.tally = WorkerTally()

    def work_batch(self) -> int:
        """Claim and process one batch; returns how many items it claimed (0: queue empty)."""
        with transaction(self.factory) as session:
            items = ingest_queue.claim(session, self.worker_id, self.batch_size)
        if items:
            self.process(items)
        return len(items)

    def process(self, items: list[ClaimedItem]) -> None:
        """Items in order, each finished in its own transaction; stops between articles when
        asked to, leaving the rest claimed for the caller to give back."""
        fresh: list[tuple[ClaimedItem, ArticleRecord]] = []
        for item in items:
            try:
                record = read_item(item)
            except IngestError as err:
                self._fail(item, err.problem)
                continue
            except Exception as exc:  # a reader bug fails this item, not the worker
                self._fail(item, f"could not be read ({_describe(exc)})")
                continue
            stored = self.ingester.is_stored(record)
            if stored:
                self._finish(item, ItemStatus.DUPLICATE, stored.article_id, stored.reason)
            else:
                fresh.append((item, record))
        items_of = {id(record): item for item, record in fresh}
        # a batch at once; an article the pipeline fails on fails alone (Extractor.extract_each)
        results = self.ingester.extract_each([record for _, record in fresh])
        while not self.stop_requested():
            self.interruptible = True
            try:
                step = next(results, None)
            finally:
                self.interruptible = False
            if step is None:
                break
            record, extraction, problem = step
            item = items_of[id(record)]
            if extraction is None:
                self._fail(item, problem or "extraction failed")
            else:
                self._store(item, record, extraction)

    def _store(self, item: ClaimedItem, record: ArticleRecord, extraction: Extraction) -> None:
        """The article and the item's 'done' in one transaction."""

        def work() -> StoreResult:
            with transaction(self.factory) as session:
                if not ingest_queue.hold(session, item.id, self.worker_id):
                    raise LostClaim
                result = store_article(session, record, extraction)
                status = ItemStatus.DUPLICATE if result.duplicate else ItemStatus.DONE
                ingest_queue.finish(
                    session, item.id, self.worker_id, status, result.article_id, result.reason
                )
                return result

        try:
            result = run_with_retries(work)
            status = ItemStatus.DUPLICATE if result.duplicate else ItemStatus.DONE
        except LostClaim:
            self.tally.lost += 1
            log.warning("item %s: claim lost to another worker; not stored here", item.id)
            return
        except IntegrityError as exc:
            # Another worker stored the same article first (same URL or text): a duplicate.
            # Anything else is a real failure of this article.
            existing = self.ingester.is_stored(record)
            if existing:
                self._finish(item, ItemStatus.DUPLICATE, existing.article_id, existing.reason)
            else:
                self._fail(item, f"could not be stored ({_describe(exc)})")
            return
        except Exception as exc:
            self._fail(item, f"could not be stored ({_describe(exc)})")
            return
        if status is ItemStatus.DONE:
            self.tally.stored += 1
            log.info("item %s: stored article %s from %s", item.id, result.article_id, item.origin)
        else:
            self.tally.duplicates += 1
            log.info("item %s: %s", item.id, result.reason)

    def _finish(
        self, item: ClaimedItem, status: ItemStatus, article_id: int | None, note: str | None
    ) -> None:
        with transaction(self.factory) as session:
            finished = ingest_queue.finish(session, item.id, self.worker_id, status, article_id, note)
        if not finished:
            self.tally.lost += 1
        elif status is ItemStatus.DUPLICATE:
            self.tally.duplicates += 1
            log.info("item %s: %s", item.id, note)

    def _fail(self, item: ClaimedItem, reason: str) -> None:
        with transaction(self.factory) as session:
            # NUL would make PostgreSQL refuse the reason (it can quote the bad input)
            error = reason.replace("\x00", "")[:2000]
            finished = ingest_queue.finish(session, item.id, self.worker_id, ItemStatus.FAILED, error=error)
        if finished:
            self.tally.failed += 1
            log.warning("item %s failed: %s: %s", item.id, item.origin, reason)
        else:
            self.tally.lost += 1


def _describe(exc: BaseException) -> str:
    """One line about an exception; database errors drop their SQL and parameters."""
    first_line = str(getattr(exc, "orig", None) or exc).strip().split("\n", 1)[0]
    return f"{type(exc).__name__}: {first_line[:300]}"
