"""The counts pages read instead of counting rows: events per start day (the timeline's
density chart) and an entity's mentions per month (its sparkline) follow every store and
every re-extraction, and migration 0004 fills them from facts stored before it."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from app.config import Settings
from app.store.database import Database
from app.store.engine import transaction
from app.store.migrate import upgrade
from app.store.models import Article, Entity, EntityDayCount, EntityMonthCount, EventDayCount, EventMonthCount
from app.store.queries.entities import get_entity, mentions_by_month, mentions_by_week
from app.store.queries.events import EventFilter, density_in_range
from app.store.writer import StoreResult, delete_facts, store_article, store_facts
from tests.store.factories import event, extraction, mention, person, record
from tests.web.conftest import app_for_tests

BODY = "Donald Trump spoke on Thursday. Trump said the war would end."


def trump(body: str = BODY, events: int = 1):  # type: ignore[no-untyped-def]
    people = [
        person("e1", "Donald Trump", [mention(body, "Donald Trump"), mention(body, "Trump", occurrence=1)])
    ]
    return extraction(body, people, events=[event("Trump spoke", ["e1"])] * events)


def day_counts(db: Database) -> dict[tuple[dt.date, str, str], int]:
    with db.sessions() as session:
        rows = session.execute(
            select(EventDayCount.day, EventDayCount.kind, EventDayCount.status, EventDayCount.count)
        ).all()
    return {(d, k, s): n for d, k, s, n in rows if n}


def month_counts(db: Database) -> dict[dt.date, tuple[int, int]]:
    with db.sessions() as session:
        rows = session.execute(
            select(EntityMonthCount.month, EntityMonthCount.mentions, EntityMonthCount.articles)
        ).all()
    return {m: (n, a) for m, n, a in rows if a}


def test_storing_articles_counts_events_per_day_and_mentions_per_month(db: Database) -> None:
    with transaction(db.sessions) as session:
        store_article(session, record(BODY, day=1), trump())
        store_article(
            session, record(BODY + " Again.", url="https://x.example/2", day=2), trump(BODY + " Again.")
        )
    assert day_counts(db) == {(dt.date(2024, 6, 27), "other", "happened"): 2}
    assert month_counts(db) == {dt.date(2024, 7, 1): (4, 2)}
    with db.sessions() as session:
        density = density_in_range(session, EventFilter(), dt.date(2024, 6, 1), dt.date(2024, 7, 31))
        assert [p.count for p in density.periods if p.count] == [2]
        [july] = mentions_by_month(session, 1)
        assert (july.label, july.count) == ("2024-07", 4)


def test_re_extraction_replaces_the_counts(db: Database) -> None:
    with transaction(db.sessions) as session:
        result = store_article(session, record(BODY), trump(events=1))
    with transaction(db.sessions) as session:
        article = session.get(Article, result.article_id)
        assert article is not None
        delete_facts(session, article)
    assert day_counts(db) == {} and month_counts(db) == {}
    with transaction(db.sessions) as session:
        article = session.get(Article, result.article_id)
        assert article is not None
        store_facts(session, article, trump(events=2))
    assert day_counts(db) == {(dt.date(2024, 6, 27), "other", "happened"): 2}
    assert month_counts(db) == {dt.date(2024, 7, 1): (2, 1)}


def test_the_migration_fills_the_counts_from_stored_facts(database_url: str) -> None:
    db = Database.open(database_url)
    try:
        upgrade(db.engine, "0003")
        upgrade(db.engine)  # an empty 0004: the counts start empty
        with transaction(db.sessions) as session:
            store_article(session, record(BODY), trump())
        expected_days, expected_months = day_counts(db), month_counts(db)
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM event_day_counts"))
            conn.execute(text("DELETE FROM entity_month_counts"))
            conn.execute(text("DROP TABLE event_day_counts"))
            conn.execute(text("DROP TABLE entity_month_counts"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
        upgrade(db.engine, "0005")  # 0004 and 0005 again; later revisions' changes are still there
        assert day_counts(db) == expected_days
        assert month_counts(db) == expected_months
        with db.sessions() as session:
            assert session.scalar(select(func.count()).select_from(EventDayCount)) == 1
    finally:
        db.close()


def entity_day_counts(db: Database) -> dict[tuple, int]:
    with db.sessions() as session:
        rows = session.execute(select(EntityDayCount.__table__)).all()
    return {tuple(r[:-1]): r[-1] for r in rows if r[-1]}


def test_an_entitys_density_reads_its_day_counts_and_matches_its_events(db: Database) -> None:
    """The chart from the counts equals the chart counted over the entity's events (a source filter takes that
    path), and re-extraction takes the counts away."""
    with transaction(db.sessions) as session:
        first = store_article(session, record(BODY, day=1), trump(events=2))
        store_article(
            session, record(BODY + " Again.", url="https://x.example/2", day=2), trump(BODY + " Again.")
        )
    [(key, count)] = entity_day_counts(db).items()
    assert key[1:] == (dt.date(2024, 6, 27), "day", "other", "happened") and count == 3
    with db.sessions() as session:
        slug = session.scalar(select(Entity.slug))
        start, end = dt.date(2024, 6, 1), dt.date(2024, 7, 31)
        from_counts = density_in_range(session, EventFilter(entities=(slug,)), start, end)
        from_events = density_in_range(
            session, EventFilter(entities=(slug,), sources=("test-wire",)), start, end
        )
        narrow = density_in_range(session, EventFilter(entities=(slug,)), dt.date(2024, 7, 1), end)
        # No filter: the days from the range on are read, "before" is the kept total's rest.
        everything = density_in_range(session, EventFilter(), dt.date(2024, 7, 1), end)
        scanned = density_in_range(session, EventFilter(sources=("test-wire",)), dt.date(2024, 7, 1), end)
    assert from_counts == from_events and from_counts.in_range == 3
    assert (narrow.before, narrow.in_range) == (3, 0)
    assert everything == scanned and everything.before == 3
    with transaction(db.sessions) as session:
        article = session.get(Article, first.article_id)
        assert article is not None
        delete_facts(session, article)
    assert list(entity_day_counts(db).values()) == [1]


def store_june_and_september(db: Database) -> StoreResult:
    """Two articles: two of Trump's events in June 2024, then one in September. The first one stored."""
    with transaction(db.sessions) as session:
        first = store_article(session, record(BODY, day=1), trump(events=2))
        body = BODY + " Later."
        people = [person("e1", "Donald Trump", [mention(body, "Donald Trump")])]
        later = extraction(body, people, events=[event("Trump spoke", ["e1"], start=dt.date(2024, 9, 3))])
        store_article(session, record(body, url="https://x.example/2", day=2), later)
    return first


