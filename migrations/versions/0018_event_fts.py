"""SQLite: event documents get an FTS5 table of their own (external content, so the text is not
stored twice), as entities have had since 0011. The timeline's q filter looks up the newest
matching events; in the one table of every kind the walk went through every article and quote
holding the word before it had found them (16 ms of the 20 for "NATO" at 50,000 articles).
PostgreSQL: nothing (0014's partial GIN index per kind does this there).

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

from alembic import op

from app.store.search import EVENT_FTS_TABLE, SQLITE_DDL, SQLITE_EVENT_FILL

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in SQLITE_DDL:  # each IF NOT EXISTS: only the event table and its triggers are new
        op.execute(statement)
    for statement in SQLITE_EVENT_FILL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for action in ("au", "ad", "ai"):
        op.execute(f"DROP TRIGGER IF EXISTS search_documents_event_{action}")
    op.execute(f"DROP TABLE IF EXISTS {EVENT_FTS_TABLE}")
