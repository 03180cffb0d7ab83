"""Each proposal version's files, so the score form lists an aspect's supporting data beside it
(issue 22)

Revision ID: c4a8e2f6d0b3
Revises: b7e2d4a9c0f1
Create Date: 2026-12-05 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4a8e2f6d0b3"
down_revision: str | None = "b7e2d4a9c0f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.add_column(sa.Column("files", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.drop_column("files")
