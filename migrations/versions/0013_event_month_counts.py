"""event_month_counts: the per-day event counts rolled up by month, so that the timeline's
density chart over years reads months (some 5,000 rows at 50,000 articles) rather than days
(some 100,000). Filled from event_day_counts.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_month_counts",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "granularity", "kind", "status", "source_id", name=op.f("pk_event_month_counts")
        ),
    )
    if op.get_bind().dialect.name == "sqlite":
        month = "date(day, 'start of month')"
    else:
        month = "CAST(date_trunc('month', day) AS DATE)"
    op.execute(
        "INSERT INTO event_month_counts (month, granularity, kind, status, source_id, count) "
        f"SELECT {month}, granularity, kind, status, source_id, SUM(count) FROM event_day_counts "
        f"GROUP BY {month}, granularity, kind, status, source_id"
    )


def downgrade() -> None:
    op.drop_table("event_month_counts")
