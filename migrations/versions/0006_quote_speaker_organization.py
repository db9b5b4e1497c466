"""quotes.speaker_org_entity_id: the organisation an unnamed speaker's description names ("a
senior State Department official"), so its page can list what its people said. Existing quotes
get it when their articles are re-extracted (`dateline reprocess`).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("speaker_org_entity_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_quotes_speaker_org_entity_id_entities"), "entities", ["speaker_org_entity_id"], ["id"]
        )
        batch.create_index("ix_quotes_speaker_org", ["speaker_org_entity_id", "said_start", "id"])


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_index("ix_quotes_speaker_org")
        batch.drop_constraint(op.f("fk_quotes_speaker_org_entity_id_entities"), type_="foreignkey")
        batch.drop_column("speaker_org_entity_id")
