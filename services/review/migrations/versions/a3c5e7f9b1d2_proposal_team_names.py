"""proposal team names (blind review masks them)

Revision ID: a3c5e7f9b1d2
Revises: ee12b3f08043
Create Date: 2026-12-05 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3c5e7f9b1d2"
down_revision: str | None = "ee12b3f08043"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.add_column(sa.Column("team_names", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("review_proposals") as batch:
        batch.drop_column("team_names")
