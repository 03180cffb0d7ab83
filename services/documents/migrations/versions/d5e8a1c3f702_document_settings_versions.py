"""document settings versions

The installation's document settings (kop surat, signatories, legal bases) as versions the admin
saves on /documents/settings, uploaded logos, and the version each document was rendered with.
Seeds version 1: Kota Cilegon's Bappedalitbang, or what the deployment's LETTERHEAD_* and
SIGNATORY_* variables said until now; names of people are left for the admin to fill in.

Revision ID: d5e8a1c3f702
Revises: 5afba4816e6e
Create Date: 2026-12-05 19:00:00.000000
"""

import os
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = 'd5e8a1c3f702'
down_revision: str | None = '5afba4816e6e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HEAD = ("Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan "
        "Kota Cilegon")
MAYOR = "Wali Kota Cilegon"
SURAT_TUGAS_BASES = [
    "Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah;",
    "Peraturan Menteri Dalam Negeri Nomor 104 Tahun 2018 tentang Penilaian dan Pemberian "
    "Penghargaan dan/atau Insentif Inovasi Daerah;",
]
KEPUTUSAN_BASES = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    *SURAT_TUGAS_BASES,
]


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def seed() -> dict[str, object]:
    head = {"name": _env("SIGNATORY_HEAD_NAME", ""), "nip": _env("SIGNATORY_HEAD_NIP", ""),
            "position": _env("SIGNATORY_HEAD_TITLE", HEAD)}
    mayor = {"name": _env("SIGNATORY_MAYOR_NAME", ""), "nip": "",
             "position": _env("SIGNATORY_MAYOR_TITLE", MAYOR)}
    return {
        "government": _env("LETTERHEAD_GOVERNMENT", "PEMERINTAH KOTA CILEGON"),
        "agency": _env("LETTERHEAD_AGENCY",
                       "BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN"),
        "address": _env("LETTERHEAD_ADDRESS", "Jl. Jend. Sudirman No. 2, Cilegon"),
        "phone": "",
        "email": "",
        "city": _env("LETTERHEAD_CITY", "Cilegon"),
        "signatories": {"surat_tugas": head, "rekap": dict(head), "berita_acara": dict(head),
                        "sertifikat": mayor, "keputusan": dict(mayor)},
        "bases": {"surat_tugas": SURAT_TUGAS_BASES, "keputusan": KEPUTUSAN_BASES},
    }


def upgrade() -> None:
    settings = op.create_table('document_settings',
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
    # No explicit id: on PostgreSQL that would leave the sequence behind the seeded row.
    op.bulk_insert(settings, [{
        "values": seed(), "logo_sha256": None, "saved_by_id": None, "saved_by_name": "",
        "saved_at": datetime.now(UTC),
    }])


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('settings_version')
    op.drop_table('document_logos')
    op.drop_table('document_settings')
