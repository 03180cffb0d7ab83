"""progress reports and their schedule (issue 24)

Revision ID: a1b2c3d4e5f1
Revises: d117b6cb2a3f
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a1b2c3d4e5f1"
down_revision: str | None = "d117b6cb2a3f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_beat_schedule",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("task", sa.String(length=100), nullable=False),
        sa.Column("every_seconds", sa.Integer(), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_innovation_beat_schedule")),
    )
    op.create_table(
        "innovation_report_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("remind_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_report_schedules")),
    )
    with op.batch_alter_table("innovation_report_schedules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_report_schedules_stage"), ["stage"], unique=False
        )
    op.create_table(
        "innovation_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("done", sa.Text(), nullable=False),
        sa.Column("beneficiaries", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("submitter_name", sa.String(length=200), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["innovation_id"], ["innovations.id"],
                                name=op.f("fk_innovation_reports_innovation_id_innovations")),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["innovation_report_schedules.id"],
            name=op.f("fk_innovation_reports_schedule_id_innovation_report_schedules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_reports")),
        sa.UniqueConstraint("innovation_id", "schedule_id",
                            name=op.f("uq_innovation_reports_innovation_id_schedule_id")),
    )  # fmt: skip
    with op.batch_alter_table("innovation_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_reports_innovation_id"), ["innovation_id"], unique=False
        )
    op.create_table(
        "innovation_report_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["innovation_reports.id"],
            name=op.f("fk_innovation_report_figures_report_id_innovation_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_report_figures")),
    )  # fmt: skip
    with op.batch_alter_table("innovation_report_figures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_innovation_report_figures_report_id"), ["report_id"], unique=False
        )
    op.create_table(
        "innovation_report_files",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["innovation_evidence.id"],
            name=op.f("fk_innovation_report_files_evidence_id_innovation_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["innovation_reports.id"],
            name=op.f("fk_innovation_report_files_report_id_innovation_reports"),
        ),
        sa.PrimaryKeyConstraint("report_id", "evidence_id",
                                name=op.f("pk_innovation_report_files")),
    )  # fmt: skip
    op.create_table(
        "innovation_report_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["innovation_id"], ["innovations.id"],
            name=op.f("fk_innovation_report_reminders_innovation_id_innovations"),
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["innovation_report_schedules.id"],
            name=op.f("fk_innovation_report_reminders_schedule_id_innovation_report_schedules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_report_reminders")),
        sa.UniqueConstraint(
            "schedule_id", "innovation_id", "step",
            name=op.f("uq_innovation_report_reminders_schedule_id_innovation_id_step"),
        ),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("innovation_report_reminders")
    op.drop_table("innovation_report_files")
    with op.batch_alter_table("innovation_report_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_innovation_report_figures_report_id"))
    op.drop_table("innovation_report_figures")
    with op.batch_alter_table("innovation_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_innovation_reports_innovation_id"))
    op.drop_table("innovation_reports")
    with op.batch_alter_table("innovation_report_schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_innovation_report_schedules_stage"))
    op.drop_table("innovation_report_schedules")
    op.drop_table("innovation_beat_schedule")
