"""An Atom feed (RFC 4287) of a filtered timeline: one entry per event, newest first unless
the filter says otherwise, so a feed reader follows an entity, a topic or what is expected.

Written with the standard library's ElementTree, which escapes every text and attribute.
(feedgen 1.0 drops the `rel` and `type` of entry links, which would leave two
rel="alternate" links in an entry, against §4.1.1.)
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from app.formatting import date_range
from app.store.queries.views import EventItem

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


def timeline_feed(
    events: Sequence[EventItem],
    *,
    base: str,
    self_url: str,
    page_url: str,
    title: str,
    updated: dt.datetime | None,
) -> bytes:
    """The feed as UTF-8 XML. `self_url` is also the feed's id (it names this filter for
    good); `updated` is the latest ingest (now when nothing was ever ingested). An entry is
    dated by its article's publication day: when the news told of it."""
    feed_updated = _stamp(updated or dt.datetime.now(dt.UTC))
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _add(feed, "id", self_url)
    _add(feed, "title", title)
    _add(feed, "subtitle", "Dated events from policy news, each with the sentence it came from.")
    _add(feed, "updated", feed_updated)
    _add(feed, "link", href=self_url, rel="self", type="application/atom+xml")
    _add(feed, "link", href=page_url, rel="alternate", type="text/html")
    _add(_add(feed, "author"), "name", "Dateline")
    _add(feed, "generator", "Dateline")
    for event in events:
        entry = _add(feed, "entry")
        page = f"{base}{event.page_path}"
        _add(entry, "id", page)
        _add(entry, "title", entry_title(event))
        stamp = _stamp(_midnight(event.article.published)) if event.article.published else feed_updated
        _add(entry, "published", stamp)
        _add(entry, "updated", stamp)
        _add(entry, "link", href=page, rel="alternate", type="text/html")
        if event.article.url:
            _add(entry, "link", href=event.article.url, rel="related", type="text/html")
        if event.article.source:
            _add(_add(entry, "author"), "name", event.article.source)
        _add(entry, "category", term=event.kind, label=event.kind)
        _add(entry, "content", entry_html(event, base), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
