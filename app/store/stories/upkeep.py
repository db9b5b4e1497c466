"""Stories kept true as articles come and go: attach an article's new events, detach an
article's events before they are deleted (re-extraction), and rebuild every story from the
events in ingest order, which gives the stories an ingest from scratch gives."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.store.counting import bump
from app.store.engine import transaction
from app.store.models import Article, Counter, Event, EventParticipant, Story, StoryParticipant, StoryTerm
from app.store.stories.assign import assign_reports, lock_windows, report_of, story_fields, write_index_rows
from app.store.stories.dates import Span
from app.store.stories.matching import Report
from app.store.stories.profile import Profile

_REPORT_COLUMNS = (
    Event.id,
    Event.article_id,
    Event.start_date,
    Event.end_date,
    Event.granularity,
    Event.value,
    Event.status,
    Event.kind,
    Event.trigger,
    Event.summary,
    Article.published_date,
    Article.source_id,
)


def attach_events(session: Session, article: Article, events: Sequence[Event]) -> None:
    """Put an article's freshly stored events (flushed, with participants) into stories."""
    reports = [
        report_of(e, (p.entity_id for p in e.participants), article.published_date, article.source_id)
        for e in sorted(events, key=lambda e: e.id)
    ]
    assign_reports(session, reports)


def reports_where(session: Session, *conditions) -> list[Report]:  # type: ignore[no-untyped-def]
    """Reports of the events matching `conditions`, in ingest order (article, then event)."""
    rows = session.execute(
        select(*_REPORT_COLUMNS)
        .join(Article, Article.id == Event.article_id)
        .where(*conditions)
        .order_by(Event.article_id, Event.id)
    ).all()
    people: dict[int, set[int]] = {}
    if rows:
        ids = [r.id for r in rows]
        for i in range(0, len(ids), 5000):
            for event_id, entity_id in session.execute(
                select(EventParticipant.event_id, EventParticipant.entity_id).where(
                    EventParticipant.event_id.in_(ids[i : i + 5000])
                )
            ):
                people.setdefault(event_id, set()).add(entity_id)
    return [report_of(r, people.get(r.id, ()), r.published_date, r.source_id) for r in rows]


def detach_article(session: Session, article_id: int) -> None:
    """Before an article's events are deleted: each story they report is folded again from
    its other reports (in ingest order), or deleted when it has none left."""
    story_ids = sorted(
        set(
            session.scalars(
                select(Event.story_id).where(Event.article_id == article_id, Event.story_id.is_not(None))
            )
        )
    )
    if not story_ids:
        return
    spans = [
        Span(a, b)
        for a, b in session.execute(select(Story.start_date, Story.end_date).where(Story.id.in_(story_ids)))
    ]
    lock_windows(session, spans)
    for story_id in story_ids:
        before = Profile.from_json(session.scalar(select(Story.profile).where(Story.id == story_id)) or {})
        reports = reports_where(session, Event.story_id == story_id, Event.article_id != article_id)
        if not reports:
            session.execute(delete(StoryParticipant).where(StoryParticipant.story_id == story_id))
            session.execute(delete(StoryTerm).where(StoryTerm.story_id == story_id))
            session.execute(update(Event).where(Event.story_id == story_id).values(story_id=None))
            session.execute(delete(Story).where(Story.id == story_id))
            bump(session, "stories", -1)
            continue
        profile = Profile()
        for report in reports:
            profile = profile.add(report)
        fields = story_fields(profile)
        session.execute(update(Story).where(Story.id == story_id).values(**fields))
        write_index_rows(session, [(story_id, profile, fields["start_date"], before)])


@dataclass(frozen=True)
class RebuildResult:
    events: int
    stories: int


def rebuild_stories(
    factory: sessionmaker[Session], progress: Callable[[int, int], None] | None = None
) -> RebuildResult:
    """Every story again from the stored events, article by article in ingest order: the
    stories an ingest from scratch makes. One transaction: readers see the old stories
    until it commits, and writers wait for it."""
    with transaction(factory) as session:
        lock_windows(session, [], exclusive=True)
        session.execute(
            update(Event).where(Event.story_id.is_not(None)).values(story_id=None, story_evidence=None)
        )
        for model in (StoryTerm, StoryParticipant, Story):
            session.execute(delete(model))
        session.execute(update(Counter).where(Counter.name == "stories").values(value=0))
        article_ids = list(session.scalars(select(Event.article_id).distinct().order_by(Event.article_id)))
        done = 0
        for batch in _chunks(article_ids, 200):
            reports = reports_where(session, Event.article_id.in_(batch))
            for _, group in _by_article(reports):
                assign_reports(session, group)
                done += len(group)
            if progress:
                progress(done, len(article_ids))
        stories = session.scalar(select(func.count()).select_from(Story)) or 0
    return RebuildResult(done, stories)


def events_without_story(session: Session) -> bool:
    return session.scalar(select(Event.id).where(Event.story_id.is_(None)).limit(1)) is not None


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _by_article(reports: Sequence[Report]) -> Iterable[tuple[int, list[Report]]]:
    current: list[Report] = []
    for report in reports:
        if current and current[0].article_id != report.article_id:
            yield current[0].article_id, current
            current = []
        current.append(report)
    if current:
        yield current[0].article_id, current


__all__ = [
    "RebuildResult",
    "attach_events",
    "detach_article",
    "events_without_story",
    "rebuild_stories",
    "reports_where",
]
