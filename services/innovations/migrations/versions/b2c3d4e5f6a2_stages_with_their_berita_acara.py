"""stages with their berita acara (issue 24)

Revision ID: b2c3d4e5f6a2
Revises: a1b2c3d4e5f1
Create Date: 2026-12-05 22:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401 - for the tables this revision adds
from alembic import op  # noqa: F401 - as sa

revision: str = "b2c3d4e5f6a2"
down_revision: str | None = "a1b2c3d4e5f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
