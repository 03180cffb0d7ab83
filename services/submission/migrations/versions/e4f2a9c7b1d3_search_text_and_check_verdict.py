"""search text and check verdict: the list searches the proposal's text; a check may refuse

Revision ID: e4f2a9c7b1d3
Revises: c3e8a1d4f7b2
Create Date: 2026-12-05 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.submission.search import search_text

revision: str = "e4f2a9c7b1d3"
down_revision: str | None = "c3e8a1d4f7b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("checks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verdict", sa.String(length=10), nullable=True))
    # The proposals already written get their search text as a save would write it.
    proposals = sa.table(
        "proposals",
        sa.column("id", sa.Integer()),
        sa.column("title", sa.String()),
        sa.column("summary", sa.Text()),
        sa.column("sections", sa.JSON()),
        sa.column("search_text", sa.Text()),
    )
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(proposals.c.id, proposals.c.title, proposals.c.summary, proposals.c.sections)
            .where(proposals.c.id > last)
            .order_by(proposals.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            bind.execute(
                proposals.update()
                .where(proposals.c.id == row.id)
                .values(search_text=search_text(row.title or "", row.summary or "", row.sections))
            )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("checks", schema=None) as batch_op:
        batch_op.drop_column("verdict")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_column("search_text")
