"""entity_event_month_counts: the per-entity event counts rolled up by start month, so that an
entity's density chart over years reads its months rather than its days (16,000 day rows for
the United States at 50,000 articles). Filled from entity_day_counts.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entity_event_month_counts",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_entity_event_month_counts_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "entity_id", "month", "granularity", "kind", "status", name=op.f("pk_entity_event_month_counts")
        ),
    )
    if op.get_bind().dialect.name == "sqlite":
        month = "date(day, 'start of month')"
    else:
        month = "CAST(date_trunc('month', day) AS DATE)"
    op.execute(
        "INSERT INTO entity_event_month_counts (entity_id, month, granularity, kind, status, count) "
        f"SELECT entity_id, {month}, granularity, kind, status, SUM(count) FROM entity_day_counts "
        f"GROUP BY entity_id, {month}, granularity, kind, status"
    )


def downgrade() -> None:
    op.drop_table("entity_event_month_counts")
