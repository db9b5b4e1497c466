"""Stories: the timeline one row per happening (the events' filters), one story with its
reports and why they were merged, and the "key events" of a period or an entity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Select, bindparam, select, tuple_
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.store.models import Article, Entity, Event, Mention, Quote, Source, Story, StoryParticipant
from app.store.queries.as_of import stored_by, stories_then
from app.store.queries.common import Cursor, Direction, Page, page_from_rows
from app.store.queries.events import (
    LAST_ID,
    EventFilter,
    Order,
    _asked,
    _entity_ids,
    _source_ids,
    events_by_id,
    led_by_matches,
    on_past_the_newest,
)
from app.store.queries.matched import (
    MatchedRows,
    MatchedStory,
    matched_rows,
    page_ids_from_matches,
    stories_in_filter,
)
from app.store.queries.quotes import quotes_by_id
from app.store.queries.views import ArticleRef, EntityRef, EventItem, Participant, QuoteItem
from app.store.search import Matches, among, transaction_memo
from app.store.stories.dates import Span
from app.store.stories.profile import Profile

SHOWN_PARTICIPANTS = 6


@dataclass(frozen=True)
class StoryParticipantItem:
    entity: EntityRef
    reports: int


@dataclass(frozen=True)
class StoryItem:
    id: int
    title: str
    kind: str
    status: str
    value: str
    start_date: dt.date
    end_date: dt.date
    granularity: str
    date_conflict: bool
    reports: int
    articles: int
    sources: int
    weight: float
    first_report: ArticleRef | None  # the earliest published article reporting it
    participants: tuple[StoryParticipantItem, ...] = ()  # the most named first


def filtered_stories(session: Session, f: EventFilter) -> tuple[Select, object, object]:
    """SELECT story id with the events' filters applied to stories, plus the (date, id) columns
    to order and page by. With an entity filter the scan runs on that entity's participant
    index, as for events."""
    f.validate()
    if f.entities:
        ids = _entity_ids(session, f.entities)
        lead = StoryParticipant
        dialect = session.get_bind().dialect.name
        stmt = select(lead.story_id.label("id")).where(
            led_by_matches(lead.entity_id, bool(f.q), dialect) == ids[0]
        )
        stmt = stmt.join(Story, Story.id == lead.story_id)
        date_col, id_col = lead.start_date, lead.story_id
        for other in ids[1:]:
            alias = StoryParticipant.__table__.alias()
            stmt = stmt.where(
                select(alias.c.story_id)
                .where(alias.c.story_id == lead.story_id, alias.c.entity_id == other)
                .exists()
            )
    else:
        stmt = select(Story.id.label("id"))
        date_col, id_col = Story.start_date, Story.id
    if f.kinds:
        stmt = stmt.where(Story.kind.in_(f.kinds))
    if f.statuses:
        stmt = stmt.where(Story.status.in_(f.statuses))
    if f.date_to:
        stmt = stmt.where(date_col <= f.date_to)
    if f.date_from:
        stmt = stmt.where(Story.end_date >= f.date_from)
    reports = select(Event.story_id).where(Event.story_id == id_col)
    if f.sources:
        stmt = stmt.where(reports.where(Event.source_id.in_(_source_ids(session, f.sources))).exists())
    if f.article_id is not None:
        stmt = stmt.where(reports.where(Event.article_id == f.article_id).exists())
    if f.as_of:
        stmt = stmt.where(reports.where(Event.article_id.in_(stored_by(f.as_of))).exists())
    if f.q:
        # The matching events' stories looked up first (a cost of the matches), rather than a
        # probe of every story in date order for a matching report (a cost of the stories).
        stmt = stmt.where(among(id_col, story_matches(session, f.q), session.get_bind().dialect.name))
    return stmt, date_col, id_col


def story_matches(session: Session, q: str) -> Matches:
    """The stories of the events matching `q` (bounded as those are), once per request."""
    memo = transaction_memo(session)
    if ("stories", q) not in memo:
        rows = matched_rows(session, q)
        memo["stories", q] = Matches(tuple(sorted(s.id for s in rows.stories)), rows.found.bounded)
    return memo["stories", q]


def _pages_in_memory(f: EventFilter) -> bool:
    """A q filter with entity and story filters alone (kind, status, dates): its few thousand
    matched stories at most are paged from one read of them (app/store/queries/matched.py)."""
    return bool(f.q) and not (f.sources or f.article_id is not None or f.as_of)


def _page_ids(
    session: Session,
    f: EventFilter,
    limit: int,
    cursor: str | None,
    probe: bool = False,
    opening: bool = False,
) -> tuple[list[int], Direction]:
    """The ids of a page of stories (one more than `limit`, to tell whether more follow; with
    `probe`, asked only whether there are any)."""
    f.validate()
    newest_first = f.order is Order.NEWEST
    c = Cursor.decode(cursor) if cursor else None
    direction = c.direction if c else Direction.NEXT
    ascending = (direction is Direction.NEXT) != newest_first
    if _pages_in_memory(f):

        def kept(rows: MatchedRows, members: frozenset[int] | None) -> list[MatchedStory]:
            return stories_in_filter(rows.stories, f.kinds, f.statuses, f.date_from, f.date_to, members)

        asked = _asked(session, f, "story", c, ascending, limit)
        return page_ids_from_matches(session, f.q or "", asked, kept, probe, opening), direction
    stmt, date_col, id_col = filtered_stories(session, f)
    if c:
        keys, boundary_keys = tuple_(date_col, id_col), (c.date_key(), c.id)
        stmt = stmt.where(keys > boundary_keys if ascending else keys < boundary_keys)
    order = (date_col.asc(), id_col.asc()) if ascending else (date_col.desc(), id_col.desc())
    return list(session.scalars(stmt.order_by(*order).limit(limit + 1))), direction


def list_stories(
    session: Session, f: EventFilter, limit: int = 50, cursor: str | None = None, opening: bool = False
) -> Page[StoryItem]:
    """A page of the filtered stories from `cursor`; `opening`: the page a reader opens
    (the timeline's, at the present), which a q that matched more than MATCH_BOUND takes from
    the newest stored matches (app/store/queries/matched.py)."""
    ids, direction = _page_ids(session, f, limit, cursor, opening=opening)
    items = stories_by_id(session, ids, as_of=f.as_of)
    page = page_from_rows(
        items, limit, direction, cursor is not None, key_of=lambda s: (s.start_date.isoformat(), s.id)
    )
    return on_past_the_newest(session, f, page, cursor, opening, windowed=_pages_in_memory(f))


def stories_after(session: Session, f: EventFilter, day: dt.date, limit: int = 10) -> list[StoryItem]:
    """The first stories starting after `day`, oldest first: a keyset page from that day, one
    index range however many stories came before, as events_after (a `date_from` filter looks
    at where stories end, so its scan starts at the entity's oldest story)."""
    cursor = Cursor(Direction.NEXT, day.isoformat(), LAST_ID).encode()
    return list(list_stories(session, replace(f, order=Order.OLDEST), limit, cursor).items)


def any_stories(session: Session, f: EventFilter, cursor: str | None, opening: bool = False) -> bool:
    """Whether the page at `cursor` holds any story (one query, no story built); `opening` as
    any_events has it."""
    return bool(_page_ids(session, f, 0, cursor, probe=True, opening=opening)[0])


def key_stories(session: Session, f: EventFilter, limit: int = 10) -> list[StoryItem]:
    """The stories that matter most for these filters (a period, an entity…): by weight,
    that is corroboration times kind (app/store/stories/ranking.py), then date."""
    stmt, date_col, id_col = filtered_stories(session, replace(f, order=Order.NEWEST))
    # With an entity the lead participant's copy of the weight: its (entity, weight) index
    # yields the heaviest first, instead of a sort of all of the entity's stories.
    weight = StoryParticipant.weight if f.entities else Story.weight
    ids = list(session.scalars(stmt.order_by(weight.desc(), date_col.desc(), id_col.desc()).limit(limit)))
    return stories_by_id(session, ids, as_of=f.as_of)


_STORY_ROWS = (
    select(
        Story.id,
        Story.title,
        Story.kind,
        Story.status,
        Story.value,
        Story.start_date,
        Story.end_date,
        Story.granularity,
        Story.date_conflict,
        Story.report_count,
        Story.article_count,
        Story.source_count,
        Story.weight,
        Article.id.label("article_id"),
        Article.title.label("article_title"),
        Article.published_date,
        Article.url,
        Source.name.label("source_name"),
    )
    .outerjoin(Article, Article.id == Story.first_article_id)
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Story.id.in_(bindparam("ids", expanding=True)))
)
_PARTICIPANT_ROWS = (
    select(
        StoryParticipant.story_id,
        StoryParticipant.reports,
        StoryParticipant.entity_id,
        Entity.slug,
        Entity.name,
        Entity.kind,
    )
    .join(Entity, Entity.id == StoryParticipant.entity_id)
    .where(StoryParticipant.story_id.in_(bindparam("ids", expanding=True)))
    .order_by(StoryParticipant.story_id, StoryParticipant.reports.desc(), Entity.name)
)
_ARTICLE_REFS = (
    select(Article.id, Article.title, Source.name, Article.published_date, Article.url)
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Article.id.in_(bindparam("ids", expanding=True)))
)


