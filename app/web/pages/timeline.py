"""/timeline: events in date order, grouped at their own precision, with filters, a density
chart whose bars open their period, and keyset paging back and forth in time.

Without a cursor or dates the newest-first timeline opens at the collection's present (its
newest article's date), so it starts with the news rather than with far-off plans; "Later"
pages on into what is expected. With status=expected alone it runs forward from there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.api.caching import ConditionalPageRoute
from app.deps import SessionDep, SettingsDep
from app.domain import EventKind, EventStatus
from app.formatting import date_range, day
from app.store import search
from app.store.queries import filters
from app.store.queries.common import Cursor, Direction, parse_date
from app.store.queries.entities import entity_refs, top_entities
from app.store.queries.events import (
    LAST_ID,
    Density,
    EventFilter,
    Order,
    any_events,
    density_in_range,
    list_events,
    q_bounded,
)
from app.store.queries.overview import article_dates, sources
from app.store.queries.stories import any_stories, list_stories
from app.store.queries.views import EntityRef, PeriodCount
from app.web import structured, urls
from app.web.cards import EventCard, event_cards
from app.web.charts import BarChart, bar_chart
from app.web.entity_choice import NameNotice, read_names
from app.web.exports import ExportBox, event_exports
from app.web.grouping import GROUPINGS, EventGroup, Period, group_events
from app.web.page import PageMeta, render
from app.web.params import check_sizes, choice
from app.web.parts import Chip, Option, Pager, options, pager, readable_date_param
from app.web.story_cards import StoryCard, story_cards

router = APIRouter(route_class=ConditionalPageRoute)

# What a density bar of each size cannot hold (see FINE_ENOUGH in the query layer).
COARSER = {"day": "by week, month or year", "month": "by quarter, season or year", "year": "by decade"}

PARAMS = (
    "q",
    "entity",
    "kind",
    "source",
    "status",
    "from",
    "to",
    "group",
    "order",
    "cursor",
    "view",
    "as_of",
    "layout",
    "at",
)
# "compact": one line a row, like a Wikipedia "Timeline of …" (the sentence on demand)
LAYOUTS = ("cards", "compact")
# One row per story (the default), or every report (each event on its own).
VIEWS = ("stories", "reports")


@dataclass(frozen=True)
class TimelineState:
    """The timeline's parameters as given: dates stay as written ("2024-07"), so links keep
    the reader's wording, and a permalink is these values in one order."""

    q: str | None = None
    entities: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    group: str | None = None
    order: str | None = None
    cursor: str | None = None
    view: str | None = None  # None: stories
    as_of: str | None = None  # only what was stored by the end of this day, as written
    layout: str | None = None  # None: cards; "compact"

    @property
    def compact(self) -> bool:
        return self.layout == "compact"

    @property
    def stories(self) -> bool:
        return self.view != "reports"

    def url(self, **changes: object) -> str:
        s = replace(self, **changes)  # type: ignore[arg-type]
        return urls.timeline(
            view=s.view,
            q=s.q,
            entity=s.entities,
            kind=s.kinds,
            source=s.sources,
            status=s.statuses,
            group=s.group,
            order=s.order,
            cursor=s.cursor,
            as_of=s.as_of,
            layout=s.layout,
            **{"from": s.date_from, "to": s.date_to},
        )

    def filters(self) -> dict[str, str | tuple[str, ...] | None]:
        """The filters as the API and exports name them (the same as the page's)."""
        return {
            "q": self.q,
            "entity": self.entities,
            "kind": self.kinds,
            "source": self.sources,
            "status": self.statuses,
            "from": self.date_from,
            "to": self.date_to,
            "order": self.order,
            "as_of": self.as_of,
        }

    @property
    def upcoming_only(self) -> bool:
        return self.statuses == (EventStatus.EXPECTED.value,)

    @property
    def newest_first(self) -> bool:
        if self.order:
            return self.order == Order.NEWEST.value
        return not self.upcoming_only


@dataclass(frozen=True)
class DensityView:
    chart: BarChart | None
    range_label: str
    in_range: int
    coarser: int  # in the range, but dated only to a longer period than a bar's
    coarser_label: str  # "by week, month or year"
    before: int
    after: int
    before_url: str | None
    after_url: str | None
    shown_label: str = ""  # the dates of the page's events, for "you are here"


