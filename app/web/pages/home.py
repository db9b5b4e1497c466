"""/: the collection at a glance: its numbers, the latest events and what is expected, the
most-mentioned entities of the last 30 days, the latest quotes, and the search box."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.formatting import date_range
from app.store.queries.overview import Overview, overview
from app.web import urls
from app.web.cards import EventCard, QuoteCard, event_cards, quote_cards
from app.web.page import PageMeta, render

router = APIRouter(route_class=ConditionalPageRoute)


@dataclass(frozen=True)
class HomeView:
    overview: Overview
    period_label: str  # the period the top entities are counted over
    covers: str  # "June 1 – July 31, 2024"
    latest: tuple[EventCard, ...]
    upcoming: tuple[EventCard, ...]
    quotes: tuple[QuoteCard, ...]
    upcoming_url: str


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep) -> HTMLResponse:
    data = overview(session, limit=8)
    stats = data.stats
    view = HomeView(
        overview=data,
        period_label=date_range(data.period_start, stats.last_article, None) if data.period_start else "",
        covers=date_range(stats.first_article, stats.last_article, None) if stats.first_article else "",
        latest=event_cards(data.latest_events, stats.last_article),
        upcoming=event_cards(data.upcoming_events, stats.last_article),
        quotes=quote_cards(data.latest_quotes),
        upcoming_url=urls.timeline(status="expected"),
    )
    site = request.app.state.settings.site_name
    description = (
        f"{stats.events:,} dated events, {stats.quotes:,} quotes and {stats.entities:,} people, "
        f"organisations and places from {stats.articles:,} policy-news articles, each linked to its source."
    )
    return render(
        request, "home.html", view, PageMeta(f"{site}: policy news as timelines", description, urls.home())
    )
