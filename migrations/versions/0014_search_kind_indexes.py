"""PostgreSQL: a partial GIN index on the search vector per text kind (event, quote, article),
so that a q filter on one kind (the timeline's, the quote list's) reads that kind's matches
alone instead of every document holding the word (a BitmapAnd with the 425,000 event rows of
the (kind, ref_id) index at 50,000 articles). SQLite: nothing (FTS5 has no partial indexes; the
match leads there already).

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

from alembic import op

from app.store.search import PG_COLUMN, PG_KIND_INDEXES

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for kind, name in PG_KIND_INDEXES.items():
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON search_documents USING GIN ({PG_COLUMN}) WHERE kind = '{kind}'"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in PG_KIND_INDEXES.values():
        op.execute(f"DROP INDEX IF EXISTS {name}")
