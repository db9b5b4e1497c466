from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from app.store.database import Database
from app.store.engine import SQLITE_CACHE_KIB
from app.store.models import Base
from app.store.search import is_search_index_object


def _include(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    return not is_search_index_object(name, type_)


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _include})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"


def test_full_text_index_exists_after_upgrade(db: Database) -> None:
    names = set(inspect(db.engine).get_table_names())
    assert "search_documents" in names
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            found = conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'search_fts'")).scalar()
        else:
            found = conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_search_documents_vector'")
            ).scalar()
    assert found


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_its_own_page_cache(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # a page cache of its own, not SQLite's 2 MB (app/store/engine.py)
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -SQLITE_CACHE_KIB


def test_search_documents_stored_before_0011_are_found_after_it(database_url: str) -> None:
    """0011 moves PostgreSQL's tsvector from an index expression into a stored column: the
    documents already there get theirs, and are ranked from it."""
    from app.store.engine import transaction
    from app.store.migrate import upgrade
    from app.store.search import search
    from app.store.writer import store_article
    from tests.store.factories import extraction, record

    db = Database.open(database_url)
    try:
        upgrade(db.engine, "0010")
        body = "The sanctions on Russia were widened on Thursday."
        with transaction(db.sessions) as session:
            store_article(session, record(body), extraction(body, []))
        upgrade(db.engine)
        with db.sessions() as session:
            assert [hit.kind for hit in search(session, "sanction")] == ["article"]
    finally:
        db.close()


def test_stories_stored_before_0016_keep_their_key_event_rank_after_it(database_url: str) -> None:
    """0016 copies each story's weight onto its participant rows, which an entity's key events
    are ranked by: stories already stored rank as they did."""
    from alembic import command

    from app.domain import EventKind
    from app.store.migrate import alembic_config, upgrade
    from app.store.queries.events import EventFilter
    from app.store.queries.stories import key_stories
    from tests.store.test_stories import OTHER, store_all, summit_article, summit_items

    db = Database.open(database_url)
    try:
        upgrade(db.engine)
        # the summit stored first: without weights the later story would lead
        store_all(db, [*summit_items(), summit_article(9, *OTHER, kind=EventKind.MEETING)])
        cfg = alembic_config(database_url)
        with db.engine.begin() as connection:  # back to 0015: the weights as they were before
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0015")
        upgrade(db.engine)
        with db.sessions() as session:
            ranked = key_stories(session, EventFilter(entities=("nato",)))
            assert [s.reports for s in ranked] == [3, 1]
    finally:
        db.close()


def test_events_stored_before_0019_match_after_it_and_after_going_back(database_url: str) -> None:
    """0019 keys SQLite's event index by the event's id instead of its document's: the events
    already stored match a q filter after it, and 0018's index is whole again after a downgrade."""
    from alembic import command

    from app.store.engine import transaction
    from app.store.migrate import alembic_config, upgrade
    from app.store.models import Event
    from app.store.search import matches
    from app.store.writer import store_article
    from tests.store.factories import event, extraction, record

    def found(word: str) -> set[int]:
        with db.sessions() as session:
            result = matches(session, word, "event")
            assert result is not None
            return set(result.ids)

    db = Database.open(database_url)
    try:
        upgrade(db.engine, "0018")
        for day, words in ((1, "Sanctions on Russia were widened"), (2, "Envoys met in Vilnius")):
            body = f"{words} on Thursday."
            with transaction(db.sessions) as session:
                store_article(
                    session,
                    record(body, url=f"https://x.example/{day}", day=day),
                    extraction(body, [], events=[event(words, [])]),
                )
        with db.sessions() as session:
            sanctions = set(session.scalars(select(Event.id).where(Event.summary.contains("Sanctions"))))
        assert len(sanctions) == 1
        upgrade(db.engine)
        assert found("sanctions") == sanctions and found("vilnius").isdisjoint(sanctions)
        cfg = alembic_config(database_url)
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0018")
        if db.engine.dialect.name == "sqlite":  # 0018's table, keyed by the document's id again
            with db.engine.connect() as conn:
                by_document = conn.execute(
                    text(
                        "SELECT d.ref_id FROM search_fts_events f JOIN search_documents d ON d.id = f.rowid"
                        " WHERE search_fts_events MATCH 'sanctions'"
                    )
                )
                assert set(by_document.scalars()) == sanctions
    finally:
        db.close()