@dataclass(frozen=True)
class TimelineView:
    state: TimelineState
    title: str
    groups: tuple[EventGroup, ...]
    cards: dict[int, EventCard]  # by event id, for the groups' events
    pager: Pager
    density: DensityView | None
    chips: tuple[Chip, ...]
    entities: tuple[EntityRef, ...]  # the entity filter, named
    entity_suggestions: tuple[EntityRef, ...]
    kind_options: tuple[Option, ...]
    status_options: tuple[Option, ...]
    source_options: tuple[Option, ...]
    group_options: tuple[Option, ...]
    order_options: tuple[Option, ...]
    present: dt.date | None
    anchored: bool  # opened at the present rather than at either end
    reset_url: str = field(default_factory=urls.timeline)
    story_cards: dict[int, StoryCard] = field(default_factory=dict)  # by story id, in story view
    stories_url: str = ""  # the same timeline one row per story
    reports_url: str = ""  # the same timeline with every report
    key_events_url: str = ""
    name_notices: tuple[NameNotice, ...] = ()  # entity names read as a guess, or naming no one
    layout_url: str = ""  # the same timeline in the other layout
    jump_fields: tuple[tuple[str, str], ...] = ()  # hidden fields of the jump-to-a-date form
    exports: ExportBox | None = None


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    params = request.query_params
    check_sizes(params, PARAMS)
    event_filter = filters.event_filter_from(params)
    state = TimelineState(
        q=event_filter.q,
        entities=event_filter.entities,
        kinds=event_filter.kinds,
        sources=event_filter.sources,
        statuses=event_filter.statuses,
        date_from=filters.text(params.get("from"), "from"),
        date_to=filters.text(params.get("to"), "to"),
        group=choice(params, "group", GROUPINGS),
        order=choice(params, "order", [o.value for o in Order]),
        cursor=filters.cursor(params.get("cursor")),
        view=_view(choice(params, "view", VIEWS)),
        as_of=filters.text(params.get("as_of"), "as_of"),
        layout=_layout(choice(params, "layout", LAYOUTS)),
    )
    jump = parse_date(filters.text(params.get("at"), "at"), "at")
    if jump is not None:  # "jump to a date": the page of the timeline that holds it
        return RedirectResponse(state.url(cursor=_cursor_at(jump, state.newest_first)), status_code=303)
    names = read_names(session, state.entities, lambda typed, slug: _swap_entity(state, typed, slug))
    state = replace(state, entities=names.slugs)
    event_filter = replace(event_filter, entities=names.slugs)
    view = timeline_view(session, state, event_filter, settings.page_size)
    today = dt.datetime.now(dt.UTC).date()
    frozen = replace(state, cursor=None, as_of=state.as_of or today.isoformat()).url()
    exports = event_exports(state.filters(), state.stories, view.title, frozen, today)
    view = replace(view, name_notices=names.notices, exports=exports)
    meta = PageMeta(view.title, _description(view), state.url())
    rows = [e for group in view.groups for e in group.events]

    def jsonld(site: str) -> dict[str, object]:
        shown = (structured.story(e, site) if state.stories else structured.event(e, site) for e in rows)
        return structured.item_list(view.title, site + meta.path, shown)

    return render(request, "timeline.html", view, meta, jsonld)


