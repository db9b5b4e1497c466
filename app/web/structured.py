"""schema.org JSON-LD for the pages (https://schema.org): Event for events and stories,
Quotation for quotes, Person / Organization / Place for entities, NewsArticle for articles,
each with the page's URL,
so that a search engine or citation manager reads what a page states. Plain dicts; base.html
writes them in a <script type="application/ld+json"> data block, which is never executed (the
Content-Security-Policy governs script that runs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from app.store.queries.stories import StoryItem
from app.store.queries.views import ArticleItem, EntityItem, EntityRef, EventItem, QuoteItem
from app.web import urls

JsonLd = dict[str, Any]
ENTITY_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}


def _thing(ref: EntityRef, site: str) -> JsonLd:
    return {
        "@type": ENTITY_TYPES.get(ref.kind, "Thing"),
        "name": ref.name,
        "url": site + urls.entity(ref.slug),
    }


def _event(
    name: str, start: dt.date, end: dt.date, path: str, participants: Iterable[Any], site: str
) -> JsonLd:
    """A schema.org Event: one report (an event) or one happening (a story)."""
    data: JsonLd = {
        "@type": "Event",
        "name": name,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "url": site + path,
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if participants:
        data["about"] = [_thing(p.entity, site) for p in participants]
    return data


def event(item: EventItem, site: str) -> JsonLd:
    return _event(item.summary, item.start_date, item.end_date, item.page_path, item.participants, site)


def story(item: StoryItem, site: str) -> JsonLd:
    data = _event(item.title, item.start_date, item.end_date, urls.story(item.id), item.participants, site)
    if item.first_report:
        data["subjectOf"] = _news_article(item.first_report.id, item.first_report.title, site)
    return data


def news_article(item: ArticleItem, site: str) -> JsonLd:
    """An article as the site shows it, with the original's URL as `sameAs`."""
    data = _news_article(item.id, item.title, site)
    if item.published:
        data["datePublished"] = item.published.isoformat()
    if item.source:
        data["publisher"] = {"@type": "Organization", "name": item.source}
    if item.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in item.authors]
    if item.url:
        data["sameAs"] = item.url
    return data


def _news_article(article_id: int, title: str, site: str) -> JsonLd:
    return {"@type": "NewsArticle", "headline": title, "url": site + urls.article(article_id)}


def quotation(item: QuoteItem, site: str) -> JsonLd:
    data: JsonLd = {"@type": "Quotation", "text": item.text, "url": site + urls.quote(item.id)}
    if item.speaker:
        data["creator"] = _thing(item.speaker, site)
    elif item.speaker_name:
        data["creator"] = {"@type": "Person", "name": item.speaker_name}
    if item.said_start:
        data["dateCreated"] = item.said_start.isoformat()
    data["isPartOf"] = _news_article(item.article.id, item.article.title, site)
    return data


def entity(item: EntityItem, aliases: Iterable[str], site: str) -> JsonLd:
    data: JsonLd = {
        "@context": "https://schema.org",
        **_thing(EntityRef(item.slug, item.name, item.kind), site),
    }
    if item.description:
        data["description"] = item.description
    names = list(aliases)
    if names:
        data["alternateName"] = names
    return data


def item_list(name: str, url: str, items: Iterable[JsonLd]) -> JsonLd:
    elements = [{"@type": "ListItem", "position": n, "item": it} for n, it in enumerate(items, 1)]
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "url": url,
        "itemListElement": elements,
    }


def single(data: JsonLd) -> JsonLd:
    return {"@context": "https://schema.org", **data}
