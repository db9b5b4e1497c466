"""Rows written other than through the writer (a bulk load, a repair) get their counts and their
full-text index made again from the stored rows: `counting.recount` gives exactly the counts
ingest keeps, and `search.rebuild_search_index` finds what the live index found."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from app import domain
from app.store.counting import recount
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import (
    Article,
    Counter,
    Entity,
    EntityDayCount,
    EntityEventMonthCount,
    EntityMonthCount,
    EventDayCount,
    EventMonthCount,
    Source,
)
from app.store.search import drop_search_index, rebuild_search_index, search
from app.store.writer import store_article
from tests.store.factories import event, extraction, mention, person, record

BODY = 'Donald Trump spoke on Thursday. "The war will end," Trump said of Ukraine.'


def quote(body: str) -> domain.Quote:
    text_ = "The war will end,"
    start = body.index(text_)
    return domain.Quote(
        key="q1",
        start=start,
        end=start + len(text_),
        text=text_,
        kind=domain.QuoteKind.DIRECT,
        sentence=0,
        speaker=domain.Speaker(name="Donald Trump", kind=domain.SpeakerKind.NAMED, entity="e1"),
        said_start=dt.date(2024, 7, 1),
    )


def store_three(db: Database) -> None:
    for day in (1, 2, 30):
        body = f"{BODY} Day {day}."
        people = [
            person(
                "e1", "Donald Trump", [mention(body, "Donald Trump"), mention(body, "Trump", occurrence=1)]
            )
        ]
        ex = extraction(
            body, people, quotes=[quote(body)], events=[event("Trump spoke", ["e1"])] * (day % 3 + 1)
        )
        with transaction(db.sessions) as session:
            store_article(session, record(body, url=f"https://x.example/{day}", day=day), ex)


def kept_counts(db: Database) -> dict[str, object]:
    with db.sessions() as session:
        return {
            "entities": session.execute(
                select(
                    Entity.id,
                    Entity.mention_count,
                    Entity.article_count,
                    Entity.quote_count,
                    Entity.event_count,
                    Entity.first_seen,
                    Entity.last_seen,
                ).order_by(Entity.id)
            ).all(),
            "sources": session.execute(select(Source.id, Source.article_count)).all(),
            "articles": session.execute(
                select(Article.id, Article.event_count, Article.quote_count).order_by(Article.id)
            ).all(),
            "days": sorted(session.execute(select(EventDayCount.__table__)).all()),
            "months": sorted(session.execute(select(EntityMonthCount.__table__)).all()),
            "event_months": sorted(session.execute(select(EventMonthCount.__table__)).all()),
            "entity_days": sorted(session.execute(select(EntityDayCount.__table__)).all()),
            "entity_event_months": sorted(session.execute(select(EntityEventMonthCount.__table__)).all()),
            "totals": dict(session.execute(select(Counter.name, Counter.value)).tuples().all()),
        }


def test_recount_gives_the_counts_ingest_keeps(db: Database) -> None:
    store_three(db)
    kept = kept_counts(db)
    assert kept["totals"]["articles"] == 3 and kept["entities"][0].mention_count == 6
    with transaction(db.sessions) as session:
        for statement in (
            "UPDATE entities SET mention_count = 99, article_count = 0, quote_count = 7, first_seen = NULL",
            "UPDATE sources SET article_count = 0",
            "UPDATE articles SET event_count = 5, quote_count = 5",
            "DELETE FROM event_day_counts",
            "UPDATE entity_day_counts SET count = 9",
            "DELETE FROM entity_event_month_counts",
            "DELETE FROM event_month_counts",
            "UPDATE entity_month_counts SET mentions = 1",
            "UPDATE counters SET value = 0",
        ):
            session.execute(text(statement))
    assert kept_counts(db) != kept
    with transaction(db.sessions) as session:
        recount(session)
    assert kept_counts(db) == kept


def test_a_rebuilt_search_index_finds_rows_written_without_it(db: Database) -> None:
    with db.engine.begin() as connection:
        drop_search_index(connection)
    store_three(db)  # written while there is no index to keep in step
    with db.engine.begin() as connection:
        rebuild_search_index(connection)
    with db.sessions() as session:
        hits = search(session, "ukraine", kinds=["article"])
        assert len(hits) == 3
        assert {h.kind for h in search(session, "war")} >= {"article", "quote"}
