"""Rows written in bulk get the ids of their own rows; new entities of one article get free
slugs; linking finds stored names by their aliases whatever else is stored (SQLite and
PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import domain
from app.store.bulk import insert_returning_ids, insert_rows, upsert_rows
from app.store.database import Database
from app.store.engine import transaction
from app.store.linking import KnownNames, unique_slugs
from app.store.models import (
    Article,
    Counter,
    Entity,
    EntityAlias,
    EntityMonthCount,
    EntityRedirect,
    EventDayCount,
    SearchDocument,
    Sentence,
    Timex,
)


def _article(session) -> int:
    article = Article(
        url="https://example.org/a",
        title="A",
        body="x" * 200,
        sort_date=dt.date(2024, 7, 1),
        content_hash="h",
    )
    session.add(article)
    session.flush()
    return article.id


def test_each_row_gets_its_own_id_in_one_statement_or_row_by_row(db: Database) -> None:
    with transaction(db.sessions) as session:
        article_id = _article(session)
        # Inserted in an order unlike the key's, so ids mapped by position alone would be wrong.
        rows = [
            {"article_id": article_id, "idx": i, "start": i * 10, "end": i * 10 + 9} for i in (5, 1, 9, 0)
        ]
        ids = insert_returning_ids(session, Sentence.__table__, rows, key=["idx"])
        timexes = [
            {"article_id": article_id, "start": 3, "end": 7, "text": t, "type": "DATE", "value": v}
            for t, v in (("July 1", "2024-07-01"), ("Monday", "2024-07-01"))
        ]
        # The key does not tell these two apart: each is inserted on its own, in order.
        timex_ids = insert_returning_ids(session, Timex.__table__, timexes, key=["start", "end"])
    with db.sessions() as session:
        stored = dict(session.execute(select(Sentence.id, Sentence.idx)).all())
        assert [stored[i] for i in ids] == [5, 1, 9, 0]
        texts = dict(session.execute(select(Timex.id, Timex.text)).all())
        assert [texts[i] for i in timex_ids] == ["July 1", "Monday"]
        assert insert_returning_ids(session, Sentence.__table__, [], key=["idx"]) == []


def test_rows_without_ids_are_written_whole(db: Database) -> None:
    with transaction(db.sessions) as session:
        article_id = _article(session)
        insert_rows(
            session,
            SearchDocument.__table__,
            [
                {"kind": "quote", "ref_id": n, "article_id": article_id, "title": f"q{n}", "body": ""}
                for n in range(3)
            ],
        )
        insert_rows(session, SearchDocument.__table__, [])
    with db.sessions() as session:
        titles = session.scalars(select(SearchDocument.title).where(SearchDocument.kind == "quote")).all()
        assert sorted(titles) == ["q0", "q1", "q2"]


def test_new_names_of_one_batch_get_distinct_free_slugs(db: Database) -> None:
    with transaction(db.sessions) as session:
        session.add(Entity(kind="place", name="Georgia", slug="georgia"))
        session.add(EntityRedirect(slug="georgia-2", target_slug="georgia"))
        session.flush()
        assert unique_slugs(session, ["Georgia", "GEORGIA", "Kyiv", "Kyiv", "NATO"]) == [
            "georgia-3",
            "georgia-4",
            "kyiv",
            "kyiv-2",
            "nato",
        ]


def test_linking_finds_a_name_by_its_alias_and_kind_among_many_records(db: Database) -> None:
    with transaction(db.sessions) as session:
        for n in range(300):  # many records of the wanted kinds: the lookup must go by name
            session.add(Entity(kind="person", name=f"Person {n}", slug=f"person-{n}"))
        nato = Entity(kind="organization", name="NATO", slug="nato")
        georgia_person = Entity(kind="person", name="Georgia", slug="georgia-person")
        session.add_all([nato, georgia_person])
        session.flush()
        session.add_all(
            [
                EntityAlias(
                    entity_id=nato.id,
                    alias="North Atlantic Treaty Organization",
                    key="north atlantic treaty organization",
                ),
                EntityAlias(entity_id=georgia_person.id, alias="Georgia", key="georgia"),
            ]
        )
    alliance = domain.Entity(
        key="e1", name="North Atlantic Treaty Organization", kind=domain.EntityKind.ORGANIZATION
    )
    state = domain.Entity(key="e2", name="Georgia", kind=domain.EntityKind.PLACE)
    with db.sessions() as session:
        known = KnownNames(session, [alliance, state])
        found = known.find(alliance)
        assert found is not None and found.slug == "nato"
        assert known.find(state) is None  # the same name, another kind


def test_upserts_add_to_or_replace_what_is_stored(db: Database) -> None:
    """One cached statement, many rows: new keys are inserted, a stored key's `add` columns are
    summed and its `replace` columns overwritten, a key twice in one call counts twice, and a
    date goes in as the Date column writes it."""
    day = dt.date(2024, 7, 1)
    key = ("day", "granularity", "kind", "status", "source_id")

    def row(kind: str, count: int) -> dict:
        return {
            "day": day,
            "granularity": "day",
            "kind": kind,
            "status": "happened",
            "source_id": 0,
            "count": count,
        }

    with transaction(db.sessions) as session:
        upsert_rows(session, EventDayCount.__table__, [row("meeting", 2), row("vote", 1)], key, add=["count"])
        upsert_rows(
            session, EventDayCount.__table__, [row("meeting", 3), row("meeting", 4)], key, add=["count"]
        )
        upsert_rows(session, Counter.__table__, [{"name": "stories", "value": 5}], ["name"], add=["value"])
        upsert_rows(
            session, Counter.__table__, [{"name": "stories", "value": 7}], ["name"], replace=["value"]
        )
        upsert_rows(session, Counter.__table__, [], ["name"], add=["value"])  # nothing to do
        # a column left out (mentions) takes its default, on a new row and on a stored one
        entity = Entity(kind="person", name="Ada Lovelace", slug="ada-lovelace")
        session.add(entity)
        session.flush()
        month = {"entity_id": entity.id, "month": day}
        upsert_rows(session, EntityMonthCount.__table__, [{**month, "articles": 1}], month, add=["articles"])
        upsert_rows(session, EntityMonthCount.__table__, [{**month, "articles": 1}], month, add=["articles"])
    with db.sessions() as session:
        counts = dict(session.execute(select(EventDayCount.kind, EventDayCount.count)).all())
        assert counts == {"meeting": 9, "vote": 1}
        assert session.scalar(select(EventDayCount.day).where(EventDayCount.kind == "vote")) == day
        assert session.scalar(select(Counter.value).where(Counter.name == "stories")) == 7
        stored = session.execute(select(EntityMonthCount.mentions, EntityMonthCount.articles)).one()
        assert tuple(stored) == (0, 2)
