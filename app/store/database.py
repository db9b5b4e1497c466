"""One object holding the engine and session factory for a database URL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.store.engine import make_engine, make_session_factory
from app.store.migrate import current_revision, head_revision, upgrade


class SchemaOutOfDate(RuntimeError):
    """The database is behind the code's migrations."""


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def open(cls, url: str, pages: bool = False) -> Database:
        """`pages`: for the site and the API (engine.make_engine)."""
        engine = make_engine(url, pages=pages)
        return cls(engine=engine, sessions=make_session_factory(engine))

    def ensure_schema(self) -> None:
        """Migrate an embedded SQLite file to the latest schema; a shared PostgreSQL database
        is migrated only on purpose (`dateline db upgrade`), never by a web worker."""
        if current_revision(self.engine) == head_revision():
            return
        if self.engine.dialect.name == "sqlite":
            upgrade(self.engine)
            if self.stories_missing():  # events stored before stories existed
                from app.store.stories import rebuild_stories

                rebuild_stories(self.sessions)
            return
        raise SchemaOutOfDate(
            f"database schema is at {current_revision(self.engine) or 'nothing'}, the code needs "
            f"{head_revision()}: run `dateline db upgrade`"
        )

    def stories_missing(self) -> bool:
        """Whether events are stored without a story (stored before stories existed)."""
        from app.store.stories import events_without_story

        if current_revision(self.engine) != head_revision():
            return False
        with self.sessions() as session:
            return events_without_story(session)

    def close(self) -> None:
        self.engine.dispose()
