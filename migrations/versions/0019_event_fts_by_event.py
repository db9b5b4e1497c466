"""SQLite: the event documents' FTS5 table becomes contentless, its rowid the event's id (the
document's ref_id) instead of the document's id, so a q filter reads the matching events' ids
from the index alone. Before, each match was looked up in search_documents (rows of a few
hundred bytes, spread among the quotes' and articles') for its ref_id: for a word in a quarter
of the events, a window of the newest 64,000 matches read 64,000 of them (about half of its
120 ms at 50,000 articles). The text stays in search_documents; the triggers keep the table in
step as before. PostgreSQL: nothing.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

from app.store.search import EVENT_FTS_TABLE, SQLITE_DDL, SQLITE_EVENT_FILL

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = tuple(f"search_documents_event_{action}" for action in ("au", "ad", "ai"))

# 0018's table and triggers, as they were (external content, keyed by the document's id).
_BY_DOCUMENT = (
    f"CREATE VIRTUAL TABLE {EVENT_FTS_TABLE} USING fts5(title, body, "
    "content='search_documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER search_documents_event_ai AFTER INSERT ON search_documents
        WHEN new.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    f"""CREATE TRIGGER search_documents_event_ad AFTER DELETE ON search_documents
        WHEN old.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}({EVENT_FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body); END""",
    f"""CREATE TRIGGER search_documents_event_au AFTER UPDATE ON search_documents
        WHEN old.kind = 'event' OR new.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}({EVENT_FTS_TABLE}, rowid, title, body)
        SELECT 'delete', old.id, old.title, old.body WHERE old.kind = 'event';
        INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body)
        SELECT new.id, new.title, new.body WHERE new.kind = 'event'; END""",
    f"""INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body)
        SELECT id, title, body FROM search_documents WHERE kind = 'event'""",
)


def _drop_event_table() -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {EVENT_FTS_TABLE}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_event_table()
    # SQLITE_DDL's statements are each IF NOT EXISTS: only the event table and its triggers are new
    for statement in (*SQLITE_DDL, *SQLITE_EVENT_FILL):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_event_table()
    for statement in _BY_DOCUMENT:
        op.execute(statement)
