"""Events: the timeline with its filters, one event, and the density of events over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import Select, bindparam, case, func, literal_column, select, tuple_
from sqlalchemy.orm import Session

from app.domain import EventKind, EventStatus
from app.errors import BadRequest, NotFound
from app.store.models import (
    Article,
    Counter,
    Entity,
    EntityDayCount,
    EntityEventMonthCount,
    Event,
    EventDayCount,
    EventMonthCount,
    EventParticipant,
    Sentence,
    Source,
    Story,
    Timex,
)
from app.store.queries.as_of import stored_by, stories_then
from app.store.queries.common import Cursor, Direction, Page, T, page_from_rows
from app.store.queries.entity_names import entity_ids
from app.store.queries.matched import (
    MatchedEvent,
    MatchedRows,
    PageAsked,
    events_in_filter,
    led_by_matches,
    matched_rows,
    page_ids_from_matches,
    taking_part,
)
from app.store.queries.views import (
    ArticleRef,
    EntityRef,
    EventItem,
    Participant,
    PeriodCount,
    SentenceRef,
    StoryRef,
)
from app.store.search import Matches, among, matches


class Order(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class EventFilter:
    q: str | None = None
    entities: tuple[str, ...] = ()  # entity slugs; an event must involve all of them
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source slugs
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None  # events that end on or after this day
    date_to: dt.date | None = None  # events that start on or before this day
    article_id: int | None = None
    order: Order = Order.NEWEST
    as_of: dt.date | None = None  # only what was stored by the end of this day (as_of.py)

    def validate(self) -> None:
        for kind in self.kinds:
            if kind not in EventKind.__members__.values():
                raise BadRequest(f"kind {kind!r} is not one of {', '.join(EventKind)}", "kind", kind)
        for status in self.statuses:
            if status not in EventStatus.__members__.values():
                detail = f"status {status!r} is not one of {', '.join(EventStatus)}"
                raise BadRequest(detail, "status", status)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            detail = f"from ({self.date_from}) is after to ({self.date_to})"
            raise BadRequest(detail, "from", str(self.date_from))


def q_bounded(session: Session, f: EventFilter) -> bool:
    """Whether more events match `f.q` than the newest MATCH_BOUND stored: the page opening on
    the newest and the density chart then show those alone."""
    return bool(f.q) and event_matches(session, f.q or "").bounded


def event_matches(session: Session, q: str) -> Matches:
    """The events matching `q`, looked up once per request and bounded (search.matches)."""
    found = matches(session, q, "event")
    if found is None:
        raise BadRequest(f"q {q!r} holds no word to search for", "q", q)
    return found


def _entity_ids(session: Session, typed: Sequence[str]) -> list[int]:
    """Slugs or names, as a reader types them (app/store/queries/entity_names.py)."""
    return entity_ids(session, typed, "entity")


def _source_ids(session: Session, slugs: Sequence[str]) -> list[int]:
    found = dict(session.execute(select(Source.slug, Source.id).where(Source.slug.in_(slugs))).all())
    for slug in slugs:
        if slug not in found:
            raise BadRequest(f"no source {slug!r}", "source", slug)
    return [found[s] for s in slugs]


def filtered_events(session: Session, f: EventFilter) -> tuple[Select, object, object]:
    """SELECT (event id, start date) with every filter applied, plus the (date, id) columns to
    order and page by.

    With an entity filter the scan is driven by that entity's participant index, so an
    entity's timeline costs the same however many events the database holds."""
    f.validate()
    dialect = session.get_bind().dialect.name
    if f.entities:
        ids = _entity_ids(session, f.entities)
        lead = EventParticipant
        # DISTINCT: an entity can take part in one event in two roles.
        stmt = select(lead.event_id.label("id"), lead.start_date).distinct()
        stmt = stmt.where(led_by_matches(lead.entity_id, bool(f.q), dialect) == ids[0])
        stmt = stmt.join(Event, Event.id == lead.event_id)
        date_col, id_col = lead.start_date, lead.event_id
        for other in ids[1:]:
            alias = EventParticipant.__table__.alias()
            stmt = stmt.where(
                select(alias.c.event_id)
                .where(alias.c.event_id == lead.event_id, alias.c.entity_id == other)
                .exists()
            )
    else:
        stmt = select(Event.id.label("id"), Event.start_date)
        date_col, id_col = Event.start_date, Event.id
    if f.kinds:
        stmt = stmt.where(Event.kind.in_(f.kinds))
    if f.statuses:
        stmt = stmt.where(Event.status.in_(f.statuses))
    if f.sources:
        stmt = stmt.where(Event.source_id.in_(_source_ids(session, f.sources)))
    if f.article_id is not None:
        stmt = stmt.where(Event.article_id == f.article_id)
    if f.as_of:
        stmt = stmt.where(Event.article_id.in_(stored_by(f.as_of)))
    if f.date_to:
        stmt = stmt.where(date_col <= f.date_to)
    if f.date_from:
        stmt = stmt.where(Event.end_date >= f.date_from)
    if f.q:
        stmt = stmt.where(among(id_col, event_matches(session, f.q), dialect))
    return stmt, date_col, id_col


