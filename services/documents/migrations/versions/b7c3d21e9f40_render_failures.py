"""render failures

A document that cannot be rendered from its input is recorded as failed with its reason, once
per (kind, subject, source).

Revision ID: b7c3d21e9f40
Revises: a1ef5fafd709
Create Date: 2026-12-05 10:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa

import shared.db
from alembic import op


revision: str = 'b7c3d21e9f40'
down_revision: str | None = 'a1ef5fafd709'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document_render_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=2000), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('owner_user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', shared.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_render_failures')),
    sa.UniqueConstraint('kind', 'subject', 'source_sha256', name=op.f('uq_document_render_failures_kind_subject_source_sha256')),
    )
    for column in ('subject', 'call_id', 'proposal_id', 'owner_user_id'):
        op.create_index(op.f(f'ix_document_render_failures_{column}'),
                        'document_render_failures', [column], unique=False)


def downgrade() -> None:
    for column in ('subject', 'call_id', 'proposal_id', 'owner_user_id'):
        op.drop_index(op.f(f'ix_document_render_failures_{column}'),
                      table_name='document_render_failures')
    op.drop_table('document_render_failures')
