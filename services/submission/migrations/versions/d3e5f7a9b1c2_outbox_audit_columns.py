"""The outbox keeps each event's user and proposal beside its envelope, so the audit log
filters by them in SQL (issue 25)

Revision ID: d3e5f7a9b1c2
Revises: e4f2a9c7b1d3
Create Date: 2026-12-05 22:20:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "d3e5f7a9b1c2"
down_revision: str | None = "e4f2a9c7b1d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("submission")


def downgrade() -> None:
    drop_audit_columns("submission")
