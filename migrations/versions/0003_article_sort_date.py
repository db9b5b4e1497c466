"""articles.sort_date: the publication date, else the ingest date, for keyset-paged lists;
article_entities by date, for the most-mentioned entities of a period

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("sort_date", sa.Date(), nullable=True))
    ingest_day = "substr(ingested_at, 1, 10)" if op.get_bind().dialect.name == "sqlite" else "CAST(ingested_at AS DATE)"
    op.execute(f"UPDATE articles SET sort_date = COALESCE(published_date, {ingest_day})")
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("sort_date", existing_type=sa.Date(), nullable=False)
        batch.create_index("ix_articles_sort_date", ["sort_date", "id"])
    op.create_index("ix_article_entities_published", "article_entities", ["published_date"])


def downgrade() -> None:
    op.drop_index("ix_article_entities_published", "article_entities")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_sort_date")
        batch.drop_column("sort_date")
