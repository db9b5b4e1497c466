"""Totals kept at ingest in the `counters` table (articles, events, entities, quotes, stories)."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.store.models import Counter


def bump(session: Session, name: str, by: int) -> None:
    """Add `by` to a counter, creating it on first use (an upsert, safe under concurrency)."""
    if not by:
        return
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    stmt = insert(Counter).values(name=name, value=by)
    session.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": Counter.value + by}))
