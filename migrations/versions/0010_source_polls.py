"""feed_states.kind and .poll_started_at: the watched folders get a state row like the feeds
(kind 'folder', the path as url), and each row notes when its poll or scan in flight began,
so that /status, /metrics and `dateline status` can show a source that is stuck.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feed_states") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=10), nullable=False, server_default="feed"))
        batch.add_column(sa.Column("poll_started_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_states") as batch:
        batch.drop_column("poll_started_at")
        batch.drop_column("kind")
