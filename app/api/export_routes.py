"""Exports of any filtered list: CSV for events, quotes and entities and iCalendar for events
(both streamed in keyset batches), an Atom feed of the timeline, and TimelineJS3 JSON.

The first batch is read inside the request, so a bad filter is a 400 problem before any byte
is sent; the rest is read batch by batch, each in a session of its own
(app/store/queries/exports.py), while the response streams.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from app.api import atom, csv_export, ical, timelinejs
from app.api.caching import ConditionalRoute, conditional_headers
from app.api.params import EntityFilterDep, EventFilterDep, QuoteFilterDep, SessionDep, SettingsDep
from app.api.problems import read_responses
from app.api.responses import site_base, url_with
from app.domain import EventStatus
from app.store.queries.common import Page
from app.store.queries.events import EventFilter, list_events
from app.store.queries.exports import entity_pages, event_pages, first_and_rest, quote_pages, story_row_pages
from app.store.queries.freshness import data_version
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.queries.stories import story_rows
from app.store.queries.views import EventItem
from app.web import urls

router = APIRouter(
    route_class=ConditionalRoute, dependencies=[Depends(conditional_headers)], tags=["exports"]
)


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


class CalendarResponse(StreamingResponse):
    media_type = "text/calendar"


class AtomResponse(Response):
    media_type = "application/atom+xml"


VALIDATOR_HEADERS = {
    "ETag": {"description": "Weak validator; send it back as If-None-Match.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "When the newest article was stored.", "schema": {"type": "string"}},
}


Group = Annotated[
    Literal["event", "story"] | None,
    Query(
        description="`story`: one row per story (its title, dates and first report) instead of every event."
    ),
]


def _file_responses(path: str, media_type: str, example: str) -> dict[int | str, Any]:
    return {
        200: {
            "description": "OK (streamed)" if media_type != "application/atom+xml" else "OK",
            "content": {media_type: {"schema": {"type": "string"}, "example": example}},
            "headers": VALIDATOR_HEADERS,
        },
        **read_responses(path),
    }


def _csv(request: Request, rows: Iterable[Any], columns: list[csv_export.Column], name: str) -> CSVResponse:
    return CSVResponse(
        csv_export.rows_to_csv(rows, columns, site_base(request)),
        headers={"Content-Disposition": f'attachment; filename="dateline-{name}.csv"'},
    )


def _all(request: Request, session: SessionDep, pages: Any) -> Iterator[Any]:
    _, items = first_and_rest(session, request.app.state.db.sessions, pages)
    return items


@router.get(
    "/events.csv",
    operation_id="export_events_csv",
    summary="Events as CSV",
    response_class=CSVResponse,
    responses=_file_responses(
        "/api/v1/events.csv",
        "text/csv",
        "id,start_date,end_date,timex_value,granularity,status,kind,summary,...\r\n"
        "812,2024-07-09,2024-07-09,2024-07-09,day,expected,meeting,the President will host ...\r\n",
    ),
)
def events_csv(request: Request, session: SessionDep, f: EventFilterDep, group: Group = None) -> CSVResponse:
    """Every event the filters select (same filters as /api/v1/events), streamed; with
    `group=story` one row per story. Each row names its story and the story's backing."""
    pages = story_row_pages(f) if group == "story" else event_pages(f)
    return _csv(request, _all(request, session, pages), csv_export.EVENT_COLUMNS, "events")


@router.get(
    "/quotes.csv",
    operation_id="export_quotes_csv",
    summary="Quotes as CSV",
    response_class=CSVResponse,
    responses=_file_responses(
        "/api/v1/quotes.csv", "text/csv", "id,said_start,said_end,said_value,kind,text,speaker_name,...\r\n"
    ),
)
def quotes_csv(request: Request, session: SessionDep, f: QuoteFilterDep) -> CSVResponse:
    """Every quote the filters select (same filters as /api/v1/quotes), streamed."""
    return _csv(request, _all(request, session, quote_pages(f)), csv_export.QUOTE_COLUMNS, "quotes")


@router.get(
    "/quotes.atom",
    operation_id="export_quotes_atom",
    summary="Quotes as an Atom feed",
    response_class=AtomResponse,
    responses=_file_responses(
        "/api/v1/quotes.atom",
        "application/atom+xml",
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">...</feed>",
    ),
)
def quotes_atom(
    request: Request, session: SessionDep, settings: SettingsDep, f: QuoteFilterDep, limit: FeedLimit = None
) -> AtomResponse:
    """RFC 4287 feed of the selected quotes (same filters as /api/v1/quotes), newest first, one
    entry per quote with its speaker and article: subscribe to what someone says."""
    page = list_quotes(session, f, _feed_limit(limit, settings.page_size, settings.api_max_limit))
    base = site_base(request)
    names = ("q", "speaker", "kind", "from", "to", "as_of", "attributed")
    shown = {n: request.query_params.getlist(n) for n in names if n in request.query_params}
    body = atom.quotes_feed(
        page.items,
        atom.FeedHead(
            base,
            url_with(request),
            base + urls.with_query("/quotes", shown),
            "Dateline quotes" + _described_quotes(f),
            data_version(session).last_ingest,
        ),
    )
    return AtomResponse(body)


@router.get(
    "/entities.csv",
    operation_id="export_entities_csv",
    summary="Entities as CSV",
    response_class=CSVResponse,
    responses=_file_responses(
        "/api/v1/entities.csv",
        "text/csv",
        "id,slug,name,kind,description,mention_count,...\r\n"
        "1089,joe-biden,Joe Biden,person,President,225,...\r\n",
    ),
)
def entities_csv(request: Request, session: SessionDep, f: EntityFilterDep) -> CSVResponse:
    """Every entity the filters select (same filters as /api/v1/entities), streamed."""
    return _csv(request, _all(request, session, entity_pages(f)), csv_export.ENTITY_COLUMNS, "entities")


