"""The IID recap PDFs made for a year (issue 24)

Revision ID: f7a8b9c0d1e6
Revises: e6f7a8b9c0d5
Create Date: 2026-12-05 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f7a8b9c0d1e6"
down_revision: str | None = "e6f7a8b9c0d5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_iid_recaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("download_path", sa.String(length=300), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_iid_recaps")),
        sa.UniqueConstraint("document_id", name=op.f("uq_innovation_iid_recaps_document_id")),
    )
    with op.batch_alter_table("innovation_iid_recaps") as batch:
        batch.create_index(batch.f("ix_innovation_iid_recaps_year"), ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("innovation_iid_recaps") as batch:
        batch.drop_index(batch.f("ix_innovation_iid_recaps_year"))
    op.drop_table("innovation_iid_recaps")
