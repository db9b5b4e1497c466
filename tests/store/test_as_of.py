"""`as_of`: a story listed as of a day is counted over the reports stored by then (its
reports, articles, sources, participants and first report), on the story list, the key
events and the reports list alike."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article
from app.store.queries.events import EventFilter, list_events
from app.store.queries.stories import key_stories, list_stories
from tests.store.test_stories import store_all, summit_items

D = dt.date


def stored_over_three_days(db: Database) -> list[int]:
    """The summit's three reports, the first stored on July 1, the second on July 8, the third
    today."""
    ids = store_all(db, summit_items())
    with transaction(db.sessions) as session:
        for article_id, day in zip(ids, (D(2024, 7, 1), D(2024, 7, 8)), strict=False):
            stored = dt.datetime.combine(day, dt.time(12))
            session.execute(update(Article).where(Article.id == article_id).values(ingested_at=stored))
    return ids


def test_a_story_as_of_a_day_counts_the_reports_stored_by_then(db: Database) -> None:
    ids = stored_over_three_days(db)
    with db.sessions() as session:
        [today] = list_stories(session, EventFilter()).items
        [july_1] = list_stories(session, EventFilter(as_of=D(2024, 7, 1))).items
        [july_8] = list_stories(session, EventFilter(as_of=D(2024, 7, 8))).items
        [key] = key_stories(session, EventFilter(as_of=D(2024, 7, 1)))
        assert list_stories(session, EventFilter(as_of=D(2024, 6, 30))).items == []
    assert (today.reports, today.articles, today.sources) == (3, 3, 1)
    assert (july_1.reports, july_1.articles, july_1.sources) == (1, 1, 1)
    assert (july_8.reports, july_8.articles) == (2, 2)
    assert key.reports == 1
    assert july_1.first_report is not None and july_1.first_report.id == ids[0]
    # Biden is named only by the second report
    assert {p.entity.name: p.reports for p in july_1.participants} == {"NATO": 1}
    assert {p.entity.name: p.reports for p in july_8.participants} == {"NATO": 2, "Joe Biden": 1}
    assert {p.entity.name: p.reports for p in today.participants} == {"NATO": 3, "Joe Biden": 1}


def test_a_report_as_of_a_day_shows_its_storys_counts_then(db: Database) -> None:
    stored_over_three_days(db)
    with db.sessions() as session:
        events = list_events(session, EventFilter(as_of=D(2024, 7, 8))).items
        now = list_events(session, EventFilter()).items
    assert len(events) == 2 and {e.story.reports for e in events if e.story} == {2}
    assert {e.story.reports for e in now if e.story} == {3}
