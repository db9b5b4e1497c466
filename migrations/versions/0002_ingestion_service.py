"""ingestion service: worker heartbeats, per-token rate window, queue indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:00:00

`ingest_workers` lets a worker tell a dead colleague's claimed items from a live one's;
`api_tokens.rate_window_*` hold a fixed-window rate limit shared by every web worker;
`ingest_items.url` lets the feed poller skip entries it has queued before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_workers",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stop_reason", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_workers")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_window_start", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("rate_window_count", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("ingest_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url", sa.String(length=2000), nullable=True))
        batch_op.create_index("ix_ingest_items_received", ["received_at"], unique=False)
        batch_op.create_index("ix_ingest_items_finished", ["finished_at"], unique=False)
        batch_op.create_index("ix_ingest_items_url", ["url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ingest_items", schema=None) as batch_op:
        batch_op.drop_index("ix_ingest_items_url")
        batch_op.drop_index("ix_ingest_items_finished")
        batch_op.drop_index("ix_ingest_items_received")
        batch_op.drop_column("url")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("rate_window_count")
        batch_op.drop_column("rate_window_start")
    op.drop_table("ingest_workers")