def list_events(
    session: Session, f: EventFilter, limit: int = 50, cursor: str | None = None, opening: bool = False
) -> Page[EventItem]:
    """A page of the filtered events from `cursor`; `opening`: the page a reader opens
    (the timeline's, at the present), which a q that matched more than MATCH_BOUND takes from
    the newest stored matches (app/store/queries/matched.py)."""
    ids, direction = _page_ids(session, f, limit, cursor, opening=opening)
    items = events_by_id(session, ids, as_of=f.as_of)
    page = page_from_rows(
        items, limit, direction, cursor is not None, key_of=lambda e: (e.start_date.isoformat(), e.id)
    )
    return on_past_the_newest(session, f, page, cursor, opening, windowed=_from_matched_rows(f))


def on_past_the_newest(
    session: Session, f: EventFilter, page: Page[T], cursor: str | None, opening: bool, windowed: bool
) -> Page[T]:
    """A first page of a q that matched more events than are looked at comes from the newest
    stored matches (matched.page_ids_from_matches), of which the other filters (an entity, a
    kind…) may keep less than a page: it links on all the same, to the page past its last row
    (or past the opening `cursor`, or from the top), which reads a window of every match.
    `windowed`: the list's later pages do read windows (paged from the matched rows, not SQL)."""
    first = opening or cursor is None
    if page.next is not None or not first or f.order is not Order.NEWEST or f.date_from or f.date_to:
        return page
    if not (windowed and q_bounded(session, f)):
        return page
    if page.items:
        last = page.items[-1]
        key = (last.start_date.isoformat(), last.id)  # type: ignore[attr-defined]
    else:
        key = (Cursor.decode(cursor).key if cursor else dt.date.max.isoformat(), LAST_ID)
    return replace(page, next=Cursor(Direction.NEXT, *key).encode())


# A cursor at (day, LAST_ID) sits after every event of that day.
LAST_ID = 2**31 - 1


def events_after(session: Session, f: EventFilter, day: dt.date, limit: int = 10) -> list[EventItem]:
    """The first events starting after `day`, oldest first: a keyset page from that day, so
    one index range however many events came before (a `date_from` filter, which looks at
    where events end, cannot use the date index)."""
    cursor = Cursor(Direction.NEXT, day.isoformat(), LAST_ID).encode()
    return list(list_events(session, replace(f, order=Order.OLDEST), limit, cursor).items)


def any_events(session: Session, f: EventFilter, cursor: str, opening: bool = False) -> bool:
    """Whether the page `cursor` points to holds anything (one index probe, nothing loaded);
    `opening`: asked of the other side of an opening page (list_events), which a q that
    matched more than MATCH_BOUND answers from the newest stored matches."""
    ids, _ = _page_ids(session, f, 1, cursor, probe=True, opening=opening)
    return bool(ids)