Upcoming = Annotated[
    bool,
    Query(
        description="Only what is expected from today (the server's date) on: the calendar to "
        "subscribe to. Narrows `status` and `from`.",
    ),
]


def upcoming_only(f: EventFilter, today: dt.date) -> EventFilter:
    start = max(f.date_from or today, today)
    return dataclasses.replace(f, statuses=(EventStatus.EXPECTED.value,), date_from=start)


@router.get(
    "/events.ics",
    operation_id="export_events_ics",
    summary="Events as an iCalendar feed",
    response_class=CalendarResponse,
    responses=_file_responses(
        "/api/v1/events.ics",
        "text/calendar",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Dateline//Dateline events//EN\r\n...\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:the President will host the NATO Summit in Washington\r\n"
        "DTSTART;VALUE=DATE:20240709\r\nDTEND;VALUE=DATE:20240710\r\n...\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ),
)
def events_ics(
    request: Request, session: SessionDep, f: EventFilterDep, upcoming: Upcoming = False, group: Group = None
) -> CalendarResponse:
    """RFC 5545 calendar of the selected events that name a day or a time of day (vaguer dates
    cannot be placed in a calendar). Expected events are TENTATIVE. Subscribe to
    `?upcoming=true` (with any other filter) to follow what is expected."""
    if upcoming:
        f = upcoming_only(f, dt.date.today())
    items = _all(request, session, story_row_pages(f) if group == "story" else event_pages(f))
    stamp = data_version(session).last_ingest or dt.datetime.now(dt.UTC)
    name = "Dateline: " + ("upcoming events" if upcoming else "events") + _described(f)
    body = ical.stream_calendar(items, site_base(request), stamp, name, "Dated events from policy news.")
    return CalendarResponse(body, headers={"Content-Disposition": 'inline; filename="dateline-events.ics"'})


FeedLimit = Annotated[
    int | None,
    Query(ge=1, description="How many events (50 unless given; capped at DATELINE_API_MAX_LIMIT)."),
]


def _feed_limit(limit: int | None, default: int, maximum: int) -> int:
    return min(limit or default, maximum)


@router.get(
    "/events.atom",
    operation_id="export_events_atom",
    summary="The timeline as an Atom feed",
    response_class=AtomResponse,
    responses=_file_responses(
        "/api/v1/events.atom",
        "application/atom+xml",
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">...</feed>",
    ),
)
def events_atom(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    f: EventFilterDep,
    limit: FeedLimit = None,
    group: Group = None,
) -> AtomResponse:
    """RFC 4287 feed of the selected events (same filters as /api/v1/events), one entry per
    event with its sentence, participants and article."""
    page = _feed_page(session, f, _feed_limit(limit, settings.page_size, settings.api_max_limit), group)
    base = site_base(request)
    body = atom.timeline_feed(
        page.items,
        atom.FeedHead(
            base,
            url_with(request),
            base + urls.with_query("/timeline", _page_params(request)),
            "Dateline timeline" + _described(f),
            data_version(session).last_ingest,
        ),
    )
    return AtomResponse(body)


@router.get(
    "/events/timelinejs.json",
    operation_id="export_events_timelinejs",
    summary="The timeline in TimelineJS3 format",
    response_model=timelinejs.TimelineJSOut,
    responses={
        200: {"description": "OK", "headers": VALIDATOR_HEADERS},
        **read_responses("/api/v1/events/timelinejs.json"),
    },
)
def events_timelinejs(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    f: EventFilterDep,
    limit: FeedLimit = None,
    group: Group = None,
) -> Response:
    """The selected events as a TimelineJS3 document (same filters as /api/v1/events; 50
    events unless `limit` says more). Embed with `new TL.Timeline('id', '<this URL>')`."""
    page = _feed_page(session, f, _feed_limit(limit, settings.page_size, settings.api_max_limit), group)
    body = timelinejs.timeline(
        page.items,
        site_base(request),
        headline="Dateline timeline" + _described(f),
        intro="Dated events from policy news, each with the sentence it came from.",
    )
    # TimelineJS reads an absent field as "not given"; a null month would be read as a value
    return Response(body.model_dump_json(exclude_none=True), media_type="application/json")


def _feed_page(session: SessionDep, f: EventFilter, limit: int, group: str | None) -> Page[EventItem]:
    return story_rows(session, f, limit, None) if group == "story" else list_events(session, f, limit)


def _page_params(request: Request) -> dict[str, list[str]]:
    """The filters of this request as the /timeline page takes them (the same names)."""
    names = ("q", "entity", "kind", "source", "status", "from", "to", "order", "as_of")
    return {n: request.query_params.getlist(n) for n in names if n in request.query_params}


def _described_quotes(f: QuoteFilter) -> str:
    parts = [f"“{f.q}”"] if f.q else []
    parts += list(f.speakers)
    return f" — {', '.join(parts)}" if parts else ""


def _described(f: EventFilter) -> str:
    parts = [f"“{f.q}”"] if f.q else []
    parts += [*f.entities, *f.kinds, *f.sources, *f.statuses]
    if f.date_from or f.date_to:
        parts.append(f"{f.date_from or '…'} to {f.date_to or '…'}")
    return f" — {', '.join(parts)}" if parts else ""
