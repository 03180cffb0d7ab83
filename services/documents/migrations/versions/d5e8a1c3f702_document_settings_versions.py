"""document settings versions

The installation's document settings (kop surat, signatories, legal bases) as versions the admin
saves on /documents/settings, uploaded logos, and the version each document was rendered with.
No rows: `sipinda seed` adds the first version (services/documents/seed/settings.json), so a
freshly migrated deployment stays empty for `sipinda restore`.

Revision ID: d5e8a1c3f702
Revises: 5afba4816e6e
Create Date: 2026-12-05 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = 'd5e8a1c3f702'
down_revision: str | None = '5afba4816e6e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('logo_sha256', sa.String(length=64), nullable=True),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.Column('saved_by_name', sa.String(length=200), nullable=False),
    sa.Column('saved_at', shared.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_settings'))
    )
    op.create_table('document_logos',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', shared.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_document_logos'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settings_version', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('settings_version')
    op.drop_table('document_logos')
    op.drop_table('document_settings')
