"""The call's ranking kept by place, so a page of it reads 50 rows (issue 25)

Revision ID: a9d3f1c7e5b2
Revises: e4f6a8b0c2d3
Create Date: 2026-12-05 22:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a9d3f1c7e5b2"
down_revision: str | None = "e4f6a8b0c2d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_ranking_places",
        sa.Column("call_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("proposal_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("group_rank", sa.Integer(), nullable=False),
        sa.Column("calibrated", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "call_id", "proposal_id", "version_no", name=op.f("pk_review_ranking_places")
        ),
    )
    op.create_index(
        "ix_review_ranking_places_call_position",
        "review_ranking_places",
        ["call_id", "position"],
    )
    op.create_table(
        "review_ranking_stamps",
        sa.Column("call_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stamp", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("call_id", name=op.f("pk_review_ranking_stamps")),
    )


def downgrade() -> None:
    op.drop_table("review_ranking_stamps")
    op.drop_index("ix_review_ranking_places_call_position", table_name="review_ranking_places")
    op.drop_table("review_ranking_places")
