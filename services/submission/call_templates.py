"""The two templates DOMAIN.md gives: the KIPP 2023 "kelompok umum" aspects and weights, and the
Kemendagri innovation profile. Data, not rules: a call copies them and the admin edits the copy."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from services.submission.definition import (
    Aspect,
    Band,
    CallDefinition,
    CheckSettings,
    ProfileField,
    RequiredAttachment,
)
from shared.timezone import WIB

SUPPORTING = "Lampirkan data pendukung (dokumen, foto, tautan) untuk aspek ini."

KIPP_2023_UMUM: tuple[Aspect, ...] = (
    Aspect(
        key="ringkasan",
        title="Ringkasan",
        help="Ringkasan inovasi, paling banyak 200 kata; tanpa data pendukung.",
        weight=0.0,
        max_words=200,
        scored=False,
    ),
    Aspect(
        key="latar_belakang",
        title="Latar Belakang dan Tujuan",
        help="Masalah yang dijawab dan tujuan inovasi. " + SUPPORTING,
        weight=0.10,
        supporting_files=True,
    ),
    Aspect(
        key="kebaruan",
        title="Kebaruan / Nilai Tambah",
        help="Apa yang baru dibanding cara sebelumnya. " + SUPPORTING,
        weight=0.15,
        supporting_files=True,
    ),
    Aspect(
        key="implementasi",
        title="Implementasi Inovasi",
        help="Bagaimana inovasi dijalankan. " + SUPPORTING,
        weight=0.05,
        supporting_files=True,
    ),
    Aspect(
        key="signifikansi",
        title="Signifikansi",
        help="Dampak yang terukur bagi masyarakat. " + SUPPORTING,
        weight=0.30,
        supporting_files=True,
    ),
    Aspect(
        key="adaptabilitas",
        title="Adaptabilitas",
        help="Sudah atau dapat ditiru di tempat lain. " + SUPPORTING,
        weight=0.20,
        supporting_files=True,
    ),
    Aspect(
        key="sumber_daya",
        title="Sumber Daya",
        help="Anggaran, SDM, dan sarana yang dipakai. " + SUPPORTING,
        weight=0.05,
        supporting_files=True,
    ),
    Aspect(
        key="keberlanjutan",
        title="Strategi Keberlanjutan",
        help="Bagaimana inovasi tetap berjalan. " + SUPPORTING,
        weight=0.15,
        supporting_files=True,
    ),
)

KIPP_BANDS: tuple[Band, ...] = (
    Band(low=1, high=3, label="Kurang",
         description="Uraian tidak menjawab aspek atau tanpa data pendukung."),
    Band(low=4, high=6, label="Cukup",
         description="Uraian menjawab sebagian; data pendukung terbatas."),
    Band(low=7, high=8, label="Baik",
         description="Uraian jelas dan didukung data yang relevan."),
    Band(low=9, high=10, label="Sangat baik",
         description="Uraian kuat, terukur, dan didukung data lengkap yang dapat diverifikasi."),
)  # fmt: skip

KIPP_2023_CATEGORIES = (
    "Pelayanan publik inklusif dan berkeadilan",
    "Efektivitas institusi publik untuk TPB/SDGs",
    "Ketahanan institusi publik",
)

URUSAN = (
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan umum dan penataan ruang",
    "Perumahan rakyat dan kawasan permukiman",
    "Ketenteraman, ketertiban umum, dan pelindungan masyarakat",
    "Sosial",
    "Administrasi kependudukan dan pencatatan sipil",
    "Komunikasi dan informatika",
    "Penanaman modal",
    "Lingkungan hidup",
    "Perhubungan",
    "Fungsi penunjang",
)

KEMENDAGRI_PROFILE: tuple[ProfileField, ...] = (
    ProfileField(
        key="tahapan",
        label="Tahapan inovasi",
        kind="choice",
        options=("Inisiatif", "Uji coba", "Penerapan"),
    ),
    ProfileField(
        key="inisiator",
        label="Inisiator",
        kind="choice",
        options=("Kepala Daerah", "Anggota DPRD", "OPD", "ASN", "Masyarakat"),
    ),
    ProfileField(key="jenis", label="Jenis", kind="choice", options=("Digital", "Non Digital")),
    ProfileField(
        key="bentuk",
        label="Bentuk",
        kind="choice",
        options=(
            "Inovasi tata kelola pemerintahan daerah",
            "Inovasi pelayanan publik",
            "Inovasi daerah lainnya sesuai urusan",
        ),
    ),
    ProfileField(key="urusan", label="Urusan pemerintahan", kind="choices", options=URUSAN),
    ProfileField(
        key="tematik",
        label="Tematik",
        kind="choice",
        options=(
            "Digitalisasi layanan pemerintahan",
            "Penanggulangan kemiskinan",
            "Kemudahan investasi",
            "Prioritas aktual presiden",
            "Non tematik",
        ),
    ),
    ProfileField(key="waktu_uji_coba", label="Waktu uji coba", kind="date"),
    ProfileField(key="waktu_penerapan", label="Waktu penerapan", kind="date"),
    ProfileField(
        key="rancang_bangun",
        label="Rancang bangun dan pokok perubahan",
        kind="longtext",
        min_words=300,
        help="Paling sedikit 300 kata: dasar hukum, permasalahan, isu strategis, metode "
        "pembaharuan (sebelum dan sesudah), keunggulan dan kebaharuan, tahapan inovasi.",
    ),
    ProfileField(key="tujuan", label="Tujuan inovasi", kind="longtext"),
    ProfileField(key="manfaat", label="Manfaat inovasi", kind="longtext"),
    ProfileField(key="hasil", label="Hasil inovasi", kind="longtext"),
)

ATTACHMENTS: tuple[RequiredAttachment, ...] = (
    RequiredAttachment(key="sk_inovator", label="SK penetapan inovator/tim inovasi"),
    RequiredAttachment(key="anggaran", label="Dokumen anggaran", required=False),
    RequiredAttachment(key="profil_bisnis", label="Profil bisnis", required=False),
)


def demo_call(year: int, opens_at: datetime, closes_at: datetime) -> CallDefinition:
    """The demo call of `make run`: KIPP 2023 aspects with the Kemendagri profile."""
    return CallDefinition(
        name=f"Kompetisi Inovasi Daerah Kota Cilegon {year}",
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
        groups=("Kelompok umum", "Kelompok khusus"),
        categories=KIPP_2023_CATEGORIES,
        aspects=KIPP_2023_UMUM,
        profile=KEMENDAGRI_PROFILE,
        attachments=ATTACHMENTS,
        bands=KIPP_BANDS,
    )


class CallTemplate(BaseModel):
    """A named part of a call's settings to start from."""

    title: str
    aspects: tuple[Aspect, ...] = ()
    profile: tuple[ProfileField, ...] = ()
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    bands: tuple[Band, ...] = ()


