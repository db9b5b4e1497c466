"""entity_day_counts: events per participant entity, start day, granularity, kind and status,
so that an entity's density chart reads its days rather than counting all of its events.
Filled from the events already stored.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entity_day_counts",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_entity_day_counts_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(
            "entity_id", "day", "granularity", "kind", "status", name=op.f("pk_entity_day_counts")
        ),
    )
    op.execute(
        "INSERT INTO entity_day_counts (entity_id, day, granularity, kind, status, count) "
        "SELECT p.entity_id, e.start_date, e.granularity, e.kind, e.status, COUNT(DISTINCT e.id) "
        "FROM event_participants p JOIN events e ON e.id = p.event_id "
        "GROUP BY p.entity_id, e.start_date, e.granularity, e.kind, e.status"
    )


def downgrade() -> None:
    op.drop_table("entity_day_counts")
