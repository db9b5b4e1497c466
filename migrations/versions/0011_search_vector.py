"""Search indexes bounded by what is searched.

PostgreSQL: the search documents' tsvector in a stored generated column with a GIN index, in
place of a GIN index on the expression. Ranking (ts_rank) cannot read an index, so it computed
the vector of every matching document again per query (5 s for a common word at 50,000
articles); the column is computed once, when a row is written. A partial GIN index on entity
documents alone serves the entity search.

SQLite: entity names and aliases get an FTS5 table of their own, so that an entity search for a
prefix most articles hold ("bid": Biden) no longer walks every document that holds it.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

from app.store.search import ENTITY_FTS_TABLE, PG_COLUMN, PG_ENTITY_INDEX, PG_INDEX, POSTGRES_DDL, SQLITE_DDL

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EXPRESSION_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_search_documents_fts ON search_documents USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')))"
)


def upgrade() -> None:
    # Every statement is IF NOT EXISTS: a database made at 0001 by this code has them already.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_documents_fts")
        for statement in POSTGRES_DDL:
            op.execute(statement)
        return
    for statement in SQLITE_DDL:
        op.execute(statement)
    op.execute(f"DELETE FROM {ENTITY_FTS_TABLE}")
    op.execute(
        f"INSERT INTO {ENTITY_FTS_TABLE}(rowid, title, body) "
        "SELECT id, title, body FROM search_documents WHERE kind = 'entity'"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_ENTITY_INDEX}")
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        op.execute(f"ALTER TABLE search_documents DROP COLUMN IF EXISTS {PG_COLUMN}")
        op.execute(_EXPRESSION_INDEX)
        return
    for action in ("au", "ad", "ai"):
        op.execute(f"DROP TRIGGER IF EXISTS search_documents_entity_{action}")
    op.execute(f"DROP TABLE IF EXISTS {ENTITY_FTS_TABLE}")
