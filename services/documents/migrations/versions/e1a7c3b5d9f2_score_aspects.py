"""Each review's scores by aspect, kept with its total: the recap flags reviews that disagree on
one aspect as the ranking does (issue 22)

Revision ID: e1a7c3b5d9f2
Revises: d5e8a1c3f702
Create Date: 2026-12-05 19:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e1a7c3b5d9f2"
down_revision: str | None = "d5e8a1c3f702"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document_scores") as batch:
        batch.add_column(sa.Column("scores", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document_scores") as batch:
        batch.drop_column("scores")