def _page_ids(
    session: Session,
    f: EventFilter,
    limit: int,
    cursor: str | None,
    probe: bool = False,
    opening: bool = False,
) -> tuple[list[int], Direction]:
    """Up to limit+1 event ids from the cursor on, in the direction it points (with `probe`,
    asked only whether there are any)."""
    f.validate()
    newest_first = f.order is Order.NEWEST
    c = Cursor.decode(cursor) if cursor else None
    direction = c.direction if c else Direction.NEXT
    ascending = (direction is Direction.NEXT) != newest_first
    if _from_matched_rows(f):  # q, with entity, kind, status, source and date filters or none
        sources = set(_source_ids(session, f.sources)) if f.sources else None

        def kept(rows: MatchedRows, taking: frozenset[int] | None) -> list[MatchedEvent]:
            return events_in_filter(rows.events, f.kinds, f.statuses, sources, f.date_from, f.date_to, taking)

        asked = _asked(session, f, "event", c, ascending, limit)
        return page_ids_from_matches(session, f.q or "", asked, kept, probe, opening), direction
    stmt, date_col, id_col = filtered_events(session, f)
    if c:
        keys, boundary = tuple_(date_col, id_col), (c.date_key(), c.id)
        stmt = stmt.where(keys > boundary if ascending else keys < boundary)
    order = (date_col.asc(), id_col.asc()) if ascending else (date_col.desc(), id_col.desc())
    return list(session.scalars(stmt.order_by(*order).limit(limit + 1))), direction


# Built once: a page of events is hydrated by two prepared statements, so no request pays for
# building them (on SQLite that was most of the cost of a page of events).
_SENTENCE_TEXT = func.substr(Article.body, Sentence.start + 1, Sentence.end - Sentence.start)
_EVENT_ROWS = (
    # Columns rather than ORM entities: a page of 50 events costs no object loading.
    select(
        Event.id,
        Event.value,
        Event.start_date,
        Event.end_date,
        Event.granularity,
        Event.status,
        Event.kind,
        Event.summary,
        Event.trigger,
        Article.id.label("article_id"),
        Article.title,
        Article.published_date,
        Article.url,
        Source.name.label("source_name"),
        Sentence.idx,
        Sentence.start.label("sentence_start"),
        _SENTENCE_TEXT.label("sentence_text"),
        Timex.start.label("timex_start"),
        Timex.end.label("timex_end"),
        Timex.text.label("timex_text"),
        Event.story_id,
        Story.title.label("story_title"),
        Story.report_count,
        Story.article_count,
        Story.source_count,
    )
    .join(Article, Article.id == Event.article_id)
    .outerjoin(Source, Source.id == Article.source_id)
    .outerjoin(Sentence, Sentence.id == Event.sentence_id)
    .outerjoin(Timex, Timex.id == Event.timex_id)
    .outerjoin(Story, Story.id == Event.story_id)
    .where(Event.id.in_(bindparam("ids", expanding=True)))
)
_PARTICIPANT_ROWS = (
    select(EventParticipant.event_id, EventParticipant.role, Entity.slug, Entity.name, Entity.kind)
    .join(Entity, Entity.id == EventParticipant.entity_id)
    .where(EventParticipant.event_id.in_(bindparam("ids", expanding=True)))
    .order_by(EventParticipant.event_id, EventParticipant.role, Entity.name)
)


def events_by_id(session: Session, ids: Sequence[int], as_of: dt.date | None = None) -> list[EventItem]:
    """EventItems for `ids`, in that order: two queries, whatever the number of events. With
    `as_of`, their stories are counted over the reports stored by then (as_of.py)."""
    if not ids:
        return []
    # Core statements on the connection: the ORM execution path is not needed for plain columns.
    rows = session.connection().execute(_EVENT_ROWS, {"ids": list(ids)}).all()
    people = participants_of(session, ids)
    by_id: dict[int, EventItem] = {}
    for row in rows:
        sentence = None
        if row.idx is not None:
            highlights: tuple[tuple[int, int], ...] = ()
            if row.timex_start is not None and row.timex_start >= row.sentence_start:
                highlights = ((row.timex_start - row.sentence_start, row.timex_end - row.sentence_start),)
            sentence = SentenceRef(row.article_id, row.idx, row.sentence_text or "", highlights)
        by_id[row.id] = EventItem(
            id=row.id,
            value=row.value,
            start_date=row.start_date,
            end_date=row.end_date,
            granularity=row.granularity,
            status=row.status,
            kind=row.kind,
            summary=row.summary,
            trigger=row.trigger,
            article=ArticleRef(row.article_id, row.title, row.source_name, row.published_date, row.url),
            sentence=sentence,
            date_text=row.timex_text,
            participants=tuple(people.get(row.id, ())),
            story=_story_ref(row),
        )
    if as_of is not None:
        then = stories_then(session, sorted({e.story.id for e in by_id.values() if e.story}), as_of)
        for event_id, item in by_id.items():
            if item.story and item.story.id in then:
                counts = then[item.story.id]
                story = replace(
                    item.story, reports=counts.reports, articles=counts.articles, sources=counts.sources
                )
                by_id[event_id] = replace(item, story=story)
    return [by_id[i] for i in ids if i in by_id]