def stories_by_id(
    session: Session,
    ids: Sequence[int],
    participants: int = SHOWN_PARTICIPANTS,
    as_of: dt.date | None = None,
) -> list[StoryItem]:
    """StoryItems for `ids`, in that order: two queries. With `as_of`, counted over the
    reports stored by the end of that day (as_of.py): the numbers a citation saw."""
    if not ids:
        return []
    conn = session.connection()
    then = stories_then(session, ids, as_of) if as_of else None
    people: dict[int, list[StoryParticipantItem]] = {}
    for story_id, reports, entity_id, slug, name, kind in conn.execute(_PARTICIPANT_ROWS, {"ids": list(ids)}):
        if then is not None:
            reports = then[story_id].participants.get(entity_id, 0) if story_id in then else 0
            if not reports:
                continue
        people.setdefault(story_id, []).append(StoryParticipantItem(EntityRef(slug, name, kind), reports))
    firsts: dict[int, ArticleRef] = {}
    if then is not None:
        wanted = sorted({t.first_article_id for t in then.values()})
        firsts = {row[0]: ArticleRef(*row) for row in conn.execute(_ARTICLE_REFS, {"ids": wanted})}
    by_id = {}
    for row in conn.execute(_STORY_ROWS, {"ids": list(ids)}):
        first = (
            ArticleRef(row.article_id, row.article_title, row.source_name, row.published_date, row.url)
            if row.article_id is not None
            else None
        )
        counts = (row.report_count, row.article_count, row.source_count)
        if then is not None:
            if row.id not in then:
                continue  # no report of it stored by then
            story_then = then[row.id]
            counts = (story_then.reports, story_then.articles, story_then.sources)
            first = firsts.get(story_then.first_article_id, first)
        shown = sorted(people.get(row.id, ()), key=lambda p: (-p.reports, p.entity.name))[:participants]
        by_id[row.id] = StoryItem(
            id=row.id,
            title=row.title,
            kind=row.kind,
            status=row.status,
            value=row.value,
            start_date=row.start_date,
            end_date=row.end_date,
            granularity=row.granularity,
            date_conflict=row.date_conflict,
            reports=counts[0],
            articles=counts[1],
            sources=counts[2],
            weight=row.weight,
            first_report=first,
            participants=tuple(shown),
        )
    return [by_id[i] for i in ids if i in by_id]


