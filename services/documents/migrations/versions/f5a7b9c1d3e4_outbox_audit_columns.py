"""The outbox keeps each event's user and proposal beside its envelope, so the audit log
filters by them in SQL (issue 25)

Revision ID: f5a7b9c1d3e4
Revises: e1a7c3b5d9f2
Create Date: 2026-12-05 22:20:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "f5a7b9c1d3e4"
down_revision: str | None = "e1a7c3b5d9f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("documents")


def downgrade() -> None:
    drop_audit_columns("documents")
