"""Totals kept at ingest in the `counters` table (articles, events, entities, quotes, stories),
and `recount`: every count kept at ingest computed again from the stored rows."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain import NOT_QUOTES
from app.store.bulk import upsert_rows
from app.store.models import Counter


def bump(session: Session, name: str, by: int) -> None:
    """Add `by` to a counter, creating it on first use (an upsert, safe under concurrency)."""
    if not by:
        return
    upsert_rows(session, Counter.__table__, [{"name": name, "value": by}], ["name"], add=["value"])


_NOT_QUOTES = ", ".join(f"'{kind}'" for kind in NOT_QUOTES)
_SPEAKER = "COALESCE(q.speaker_entity_id, q.speaker_org_entity_id)"

_RECOUNT = (
    # What each entity's page and the entity lists show: aggregates grouped once, then joined
    # (UPDATE … FROM), not a correlated count per entity.
    """UPDATE entities SET mention_count = 0, article_count = 0, quote_count = 0, event_count = 0,
        first_seen = NULL, last_seen = NULL""",
    """UPDATE entities SET mention_count = t.m, article_count = t.a, first_seen = t.f, last_seen = t.l
       FROM (SELECT entity_id, SUM(mention_count) AS m, COUNT(*) AS a, MIN(published_date) AS f,
                    MAX(published_date) AS l
             FROM article_entities GROUP BY entity_id) AS t
       WHERE entities.id = t.entity_id""",
    f"""UPDATE entities SET quote_count = t.n
       FROM (SELECT COALESCE(speaker_entity_id, speaker_org_entity_id) AS entity_id, COUNT(*) AS n
             FROM quotes WHERE COALESCE(speaker_entity_id, speaker_org_entity_id) IS NOT NULL
             AND kind NOT IN ({_NOT_QUOTES}) GROUP BY 1) AS t
       WHERE entities.id = t.entity_id""",
    """UPDATE entities SET event_count = t.n
       FROM (SELECT entity_id, COUNT(DISTINCT event_id) AS n FROM event_participants GROUP BY entity_id) AS t
       WHERE entities.id = t.entity_id""",
    """UPDATE sources SET article_count = COALESCE(
        (SELECT COUNT(*) FROM articles a WHERE a.source_id = sources.id), 0)""",
    "UPDATE articles SET event_count = 0, quote_count = 0",
    """UPDATE articles SET event_count = t.n
       FROM (SELECT article_id, COUNT(*) AS n FROM events GROUP BY article_id) AS t
       WHERE articles.id = t.article_id""",
    f"""UPDATE articles SET quote_count = t.n
       FROM (SELECT article_id, COUNT(*) AS n FROM quotes WHERE kind NOT IN ({_NOT_QUOTES})
             GROUP BY article_id) AS t
       WHERE articles.id = t.article_id""",
    "DELETE FROM event_day_counts",
    """INSERT INTO event_day_counts (day, granularity, kind, status, source_id, count)
       SELECT start_date, granularity, kind, status, COALESCE(source_id, 0), COUNT(*) FROM events
       GROUP BY start_date, granularity, kind, status, COALESCE(source_id, 0)""",
    "DELETE FROM event_month_counts",
    """INSERT INTO event_month_counts (month, granularity, kind, status, source_id, count)
       SELECT {event_month}, granularity, kind, status, source_id, SUM(count) FROM event_day_counts
       GROUP BY {event_month}, granularity, kind, status, source_id""",
    "DELETE FROM entity_day_counts",
    """INSERT INTO entity_day_counts (entity_id, day, granularity, kind, status, count)
       SELECT p.entity_id, e.start_date, e.granularity, e.kind, e.status, COUNT(DISTINCT e.id)
       FROM event_participants p JOIN events e ON e.id = p.event_id
       GROUP BY p.entity_id, e.start_date, e.granularity, e.kind, e.status""",
    "DELETE FROM entity_event_month_counts",
    """INSERT INTO entity_event_month_counts (entity_id, month, granularity, kind, status, count)
       SELECT entity_id, {event_month}, granularity, kind, status, SUM(count) FROM entity_day_counts
       GROUP BY entity_id, {event_month}, granularity, kind, status""",
    "DELETE FROM entity_month_counts",
    """INSERT INTO entity_month_counts (entity_id, month, mentions, articles)
       SELECT entity_id, {month}, SUM(mention_count), COUNT(*) FROM article_entities
       WHERE published_date IS NOT NULL GROUP BY entity_id, {month}""",
    "DELETE FROM counters WHERE name IN ('articles', 'events', 'entities', 'quotes', 'stories')",
    """INSERT INTO counters (name, value)
       SELECT 'articles', COUNT(*) FROM articles
       UNION ALL SELECT 'events', COUNT(*) FROM events
       UNION ALL SELECT 'entities', COUNT(*) FROM entities
       UNION ALL SELECT 'quotes', COALESCE(SUM(quote_count), 0) FROM articles
       UNION ALL SELECT 'stories', COUNT(*) FROM stories""",
)


def recount(session: Session) -> None:
    """Every count kept at ingest (entity, source and article counts, the day and month count
    tables, the totals) computed again from the stored rows, in the caller's transaction: for
    rows written other than through the writer (a bulk load, a repair)."""
    for statement in _RECOUNT:
        statement = statement.replace("{month}", month_of(session, "published_date"))
        session.execute(text(statement.replace("{event_month}", month_of(session, "day"))))


def month_of(session: Session, column: str) -> str:
    """SQL for the first day of the month of a DATE column."""
    if session.get_bind().dialect.name == "sqlite":
        return f"date({column}, 'start of month')"
    return f"CAST(date_trunc('month', {column}) AS DATE)"