def timeline_view(session: Session, state: TimelineState, f: EventFilter, limit: int) -> TimelineView:
    f = replace(f, order=Order.NEWEST if state.newest_first else Order.OLDEST)
    first, present = article_dates(session)
    anchored = bool(present and not (state.cursor or f.date_from or f.date_to))
    anchored = anchored and (state.newest_first or state.upcoming_only)
    cursor = state.cursor
    if anchored and present:
        # newest first: events up to the present; forward: from the present on
        day = present if state.newest_first else present - dt.timedelta(days=1)
        cursor = Cursor(Direction.NEXT, day.isoformat(), LAST_ID).encode()
    page, any_more = _page(session, state, f, limit, cursor, opening=anchored and state.newest_first)
    back = page.prev
    if anchored and not page.items and present:
        back = Cursor(Direction.PREV, _cursor_day(cursor), LAST_ID).encode() if cursor else None
    if anchored and back and not any_more(back):
        back = None  # nothing lies on the other side of the present
    next_url = state.url(cursor=page.next) if page.next else None
    prev_url = state.url(cursor=back) if back else None
    named = entity_refs(session, list(f.entities))
    all_sources = sources(session)
    grouping = state.group or "day"
    return TimelineView(
        state=state,
        title=_title(state, named, f, bounded=q_bounded(session, f)),
        groups=tuple(group_events(page.items, grouping, state.newest_first)),  # type: ignore[arg-type]
        cards={} if state.stories else {card.event.id: card for card in event_cards(page.items, present)},
        story_cards={c.story.id: c for c in story_cards(page.items, present)} if state.stories else {},
        stories_url=replace(state, view=None, cursor=None).url(),
        reports_url=replace(state, view="reports", cursor=None).url(),
        key_events_url=urls.key_events(
            entity=state.entities,
            kind=state.kinds,
            source=state.sources,
            status=state.statuses,
            q=state.q,
            **{"from": state.date_from, "to": state.date_to},
        ),
        pager=pager(next_url, prev_url, state.newest_first),
        density=_density(session, state, f, first, present, _shown_span(page.items)),
        layout_url=replace(state, layout=None if state.compact else "compact", cursor=None).url(),
        jump_fields=_jump_fields(state),
        chips=_chips(state, named, {s.slug: s.name for s in all_sources}),
        entities=tuple(named),
        entity_suggestions=tuple(c.entity for c in top_entities(session, limit=40)),
        kind_options=options([(k.value, k.value) for k in EventKind], f.kinds),
        status_options=options(
            [("happened", "happened"), ("ongoing", "ongoing"), ("expected", "expected (upcoming)")],
            f.statuses,
        ),
        source_options=options([(s.slug, s.name) for s in all_sources], f.sources),
        group_options=options(
            [("", "each at its own date"), *((g, f"by {g}") for g in GROUPINGS if g != "day")],
            [grouping if grouping != "day" else ""],
        ),
        order_options=options(
            [("newest", "newest first"), ("oldest", "oldest first")],
            ["newest" if state.newest_first else "oldest"],
        ),
        present=present,
        anchored=anchored,
    )


def _swap_entity(state: TimelineState, typed: str, slug: str | None) -> str:
    swapped = (slug if e == typed else e for e in state.entities)
    return state.url(entities=tuple(e for e in swapped if e), cursor=None)


def _layout(value: str | None) -> str | None:
    return None if value in (None, "cards") else value


def _cursor_at(day: dt.date, newest_first: bool) -> str:
    """A cursor whose page starts at `day`: newest first, what is dated on or before it; oldest
    first, what is dated on or after it."""
    key = day if newest_first else day - dt.timedelta(days=1)
    return Cursor(Direction.NEXT, key.isoformat(), LAST_ID).encode()


def _view(value: str | None) -> str | None:
    return None if value in (None, "stories") else value


def _page(  # type: ignore[no-untyped-def]
    session: Session, state: TimelineState, f: EventFilter, limit: int, cursor: str | None, opening: bool
):
    """A page of stories or of events, and how to ask whether a cursor's page holds any."""
    if state.stories:
        page = list_stories(session, f, limit=limit, cursor=cursor, opening=opening)
        return page, lambda token: any_stories(session, f, token, opening)
    page = list_events(session, f, limit=limit, cursor=cursor, opening=opening)
    return page, lambda token: any_events(session, f, token, opening)


def _cursor_day(token: str) -> str:
    return Cursor.decode(token).key


def _shown_span(items: list) -> tuple[dt.date, dt.date] | None:  # type: ignore[type-arg]
    days = [i.start_date for i in items]
    return (min(days), max(days)) if days else None


def _jump_fields(state: TimelineState) -> tuple[tuple[str, str], ...]:
    """The page's parameters as hidden fields of the "jump to a date" form (no cursor)."""
    values = {**state.filters(), "view": state.view, "layout": state.layout, "group": state.group}
    fields = []
    for name, value in values.items():
        for one in (value,) if isinstance(value, str) else value or ():
            fields.append((name, one))
    return tuple(fields)


