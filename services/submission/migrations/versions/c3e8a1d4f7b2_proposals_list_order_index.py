"""proposals list order index: the list reads newest change first from an index, not a sort

Revision ID: c3e8a1d4f7b2
Revises: b7c41e2f9a10
Create Date: 2026-12-05 12:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c3e8a1d4f7b2"
down_revision: str | None = "b7c41e2f9a10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_proposals_updated_at_id", "proposals", ["updated_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_proposals_updated_at_id", table_name="proposals")
