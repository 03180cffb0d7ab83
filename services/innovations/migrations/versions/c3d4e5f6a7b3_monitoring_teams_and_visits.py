"""monitoring teams and visits (issue 24)

Revision ID: c3d4e5f6a7b3
Revises: b2c3d4e5f6a2
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d4e5f6a7b3"
down_revision: str | None = "b2c3d4e5f6a2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "innovation_monitoring_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_monitoring_teams")),
        sa.UniqueConstraint("year", "name", name=op.f("uq_innovation_monitoring_teams_year_name")),
    )
    with op.batch_alter_table("innovation_monitoring_teams") as batch:
        batch.create_index(batch.f("ix_innovation_monitoring_teams_year"), ["year"])
    op.create_table(
        "innovation_monitoring_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("opd_code", sa.String(length=80), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["innovation_monitoring_teams.id"],
            name=op.f("fk_innovation_monitoring_members_team_id_innovation_monitoring_teams"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_monitoring_members")),
        sa.UniqueConstraint(
            "team_id", "user_id", name=op.f("uq_innovation_monitoring_members_team_id_user_id")
        ),
    )  # fmt: skip
    with op.batch_alter_table("innovation_monitoring_members") as batch:
        batch.create_index(batch.f("ix_innovation_monitoring_members_team_id"), ["team_id"])
        batch.create_index(batch.f("ix_innovation_monitoring_members_user_id"), ["user_id"])
    op.create_table(
        "innovation_monitoring_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["innovation_id"], ["innovations.id"],
            name=op.f("fk_innovation_monitoring_assignments_innovation_id_innovations"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["innovation_monitoring_teams.id"],
            name=op.f("fk_innovation_monitoring_assignments_team_id_innovation_monitoring_teams"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_monitoring_assignments")),
        sa.UniqueConstraint(
            "innovation_id", "year",
            name=op.f("uq_innovation_monitoring_assignments_innovation_id_year"),
        ),
    )  # fmt: skip
    with op.batch_alter_table("innovation_monitoring_assignments") as batch:
        batch.create_index(
            batch.f("ix_innovation_monitoring_assignments_innovation_id"), ["innovation_id"]
        )
        batch.create_index(batch.f("ix_innovation_monitoring_assignments_team_id"), ["team_id"])
    op.create_table(
        "innovation_monitoring_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("recommendations", sa.Text(), nullable=False),
        sa.Column("follow_up_by", sa.Date(), nullable=True),
        sa.Column("photo_ids", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_path", sa.String(length=200), nullable=True),
        sa.Column("document_number", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["innovation_id"], ["innovations.id"],
            name=op.f("fk_innovation_monitoring_visits_innovation_id_innovations"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["innovation_monitoring_teams.id"],
            name=op.f("fk_innovation_monitoring_visits_team_id_innovation_monitoring_teams"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_innovation_monitoring_visits")),
    )  # fmt: skip
    with op.batch_alter_table("innovation_monitoring_visits") as batch:
        batch.create_index(
            batch.f("ix_innovation_monitoring_visits_innovation_id"), ["innovation_id"]
        )
        batch.create_index(batch.f("ix_innovation_monitoring_visits_team_id"), ["team_id"])


def downgrade() -> None:
    op.drop_table("innovation_monitoring_visits")
    op.drop_table("innovation_monitoring_assignments")
    op.drop_table("innovation_monitoring_members")
    op.drop_table("innovation_monitoring_teams")
