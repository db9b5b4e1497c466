"""The ingestion service in the Prometheus text exposition format (version 0.0.4)."""

from __future__ import annotations

from collections.abc import Iterable

from app.store.ingest_queue import FINISHED
from app.store.ingest_sources import PollStatus
from app.store.queries.ingest_status import IngestStatus

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Sample = tuple[dict[str, str], float]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _metric(name: str, kind: str, help_text: str, samples: Iterable[Sample]) -> list[str]:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
        number = (
            repr(float(value)) if isinstance(value, float) and not value.is_integer() else str(int(value))
        )
        lines.append(f"{name}{{{label_text}}} {number}" if label_text else f"{name} {number}")
    return lines


def render_metrics(status: IngestStatus, per_source: bool = True) -> str:
    """Counters for everything that only grows (rates come from Prometheus's rate()),
    gauges for the rest. The series labelled with a feed URL or folder path only with
    `per_source` (a scraper with a token); the count of stuck sources always."""
    lines: list[str] = []
    lines += _metric(
        "dateline_ingest_queue_depth",
        "gauge",
        "Items waiting in the ingest queue.",
        [({}, status.queue_depth)],
    )
    lines += _metric(
        "dateline_ingest_processing", "gauge", "Items claimed by a worker now.", [({}, status.processing)]
    )
    lines += _metric(
        "dateline_ingest_oldest_queued_age_seconds",
        "gauge",
        "Age of the oldest waiting item (0 when none waits).",
        [({}, status.oldest_queued_age_seconds or 0.0)],
    )
    lines += _metric(
        "dateline_ingest_items_received_total",
        "counter",
        "Items accepted into the queue (API, watched folders, feeds).",
        [({}, status.received_total)],
    )
    lines += _metric(
        "dateline_ingest_items_finished_total",
        "counter",
        "Items finished, by outcome.",
        [({"status": str(s)}, status.by_status[s]) for s in FINISHED],
    )
    lines += _metric(
        "dateline_ingest_workers", "gauge", "Workers with a live heartbeat row.", [({}, len(status.workers))]
    )
    lines += _metric(
        "dateline_ingest_watched_files_total",
        "counter",
        "Files queued from watched folders.",
        [({}, status.watched_files)],
    )
    lines += _metric("dateline_articles_total", "counter", "Articles stored.", [({}, status.articles)])
    lines += _metric(
        "dateline_sources_stuck",
        "gauge",
        "Feeds and watched folders whose poll or scan has run past DATELINE_SOURCE_STUCK_SECONDS.",
        [({}, sum(1 for f in status.feeds if f.stuck))],
    )
    if not per_source:
        return "\n".join(lines) + "\n"
    lines += _metric(
        "dateline_source_stuck",
        "gauge",
        "1 while the source's poll or scan is stuck, else 0.",
        [({"kind": f.kind, "source": f.url}, int(f.stuck)) for f in status.feeds],
    )
    feeds = [f for f in status.feeds if f.kind == "feed"]
    lines += _metric(
        "dateline_feed_last_poll_timestamp_seconds",
        "gauge",
        "When each feed was last polled (Unix time).",
        [({"feed": f.url}, f.last_polled_at.timestamp()) for f in feeds if f.last_polled_at],
    )
    lines += _metric(
        "dateline_feed_last_poll_ok",
        "gauge",
        "1 when the feed's last poll worked (200 or 304), else 0.",
        [({"feed": f.url}, 0 if f.last_status == PollStatus.ERROR else 1) for f in feeds if f.last_status],
    )
    lines += _metric(
        "dateline_feed_items_queued_total",
        "counter",
        "Entries queued from each feed.",
        [({"feed": f.url}, f.items_queued) for f in feeds],
    )
    return "\n".join(lines) + "\n"