# --- one story -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Why a report joined its story: the points as the matcher gave them, or that it started
    the story."""

    started: bool
    score: float | None = None
    threshold: float | None = None
    points: tuple[tuple[str, float], ...] = ()
    merged_story_reports: int | None = None  # came with a story of this many reports, merged in
    merged_how: str | None = None  # what showed the two stories to be one


@dataclass(frozen=True)
class Report:
    event: EventItem
    evidence: Evidence


@dataclass(frozen=True)
class ReportedDate:
    """A date the reports give, with how many give it; `conflict` when it disagrees with the
    story's date."""

    label: str
    start: dt.date
    end: dt.date
    reports: int
    conflict: bool


@dataclass(frozen=True)
class StoryDetail:
    story: StoryItem
    reports: tuple[Report, ...]  # by publication, earliest first
    participants: tuple[StoryParticipantItem, ...]
    dates: tuple[ReportedDate, ...]
    statuses: tuple[tuple[str, int], ...]  # ("expected", 2), ("happened", 3)


def get_story(session: Session, story_id: int, max_reports: int = 200) -> StoryDetail:
    [item] = stories_by_id(session, [story_id], participants=1000) or [None]
    if item is None:
        raise NotFound(f"There is no story {story_id}.")
    rows = session.execute(
        select(Event.id, Event.story_evidence)
        .join(Article, Article.id == Event.article_id)
        .where(Event.story_id == story_id)
        .order_by(Article.sort_date, Article.id, Event.id)
        .limit(max_reports)
    ).all()
    events = {e.id: e for e in events_by_id(session, [r.id for r in rows])}
    reports = tuple(Report(events[r.id], _evidence(r.story_evidence)) for r in rows if r.id in events)
    profile = Profile.from_json(session.scalar(select(Story.profile).where(Story.id == story_id)) or {})
    dates = profile.story_dates()
    conflicting = {span for span, _ in dates.conflicts}
    reported = tuple(
        ReportedDate(span.label, span.start, span.end, n, span in conflicting)
        for span, n in sorted(profile.dates.items(), key=lambda item: (item[0].start, item[0].end))
    )
    statuses = tuple((s, n) for s, n in sorted(profile.statuses.items(), key=lambda item: -item[1]))
    return StoryDetail(item, reports, item.participants, reported, statuses)


