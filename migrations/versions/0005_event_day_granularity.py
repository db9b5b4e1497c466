"""event_day_counts by granularity too, so a chart by month does not count a year-level event
on January 1. The table only holds counts derived from events: it is rebuilt from them.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _create(with_granularity: bool) -> None:
    columns = [sa.Column("day", sa.Date(), nullable=False)]
    key = ["day"]
    if with_granularity:
        columns.append(sa.Column("granularity", sa.String(length=10), nullable=False))
        key.append("granularity")
    columns += [
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    ]
    key += ["kind", "status", "source_id"]
    op.create_table("event_day_counts", *columns, sa.PrimaryKeyConstraint(*key, name=op.f("pk_event_day_counts")))
    grain = "granularity, " if with_granularity else ""
    op.execute(
        f"INSERT INTO event_day_counts (day, {grain}kind, status, source_id, count) "
        f"SELECT start_date, {grain}kind, status, COALESCE(source_id, 0), COUNT(*) FROM events "
        f"GROUP BY start_date, {grain}kind, status, COALESCE(source_id, 0)"
    )


def upgrade() -> None:
    op.drop_table("event_day_counts")
    _create(with_granularity=True)


def downgrade() -> None:
    op.drop_table("event_day_counts")
    _create(with_granularity=False)
