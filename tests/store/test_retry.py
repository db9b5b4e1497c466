"""Retrying a store transaction after a real conflict in a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Source
from app.store.retry import is_transient, run_with_retries


def _insert_source(db: Database, name: str) -> int:
    with transaction(db.sessions) as session:
        source = Source(name=name, slug=name.lower())
        session.add(source)
        session.flush()
        return source.id


def test_a_unique_violation_is_retried_and_the_second_run_wins(db: Database) -> None:
    _insert_source(db, "Taken")
    names = iter(["Taken", "Fresh"])  # the first run collides, as with a concurrent writer
    runs: list[str] = []

    def work() -> int:
        name = next(names)
        runs.append(name)
        return _insert_source(db, name)

    source_id = run_with_retries(work)
    assert runs == ["Taken", "Fresh"]
    with db.sessions() as session:
        assert session.get(Source, source_id).name == "Fresh"
        assert session.scalar(select(func.count()).select_from(Source)) == 2  # nothing half-written


def test_give_up_ends_the_retries_with_its_answer(db: Database) -> None:
    _insert_source(db, "Taken")
    runs = 0

    def work() -> int:
        nonlocal runs
        runs += 1
        return _insert_source(db, "Taken")

    assert run_with_retries(work, give_up=lambda exc: -1) == -1
    assert runs == 1


def test_a_conflict_that_never_clears_raises_after_the_last_attempt(db: Database) -> None:
    _insert_source(db, "Taken")
    runs = 0

    def work() -> int:
        nonlocal runs
        runs += 1
        return _insert_source(db, "Taken")

    with pytest.raises(IntegrityError):
        run_with_retries(work, attempts=3)
    assert runs == 3


def test_a_programming_error_is_not_retried(db: Database) -> None:
    runs = 0

    def work() -> None:
        nonlocal runs
        runs += 1
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT no_such_column FROM sources")

    with pytest.raises(DBAPIError) as caught:
        run_with_retries(work)
    assert runs == 1
    assert not is_transient(caught.value)
