"""ingest_items.crashes and .solo_crashes: how often a worker stopped without finishing an item
while it held it (killed, out of memory, crashed), and how often while it held that item alone.
An item that was in hand at a crash is next claimed alone; one that stops its worker alone
again and again is set aside, so that healthy items are never failed for a batch-mate.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_items") as batch:
        batch.add_column(sa.Column("crashes", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("solo_crashes", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("ingest_items") as batch:
        batch.drop_column("solo_crashes")
        batch.drop_column("crashes")