TEMPLATES: dict[str, CallTemplate] = {
    "kipp-2023-umum": CallTemplate(
        title="KIPP 2023, kelompok umum",
        aspects=KIPP_2023_UMUM,
        categories=KIPP_2023_CATEGORIES,
        groups=("Kelompok umum",),
        bands=KIPP_BANDS,
    ),
    "kemendagri-profil": CallTemplate(
        title="Profil inovasi Kemendagri", profile=KEMENDAGRI_PROFILE
    ),
}


# A call without the Kemendagri profile has no implementation date or decree to check against.
_NO_PROFILE_CHECK = CheckSettings(started_field=None, decree_attachment=None)

# The starting points of "New call": a template, or two of them together, as the demo call is.
STARTS: dict[str, tuple[str, ...]] = {
    "kipp-kemendagri": ("kipp-2023-umum", "kemendagri-profil"),
    "kipp-2023-umum": ("kipp-2023-umum",),
    "kemendagri-profil": ("kemendagri-profil",),
}


def start_from(choice: str, year: int) -> CallDefinition | None:
    """A new call's settings from templates, open the whole `year` (the admin sets the dates);
    not validated: a profile alone has no aspect yet, and the form says so beside its rows."""
    names = STARTS.get(choice)
    if names is None:
        return None
    parts = [TEMPLATES[n] for n in names]
    kipp = "kipp-2023-umum" in names
    return CallDefinition.model_construct(
        name=f"Kompetisi Inovasi Daerah {year}",
        year=year,
        opens_at=datetime(year, 1, 1, tzinfo=WIB),
        closes_at=datetime(year, 12, 31, 23, 59, 59, tzinfo=WIB),
        groups=tuple(g for p in parts for g in p.groups),
        categories=tuple(c for p in parts for c in p.categories),
        aspects=tuple(a for p in parts for a in p.aspects),
        profile=tuple(f for p in parts for f in p.profile),
        attachments=ATTACHMENTS if "kemendagri-profil" in names else (),
        bands=KIPP_BANDS if kipp else (),
        check=CheckSettings() if "kemendagri-profil" in names else _NO_PROFILE_CHECK,
    )


def copy_for_next_year(definition: CallDefinition) -> CallDefinition:
    """Last year's call for the next one: the same settings, its dates moved one year later
    and the year in its name too (the admin changes what differs)."""
    year = definition.year + 1
    name = definition.name.replace(str(definition.year), str(year))
    return definition.model_copy(
        update={
            "name": name if name != definition.name else f"{definition.name} ({year})",
            "year": year,
            "opens_at": _a_year_later(definition.opens_at),
            "closes_at": _a_year_later(definition.closes_at),
        }
    )


def _a_year_later(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + 1, day=28)
