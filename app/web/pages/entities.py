"""/entities (by kind, searchable, most-mentioned first) and /entities/{slug}: one entity with
its aliases, mentions over time, timeline, quotes, companions and articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.domain import EntityKind, EventStatus
from app.formatting import day
from app.store.queries import filters
from app.store.queries.entities import (
    CO_MENTION_WINDOW,
    EntityDetail,
    EntityFilter,
    get_entity,
    list_entities,
)
from app.store.queries.events import EventFilter
from app.store.queries.overview import article_dates
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.queries.stories import list_stories, stories_after
from app.store.queries.views import EntityItem
from app.web import structured, urls
from app.web.cards import QuoteCard, quote_cards
from app.web.charts import Sparkline, sparkline
from app.web.exports import ExportBox, ExportLink, event_exports
from app.web.page import PageMeta, render
from app.web.params import check_sizes, path_slug
from app.web.parts import Option, Pager, options, pager
from app.web.story_cards import StoryCard, story_cards

router = APIRouter(route_class=ConditionalPageRoute)

KIND_LABELS = {
    "person": "people",
    "organization": "organisations",
    "place": "places",
    "group": "groups",
    "other": "other",
}


@dataclass(frozen=True)
class EntityListView:
    items: tuple[EntityItem, ...]
    kind: str | None
    q: str | None
    kind_tabs: tuple[tuple[str, str, bool], ...]  # (label, url, current)
    kind_options: tuple[Option, ...]
    pager: Pager
    heading: str


@router.get("/entities", response_class=HTMLResponse)
def entity_list(request: Request, session: SessionDep) -> HTMLResponse:
    params = request.query_params
    check_sizes(params, ("q", "kind", "cursor"))
    f = filters.entity_filter_from(params)
    cursor = filters.cursor(params.get("cursor"))
    page = list_entities(session, f, limit=60, cursor=cursor)
    here = _list_url(f)
    view = EntityListView(
        items=tuple(page.items),
        kind=f.kind,
        q=f.q,
        kind_tabs=(
            ("All", _list_url(replace(f, kind=None)), f.kind is None),
            *((KIND_LABELS[k], _list_url(replace(f, kind=k.value)), f.kind == k.value) for k in EntityKind),
        ),
        kind_options=options([(k.value, KIND_LABELS[k.value]) for k in EntityKind], [f.kind or ""]),
        # most-mentioned first: "next" goes down the list, so the pager says more/fewer
        pager=pager(
            _list_url(f, page.next) if page.next else None, _list_url(f, page.prev) if page.prev else None
        ),
        heading=(KIND_LABELS[f.kind].capitalize() if f.kind else "People, organisations and places")
        + (f" matching “{f.q}”" if f.q else ""),
    )
    meta = PageMeta(
        view.heading,
        "Who and what the news names, most-mentioned first, each with a timeline and quotes.",
        here,
    )
    return render(request, "entities.html", view, meta)


def _list_url(f: EntityFilter, cursor: str | None = None) -> str:
    return urls.entities(kind=f.kind, q=f.q, cursor=cursor)


@dataclass(frozen=True)
class EntityView:
    detail: EntityDetail
    kind_label: str
    spark: Sparkline | None
    events: tuple[StoryCard, ...]  # its timeline, one row per story
    upcoming: tuple[StoryCard, ...]
    more_events_url: str | None
    quotes: tuple[QuoteCard, ...]
    more_quotes_url: str | None
    articles_url: str
    timeline_url: str
    quotes_url: str
    co_mention_note: str  # over which articles the companions are counted
    key_events_url: str = ""
    exports: ExportBox | None = None


@router.get("/entities/{slug}", response_class=HTMLResponse)
def entity(request: Request, session: SessionDep, slug: str) -> HTMLResponse:
    detail = get_entity(session, path_slug(slug, "entity"))
    item = detail.entity
    _, present = article_dates(session)
    # the news first, up to the collection's present; what is expected after it apart
    events = list_stories(session, EventFilter(entities=(item.slug,), date_to=present), limit=12)
    expected = EventFilter(entities=(item.slug,), statuses=(EventStatus.EXPECTED.value,))
    upcoming = stories_after(session, expected, present, limit=5) if present else []
    quotes = list_quotes(session, QuoteFilter(speakers=(item.slug,)), limit=10)
    timeline_url = urls.timeline(entity=item.slug)
    quotes_url = urls.quotes(speaker=item.slug)
    view = EntityView(
        detail=detail,
        kind_label=item.kind,
        spark=sparkline(detail.mentions_by_week, lambda p: f"the week of {day(p.start)}", period="week")
        if detail.mentions_by_week
        else sparkline(detail.mentions_by_month, lambda p: f"{p.start:%B %Y}"),
        events=story_cards(events.items, present),
        upcoming=story_cards(upcoming, present),
        more_events_url=timeline_url if events.next else None,
        quotes=quote_cards(quotes.items),
        more_quotes_url=quotes_url if quotes.next else None,
        articles_url=urls.articles(entity=item.slug),
        timeline_url=timeline_url,
        quotes_url=quotes_url,
        co_mention_note=f"in its latest {CO_MENTION_WINDOW} articles"
        if item.article_count > CO_MENTION_WINDOW
        else "",
        key_events_url=urls.key_events(entity=item.slug),
    )
    today = dt.datetime.now(dt.UTC).date()
    exports = event_exports(
        {"entity": (item.slug,)},
        True,
        f"Timeline of {item.name}",
        urls.timeline(entity=item.slug, as_of=today.isoformat()),
        today,
    )
    quote_links = (
        ExportLink("Quotes CSV", urls.quotes_export("csv", speaker=item.slug), "csv"),
        ExportLink("Quotes Atom feed", urls.quotes_export("atom", speaker=item.slug), "atom"),
    )
    view = replace(
        view,
        exports=replace(exports, links=(*exports.links, *quote_links), api_url=urls.api_entity(item.slug)),
    )
    about = item.description or item.kind
    description = (
        f"{item.name} ({about}): {item.mention_count:,} mentions in {item.article_count:,} articles, "
        f"{item.event_count:,} events, {item.quote_count:,} quotes."
    )
    meta = PageMeta(item.name, description, urls.entity(item.slug), "profile")
    return render(
        request, "entity.html", view, meta, lambda site: structured.entity(item, detail.aliases, site)
    )
