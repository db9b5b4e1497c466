"""entity_redirects: slugs of entity records that `dateline reprocess` merged into another record
(301 to the survivor) or dropped (410), so that no old entity URL is left an orphan.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entity_redirects",
        sa.Column("slug", sa.String(length=320), nullable=False),
        sa.Column("target_slug", sa.String(length=320), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_entity_redirects")),
    )


def downgrade() -> None:
    op.drop_table("entity_redirects")
