"""Uji publik: a call's objection window, its objections and the decisions held until it closes
(issue 24, part E)

Revision ID: b8e1c3d5f7a9
Revises: a9d3f1c7e5b2
Create Date: 2026-12-05 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b8e1c3d5f7a9"
down_revision: str | None = "a9d3f1c7e5b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_objection_windows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_objection_windows")),
        sa.UniqueConstraint("call_id", name=op.f("uq_review_objection_windows_call_id")),
    )
    op.create_table(
        "review_objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence_key", sa.String(length=200), nullable=True),
        sa.Column("evidence_name", sa.String(length=255), nullable=True),
        sa.Column("evidence_type", sa.String(length=100), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'upheld', 'dismissed')", name=op.f("ck_review_objections_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_objections")),
    )
    op.create_index(
        op.f("ix_review_objections_call_id"), "review_objections", ["call_id"], unique=False
    )
    op.create_table(
        "review_held_decisions",
        sa.Column("proposal_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version_no", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.JSON(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("proposal_id", "version_no", name=op.f("pk_review_held_decisions")),
    )
    op.create_index(
        op.f("ix_review_held_decisions_call_id"), "review_held_decisions", ["call_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_review_held_decisions_call_id"), table_name="review_held_decisions")
    op.drop_table("review_held_decisions")
    op.drop_index(op.f("ix_review_objections_call_id"), table_name="review_objections")
    op.drop_table("review_objections")
    op.drop_table("review_objection_windows")
