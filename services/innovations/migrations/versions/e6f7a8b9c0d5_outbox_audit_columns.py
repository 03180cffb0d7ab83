"""The innovations outbox keeps each event's user and proposal beside its envelope, so the
audit log filters by them in SQL, as every other service's does (issue 24)

Revision ID: e6f7a8b9c0d5
Revises: d4e5f6a7b8c4
Create Date: 2026-12-05 23:00:00
"""

from collections.abc import Sequence

from shared.outbox_columns import add_audit_columns, drop_audit_columns

revision: str = "e6f7a8b9c0d5"
down_revision: str | None = "d4e5f6a7b8c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_audit_columns("innovations")


def downgrade() -> None:
    drop_audit_columns("innovations")
