"""The 2023 IID structure as data (DOMAIN.md §2), the first version of a year nobody has set.

Confirmed: 15 SPD indicators (1–15) and 20 SID indicators (16–35), SID = Σ / MAX(10, n) +
skor jumlah inovasi, IID = (SPD + SID) / skor total maksimum × 100, the predikat bands. The SID
names follow the Kemendagri technical guide as regional codebases transcribe it. Everything else
is an example (`example`), to check against the year's juknis: the SPD names, every parameter's
label and score, the jumlah inovasi table, the maximum. The example scores keep the 2023 shares
(SPD 25.2 %, SID 74.8 % of a maximum of 100)."""

from __future__ import annotations

from decimal import Decimal

from services.innovations.iid_structure import (
    SID,
    SPD,
    Band,
    CountScore,
    Indicator,
    Parameter,
    Structure,
)

SPD_SCORES = (Decimal("0.56"), Decimal("1.12"), Decimal("1.68"))  # 15 × 1.68 = 25.2
SID_SCORES = (Decimal("1.2"), Decimal("2.4"), Decimal("3.6"))  # 20 × 3.6 = 72 (+ 2.8 jumlah)

_ONE_TWO_THREE = ("Ada, sebagian", "Ada, lengkap", "Ada, lengkap dan dimutakhirkan")

# no, name, bukti dukung, mandatory, the three parameters' labels (lowest first)
_SPD = (
    (1, "Visi dan misi kepala daerah tentang inovasi", "RPJMD (kutipan visi dan misi)", False,
     ("Inovasi disebut dalam misi", "Inovasi dalam misi dan tujuan",
      "Inovasi dalam visi, misi dan sasaran")),
    (2, "Regulasi inovasi daerah", "Perda / Perkada tentang inovasi daerah", True,
     ("SK Kepala Perangkat Daerah", "SK Kepala Daerah", "Perda / Perkada")),
    (3, "Ketersediaan SDM pengelola inovasi", "SK / Surat Tugas tim pengelola", True,
     ("1–10 orang", "11–30 orang", "Lebih dari 30 orang")),
    (4, "Alokasi anggaran inovasi dalam APBD", "DPA / RKA", False,
     ("Tahun berjalan (T-0)", "T-0 dan T-1", "T-0, T-1 dan T-2")),
    (5, "Alat kerja pengelolaan inovasi", "Daftar sarana, foto", False, _ONE_TWO_THREE),
    (6, "Bimtek inovasi bagi ASN", "Surat tugas, notula, daftar hadir", False,
     ("1 kali setahun", "2 kali setahun", "3 kali atau lebih setahun")),
    (7, "Program inovasi dalam RKPD", "Kutipan RKPD", False,
     ("1–2 program", "3–4 program", "5 program atau lebih")),
    (8, "Keterlibatan aktor inovasi (pentahelix)", "PKS / MoU", False,
     ("1–2 aktor", "3–4 aktor", "5 aktor")),
    (9, "Jejaring inovasi antardaerah", "SKB, PKS antardaerah", False,
     ("1 daerah", "2–3 daerah", "4 daerah atau lebih")),
    (10, "Sosialisasi inovasi daerah", "Tangkapan layar media, kliping", False,
     ("Media daerah", "Media daerah dan provinsi", "Media nasional")),
    (11, "Pedoman teknis pengelolaan inovasi", "Pedoman, SOP", False, _ONE_TWO_THREE),
    (12, "Sistem informasi inovasi daerah", "Alamat situs, tangkapan layar", False,
     ("Informasi di situs", "Aplikasi pengajuan", "Aplikasi terintegrasi dengan data daerah")),
    (13, "Penghargaan dan insentif inovator", "SK penghargaan", False, _ONE_TWO_THREE),
    (14, "Replikasi inovasi daerah", "Pernyataan atau perjanjian replikasi", False,
     ("Direplikasi 1 daerah", "2–3 daerah", "4 daerah atau lebih")),
    (15, "Monitoring dan evaluasi inovasi daerah", "Laporan monev", False,
     ("Sekali setahun", "Setiap semester", "Setiap triwulan")),
)  # fmt: skip

