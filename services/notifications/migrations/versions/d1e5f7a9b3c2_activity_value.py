"""The number an activity reports (a disagreement's median), so the digest writes it the way its
reader's language does

Revision ID: d1e5f7a9b3c2
Revises: 4f15f008753b
Create Date: 2026-12-05 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d1e5f7a9b3c2"
down_revision: str | None = "4f15f008753b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification_activity") as batch:
        batch.add_column(sa.Column("value", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification_activity") as batch:
        batch.drop_column("value")
