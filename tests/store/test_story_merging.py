"""Stories merged story to story in a real database: an article whose reports make two stories
tell of one happening folds the smaller into the larger in its own transaction, every moved
report keeps why, a rebuild gives what ingest gave, and two writers at once end with one story."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from app import domain
from app.config import Settings
from app.domain import EntityKind, EventKind, EventStatus, Granularity
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Event, Story
from app.store.retry import run_with_retries
from app.store.stories import rebuild_stories
from app.store.writer import store_article
from tests.store.factories import mention
from tests.store.test_stories import partition

D = dt.date
PEOPLE = {"Biden": "Joe Biden", "Stoltenberg": "Jens Stoltenberg"}


def article(
    n: int, published: dt.date, sentence: str, trigger: str, start: dt.date, end: dt.date | None = None,
    granularity: Granularity = Granularity.DAY, status: EventStatus = EventStatus.HAPPENED,
) -> tuple[domain.ArticleRecord, domain.Extraction]:  # fmt: skip
    """One article of one sentence and one meeting event; NATO and the people it names take part."""
    body = f"{sentence} Article {n} ends here."
    entities = [
        domain.Entity(key=f"e{i}", kind=kind, name=name, mentions=(mention(body, word),))
        for i, (word, name, kind) in enumerate(
            [("NATO", "NATO", EntityKind.ORGANIZATION)]
            + [(w, name, EntityKind.PERSON) for w, name in PEOPLE.items()]
        )
        if word in sentence
    ]
    event = domain.Event(
        key="v1", value=start.isoformat() if granularity is Granularity.DAY else f"{start:%G-W%V}",
        start_date=start, end_date=end or start, granularity=granularity, status=status,
        summary=sentence.rstrip("."), sentence=0, trigger=trigger, kind=EventKind.MEETING,
        participants=tuple(domain.Participant(e.key, "participant") for e in entities),
    )  # fmt: skip
    record = domain.ArticleRecord(
        title=f"Article {n}", body=body, origin=f"test {n}", source="Test Wire",
        url=f"https://example.org/merge/{n}", published=published,
    )  # fmt: skip
    extraction = domain.Extraction(
        language="en", pipeline_version="test", sentences=(domain.SentenceSpan(0, 0, len(sentence)),),
        entities=tuple(entities), events=(event,),
    )  # fmt: skip
    return record, extraction


# The week's summit, announced; the opening, by two people the announcement does not name,
# which starts a story of its own; then a report that joins the opening's story. No report fits
# both stories with a point to spare (none bridges them), but the opening's story, grown, and
# the announcement's, taken as one report, tell of one happening.
WEEK = (D(2024, 7, 8), D(2024, 7, 14), Granularity.WEEK, EventStatus.EXPECTED)
ANNOUNCED = article(1, D(2024, 7, 1), "NATO leaders will gather in Washington for the summit next week.",
                    "gather", *WEEK)  # fmt: skip
OPENED = article(2, D(2024, 7, 9), "Biden and Stoltenberg opened the summit in Washington on Tuesday.",
                 "opened", D(2024, 7, 9))  # fmt: skip
WELCOMED = article(3, D(2024, 7, 10), "Biden welcomed leaders to the summit in Washington on Tuesday.",
                   "welcomed", D(2024, 7, 9))  # fmt: skip


def store_each(db: Database, items: list) -> None:
    for item in items:
        with transaction(db.sessions) as session:
            store_article(session, *item)


def stories(db: Database) -> list[tuple[int, int]]:
    with db.sessions() as session:
        return [(s.id, s.report_count) for s in session.scalars(select(Story).order_by(Story.id))]


def test_a_report_that_shows_two_stories_to_be_one_merges_them_keeping_why(db: Database) -> None:
    store_each(db, [ANNOUNCED, OPENED])
    assert [n for _, n in stories(db)] == [1, 1]  # apart: the opening names people the other does not
    (first, _), (second, _) = stories(db)
    store_each(db, [WELCOMED])
    [(kept, reports)] = stories(db)
    assert reports == 3 and kept == second  # the smaller story went into the larger
    with db.sessions() as session:
        story = session.get(Story, kept)
        assert story is not None and (story.article_count, story.start_date) == (3, D(2024, 7, 9))
        evidence = {
            summary: ev
            for summary, ev in session.execute(
                select(Event.summary, Event.story_evidence).where(Event.story_id == kept)
            )
        }
    moved = evidence["NATO leaders will gather in Washington for the summit next week"]
    assert moved["merged_story"] == {"reports": 1, "articles": 1,
                                     "how": "Its reports, taken as one, fit this story"}  # fmt: skip
    assert moved["score"] >= moved["threshold"] + 1 and moved["points"]
    assert moved["before"] == {"started": True}  # its own evidence is kept
    assert first not in {i for i, _ in stories(db)}


def test_the_story_page_and_api_say_which_reports_came_with_a_merged_story(
    db: Database, settings: Settings
) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    store_each(db, [ANNOUNCED, OPENED, WELCOMED])
    [(story_id, _)] = stories(db)
    app = create_app(settings)
    with TestClient(app) as client:
        page = client.get(f"/stories/{story_id}")
        api = client.get(f"/api/v1/stories/{story_id}").json()
    app.state.db.close()
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Why merged: its story of 1 report joined this one on" in text
    assert "Its reports, taken as one, fit this story." in text
    merged = [r["evidence"] for r in api["reports"] if r["evidence"]["merged_story_reports"]]
    assert len(merged) == 1 and merged[0]["merged_how"] == "Its reports, taken as one, fit this story"
    assert merged[0]["score"] >= merged[0]["threshold"] + 1


def test_rebuilding_merges_the_same_stories_that_ingest_merged(db: Database) -> None:
    store_each(db, [ANNOUNCED, OPENED, WELCOMED])
    before = partition(db)
    result = rebuild_stories(db.sessions)
    assert result.stories == 1 and partition(db) == before


def test_two_writers_at_once_end_with_one_story(db: Database) -> None:
    store_each(db, [ANNOUNCED])
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(item: tuple[domain.ArticleRecord, domain.Extraction]) -> None:
        try:
            start.wait()

            def work() -> None:
                with transaction(db.sessions) as session:
                    store_article(session, *item)

            run_with_retries(work)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(item,)) for item in (OPENED, WELCOMED)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [n for _, n in stories(db)] == [3]
    before = partition(db)
    rebuild_stories(db.sessions)
    assert partition(db) == before
