"""/stories/{id}: one happening with every report of it (sentence, source, date, and why it
was merged), its participants, the dates reported (conflicts marked), quotes about it and
stories of the same entities near it in time. /key-events: the stories that matter most for
a period or an entity, by corroboration and kind."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep
from app.formatting import without_markdown
from app.store.queries import filters
from app.store.queries.entities import entity_refs
from app.store.queries.overview import article_dates
from app.store.queries.stories import (
    Evidence,
    ReportedDate,
    StoryParticipantItem,
    get_story,
    key_stories,
    nearby_stories,
    quotes_about,
)
from app.store.queries.views import EntityRef
from app.web import structured, urls
from app.web.cards import EventCard, QuoteCard, event_card, quote_cards
from app.web.entity_choice import NameNotice, read_names
from app.web.page import PageMeta, render
from app.web.params import check_sizes, path_id
from app.web.parts import shorten
from app.web.story_cards import StoryCard, story_card, story_cards

router = APIRouter(route_class=ConditionalPageRoute)


@dataclass(frozen=True)
class ReportView:
    card: EventCard
    evidence: Evidence


@dataclass(frozen=True)
class StoryView:
    card: StoryCard
    reports: tuple[ReportView, ...]
    participants: tuple[StoryParticipantItem, ...]
    dates: tuple[ReportedDate, ...]
    statuses: tuple[tuple[str, int], ...]
    quotes: tuple[QuoteCard, ...]
    nearby: tuple[StoryCard, ...]
    timeline_url: str  # the timeline of its main participant around it
    key_events_url: str


PAGE_REPORTS = 50  # reports on a story's page, earliest first; the API lists up to 200


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, session: SessionDep, story_id: str) -> HTMLResponse:
    detail = get_story(session, path_id(story_id, "story"), max_reports=PAGE_REPORTS)
    present = article_dates(session)[1]
    item = detail.story
    month = item.start_date.isoformat()[:7]
    lead = [p.entity.slug for p in detail.participants[:1]]
    view = StoryView(
        card=story_card(item, present),
        reports=tuple(ReportView(event_card(r.event, present), r.evidence) for r in detail.reports),
        participants=detail.participants,
        dates=detail.dates,
        statuses=detail.statuses,
        quotes=quote_cards(quotes_about(session, item.id)),
        nearby=story_cards(nearby_stories(session, detail), present),
        timeline_url=urls.timeline(entity=lead, **{"from": month, "to": month}),
        key_events_url=urls.key_events(entity=lead),
    )
    card = view.card
    title = without_markdown(item.title)
    description = f"{title} ({card.when}): {card.backing}."
    meta = PageMeta(shorten(f"{card.when}: {title}"), description, urls.story(item.id), og_type="article")
    return render(
        request, "story.html", view, meta, lambda site: structured.single(structured.story(item, site))
    )


@dataclass(frozen=True)
class KeyEventsView:
    title: str
    stories: tuple[StoryCard, ...]
    entities: tuple[EntityRef, ...]
    timeline_url: str
    date_from: str | None
    date_to: str | None
    name_notices: tuple[NameNotice, ...] = ()


KEY_PARAMS = ("q", "entity", "kind", "source", "status", "from", "to")


@router.get("/key-events", response_class=HTMLResponse)
def key_events(request: Request, session: SessionDep) -> HTMLResponse:
    params = request.query_params
    check_sizes(params, KEY_PARAMS)
    f = filters.event_filter_from(params)
    date_from, date_to = filters.text(params.get("from"), "from"), filters.text(params.get("to"), "to")

    def swap(typed: str, slug: str | None) -> str:
        entities = tuple(e for e in (slug if e == typed else e for e in f.entities) if e)
        kept = {n: params.getlist(n) for n in KEY_PARAMS if n != "entity" and n in params}
        return urls.key_events(entity=entities, **kept)

    # names as a reader types them, as on the timeline: a notice, never a 400
    names = read_names(session, f.entities, swap)
    f = replace(f, entities=names.slugs)
    named = entity_refs(session, list(f.entities))
    present = article_dates(session)[1]
    parts = [" and ".join(e.name for e in named)] if named else []
    if date_from or date_to:
        parts.append(" to ".join(filter(None, [date_from, date_to])))
    title = "Key events" + (f": {', '.join(parts)}" if parts else "")
    view = KeyEventsView(
        title=title,
        stories=story_cards(key_stories(session, f, limit=20), present),
        entities=tuple(named),
        timeline_url=urls.timeline(entity=f.entities, **{"from": date_from, "to": date_to}),
        date_from=date_from,
        date_to=date_to,
        name_notices=names.notices,
    )
    description = "The happenings most reported, by the number of sources and articles and by kind."
    meta = PageMeta(title, description, request.url.path)

    def jsonld(site: str) -> dict[str, object]:
        return structured.item_list(
            title, site + meta.path, (structured.story(c.story, site) for c in view.stories)
        )

    return render(request, "key_events.html", view, meta, jsonld)
