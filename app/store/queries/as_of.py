"""`as_of=YYYY-MM-DD`: the data as it stood at the end of a day, for a citation's permalink.

A list filtered `as_of` a day shows only what the articles stored by the end of that day (UTC)
hold: a cited timeline keeps showing what the reader saw, however much is ingested later.
Stories are filtered by their reports; a story's counts are today's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select

from app.store.models import Article


def stored_by(as_of: dt.date) -> Select:
    """SELECT the ids of the articles stored by the end of `as_of`."""
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())  # naive UTC, as stored
    return select(Article.id).where(Article.ingested_at < end)
