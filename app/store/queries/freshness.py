"""How fresh the stored facts are, answered from indexes alone: the seed of the API's ETags
and the source of its Last-Modified.

Every write the readers can see (an ingest, a reprocess, a removed entity) moves at least one
of these numbers: the totals kept at ingest, the highest id of each fact table, the newest
pipeline version. Each is one primary-key or index lookup, so asking costs the same at any
size and a revalidation (304) needs no list query at all.

One write goes unseen: on SQLite, re-extracting only the newest article into exactly as many
rows of every kind reuses the same ids (SQLite hands out max(id)+1). PostgreSQL sequences never
reuse ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Article, Counter, Entity, Event, Mention, Quote, Sentence, Timex


@dataclass(frozen=True)
class DataVersion:
    token: str  # changes whenever what the API serves may have changed
    last_ingest: dt.datetime | None  # when the newest article was stored (UTC)


def data_version(session: Session) -> DataVersion:
    row = session.execute(
        select(
            select(func.max(Article.id)).scalar_subquery(),
            select(Article.ingested_at).order_by(Article.id.desc()).limit(1).scalar_subquery(),
            select(func.max(Article.pipeline_version)).scalar_subquery(),
            select(func.max(Sentence.id)).scalar_subquery(),
            select(func.max(Event.id)).scalar_subquery(),
            select(func.max(Quote.id)).scalar_subquery(),
            select(func.max(Entity.id)).scalar_subquery(),
            select(func.max(Mention.id)).scalar_subquery(),
            select(func.max(Timex.id)).scalar_subquery(),
        )
    ).one()
    counters = sorted(session.execute(select(Counter.name, Counter.value)).all())
    seed = repr((tuple(row), counters)).encode()
    last_ingest = row[1]
    if last_ingest is not None:
        # SQLite gives the stored UTC time back naive, PostgreSQL in the session's time zone
        if last_ingest.tzinfo is None:
            last_ingest = last_ingest.replace(tzinfo=dt.UTC)
        last_ingest = last_ingest.astimezone(dt.UTC)
    return DataVersion(token=hashlib.blake2b(seed, digest_size=12).hexdigest(), last_ingest=last_ingest)
