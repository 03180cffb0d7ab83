"""proposals category and group indexes: the list's two selects read them from an index

The proposal list offers the categories and groups of the proposals its reader may see
(`listing.choices`). Without an index each was a scan of the whole table, wide rows and all:
57 ms of the 76 ms a page of the admin's list took with 20,000 proposals.

Revision ID: e5a7c9b1d3f4
Revises: d3e5f7a9b1c2
Create Date: 2026-12-06 02:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e5a7c9b1d3f4"
down_revision: str | None = "d3e5f7a9b1c2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_proposals_category", "proposals", ["category"])
    op.create_index("ix_proposals_group", "proposals", ["group"])


def downgrade() -> None:
    op.drop_index("ix_proposals_group", table_name="proposals")
    op.drop_index("ix_proposals_category", table_name="proposals")