def _story_ref(row) -> StoryRef | None:  # type: ignore[no-untyped-def]
    if row.story_id is None:
        return None
    return StoryRef(row.story_id, row.story_title, row.report_count, row.article_count, row.source_count)


def participants_of(session: Session, event_ids: Sequence[int]) -> dict[int, list[Participant]]:
    out: dict[int, list[Participant]] = {}
    rows = session.connection().execute(_PARTICIPANT_ROWS, {"ids": list(event_ids)})
    for event_id, role, slug, name, kind in rows:
        out.setdefault(event_id, []).append(Participant(EntityRef(slug, name, kind), role))
    return out


def get_event(session: Session, event_id: int) -> EventItem:
    [item] = events_by_id(session, [event_id]) or [None]
    if item is None:
        raise NotFound(f"There is no event {event_id}.")
    return item


def related_events(session: Session, item: EventItem, limit: int = 8) -> list[EventItem]:
    """Other events of the same article, in date order."""
    ids = session.scalars(
        select(Event.id)
        .where(Event.article_id == item.article.id, Event.id != item.id)
        .order_by(Event.start_date, Event.id)
        .limit(limit)
    ).all()
    return events_by_id(session, ids)


class Bucket(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def _bucket_expr(dialect: str, column, bucket: Bucket):  # type: ignore[no-untyped-def]
    size = {Bucket.DAY: 10, Bucket.MONTH: 7, Bucket.YEAR: 4}[bucket]
    if dialect == "sqlite":
        return func.substr(column, 1, size)
    fmt = {Bucket.DAY: "YYYY-MM-DD", Bucket.MONTH: "YYYY-MM", Bucket.YEAR: "YYYY"}[bucket]
    return func.to_char(column, fmt)


def choose_bucket(first: dt.date | None, last: dt.date | None) -> Bucket:
    if first is None or last is None:
        return Bucket.MONTH
    span = (last - first).days
    if span <= 62:
        return Bucket.DAY
    if span <= 366 * 6:
        return Bucket.MONTH
    return Bucket.YEAR


def event_density(session: Session, f: EventFilter, bucket: Bucket | None = None) -> list[PeriodCount]:
    """Number of filtered events per day, month or year (by start date), oldest first; the
    bucket fits the range when not given."""
    stmt, _, _ = filtered_events(session, f)
    ids = select(stmt.subquery().c.id)
    if bucket is None:
        span = select(func.min(Event.start_date), func.max(Event.start_date)).where(Event.id.in_(ids))
        first, last = session.execute(span).one()
        bucket = choose_bucket(f.date_from or first, f.date_to or last)
    label = _bucket_expr(session.get_bind().dialect.name, Event.start_date, bucket).label("label")
    rows = session.execute(
        select(label, func.count().label("n"))
        .where(Event.id.in_(ids))
        .group_by(literal_column("label"))
        .order_by(literal_column("label"))
    ).all()
    return [_period(bucket, lab, n) for lab, n in rows if lab]


def _period(bucket: Bucket, label: str, count: int) -> PeriodCount:
    if bucket is Bucket.DAY:
        day = dt.date.fromisoformat(label)
        return PeriodCount(label, day, day, count)
    if bucket is Bucket.MONTH:
        start = dt.date(int(label[:4]), int(label[5:7]), 1)
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return PeriodCount(label, start, following - dt.timedelta(days=1), count)
    year = int(label)
    return PeriodCount(label, dt.date(year, 1, 1), dt.date(year, 12, 31), count)


# Past this many periods a range is drawn with its non-empty periods only.
MAX_FILLED_PERIODS = 200


# The precisions a bar of each bucket can hold: a month-level event is no day's, and a
# year-level one no month's, so they are counted apart rather than on their first day.
FINE_ENOUGH = {
    Bucket.DAY: ("time", "day"),
    Bucket.MONTH: ("time", "day", "week", "month"),
    Bucket.YEAR: ("time", "day", "week", "month", "quarter", "season", "half", "year"),
}


@dataclass(frozen=True)
class Density:
    """Events per period of a date range, by start date: every period of the range (zeros
    included, up to MAX_FILLED_PERIODS); how many matching events start in the range but are
    dated more coarsely than a period (`coarser`), and how many start before and after it."""

    bucket: Bucket
    periods: tuple[PeriodCount, ...]
    before: int
    after: int
    coarser: int = 0

    @property
    def in_range(self) -> int:
        return sum(p.count for p in self.periods)


def _counts_from_day_table(f: EventFilter) -> bool:
    """Kind, status and source filters alone can be answered from the per-day counts."""
    return not (f.q or f.entities or f.article_id is not None or f.as_of)


def _counts_from_entity_day_table(f: EventFilter) -> bool:
    """One entity, with kind and status filters or none, is answered from its per-day counts."""
    return len(f.entities) == 1 and not (f.q or f.sources or f.article_id is not None or f.as_of)


def _from_matched_rows(f: EventFilter) -> bool:
    """q, with entity, kind, status, source and date filters or none, is paged and counted from
    the matched events' rows read once for the page (app/store/queries/matched.py)."""
    return bool(f.q) and not (f.article_id is not None or f.as_of)


def _asked(
    session: Session, f: EventFilter, on: str, c: Cursor | None, ascending: bool, limit: int
) -> PageAsked:
    """The page of a q timeline filtered by `f` that page_ids_from_matches takes from the matches."""
    named = tuple(_entity_ids(session, f.entities)) if f.entities else ()
    boundary = (c.date_key(), c.id) if c else None
    return PageAsked(on, named, f.date_from, f.date_to, boundary, ascending, limit + 1)


def entity_members(session: Session, f: EventFilter, on: str) -> frozenset[int] | None:
    """With an entity filter, the matches of f.q it keeps (matched.taking_part); else None."""
    return taking_part(session, f.q or "", _entity_ids(session, f.entities), on) if f.entities else None


def _density_from_matches(
    session: Session, f: EventFilter, bucket: Bucket, first: dt.date, last: dt.date
) -> Density:
    """The labels of the grouped query over the filtered events, given to the matched rows."""
    q = f.q or ""
    sources = set(_source_ids(session, f.sources)) if f.sources else None
    taking = entity_members(session, f, "event")
    rows = events_in_filter(matched_rows(session, q).events, f.kinds, f.statuses, sources, members=taking)
    fine = FINE_ENOUGH[bucket]
    counts: dict[str, int] = {}
    by_day: dict[tuple[dt.date, bool], int] = {}  # events share days: each day labelled once
    for event in rows:
        key = (event.start_date, event.granularity in fine)
        by_day[key] = by_day.get(key, 0) + 1
    for (day, fine_enough), count in by_day.items():
        if day < first:
            label = "before"
        elif day > last:
            label = "after"
        elif not fine_enough:
            label = "coarser"
        else:
            label = _label(bucket, day)
        counts[label] = counts.get(label, 0) + count
    return _density(bucket, first, last, counts)


def density_in_range(session: Session, f: EventFilter, start: dt.date, end: dt.date) -> Density:
    """Filtered events per day, month or year of [start, end] (the bucket fits the span),
    counted by start date; `f`'s own dates are ignored in favour of the range.

    One grouped query either way: over the per-day counts kept at ingest when only kind,
    status and source filter (so the unfiltered timeline costs the same at any size), over the
    entity's per-day or per-month counts when one entity filters (its days or months, not its
    events), else over the filtered events themselves. Where a kept total counts every
    matching event (no filter, or one entity alone), only the days from the range on are read
    and "before" is the rest."""
    f.validate()
    bucket = choose_bucket(start, end)
    first, last = _period(bucket, _label(bucket, start), 0).start, _period(bucket, _label(bucket, end), 0).end
    dialect = session.get_bind().dialect.name
    total: int | None = None  # every matching event, when a kept count says so
    if _counts_from_day_table(f):
        # Bars of a month or a year from the month rows (their bounds are whole months).
        counts = EventDayCount if bucket is Bucket.DAY else EventMonthCount
        day = counts.day if counts is EventDayCount else counts.month
        grain, amount = counts.granularity, func.sum(counts.count)
        stmt = select().select_from(counts)
        if not (f.kinds or f.statuses or f.sources):
            total = session.scalar(select(Counter.value).where(Counter.name == "events")) or 0
        if f.kinds:
            stmt = stmt.where(counts.kind.in_(f.kinds))
        if f.statuses:
            stmt = stmt.where(counts.status.in_(f.statuses))
        if f.sources:
            stmt = stmt.where(counts.source_id.in_(_source_ids(session, f.sources)))
    elif _counts_from_entity_day_table(f):
        [entity_id] = _entity_ids(session, f.entities)
        # Bars of a month or a year from the entity's month rows, as for the whole collection.
        entity_counts = EntityDayCount if bucket is Bucket.DAY else EntityEventMonthCount
        day = entity_counts.day if entity_counts is EntityDayCount else entity_counts.month
        grain, amount = entity_counts.granularity, func.sum(entity_counts.count)
        stmt = select().select_from(entity_counts).where(entity_counts.entity_id == entity_id)
        if not (f.kinds or f.statuses):
            total = session.scalar(select(Entity.event_count).where(Entity.id == entity_id)) or 0
        if f.kinds:
            stmt = stmt.where(entity_counts.kind.in_(f.kinds))
        if f.statuses:
            stmt = stmt.where(entity_counts.status.in_(f.statuses))
    elif _from_matched_rows(f):
        return _density_from_matches(session, f, bucket, first, last)
    else:
        filtered, _, _ = filtered_events(session, replace(f, date_from=None, date_to=None))
        # the granularity read with the filtered rows, not by looking each event up again
        sub = filtered.add_columns(Event.granularity).subquery()
        day, grain, amount = sub.c.start_date, sub.c.granularity, func.count()
        stmt = select().select_from(sub)
    label = case(
        (day < first, "before"),
        (day > last, "after"),
        (grain.not_in(FINE_ENOUGH[bucket]), "coarser"),
        else_=_bucket_expr(dialect, day, bucket),
    ).label("label")
    if total is not None:  # only the range and after it read: before it is the rest
        stmt = stmt.where(day >= first)
    rows = session.execute(
        stmt.add_columns(label, amount).group_by(literal_column("label")).order_by(literal_column("label"))
    ).all()
    counts = {lab: int(n or 0) for lab, n in rows if lab}
    if total is not None:
        counts["before"] = max(0, total - sum(counts.values()))
    return _density(bucket, first, last, counts)


def _density(bucket: Bucket, first: dt.date, last: dt.date, counts: dict[str, int]) -> Density:
    """The chart from counts by label: a period's label, or before, after or coarser."""
    before, after, coarser = counts.pop("before", 0), counts.pop("after", 0), counts.pop("coarser", 0)
    labels = _labels_between(bucket, first, last)
    if len(labels) > MAX_FILLED_PERIODS:
        labels = sorted(counts)
    periods = tuple(_period(bucket, lab, counts.get(lab, 0)) for lab in labels)
    return Density(bucket, periods, before, after, coarser)


def _label(bucket: Bucket, day: dt.date) -> str:
    return day.isoformat()[: {Bucket.DAY: 10, Bucket.MONTH: 7, Bucket.YEAR: 4}[bucket]]


def _labels_between(bucket: Bucket, first: dt.date, last: dt.date) -> list[str]:
    labels: list[str] = []
    day = first
    while day <= last and len(labels) <= MAX_FILLED_PERIODS:
        labels.append(_label(bucket, day))
        day = _period(bucket, labels[-1], 0).end + dt.timedelta(days=1)
    return labels


def upcoming_filter(today: dt.date) -> EventFilter:
    return EventFilter(statuses=(EventStatus.EXPECTED.value,), date_from=today, order=Order.OLDEST)


__all__ = [
    "Bucket",
    "Density",
    "EventFilter",
    "Order",
    "any_events",
    "density_in_range",
    "event_density",
    "events_after",
    "events_by_id",
    "get_event",
    "list_events",
    "related_events",
    "upcoming_filter",
]
