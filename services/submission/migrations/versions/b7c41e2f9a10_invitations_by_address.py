"""invitations by address: a team invitation may name an address no account has yet

Revision ID: b7c41e2f9a10
Revises: a5e1931ea2b7
Create Date: 2026-12-05 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7c41e2f9a10"
down_revision: str | None = "a5e1931ea2b7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM team_members WHERE user_id IS NULL")
    with op.batch_alter_table("team_members", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
