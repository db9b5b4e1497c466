"""Stories: one happening across articles, whose reports are events (events.story_id, with the
evidence it joined on), its participants and predicate stems for finding candidates. Events
already stored get their stories from `dateline stories rebuild` (run by `dateline db
upgrade` when it finds events without a story).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=60), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("granularity", sa.String(length=10), nullable=False),
        sa.Column("date_conflict", sa.Boolean(), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("first_event_id", sa.Integer(), nullable=True),
        sa.Column("first_article_id", sa.Integer(), nullable=True),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_index("ix_stories_date", "stories", ["start_date", "id"])
    op.create_index("ix_stories_kind_date", "stories", ["kind", "start_date", "id"])
    op.create_index("ix_stories_status_date", "stories", ["status", "start_date", "id"])
    op.create_table(
        "story_participants",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_participants_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_story_participants_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "entity_id", name=op.f("pk_story_participants")),
    )
    op.create_index(
        "ix_story_participants_entity", "story_participants", ["entity_id", "start_date", "story_id"]
    )
    op.create_table(
        "story_terms",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=60), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_story_terms_story_id_stories"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", "term", name=op.f("pk_story_terms")),
    )
    op.create_index("ix_story_terms_term", "story_terms", ["term", "start_date", "story_id"])
    with _participants_kept():
        with op.batch_alter_table("events") as batch:
            batch.add_column(sa.Column("story_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("story_evidence", sa.JSON(), nullable=True))
            batch.create_foreign_key(
                op.f("fk_events_story_id_stories"), "stories", ["story_id"], ["id"], ondelete="SET NULL"
            )
            batch.create_index("ix_events_story", ["story_id", "start_date", "id"])


@contextmanager
def _participants_kept() -> Iterator[None]:
    """SQLite rebuilds `events` in batch mode, and dropping the old table deletes every
    event's participants (ON DELETE CASCADE, foreign keys on): keep them aside meanwhile."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMPORARY TABLE kept_event_participants AS SELECT * FROM event_participants")
    yield
    if sqlite:
        op.execute("DELETE FROM event_participants")
        op.execute(
            "INSERT INTO event_participants (event_id, entity_id, role, start_date) "
            "SELECT event_id, entity_id, role, start_date FROM kept_event_participants"
        )
        op.execute("DROP TABLE kept_event_participants")


def downgrade() -> None:
    with _participants_kept():
        with op.batch_alter_table("events") as batch:
            batch.drop_index("ix_events_story")
            batch.drop_constraint(op.f("fk_events_story_id_stories"), type_="foreignkey")
            batch.drop_column("story_evidence")
            batch.drop_column("story_id")
    op.drop_table("story_terms")
    op.drop_table("story_participants")
    op.drop_table("stories")
