"""Atom feeds (RFC 4287) of a filtered timeline, one entry per event, newest first unless the
filter says otherwise, and of filtered quotes, one entry per quote: a feed reader follows an
entity, a topic, what is expected or what a speaker says.

Written with the standard library's ElementTree, which escapes every text and attribute.
(feedgen 1.0 drops the `rel` and `type` of entry links, which would leave two
rel="alternate" links in an entry, against §4.1.1.)
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from app.formatting import date_range
from app.store.queries.views import EventItem, QuoteItem

ATOM_NS = "http://www.w3.org/2005/Atom"


def _stamp(moment: dt.datetime) -> str:
    """An RFC 3339 date-time (§3.3), in UTC, to the second."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def entry_title(event: EventItem) -> str:
    when = date_range(event.start_date, event.end_date, event.granularity, event.value)
    return f"{when}: {event.summary}"


def entry_html(event: EventItem, base: str) -> str:
    """The entry's content: the source sentence, who takes part, and the article."""
    parts = []
    if event.sentence is not None:
        parts.append(f"<blockquote>{html.escape(event.sentence.text)}</blockquote>")
    people = {p.entity.slug: p.entity.name for p in event.participants}
    if people:
        names = ", ".join(
            f'<a href="{base}/entities/{html.escape(slug)}">{html.escape(name)}</a>'
            for slug, name in people.items()
        )
        parts.append(f"<p>With {names}.</p>")
    article = html.escape(event.article.title)
    if event.article.url:
        article = f'<a href="{html.escape(event.article.url)}">{article}</a>'
    source = f" ({html.escape(event.article.source)})" if event.article.source else ""
    parts.append(f"<p>From {article}{source}.</p>")
    return "".join(parts)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


@dataclass(frozen=True)
class FeedHead:
    """What a feed says of itself. `self_url` is also the feed's id (it names this filter for
    good); `updated` is the latest ingest (now when nothing was ever ingested)."""

    base: str  # the site, for entry links
    self_url: str
    page_url: str  # the page showing the same filter
    title: str
    updated: dt.datetime | None


def timeline_feed(events: Sequence[EventItem], head: FeedHead) -> bytes:
    """The feed as UTF-8 XML. An entry is dated by its article's publication day: when the
    news told of it."""
    base = head.base
    feed, feed_updated = _feed(head, "Dated events from policy news, each with the sentence it came from.")
    for event in events:
        entry = _entry(
            feed, f"{base}{event.page_path}", entry_title(event), event.article.published, feed_updated
        )
        if event.article.url:
            _add(entry, "link", href=event.article.url, rel="related", type="text/html")
        if event.article.source:
            _add(_add(entry, "author"), "name", event.article.source)
        _add(entry, "category", term=event.kind, label=event.kind)
        _add(entry, "content", entry_html(event, base), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def quotes_feed(quotes: Sequence[QuoteItem], head: FeedHead) -> bytes:
    """The quotes as a feed (as timeline_feed): an entry per quote, titled by its speaker and
    words, its author the speaker, dated by its article's publication day."""
    base = head.base
    feed, feed_updated = _feed(
        head, "What was said in policy news, by whom and when, each linked to its paragraph."
    )
    for quote in quotes:
        speaker = quote.speaker.name if quote.speaker else quote.speaker_name or "Unknown speaker"
        words = quote.text if len(quote.text) <= 90 else quote.text[:89].rsplit(" ", 1)[0] + "…"
        entry = _entry(
            feed, f"{base}/quotes/{quote.id}", f"{speaker}: “{words}”", quote.article.published, feed_updated
        )
        if quote.article.url:
            _add(entry, "link", href=quote.article.url, rel="related", type="text/html")
        _add(_add(entry, "author"), "name", speaker)
        _add(entry, "category", term=quote.kind, label=quote.kind)
        _add(entry, "content", quote_html(quote, speaker), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def quote_html(quote: QuoteItem, speaker: str) -> str:
    """The entry's content: the words, who said them, and the article."""
    article = html.escape(quote.article.title)
    if quote.article.url:
        article = f'<a href="{html.escape(quote.article.url)}">{article}</a>'
    source = f" ({html.escape(quote.article.source)})" if quote.article.source else ""
    cue = f" {html.escape(quote.cue)}" if quote.cue else ""
    return (
        f"<blockquote>{html.escape(quote.text)}</blockquote>"
        f"<p>{html.escape(speaker)}{cue}, in {article}{source}.</p>"
    )


def _feed(head: FeedHead, subtitle: str) -> tuple[ET.Element, str]:
    feed_updated = _stamp(head.updated or dt.datetime.now(dt.UTC))
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _add(feed, "id", head.self_url)
    _add(feed, "title", head.title)
    _add(feed, "subtitle", subtitle)
    _add(feed, "updated", feed_updated)
    _add(feed, "link", href=head.self_url, rel="self", type="application/atom+xml")
    _add(feed, "link", href=head.page_url, rel="alternate", type="text/html")
    _add(_add(feed, "author"), "name", "Dateline")
    _add(feed, "generator", "Dateline")
    return feed, feed_updated


def _entry(feed: ET.Element, page: str, title: str, published: dt.date | None, fallback: str) -> ET.Element:
    entry = _add(feed, "entry")
    _add(entry, "id", page)
    _add(entry, "title", title)
    stamp = _stamp(_midnight(published)) if published else fallback
    _add(entry, "published", stamp)
    _add(entry, "updated", stamp)
    _add(entry, "link", href=page, rel="alternate", type="text/html")
    return entry
