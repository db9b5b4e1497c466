"""The JSON read endpoints: each parses its parameters (app/api/params.py), calls one query
function, and serialises the plain value it gets back. No SQL here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from app.api.caching import ConditionalRoute, conditional_headers
from app.api.params import (
    ArticleFilterDep,
    EntityFilterDep,
    EventFilterDep,
    ItemId,
    PagingDep,
    QuoteFilterDep,
    SearchKind,
    SessionDep,
    Slug,
)
from app.api.problems import read_responses
from app.api.responses import build, json_response, list_response, site_base
from app.api.schemas import (
    ArticleDetailOut,
    ArticleList,
    DensityOut,
    EntityDetailOut,
    EntityList,
    EventDetailOut,
    EventList,
    OverviewOut,
    QuoteDetailOut,
    QuoteList,
    SearchOut,
    StatsOut,
)
from app.store.queries import filters
from app.store.queries.articles import get_article, list_articles
from app.store.queries.details import entity_profile, event_detail, site_stats
from app.store.queries.entities import list_entities
from app.store.queries.events import Bucket, event_density, list_events, q_bounded
from app.store.queries.overview import overview
from app.store.queries.quotes import get_quote, list_quotes
from app.store.queries.search_all import search_everything

router = APIRouter(route_class=ConditionalRoute, dependencies=[Depends(conditional_headers)])

OK_HEADERS = {
    "ETag": {"description": "Weak validator; send it back as If-None-Match.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "When the newest article was stored.", "schema": {"type": "string"}},
}
LIST_HEADERS = {
    **OK_HEADERS,
    "Link": {
        "description": 'RFC 8288 links to the neighbouring pages: `<...>; rel="next"`, `rel="prev"`.',
        "schema": {"type": "string"},
    },
}


def _responses(path: str, headers: dict[str, Any] = OK_HEADERS, **kwargs: Any) -> dict[int | str, Any]:
    return {200: {"description": "OK", "headers": headers}, **read_responses(path, **kwargs)}


def _list_responses(path: str, **kwargs: Any) -> dict[int | str, Any]:
    return _responses(path, LIST_HEADERS, **kwargs)


# --- events --------------------------------------------------------------------------------


@router.get(
    "/events",
    tags=["events"],
    operation_id="list_events",
    summary="Events: the timeline",
    response_model=EventList,
    responses=_list_responses("/api/v1/events"),
)
def events(request: Request, session: SessionDep, f: EventFilterDep, page: PagingDep) -> Response:
    """Dated events, newest first by default, with the filters of the /timeline page. Each
    event carries its participants, the sentence it came from and its article."""
    listed = list_events(session, f, page.limit, page.cursor)
    return list_response(EventList, listed, request, q_bounded=q_bounded(session, f))


@router.get(
    "/events/density",
    tags=["events"],
    operation_id="event_density",
    summary="How many events per day, month or year",
    response_model=DensityOut,
    responses=_responses("/api/v1/events/density"),
)
def density(
    request: Request,
    session: SessionDep,
    f: EventFilterDep,
    bucket: Annotated[Bucket | None, Query(description="Period size; fits the range unless given.")] = None,
) -> Response:
    """The counts behind the timeline's histogram, for the same filters as /api/v1/events."""
    periods = event_density(session, f, bucket)
    chosen = bucket or _bucket_of(periods)
    return json_response(build(DensityOut, {"bucket": chosen.value, "periods": periods}, request))


def _bucket_of(periods: list[Any]) -> Bucket:
    if not periods:
        return Bucket.MONTH
    label = periods[0].label
    return Bucket.DAY if len(label) == 10 else Bucket.MONTH if len(label) == 7 else Bucket.YEAR


@router.get(
    "/events/{event_id}",
    tags=["events"],
    operation_id="get_event",
    summary="One event",
    response_model=EventDetailOut,
    responses=_responses("/api/v1/events/812", bad=None, missing="There is no event 812."),
)
def event(request: Request, session: SessionDep, event_id: ItemId) -> Response:
    """An event with its participants and source sentence, and the other events of its
    article."""
    return json_response(build(EventDetailOut, event_detail(session, event_id), request))


# --- entities ------------------------------------------------------------------------------


@router.get(
    "/entities",
    tags=["entities"],
    operation_id="list_entities",
    summary="Entities, most mentioned first",
    response_model=EntityList,
    responses=_list_responses("/api/v1/entities", bad=("q", "q '!!' holds no word to search for")),
)
def entities(request: Request, session: SessionDep, f: EntityFilterDep, page: PagingDep) -> Response:
    """People, organizations, places and groups named in the articles."""
    return list_response(EntityList, list_entities(session, f, page.limit, page.cursor), request)