_SID = (
    (16, "Regulasi inovasi daerah", "SK atau Perda/Perkada yang menyebut inovasi", True,
     ("SK Kepala Perangkat Daerah", "SK Kepala Daerah", "Perda / Perkada")),
    (17, "Ketersediaan SDM", "SK / Surat Tugas yang memuat tim", True,
     ("1–10 orang", "11–30 orang", "Lebih dari 30 orang")),
    (18, "Dukungan anggaran", "DPA / RKA T-0, T-1, T-2", False,
     ("Tahun berjalan (T-0)", "T-0 dan T-1", "T-0, T-1 dan T-2")),
    (19, "Bimtek inovasi", "Surat tugas, notula, daftar hadir", False,
     ("1 kali", "2 kali", "3 kali atau lebih")),
    (20, "Integrasi program dalam RKPD", "Kutipan RKPD", False,
     ("Disebut dalam Renja PD", "Dalam RKPD", "Dalam RKPD dan RPJMD")),
    (21, "Keterlibatan aktor (pentahelix)", "PKS / MoU", False,
     ("1–2 aktor", "3–4 aktor", "5 aktor")),
    (22, "Pelaksana inovasi", "SK pelaksana", False,
     ("Ditetapkan Kepala Bidang", "Ditetapkan Kepala PD", "Ditetapkan Kepala Daerah")),
    (23, "Jejaring inovasi", "SKB, SOP lintas perangkat daerah", False,
     ("1–2 perangkat daerah", "3–4 perangkat daerah", "5 perangkat daerah atau lebih")),
    (24, "Sosialisasi", "Tangkapan layar media, kliping", False,
     ("Media sosial", "Media daerah", "Media nasional")),
    (25, "Pedoman teknis", "SOP, manual", False,
     ("Pedoman tertulis", "Pedoman elektronik", "Pedoman elektronik dan video")),
    (26, "Kemudahan informasi layanan", "Situs, hotline", False,
     ("Satu saluran", "Dua saluran", "Tiga saluran atau lebih")),
    (27, "Kemudahan proses", "Standar pelayanan dengan SLA", False,
     ("Lebih dari 5 hari", "2–5 hari", "1 hari atau kurang")),
    (28, "Penyelesaian pengaduan", "Rekap pengaduan (SP4N-LAPOR!)", False,
     ("Kurang dari 50 % selesai", "50–80 % selesai", "Lebih dari 80 % selesai")),
    (29, "Layanan terintegrasi", "API / diagram integrasi", False,
     ("Dalam satu perangkat daerah", "Antarperangkat daerah", "Dengan sistem nasional")),
    (30, "Replikasi", "Pernyataan atau perjanjian replikasi", False,
     ("1 daerah", "2–3 daerah", "4 daerah atau lebih")),
    (31, "Kecepatan penciptaan", "Laporan capaian, berita acara uji coba", True,
     ("Lebih dari 1 tahun", "6–12 bulan", "Kurang dari 6 bulan")),
    (32, "Kemanfaatan", "Rekap penerima manfaat, statistik pengguna", True,
     ("1–100 orang", "101–1.000 orang", "Lebih dari 1.000 orang")),
    (33, "Monev", "Laporan monev, survei SKM", False,
     ("Internal perangkat daerah", "Oleh Bappedalitbang", "Oleh pihak independen")),
    (34, "Kualitas inovasi (rancang bangun)", "Proposal (PDF)", True,
     ("Rancang bangun sebagian", "Rancang bangun lengkap",
      "Lengkap dengan data sebelum dan sesudah")),
    (35, "Kualitas inovasi (video)", "Berkas video", False,
     ("Video tanpa narasi", "Video dengan narasi", "Video dengan narasi dan testimoni")),
)  # fmt: skip


Row = tuple[int, str, str, bool, tuple[str, str, str]]


def _indicators(
    rows: tuple[Row, ...], which: str, scores: tuple[Decimal, ...]
) -> tuple[Indicator, ...]:
    return tuple(
        Indicator(no=no, set=which, name=name, evidence=evidence, mandatory=mandatory,
                  parameters=tuple(Parameter(level, label, score) for level, label, score
                                   in zip((1, 2, 3), labels, scores, strict=True)),
                  example=True)
        for no, name, evidence, mandatory, labels in rows
    )  # fmt: skip


def structure_2023(year: int = 2023) -> Structure:
    """The 2023 structure, for `year` (a later year starts from it until its juknis is loaded)."""
    return Structure(
        year=year,
        indicators=_indicators(_SPD, SPD, SPD_SCORES) + _indicators(_SID, SID, SID_SCORES),
        divisor_floor=10,
        count_scores=(
            CountScore(1, Decimal("0.7")), CountScore(5, Decimal("1.4")),
            CountScore(10, Decimal("2.1")), CountScore(20, Decimal("2.8")),
        ),
        max_total=Decimal(100),
        bands=(
            Band("Sangat Inovatif", Decimal("60.01"), Decimal("100.00")),
            Band("Inovatif", Decimal("35.00"), Decimal("60.00")),
            Band("Kurang Inovatif", Decimal("0.01"), Decimal("34.99")),
            Band("Tidak Dapat Dinilai (disclaimer)", Decimal(0), Decimal(0), disclaimer=True),
        ),
        example=frozenset({"count_scores", "max_total"}) if year == 2023 else
        frozenset({"count_scores", "max_total", "divisor", "bands"}),
    )  # fmt: skip
