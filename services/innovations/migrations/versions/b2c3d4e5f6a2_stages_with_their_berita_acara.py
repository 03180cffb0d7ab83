"""stages with their berita acara (issue 24)

Revision ID: b2c3d4e5f6a2
Revises: a1b2c3d4e5f1
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b2c3d4e5f6a2"
down_revision: str | None = "a1b2c3d4e5f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("previous", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["innovation_evidence.id"],
            name=op.f("fk_innovation_stages_evidence_id_innovation_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["innovation_id"], ["innovations.id"],
            name=op.f("fk_innovation_stages_innovation_id_innovations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_stages")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_innovation_stages_innovation_id"), "innovation_stages", ["innovation_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_innovation_stages_innovation_id"), table_name="innovation_stages")
    op.drop_table("innovation_stages")
