"""/search?q=: events, quotes, entities and articles matching the words, best first, with
full-text search behind it (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.store.queries import filters
from app.store.queries.overview import article_dates
from app.store.queries.search_all import RANKED_MATCHES, SearchResults, search_everything
from app.web import urls
from app.web.cards import EventCard, QuoteCard, event_cards, quote_cards
from app.web.page import PageMeta, render
from app.web.params import check_sizes
from app.web.parts import Segment
from app.web.snippets import marked, snippet

router = APIRouter(route_class=ConditionalPageRoute)

PER_KIND = 8


@dataclass(frozen=True)
class Hit:
    """A search result's text with the query's words marked (a window of it, for a long one)."""

    text: tuple[Segment, ...]
    url: str


@dataclass(frozen=True)
class SearchView:
    q: str | None
    results: SearchResults | None
    events: tuple[EventCard, ...]
    quotes: tuple[QuoteCard, ...]
    more_events_url: str | None
    more_quotes_url: str | None
    more_entities_url: str | None
    more_articles_url: str | None
    ranked: int = RANKED_MATCHES
    event_hits: dict[int, Hit] = field(default_factory=dict)  # by event id
    quote_hits: dict[int, Hit] = field(default_factory=dict)  # by quote id
    article_hits: dict[int, Hit] = field(default_factory=dict)  # by article id: its first lines


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, session: SessionDep) -> HTMLResponse:
    check_sizes(request.query_params, ("q",))
    q = filters.text(request.query_params.get("q"), "q")
    results = search_everything(session, q, per_kind=PER_KIND) if q else None
    view = SearchView(
        q=q,
        results=results,
        events=event_cards(results.events, article_dates(session)[1]) if results else (),
        quotes=quote_cards(results.quotes) if results else (),
        more_events_url=urls.timeline(q=q) if results and len(results.events) >= PER_KIND else None,
        more_quotes_url=urls.quotes(q=q) if results and len(results.quotes) >= PER_KIND else None,
        more_entities_url=urls.entities(q=q) if results and len(results.entities) >= PER_KIND else None,
        more_articles_url=urls.articles(q=q) if results and len(results.articles) >= PER_KIND else None,
        event_hits={e.id: Hit(marked(e.summary, q), urls.event(e.id)) for e in results.events}
        if results and q
        else {},
        quote_hits={x.id: Hit(snippet(x.text, q), urls.quote(x.id)) for x in results.quotes}
        if results and q
        else {},
        article_hits={
            a.id: Hit(marked(results.leads.get(a.id, ""), q), urls.article(a.id)) for a in results.articles
        }
        if results and q
        else {},
    )
    title = f"Search: {q}" if q else "Search"
    description = f"Events, quotes, people and articles matching “{q}”." if q else "Search the news."
    return render(request, "search.html", view, PageMeta(title, description, urls.search(q=q)))
