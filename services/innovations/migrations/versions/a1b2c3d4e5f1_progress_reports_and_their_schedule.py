"""progress reports and their schedule (issue 24)

Revision ID: a1b2c3d4e5f1
Revises: d117b6cb2a3f
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401 - for the tables this revision adds
from alembic import op  # noqa: F401 - as sa

revision: str = "a1b2c3d4e5f1"
down_revision: str | None = "d117b6cb2a3f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