def _density(
    session: Session,
    state: TimelineState,
    f: EventFilter,
    first: dt.date | None,
    present: dt.date | None,
    shown: tuple[dt.date, dt.date] | None = None,
) -> DensityView | None:
    """The chart spans the dates asked for, else the collection's own period."""
    start = f.date_from or first
    end = f.date_to or present
    if start is None or end is None:
        return None
    if f.date_from and not f.date_to:
        end = max(f.date_from, present or f.date_from)
    if f.date_to and not f.date_from:
        start = min(f.date_to, first or f.date_to)
    density = density_in_range(session, f, start, end)
    periods = density.periods
    base = replace(state, cursor=None)
    chart = bar_chart(
        periods,
        href_of=lambda p: base.url(date_from=p.label, date_to=p.label),
        label_of=lambda p: f"{_period_label(density, p)}: {p.count:,} event{'s' if p.count != 1 else ''}",
        tick_of=lambda p: _tick(density, p),
        current=lambda p: state.date_from == p.label and state.date_to == p.label,
        shown=lambda p: shown is not None and p.start <= shown[1] and p.end >= shown[0],
    )
    first_day = periods[0].start if periods else start
    last_day = periods[-1].end if periods else end
    return DensityView(
        chart=chart,
        range_label=_range_label(first_day, last_day),
        in_range=density.in_range,
        coarser=density.coarser,
        coarser_label=COARSER[density.bucket.value],
        before=density.before,
        after=density.after,
        before_url=base.url(date_from=None, date_to=(first_day - dt.timedelta(days=1)).isoformat())
        if density.before
        else None,
        after_url=base.url(date_from=(last_day + dt.timedelta(days=1)).isoformat(), date_to=None)
        if density.after
        else None,
        shown_label=_range_label(*shown) if shown else "",
    )


def _period_label(density: Density, p: PeriodCount) -> str:
    return Period(density.bucket.value, p.start, p.end).label


def _tick(density: Density, p: PeriodCount) -> str:
    if density.bucket.value == "day":
        return f"{p.start:%b} {p.start.day}"
    if density.bucket.value == "month":
        return f"{p.start:%b %Y}"
    return p.label


def _range_label(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return date_range(start, end, None)
    return f"from {day(start)}" if start else f"until {day(end)}"


def _title(state: TimelineState, named: list[EntityRef], f: EventFilter, bounded: bool = False) -> str:
    """The page's title; `bounded` when q matched more events than search.MATCH_BOUND, of which
    the density chart counts the newest stored, as it then says."""
    parts = []
    if named:
        parts.append("with " + " and ".join(e.name for e in named))
    if f.kinds:
        parts.append(" or ".join(f.kinds))
    if state.upcoming_only:
        parts.insert(0, "Upcoming")
    elif f.statuses:
        parts.append(" or ".join(f.statuses))
    if f.q:
        parts.append(
            f"matching “{f.q}”"
            + (f" (more than {search.MATCH_BOUND:,}: the chart counts the newest)" if bounded else "")
        )
    if state.date_from or state.date_to:
        parts.append(_range_label(f.date_from, f.date_to))
    return "Timeline" + (": " + ", ".join(parts) if parts else "")


def _chips(state: TimelineState, named: list[EntityRef], source_names: dict[str, str]) -> tuple[Chip, ...]:
    base = replace(state, cursor=None)
    names = {e.slug: e.name for e in named}
    chips = []
    if state.q:
        chips.append(Chip(f"“{state.q}”", base.url(q=None)))
    for slug in state.entities:
        rest = tuple(s for s in state.entities if s != slug)
        chips.append(Chip(names.get(slug, slug), base.url(entities=rest)))
    for kind in state.kinds:
        chips.append(Chip(kind, base.url(kinds=tuple(k for k in state.kinds if k != kind))))
    for source in state.sources:
        chips.append(
            Chip(
                source_names.get(source, source),
                base.url(sources=tuple(s for s in state.sources if s != source)),
            )
        )
    for status in state.statuses:
        chips.append(Chip(status, base.url(statuses=tuple(s for s in state.statuses if s != status))))
    if state.date_from:
        chips.append(Chip(f"from {readable_date_param(state.date_from)}", base.url(date_from=None)))
    if state.date_to:
        chips.append(Chip(f"to {readable_date_param(state.date_to)}", base.url(date_to=None)))
    if state.as_of:
        chips.append(Chip(f"as stored by {readable_date_param(state.as_of)}", base.url(as_of=None)))
    return tuple(chips)


def _description(view: TimelineView) -> str:
    if not view.groups:
        return "No events match these filters."
    ends = sorted([view.groups[0].period, view.groups[-1].period], key=lambda p: p.start)
    return (
        f"Dated events from policy news, {ends[0].label} to {ends[1].label}, "
        "each linked to the sentence it came from."
    )
