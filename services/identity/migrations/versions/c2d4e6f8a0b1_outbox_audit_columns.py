"""The outbox keeps each event's user and proposal beside its envelope, so the audit log
filters by them in SQL (issue 25)

Revision ID: c2d4e6f8a0b1
Revises: b1740d9d08fe
Create Date: 2026-12-05 22:20:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "c2d4e6f8a0b1"
down_revision: str | None = "b1740d9d08fe"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("identity")


def downgrade() -> None:
    drop_audit_columns("identity")
