"""`as_of=YYYY-MM-DD`: the data as it stood at the end of a day, for a citation's permalink.

A list filtered `as_of` a day shows only what the articles stored by the end of that day (UTC)
hold: a cited timeline keeps showing what the reader saw, however much is ingested later.
Stories are filtered by their reports, and counted by them too: the reports, articles,
sources and participants a story had then, and its first report among those."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.store.models import Article, Event, EventParticipant


def stored_by(as_of: dt.date) -> Select:
    """SELECT the ids of the articles stored by the end of `as_of`."""
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())  # naive UTC, as stored
    return select(Article.id).where(Article.ingested_at < end)


@dataclass(frozen=True)
class StoryThen:
    """A story's counts over the reports stored by then."""

    reports: int
    articles: int
    sources: int
    first_article_id: int  # the earliest published (then article id) of its reports then
    participants: dict[int, int]  # entity id: reports naming it then


def stories_then(session: Session, story_ids: Sequence[int], as_of: dt.date) -> dict[int, StoryThen]:
    """The counts of these stories as of the end of `as_of`; a story with no report stored by
    then is absent. One read of their reports and one of their participants."""
    if not story_ids:
        return {}
    reports = session.execute(
        select(Event.story_id, Event.article_id, Event.source_id, Article.published_date)
        .join(Article, Article.id == Event.article_id)
        .where(Event.story_id.in_(story_ids), Event.article_id.in_(stored_by(as_of)))
    ).all()
    grouped: dict[int, list] = {}  # type: ignore[type-arg]
    for row in reports:
        grouped.setdefault(row.story_id, []).append(row)
    named: dict[int, dict[int, int]] = {}
    for story_id, entity_id, n in session.execute(
        select(Event.story_id, EventParticipant.entity_id, func.count())
        .join(EventParticipant, EventParticipant.event_id == Event.id)
        .where(Event.story_id.in_(story_ids), Event.article_id.in_(stored_by(as_of)))
        .group_by(Event.story_id, EventParticipant.entity_id)
    ):
        named.setdefault(story_id, {})[entity_id] = n
    out = {}
    for story_id, rows in grouped.items():
        first = min(rows, key=lambda r: (r.published_date or dt.date.max, r.article_id))
        out[story_id] = StoryThen(
            reports=len(rows),
            articles=len({r.article_id for r in rows}),
            sources=len({r.source_id for r in rows if r.source_id is not None}),
            first_article_id=first.article_id,
            participants=named.get(story_id, {}),
        )
    return out