@router.get(
    "/entities/{slug}",
    tags=["entities"],
    operation_id="get_entity",
    summary="One entity",
    response_model=EntityDetailOut,
    responses=_responses(
        "/api/v1/entities/joe-biden",
        bad=("slug", "slug must not contain NUL characters"),
        missing="There is no entity 'joe-biden'.",
    ),
)
def entity(request: Request, session: SessionDep, slug: Slug) -> Response:
    """An entity with its aliases, mentions per month, co-mentioned entities, latest articles,
    and its latest events and quotes (all of them at `events_url` and `quotes_url`)."""
    slug = filters.text(slug, "slug") or ""
    profile = entity_profile(session, slug)
    detail = profile.detail
    base = site_base(request)
    body = {
        "entity": detail.entity,
        "aliases": detail.aliases,
        "mentions_by_month": detail.mentions_by_month,
        "mentions_by_week": detail.mentions_by_week,
        "co_mentioned": detail.co_mentioned,
        "articles": detail.articles,
        "recent_events": profile.recent_events,
        "recent_quotes": profile.recent_quotes,
        "events_url": f"{base}/api/v1/events?entity={detail.entity.slug}",
        "quotes_url": f"{base}/api/v1/quotes?speaker={detail.entity.slug}",
    }
    return json_response(build(EntityDetailOut, body, request))


# --- quotes --------------------------------------------------------------------------------


@router.get(
    "/quotes",
    tags=["quotes"],
    operation_id="list_quotes",
    summary="Quotes, newest first",
    response_model=QuoteList,
    responses=_list_responses("/api/v1/quotes", bad=("speaker", "no entity is named 'nobody'")),
)
def quotes(request: Request, session: SessionDep, f: QuoteFilterDep, page: PagingDep) -> Response:
    """Quotes by the date they were said, with their speakers and articles."""
    return list_response(QuoteList, list_quotes(session, f, page.limit, page.cursor), request)


@router.get(
    "/quotes/{quote_id}",
    tags=["quotes"],
    operation_id="get_quote",
    summary="One quote",
    response_model=QuoteDetailOut,
    responses=_responses("/api/v1/quotes/42", bad=None, missing="There is no quote 42."),
)
def quote(request: Request, session: SessionDep, quote_id: ItemId) -> Response:
    """A quote with its speaker, the paragraph around it, and more by the same speaker."""
    return json_response(build(QuoteDetailOut, get_quote(session, quote_id), request))


# --- articles ------------------------------------------------------------------------------


@router.get(
    "/articles",
    tags=["articles"],
    operation_id="list_articles",
    summary="Articles, newest first",
    response_model=ArticleList,
    responses=_list_responses("/api/v1/articles", bad=("source", "no source 'nowhere'")),
)
def articles(request: Request, session: SessionDep, f: ArticleFilterDep, page: PagingDep) -> Response:
    return list_response(ArticleList, list_articles(session, f, page.limit, page.cursor), request)


@router.get(
    "/articles/{article_id}",
    tags=["articles"],
    operation_id="get_article",
    summary="One article, annotated",
    response_model=ArticleDetailOut,
    responses=_responses("/api/v1/articles/97", bad=None, missing="There is no article 97."),
)
def article(request: Request, session: SessionDep, article_id: ItemId) -> Response:
    """The clean text with every entity mention, time expression and quote as offsets into
    it, and the article's entities, events and quotes."""
    return json_response(build(ArticleDetailOut, get_article(session, article_id), request))


# --- across kinds --------------------------------------------------------------------------


@router.get(
    "/search",
    tags=["search"],
    operation_id="search",
    summary="Search events, quotes, entities and articles",
    response_model=SearchOut,
    responses=_responses(
        "/api/v1/search",
        bad=("q", "q '!!' holds no word to search for"),
        invalid=("q", None, "Field required"),
    ),
)
def search(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, description="Words to look for.", examples=["NATO summit"])],
    kind: Annotated[
        list[SearchKind] | None, Query(description="Only these kinds; repeat for several. All unless given.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="Best matches per kind.")] = 10,
) -> Response:
    """The best matches of each kind, best first."""
    words = filters.text(q, "q") or ""
    kinds = filters.values(kind, "kind") or ("event", "quote", "entity", "article")
    results = search_everything(session, words, kinds, per_kind=limit)
    body = {
        "q": results.q,
        "total": results.total,
        "events": results.events,
        "quotes": results.quotes,
        "entities": results.entities,
        "articles": results.articles,
    }
    return json_response(build(SearchOut, body, request))


@router.get(
    "/stats",
    tags=["site"],
    operation_id="stats",
    summary="Totals, date span and sources",
    response_model=StatsOut,
    responses=_responses("/api/v1/stats", bad=None),
)
def stats(request: Request, session: SessionDep) -> Response:
    site = site_stats(session)
    s = site.stats
    body = {
        "articles": s.articles,
        "events": s.events,
        "entities": s.entities,
        "quotes": s.quotes,
        "sources": s.sources,
        "first_article": s.first_article,
        "last_article": s.last_article,
        "last_ingest": site.last_ingest,
        "source_list": site.sources,
    }
    return json_response(build(StatsOut, body, request))


@router.get(
    "/overview",
    tags=["site"],
    operation_id="overview",
    summary="The front page's data",
    response_model=OverviewOut,
    responses=_responses("/api/v1/overview", bad=None),
)
def front(request: Request, session: SessionDep) -> Response:
    """The latest events, what is expected next, the most-mentioned entities of the last 30
    days and the latest quotes."""
    view = overview(session)
    site = site_stats(session)
    body = {
        "stats": {**vars(view.stats), "last_ingest": site.last_ingest, "source_list": site.sources},
        "period_start": view.period_start,
        "latest_events": view.latest_events,
        "upcoming_events": view.upcoming_events,
        "top_entities": view.top_entities,
        "latest_quotes": view.latest_quotes,
    }
    return json_response(build(OverviewOut, body, request))