def test_a_chart_by_month_reads_the_month_counts(db: Database) -> None:
    """Bars of a month or a year come from the month rows, which follow every store and
    re-extraction as the day rows do; the chart equals one counted over the events."""
    first = store_june_and_september(db)
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with db.sessions() as session:
        chart = density_in_range(session, EventFilter(), *year)
        rows = session.execute(select(EventMonthCount.month, EventMonthCount.count)).all()
    assert chart.bucket.value == "month"
    assert {p.label: p.count for p in chart.periods if p.count} == {"2024-06": 2, "2024-09": 1}
    assert sorted(rows) == [(dt.date(2024, 6, 1), 2), (dt.date(2024, 9, 1), 1)]
    with transaction(db.sessions) as session:
        article = session.get(Article, first.article_id)
        assert article is not None
        delete_facts(session, article)
    with db.sessions() as session:
        chart = density_in_range(session, EventFilter(), *year)
    assert {p.label: p.count for p in chart.periods if p.count} == {"2024-09": 1}


def test_mentions_over_a_few_months_come_by_week_too(db: Database) -> None:
    with transaction(db.sessions) as session:
        for n, day in enumerate((1, 2, 17)):  # Monday and Tuesday of one week; two weeks later
            body = BODY + " Again." * n
            store_article(session, record(body, url=f"https://x.example/{n}", day=day), trump(body))
    with db.sessions() as session:
        weeks = mentions_by_week(session, 1)
        detail = get_entity(session, "donald-trump")
    # every week from the first to the last, empty ones included, Monday to Sunday
    assert [(w.label, w.start, w.end, w.count) for w in weeks] == [
        ("2024-W27", dt.date(2024, 7, 1), dt.date(2024, 7, 7), 4),
        ("2024-W28", dt.date(2024, 7, 8), dt.date(2024, 7, 14), 0),
        ("2024-W29", dt.date(2024, 7, 15), dt.date(2024, 7, 21), 2),
    ]
    assert detail.mentions_by_week == tuple(weeks) and len(detail.mentions_by_month) == 1


def test_an_entitys_timeline_charts_its_months_from_kept_counts(db: Database, settings: Settings) -> None:
    """The entity timeline's chart by month reads the entity's month rows: its bars equal
    those counted over the events (a source filter takes that path), after a store and after a
    re-extraction."""
    first = store_june_and_september(db)
    year = {"entity": "donald-trump", "from": "2024-01", "to": "2024-12", "view": "reports"}
    with TestClient(app_for_tests(settings)) as client:

        def bars(**extra: str) -> dict[str, int]:
            page = client.get("/timeline", params={**year, **extra})
            assert page.status_code == 200
            return {b.label: b.count for b in page.context["view"].density.chart.bars if b.count}

        assert bars() == {"June 2024: 2 events": 2, "September 2024: 1 event": 1}
        assert bars() == bars(source="test-wire")
        with transaction(db.sessions) as session:
            delete_facts(session, session.get(Article, first.article_id))
        assert bars() == {"September 2024: 1 event": 1} == bars(source="test-wire")
