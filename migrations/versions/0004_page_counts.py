"""Counts the pages read instead of counting rows per request: events per start day, kind,
status and source (the timeline's density chart); an entity's mentions and articles per month
(the sparkline on its page). Both are filled from the facts already stored.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_day_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "status", "source_id", name=op.f("pk_event_day_counts")),
    )
    op.create_table(
        "entity_month_counts",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_entity_month_counts_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "month", name=op.f("pk_entity_month_counts")),
    )
    op.execute(
        "INSERT INTO event_day_counts (day, kind, status, source_id, count) "
        "SELECT start_date, kind, status, COALESCE(source_id, 0), COUNT(*) FROM events "
        "GROUP BY start_date, kind, status, COALESCE(source_id, 0)"
    )
    if op.get_bind().dialect.name == "sqlite":
        month = "date(published_date, 'start of month')"
    else:
        month = "CAST(date_trunc('month', published_date) AS DATE)"
    op.execute(
        "INSERT INTO entity_month_counts (entity_id, month, mentions, articles) "
        f"SELECT entity_id, {month}, SUM(mention_count), COUNT(*) FROM article_entities "
        f"WHERE published_date IS NOT NULL GROUP BY entity_id, {month}"
    )


def downgrade() -> None:
    op.drop_table("entity_month_counts")
    op.drop_table("event_day_counts")
