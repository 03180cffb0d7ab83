"""The calls' names, as call.published gives them (innovation_calls)

Revision ID: a8b9c0d1e2f7
Revises: f7a8b9c0d1e6
Create Date: 2026-12-05 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a8b9c0d1e2f7"
down_revision: str | None = "f7a8b9c0d1e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_calls",
        sa.Column("call_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("call_id", name=op.f("pk_innovation_calls")),
    )


def downgrade() -> None:
    op.drop_table("innovation_calls")
