"""RSS and Atom feeds (feedparser): one article per entry, from its full content when the feed
carries it, else its summary."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

import feedparser

from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.html import html_fragment_paragraphs
from app.ingest.readers.textutil import paragraphs_to_body
from app.url_policy import safe_url


def _entry_datetime(entry: feedparser.FeedParserDict) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    return paragraphs_to_body(html_fragment_paragraphs(html)) if html else ""


def _entry_link(entry: feedparser.FeedParserDict, base: str | None) -> str | None:
    """The entry's link made absolute; left as it is when that fails, so that the URL policy
    drops it with a note."""
    link = entry.get("link") or None
    return safe_url(link, base) or link


def parse_feed(data: bytes, name: str, base: str | None = None) -> Iterator[ArticleRecord | IngestError]:
    """Entries as articles; a relative entry link is resolved against the feed's own link, else
    `base` (where the feed was fetched from)."""
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: None)() or str(
            feed.get("bozo_exception") or "not RSS or Atom"
        )
        raise IngestError(name, f"malformed feed ({reason})")
    if not feed.entries:
        raise IngestError(name, "feed has no entries")
    source = feed.feed.get("title") or None
    base = safe_url(feed.feed.get("link")) or safe_url(base)
    for i, entry in enumerate(feed.entries, 1):
        label = f"{name} entry {i}"
        body = _entry_body(entry)
        if not body:
            yield IngestError(label, "entry has no text")
            continue
        published_at = _entry_datetime(entry)
        authors = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
        yield ArticleRecord(
            title=entry.get("title") or body[:120],
            body=body,
            origin=label,
            source=source,
            url=_entry_link(entry, base),
            authors=tuple(authors),
            published=published_at.date() if published_at else None,
            published_at=published_at,
            tags=tuple(t.get("term", "") for t in entry.get("tags", []) if t.get("term")),
        )
