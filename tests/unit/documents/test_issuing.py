"""Every kind of document, parsed back with pypdf: its text, its pages and their numbering,
its number, hash, verification code and QR, its PDF/A-3b metadata and embedded source data,
its fonts; and the blind dossier without the names of the innovator, the team or the agency."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from typing import Any

import pytest
from PIL import Image

from services.documents import codes
from tests.support.documents import (
    BASE_URL,
    KINDS,
    Issued,
    flat_text,
    link_uris,
    page_fonts,
    reader,
    source_of,
)

EXPECTED_TEXT = {
    "proposal_dossier": [
        "BERKAS PROPOSAL INOVASI DAERAH",
        "Kader Posyandu Cerdas",
        "Daftar Isi",
        "Rina Inovator",
        "Dinas Kesehatan",
        "Budi Anggota Tim",
        "Latar Belakang",
        "Angka stunting di Kecamatan Cibeber",
        "Tata Kelola Pelayanan Publik",
        "foto-kegiatan.jpg",
        "sk-kepala-dinas.pdf",
        "7 Desember 2020, 14.30 WIB",
        "Kompetisi Inovasi Daerah Kota Cilegon",
        "PEMERINTAH KOTA CILEGON",
    ],
    "proposal_dossier_blind": ["(ANONIM)", "Kader Posyandu Cerdas", "[disamarkan]"],
    "surat_tugas": [
        "SURAT TUGAS",
        "MENUGASKAN",
        "Dr. Penilai Rahasia",
        "Kader Posyandu Cerdas",
        "Senin, 21 Desember 2020",
        "Cilegon, 8 Desember 2020",
        "Dr. Ratna Perencana, M.Si.",
        "NIP. 19700101 199003 1 001",
    ],
    "lembar_penilaian": [
        "LEMBAR PENILAIAN",
        "Dr. Penilai Rahasia",
        "Kebaruan 25 % 8,00 2,00",
        "Kemanfaatan 35 % 7,00 2,45",
        "Keberlanjutan 20 % 9,00 1,80",
        "Kemudahan Replikasi 20 % 6,00 1,20",
        "Jumlah / Total 100 % 7,45",
        "Catatan kebaruan.",
    ],
    "rekap": [
        "REKAPITULASI NILAI",
        "Kategori / Category: Tata Kelola Pelayanan Publik",
        "Terkalibrasi",
        "6,50 7,45 6,97 6,97",
        "Grafik nilai terkalibrasi",
    ],
    "berita_acara": [
        "BERITA ACARA HASIL PENILAIAN",
        "hari Senin tanggal dua puluh satu bulan Desember tahun dua ribu dua puluh",
        "bertempat di Aula Bappedalitbang Kota Cilegon",
        "Ketua",
        "Anggota",
        "TIM PENILAI",
        "Mengetahui",
        "6,97",
    ],
    "sertifikat": [
        "SERTIFIKAT PENGHARGAAN",
        "Rina Inovator",
        "sebagai Pemenang",
        "Kompetisi Inovasi Daerah Kota Cilegon Tahun 2020",
        "Cilegon, 27 Desember 2020",
        "Wali Kota Cilegon",
        "H. Wali Contoh, S.T.",
    ],
    "sertifikat_batch": [
        "SERTIFIKAT PENGHARGAAN",
        "Rina Inovator",
        "sebagai Pemenang",
        "Berkas kumpulan",
    ],
    "monev": [
        "LAPORAN MONITORING DAN EVALUASI",
        "Nomor / Number: MONEV/001/BAPPEDALITBANG/XII/2020",
        "bertempat di Puskesmas Cibeber",
        "Nama inovasi / Innovation : Posyandu Digital Cibeber",
        "Kader aktif di 12 posyandu.",
        "Perluas ke kelurahan lain.",
        "1. Evaluator Akademisi Satu Ketua / Chair",
        "Mengetahui, / Acknowledged by,",
    ],
    "berita_acara_tahap": [
        "BERITA ACARA UJI COBA INOVASI",
        "Nomor / Number: BA-TI/001/BAPPEDALITBANG/XII/2020",
        "Pada hari Senin tanggal dua bulan November tahun dua ribu dua puluh",
        "Tahap baru / New stage : Uji coba / Trial",
        "Tim / Team : Rina Inovator, Budi Anggota",
        "berita-acara-uji-coba.pdf",
    ],
    "iid_rekap": [
        "REKAPITULASI INDEKS INOVASI DAERAH TAHUN 2020",
        "Indeks Inovasi Daerah / Regional Innovation Index : 32,83",
        "Kurang Inovatif",
        "1 Regulasi inovasi daerah 3. Peraturan kepala daerah 5,50 Diterima",
        "Posyandu Digital Cibeber Dinas Kesehatan 18,25",
        "Kepala Badan Perencanaan Pembangunan",
    ],
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints_its_content(issued: dict[str, Issued], kind: str) -> None:
    text = flat_text(issued[kind].pdf)
    for expected in EXPECTED_TEXT[kind]:
        assert expected in text, (kind, expected)


@pytest.mark.parametrize("kind", KINDS)
def test_hash_number_and_page_count_match_the_record(issued: dict[str, Issued], kind: str) -> None:
    doc = issued[kind]
    assert hashlib.sha256(doc.pdf).hexdigest() == doc.sha256
    assert len(reader(doc.pdf).pages) == doc.pages
    assert re.fullmatch(r"[\w.\-]+/\d{3}/BAPPEDALITBANG/XII/2020", doc.number), doc.number
    assert doc.number in flat_text(doc.pdf)


@pytest.mark.parametrize("kind", [k for k in KINDS if not k.startswith("sertifikat")])
def test_every_page_says_halaman_x_dari_y(issued: dict[str, Issued], kind: str) -> None:
    pages = reader(issued[kind].pdf).pages
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page.extract_text(), (kind, number)


def test_dossier_has_a_cover_and_a_table_of_contents_with_page_numbers(
    issued: dict[str, Issued],
) -> None:
    pages = reader(issued["proposal_dossier"].pdf).pages
    assert len(pages) >= 3
    assert "Daftar Isi" not in pages[0].extract_text()  # the cover stands alone
    toc = " ".join(pages[1].extract_text().split())
    assert re.search(r"Identitas Inovasi / Innovation profile \.+ 3", toc), toc
    assert re.search(r"Daftar Lampiran / Attachments \.+ \d", toc), toc


@pytest.mark.parametrize("kind", KINDS)
def test_verification_code_and_qr_link_to_the_verify_page(
    issued: dict[str, Issued], kind: str
) -> None:
    doc = issued[kind]
    url = f"{BASE_URL}/verify/{doc.code}"
    assert url in link_uris(doc.pdf)
    assert codes.pretty_code(doc.code) in flat_text(doc.pdf)


def _png_modules(data_url: str) -> set[tuple[int, int]]:
    """The dark modules of a QR PNG, read at the centre of each module's box of pixels."""
    header, data = data_url.split(",", 1)
    assert header == "data:image/png;base64"
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    box = codes.QR_BOX
    size = image.width // box
    assert image.width == image.height == size * box
    return {
        (y, x)
        for y in range(size)
        for x in range(size)
        if image.getpixel((x * box + box // 2, y * box + box // 2)) == 0
    }


def test_qr_image_encodes_the_verification_url() -> None:
    url = f"{BASE_URL}/verify/ABCDEFGHJK"
    matrix = codes.qr_matrix(url)
    dark = {(y, x) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}
    assert _png_modules(codes.qr_png(url)) == dark
    assert _png_modules(codes.qr_png(url + "X")) != dark


@pytest.mark.parametrize("kind", KINDS)
def test_qr_is_printed_sharp(issued: dict[str, Issued], kind: str) -> None:
    """The QR raster is drawn without interpolation (image-rendering: pixelated), so that its
    modules keep their edges in every viewer and on paper."""
    page: Any = reader(issued[kind].pdf).pages[0]
    images = [
        x.get_object()
        for x in page["/Resources"]["/XObject"].values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    # The QR is the square raster; a photo (a monev report's) may be smoothed as photos are.
    codes = [image for image in images if image["/Width"] == image["/Height"]]
    assert codes, "no QR raster on the first page"
    assert [image["/Interpolate"].value for image in codes] == [False] * len(codes)


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_a_3b_metadata_and_embedded_source(issued: dict[str, Issued], kind: str) -> None:
    doc = issued[kind]
    pdf = reader(doc.pdf)
    xmp = pdf.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="B"' in raw
    assert "<xmp:CreateDate>2020-12-" in raw
    root: Any = pdf.trailer["/Root"]
    assert "/OutputIntents" in root
    assert "/AF" in root
    source = source_of(doc.pdf)
    assert (source["kind"], source["number"], source["verification_code"]) == (
        kind, doc.number, doc.code,
    )  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_are_the_packaged_ones_and_embedded(issued: dict[str, Issued], kind: str) -> None:
    fonts = page_fonts(issued[kind].pdf)
    names = {str(font["/BaseFont"]) for font in fonts}
    assert any("Caladea" in name for name in names), names
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"], descendant["/BaseFont"]


BLIND_SECRETS = ("Rina", "Dinas Kesehatan", "dinkes", "Budi", "rina@example")


def test_blind_dossier_names_neither_innovator_team_nor_agency(issued: dict[str, Issued]) -> None:
    doc = issued["proposal_dossier_blind"]
    text = flat_text(doc.pdf)
    embedded = str(source_of(doc.pdf))
    for secret in BLIND_SECRETS:
        assert secret.lower() not in text.lower(), secret
        assert secret.lower() not in embedded.lower(), secret


def test_evaluators_read_only_the_blind_dossier_of_a_blind_call(issued: dict[str, Issued]) -> None:
    assert issued["proposal_dossier"].readers == []
    assert issued["proposal_dossier_blind"].readers == [12, 31]


def test_documents_an_innovator_reads_never_name_the_evaluators(
    issued: dict[str, Issued],
) -> None:
    for kind in ("proposal_dossier", "sertifikat"):
        text = flat_text(issued[kind].pdf)
        assert "Penilai Rahasia" not in text
        assert "Tersembunyi" not in text
