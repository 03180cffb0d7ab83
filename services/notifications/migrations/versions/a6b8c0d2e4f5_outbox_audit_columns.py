"""The outbox keeps each event's user and proposal beside its envelope, so the audit log
filters by them in SQL (issue 25)

Revision ID: a6b8c0d2e4f5
Revises: d1e5f7a9b3c2
Create Date: 2026-12-05 22:20:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "a6b8c0d2e4f5"
down_revision: str | None = "d1e5f7a9b3c2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("notifications")


def downgrade() -> None:
    drop_audit_columns("notifications")
