"""Each proposal's sections as the innovator wrote them, so the score form shows an aspect's text
beside its score (issue 22)

Revision ID: b7e2d4a9c0f1
Revises: a3c5e7f9b1d2
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e2d4a9c0f1"
down_revision: str | None = "a3c5e7f9b1d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.add_column(sa.Column("sections", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.drop_column("sections")
