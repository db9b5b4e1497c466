"""/events/{id}: one event with the sentence it came from and the rest of its article's
events."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.formatting import without_markdown
from app.store.queries.events import get_event, related_events
from app.store.queries.overview import article_dates
from app.web import structured, urls
from app.web.cards import EventCard, event_card, event_cards
from app.web.page import PageMeta, render
from app.web.params import path_id
from app.web.parts import shorten

router = APIRouter(route_class=ConditionalPageRoute)


@dataclass(frozen=True)
class EventView:
    card: EventCard
    related: tuple[EventCard, ...]
    timeline_url: str  # the timeline around the event's date


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, session: SessionDep, event_id: str) -> HTMLResponse:
    item = get_event(session, path_id(event_id, "event"))
    present = article_dates(session)[1]
    card = event_card(item, present)
    view = EventView(
        card=card,
        related=event_cards(related_events(session, item), present),
        timeline_url=urls.timeline(
            **{"from": item.start_date.isoformat()[:7], "to": item.start_date.isoformat()[:7]}
        ),
    )
    summary = without_markdown(item.summary)
    title = f"{card.when}: {summary}"
    description = f"{summary} ({card.when}), from “{item.article.title}”."
    meta = PageMeta(shorten(title), description, urls.event(item.id), og_type="article")
    return render(
        request, "event.html", view, meta, lambda site: structured.single(structured.event(item, site))
    )
