"""IID indicators, answers and verification (issue 24)

Revision ID: d4e5f6a7b8c4
Revises: c3d4e5f6a7b3
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401 - for the tables this revision adds
from alembic import op  # noqa: F401 - as sa

revision: str = "d4e5f6a7b8c4"
down_revision: str | None = "c3d4e5f6a7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
