"""letters due and the documents beat

An evaluator's surat tugas is issued once a burst of assignments is over (document_letters_due),
by the documents beat (documents_schedule).

Revision ID: 5afba4816e6e
Revises: b7c3d21e9f40
Create Date: 2026-12-05 12:18:36.313951
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = '5afba4816e6e'
down_revision: str | None = 'b7c3d21e9f40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document_letters_due',
    sa.Column('call_key', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('evaluator_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('assigned_at', shared.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('due_at', shared.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('call_key', 'evaluator_id', name=op.f('pk_document_letters_due'))
    )
    with op.batch_alter_table('document_letters_due', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_document_letters_due_due_at'), ['due_at'], unique=False
        )

    op.create_table('documents_schedule',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('task', sa.String(length=100), nullable=False),
    sa.Column('every_seconds', sa.Integer(), nullable=False),
    sa.Column('next_run_at', shared.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('last_run_at', shared.db.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_documents_schedule'))
    )


def downgrade() -> None:
    op.drop_table('documents_schedule')
    with op.batch_alter_table('document_letters_due', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_letters_due_due_at'))

    op.drop_table('document_letters_due')
