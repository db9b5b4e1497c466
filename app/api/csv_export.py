"""CSV (RFC 4180) for events, quotes and entities: one header row, then one row per item,
written batch by batch so a response streams while the list is still being read."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from app.store.queries.views import EventItem

T = TypeVar("T")
Column = tuple[str, Callable[[Any], object]]

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection); such a
# text cell is written with a leading apostrophe, which spreadsheets hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 200
URL_COLUMN = "page_url"  # a site path; written as an absolute URL


def _text(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _cell(name: str, value: object, base: str) -> object:
    if name == URL_COLUMN:
        return f"{base}{value}"
    return _text(value)


def rows_to_csv(items: Iterable[T], columns: list[Column], base: str) -> Iterator[bytes]:
    """UTF-8 chunks of CSV: the header, then about ROWS_PER_CHUNK rows at a time. `base`
    prefixes the site paths in URL columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line breaks
    writer.writerow([name for name, _ in columns])
    for count, item in enumerate(items, start=1):
        writer.writerow([_cell(name, getter(item), base) for name, getter in columns])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _participants(event: EventItem) -> str:
    return "; ".join(f"{p.entity.name} ({p.role})" for p in event.participants)


def _participant_slugs(event: EventItem) -> str:
    return " ".join(dict.fromkeys(p.entity.slug for p in event.participants))


EVENT_COLUMNS: list[Column] = [
    ("id", lambda e: e.id),
    ("start_date", lambda e: e.start_date.isoformat()),
    ("end_date", lambda e: e.end_date.isoformat()),
    ("timex_value", lambda e: e.value),
    ("granularity", lambda e: e.granularity),
    ("status", lambda e: e.status),
    ("kind", lambda e: e.kind),
    ("summary", lambda e: e.summary),
    ("trigger", lambda e: e.trigger),
    ("date_text", lambda e: e.date_text),
    ("participants", _participants),
    ("participant_slugs", _participant_slugs),
    ("sentence", lambda e: e.sentence.text if e.sentence else None),
    ("article_id", lambda e: e.article.id),
    ("article_title", lambda e: e.article.title),
    ("source", lambda e: e.article.source),
    ("published", lambda e: e.article.published.isoformat() if e.article.published else None),
    ("article_url", lambda e: e.article.url),
    ("story_id", lambda e: e.story.id if e.story else None),
    ("story_reports", lambda e: e.story.reports if e.story else None),
    ("story_articles", lambda e: e.story.articles if e.story else None),
    ("story_sources", lambda e: e.story.sources if e.story else None),
    ("page_url", lambda e: e.page_path),
]

QUOTE_COLUMNS: list[Column] = [
    ("id", lambda q: q.id),
    ("said_start", lambda q: q.said_start.isoformat() if q.said_start else None),
    ("said_end", lambda q: q.said_end.isoformat() if q.said_end else None),
    ("said_value", lambda q: q.said_value),
    ("kind", lambda q: q.kind),
    ("text", lambda q: q.text),
    ("speaker_name", lambda q: q.speaker_name),
    ("speaker_slug", lambda q: q.speaker.slug if q.speaker else None),
    ("speaker_kind", lambda q: q.speaker_kind),
    ("cue", lambda q: q.cue),
    ("article_id", lambda q: q.article.id),
    ("article_title", lambda q: q.article.title),
    ("source", lambda q: q.article.source),
    ("published", lambda q: q.article.published.isoformat() if q.article.published else None),
    ("article_url", lambda q: q.article.url),
    ("page_url", lambda q: f"/quotes/{q.id}"),
]

ENTITY_COLUMNS: list[Column] = [
    ("id", lambda e: e.id),
    ("slug", lambda e: e.slug),
    ("name", lambda e: e.name),
    ("kind", lambda e: e.kind),
    ("description", lambda e: e.description),
    ("mention_count", lambda e: e.mention_count),
    ("article_count", lambda e: e.article_count),
    ("quote_count", lambda e: e.quote_count),
    ("event_count", lambda e: e.event_count),
    ("first_seen", lambda e: e.first_seen.isoformat() if e.first_seen else None),
    ("last_seen", lambda e: e.last_seen.isoformat() if e.last_seen else None),
    ("page_url", lambda e: f"/entities/{e.slug}"),
]

__all__ = ["ENTITY_COLUMNS", "EVENT_COLUMNS", "QUOTE_COLUMNS", "rows_to_csv"]
