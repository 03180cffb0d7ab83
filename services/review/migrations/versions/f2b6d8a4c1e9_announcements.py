"""A call's results announced (pengumuman hasil), numbered per call (issue 21)

Revision ID: f2b6d8a4c1e9
Revises: c4a8e2f6d0b3
Create Date: 2026-12-05 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.db import UtcDateTime

revision: str = "f2b6d8a4c1e9"
down_revision: str | None = "c4a8e2f6d0b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("announced_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("announced_by", sa.Integer(), nullable=False),
        sa.Column("decided", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_announcements")),
        sa.UniqueConstraint(
            "call_id", "number", name=op.f("uq_review_announcements_call_id_number")
        ),
    )
    with op.batch_alter_table("review_announcements") as batch:
        batch.create_index(batch.f("ix_review_announcements_call_id"), ["call_id"], unique=False)


def downgrade() -> None:
    op.drop_table("review_announcements")
