"""The profile's option lists (DOMAIN.md §2), as the call templates offer them: the innovations
service keeps its own copy (services import no other service; these are the Kemendagri lists,
stable across years). A value a person chose is stored and shown as written here."""

from __future__ import annotations

INITIATORS = ("Kepala Daerah", "Anggota DPRD", "OPD", "ASN", "Masyarakat")
KINDS = ("Digital", "Non Digital")
FORMS = (
    "Inovasi tata kelola pemerintahan daerah",
    "Inovasi pelayanan publik",
    "Inovasi daerah lainnya sesuai urusan",
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
THEMES = (
    "Digitalisasi layanan pemerintahan",
    "Penanggulangan kemiskinan",
    "Kemudahan investasi",
    "Prioritas aktual presiden",
    "Non tematik",
)
SDGS = tuple(range(1, 18))
