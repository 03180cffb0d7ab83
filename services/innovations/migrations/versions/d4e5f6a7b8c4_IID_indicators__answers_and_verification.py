"""IID indicators, answers and verification (issue 24)

Revision ID: d4e5f6a7b8c4
Revises: c3d4e5f6a7b3
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4e5f6a7b8c4"
down_revision: str | None = "c3d4e5f6a7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_iid_structures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_iid_structures")),
        sa.UniqueConstraint(
            "year", "version", name=op.f("uq_innovation_iid_structures_year_version")
        ),
    )
    with op.batch_alter_table("innovation_iid_structures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_iid_structures_year"), ["year"], unique=False
        )
    op.create_table(
        "innovation_iid_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=True),
        sa.Column("indicator_no", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["innovation_id"], ["innovations.id"],
            name=op.f("fk_innovation_iid_answers_innovation_id_innovations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_iid_answers")),
        sa.UniqueConstraint(
            "year", "unit", "indicator_no",
            name=op.f("uq_innovation_iid_answers_year_unit_indicator_no"),
        ),
    )  # fmt: skip
    with op.batch_alter_table("innovation_iid_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_iid_answers_innovation_id"), ["innovation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_innovation_iid_answers_status"), ["status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_innovation_iid_answers_year"), ["year"], unique=False)
    op.create_table(
        "innovation_iid_answer_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"], ["innovation_iid_answers.id"],
            name=op.f("fk_innovation_iid_answer_files_answer_id_innovation_iid_answers"),
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["innovation_evidence.id"],
            name=op.f("fk_innovation_iid_answer_files_evidence_id_innovation_evidence"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_iid_answer_files")),
        sa.UniqueConstraint(
            "answer_id", "evidence_id",
            name=op.f("uq_innovation_iid_answer_files_answer_id_evidence_id"),
        ),
    )  # fmt: skip
    with op.batch_alter_table("innovation_iid_answer_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_iid_answer_files_answer_id"), ["answer_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("innovation_iid_answer_files")
    op.drop_table("innovation_iid_answers")
    op.drop_table("innovation_iid_structures")
