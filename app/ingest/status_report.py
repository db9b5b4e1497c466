"""`dateline status`: the ingest status as lines for a terminal, or as JSON for scripts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from app.store.queries.ingest_status import IngestStatus


def _when(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "never"
    seconds = (now - moment).total_seconds()
    ago = f"{seconds:.0f} s ago" if seconds >= 0 else f"in {-seconds:.0f} s"
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC ({ago})"


def render_text(status: IngestStatus) -> str:
    now = status.generated_at
    counts = status.by_status
    age = status.oldest_queued_age_seconds
    lines = [
        f"queue: {status.queue_depth} waiting"
        + (f" (oldest for {age:.0f} s)" if age is not None else "")
        + f", {status.processing} being processed",
        f"accepted: {status.accepted.last_minute} in the last minute, "
        f"{status.accepted.per_minute:.1f}/min over 5 min",
        f"processed: {status.processed.last_minute} in the last minute, "
        f"{status.processed.per_minute:.1f}/min over 5 min",
        f"all time: {counts['done']} stored, {counts['duplicate']} duplicates, {counts['failed']} failed; "
        f"{status.articles} articles, {status.watched_files} watched files queued",
        f"workers: {len(status.workers)}",
    ]
    lines += [f"  {w.id}  heartbeat {_when(w.heartbeat_at, now)}" for w in status.workers]
    stuck = [f for f in status.feeds if f.stuck]
    lines.append(
        f"feeds and watched folders: {len(status.feeds)}" + (f", {len(stuck)} STUCK" if stuck else "")
    )
    for feed in status.feeds:
        result = feed.last_status or "not polled yet"
        if feed.last_error:
            result += f": {feed.last_error}"
        if feed.stuck and feed.in_flight_seconds is not None:
            result = f"STUCK for {feed.in_flight_seconds:.0f} s; last: {result}"
        lines.append(
            f"  {feed.kind} {feed.url}  last poll {_when(feed.last_polled_at, now)}: {result}; "
            f"{feed.items_queued} items queued"
        )
    lines.append(f"recent failures: {len(status.recent_failures)}")
    lines += [f"  #{f.id} {f.origin}: {f.error}" for f in status.recent_failures]
    return "\n".join(lines)


def render_json(status: IngestStatus) -> str:
    data: dict[str, Any] = dataclasses.asdict(status)
    data["queue_depth"] = status.queue_depth
    data["processing"] = status.processing
    data["accepted"]["per_minute"] = status.accepted.per_minute
    data["processed"]["per_minute"] = status.processed.per_minute
    return json.dumps(
        data, default=lambda v: v.isoformat() if isinstance(v, dt.datetime) else str(v), indent=2
    )
