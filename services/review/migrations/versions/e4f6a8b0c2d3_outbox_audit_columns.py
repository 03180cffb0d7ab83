"""The outbox keeps each event's user and proposal beside its envelope, so the audit log
filters by them in SQL (issue 25)

Revision ID: e4f6a8b0c2d3
Revises: f2b6d8a4c1e9
Create Date: 2026-12-05 22:20:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "e4f6a8b0c2d3"
down_revision: str | None = "f2b6d8a4c1e9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("review")


def downgrade() -> None:
    drop_audit_columns("review")