def _evidence(raw: dict | None) -> Evidence:
    """A report's evidence; for one that came with a story merged into this one, the
    evidence of the merge."""
    if not raw or raw.get("started"):
        return Evidence(started=True)
    points = tuple((str(reason), float(pts)) for reason, pts in raw.get("points", []))
    merged = raw.get("merged_story") or {}
    return Evidence(
        False, raw.get("score"), raw.get("threshold"), points, merged.get("reports"), merged.get("how")
    )


def nearby_stories(session: Session, detail: StoryDetail, days: int = 14, limit: int = 8) -> list[StoryItem]:
    """Other stories of its main participants within `days` of it, nearest in time first."""
    story = detail.story
    slugs = [p.entity.slug for p in detail.participants[:3]]
    if not slugs:
        return []
    # Slugs as stored, looked up as such: not read as names a reader typed (entity_names),
    # which ranks every entity so called and was most of this page's database time.
    ids = list(session.scalars(select(Entity.id).where(Entity.slug.in_(slugs))))
    lo, hi = story.start_date - dt.timedelta(days=days), story.end_date + dt.timedelta(days=days)
    found = session.execute(
        select(StoryParticipant.story_id, StoryParticipant.start_date)
        .where(
            StoryParticipant.entity_id.in_(ids),
            StoryParticipant.start_date.between(lo, hi),
            StoryParticipant.story_id != story.id,
        )
        .distinct()
    ).all()
    centre = story.start_date
    nearest = sorted(found, key=lambda r: (abs((r.start_date - centre).days), r.story_id))[: limit * 3]
    items = stories_by_id(session, [r.story_id for r in nearest])
    ranked = sorted(items, key=lambda s: (-s.weight, abs((s.start_date - centre).days), s.id))[:limit]
    return sorted(ranked, key=lambda s: (s.start_date, s.id))


def quotes_about(session: Session, story_id: int, limit: int = 8) -> list[QuoteItem]:
    """Quotes in the articles reporting the story that its participants speak, or whose
    sentence names one of them: what was said about it, earliest first.

    Each step reads by article only: a participant such as the United States has hundreds of
    thousands of mentions, and a plan that starts from them took seconds at 50k articles."""
    articles = session.scalars(select(Event.article_id).where(Event.story_id == story_id).distinct()).all()
    people = set(
        session.scalars(select(StoryParticipant.entity_id).where(StoryParticipant.story_id == story_id))
    )
    if not articles or not people:
        return []
    named = {
        sentence_id
        for sentence_id, entity_id in session.execute(
            select(Mention.sentence_id, Mention.entity_id).where(Mention.article_id.in_(articles))
        ).tuples()
        if entity_id in people
    }
    quotes = session.execute(
        select(Quote.id, Quote.said_start, Quote.speaker_entity_id, Quote.sentence_id).where(
            Quote.article_id.in_(articles), Quote.kind != "indirect"
        )
    ).all()
    about = sorted(
        (q for q in quotes if q.speaker_entity_id in people or q.sentence_id in named),
        key=lambda q: (q.said_start is None, q.said_start or dt.date.min, q.id),  # undated last
    )
    return quotes_by_id(session, [q.id for q in about[:limit]])


def stories_as_events(session: Session, stories: Sequence[StoryItem]) -> list[EventItem]:
    """Each story as one row of an event export: its first report (article, sentence) with
    the story's title, dates, kind, status and participants."""
    firsts = dict(
        session.execute(select(Story.id, Story.first_event_id).where(Story.id.in_([s.id for s in stories])))
        .tuples()
        .all()
    )
    events = {e.id: e for e in events_by_id(session, [i for i in firsts.values() if i is not None])}
    rows = []
    for story in stories:
        first = events.get(firsts.get(story.id) or 0)
        if first is None:
            continue
        rows.append(
            replace(
                first,
                value=story.value,
                start_date=story.start_date,
                end_date=story.end_date,
                granularity=story.granularity,
                status=story.status,
                kind=story.kind,
                summary=story.title,
                participants=tuple(Participant(p.entity, "participant") for p in story.participants),
                as_story=True,
            )
        )
    return rows


def story_rows(session: Session, f: EventFilter, limit: int, cursor: str | None) -> Page[EventItem]:
    """A page of stories as event rows (for the exports' group=story)."""
    page = list_stories(session, f, limit, cursor)
    return Page(stories_as_events(session, page.items), page.next, page.prev)


def story_span(item: StoryItem) -> Span:
    return Span(item.start_date, item.end_date, item.granularity, item.value)


__all__ = [
    "Evidence",
    "Report",
    "ReportedDate",
    "StoryDetail",
    "StoryItem",
    "StoryParticipantItem",
    "any_stories",
    "filtered_stories",
    "get_story",
    "key_stories",
    "list_stories",
    "nearby_stories",
    "quotes_about",
    "stories_after",
    "stories_as_events",
    "stories_by_id",
    "story_rows",
    "story_span",
]
