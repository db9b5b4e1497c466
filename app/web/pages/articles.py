"""/articles (newest first, by source, entity, date or words) and /articles/{id}: the text
with its entities, dates and quotes marked, every sentence an anchor facts link to."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.store.queries import filters
from app.store.queries.articles import ArticleFilter, article_types, get_article, list_articles
from app.store.queries.entities import entity_refs
from app.store.queries.overview import article_dates, sources
from app.store.queries.views import ArticleDetail, ArticleItem
from app.web import structured, urls
from app.web.cards import EventCard, QuoteCard, event_cards, quote_cards
from app.web.entity_choice import NameNotice, read_names
from app.web.marking import Links, mark_body
from app.web.page import PageMeta, render
from app.web.params import check_sizes, path_id
from app.web.parts import Chip, Option, Pager, options, pager, readable_date_param, shorten

router = APIRouter(route_class=ConditionalPageRoute)

PARAMS = ("q", "source", "entity", "from", "to", "cursor", "type", "as_of")


@dataclass(frozen=True)
class ArticleListView:
    items: tuple[ArticleItem, ...]
    q: str | None
    date_from: str | None
    date_to: str | None
    source_options: tuple[Option, ...]
    chips: tuple[Chip, ...]
    pager: Pager
    heading: str
    name_notices: tuple[NameNotice, ...] = ()
    entity: str | None = None
    type_options: tuple[Option, ...] = ()


@router.get("/articles", response_class=HTMLResponse)
def article_list(request: Request, session: SessionDep) -> HTMLResponse:
    params = request.query_params
    check_sizes(params, PARAMS)
    f: ArticleFilter = filters.article_filter_from(params)
    cursor = filters.cursor(params.get("cursor"))
    raw = {"from": filters.text(params.get("from"), "from"), "to": filters.text(params.get("to"), "to")}
    names = read_names(
        session,
        [f.entity] if f.entity else [],
        lambda _typed, slug: urls.articles(q=f.q, source=f.source, entity=slug, **raw),
    )
    f = replace(f, entity=names.slugs[0] if names.slugs else None)
    page = list_articles(session, f, limit=40, cursor=cursor)
    all_sources = sources(session)

    def url(cursor: str | None = None, **drop: bool) -> str:
        values = {"q": f.q, "source": f.source, "entity": f.entity, "type": f.article_type, **raw}
        return urls.articles(**{k: v for k, v in values.items() if not drop.get(k)}, cursor=cursor)

    named = {e.slug: e.name for e in entity_refs(session, [f.entity] if f.entity else [])}
    source_names = {s.slug: s.name for s in all_sources}
    chips = [Chip(f"“{f.q}”", url(q=True))] if f.q else []
    chips += [Chip(source_names.get(f.source, f.source), url(source=True))] if f.source else []
    chips += [Chip(f.article_type, url(type=True))] if f.article_type else []
    chips += [Chip(f"mentions {named.get(f.entity, f.entity)}", url(entity=True))] if f.entity else []
    chips += [Chip(f"from {readable_date_param(raw['from'])}", url(**{"from": True}))] if raw["from"] else []
    chips += [Chip(f"to {readable_date_param(raw['to'])}", url(to=True))] if raw["to"] else []
    heading = "Articles" + (f" mentioning {named.get(f.entity, f.entity)}" if f.entity else "")
    view = ArticleListView(
        items=tuple(page.items),
        q=f.q,
        date_from=raw["from"],
        date_to=raw["to"],
        source_options=options(
            [(s.slug, f"{s.name} ({s.article_count:,})") for s in all_sources], [f.source or ""]
        ),
        chips=tuple(chips),
        pager=pager(url(page.next) if page.next else None, url(page.prev) if page.prev else None),
        heading=heading,
        name_notices=names.notices,
        entity=f.entity,
        type_options=options(
            [(t, f"{t} ({n:,})") for t, n in article_types(session)], [f.article_type or ""]
        ),
    )
    meta = PageMeta(heading, "The articles Dateline has read, newest first, with their facts marked.", url())
    return render(request, "articles.html", view, meta)


@dataclass(frozen=True)
class ArticleView:
    detail: ArticleDetail
    paragraphs: tuple[Markup, ...]
    events: tuple[EventCard, ...]
    quotes: tuple[QuoteCard, ...]
    timeline_url: str


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, session: SessionDep, article_id: str) -> HTMLResponse:
    detail = get_article(session, path_id(article_id, "article"))
    item = detail.article
    links = Links(entity=urls.entity, quote=urls.quote)
    view = ArticleView(
        detail=detail,
        paragraphs=mark_body(detail.body, detail.sentences, detail.annotations, links),
        events=event_cards(detail.events, article_dates(session)[1]),
        quotes=quote_cards(detail.quotes),
        timeline_url=urls.timeline(**{"from": item.published.isoformat(), "to": item.published.isoformat()})
        if item.published
        else urls.timeline(),
    )
    description = item.dek or shorten(detail.body, 200)
    meta = PageMeta(item.title, description, urls.article(item.id), "article")
    return render(
        request,
        "article.html",
        view,
        meta,
        lambda site: structured.single(structured.news_article(item, site)),
    )
