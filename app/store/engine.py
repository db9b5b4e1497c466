"""Engine and sessions. SQLite gets WAL, foreign keys, a busy timeout and a page cache of its
own on every connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# Pages cached per SQLite connection, in KiB (negative in the PRAGMA): SQLite's default is 2 MB,
# so a page reading 2,000 matched stories or events of a collection of 50,000 articles went back
# to the operating system for most of their pages on every request (5 ms such a query, 2 ms with
# 64 MB). The pool keeps a handful of connections per process.
SQLITE_CACHE_KIB = 65_536


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


# PostgreSQL's parallel workers and JIT compilation for the pages' statements: off. A page reads
# a few thousand rows at most, and starting workers cost more than they saved: on 50,000
# articles, 2 cores, the density chart of a timeline filtered by entity and q took 14 ms with a
# parallel plan and 5 ms without, and the pages measured alternately were as fast or faster
# without (that page 77 and 55 ms with, 59 and 51 without). JIT compiles a statement the planner
# costs high, which a page's window over a common word is (64,000 matches joined to their
# events): 181 ms of compiling for a statement of 0.6 s. Maintenance (recount, a rebuild) keeps
# both.
PAGES_OPTIONS = "-c max_parallel_workers_per_gather=0 -c jit=off"


def make_engine(database_url: str, pages: bool = False) -> Engine:
    """`pages`: the engine serves the site and the API (see PAGES_OPTIONS)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {"options": PAGES_OPTIONS} if pages and "options" not in url.query else {}
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args=connect_args)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with factory() as session, session.begin():
        yield session
