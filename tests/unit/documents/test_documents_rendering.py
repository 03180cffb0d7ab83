"""The dossier PDF: readable, deterministic, with embedded fonts and no user-made markup."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from services.documents.dossier import TEMPLATE, dossier_context
from services.documents.fetcher import SCHEME, AssetFetcher
from services.documents.letterhead import CILEGON
from services.documents.rendering import render_pdf
from tests.unit.documents.factories import Assigned

REPO = Path(__file__).resolve().parents[3]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def page_fonts(pdf: bytes) -> list[Any]:
    """The font dictionaries of every page (pypdf's objects are untyped dictionaries)."""
    fonts: list[Any] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        fonts += [ref.get_object() for ref in resources["/Font"].values()]
    return fonts


def test_dossier_shows_title_identity_and_page_footer(rendered: tuple[bytes, AssetFetcher]) -> None:
    text = text_of(rendered[0])
    assert "Kader Posyandu Cerdas" in text
    assert "BERKAS PROPOSAL INOVASI DAERAH" in text
    assert "PEMERINTAH KOTA CILEGON" in text
    assert "Dinas Kesehatan" in text
    assert "Rina Inovator" in text
    assert "Senin, 7 Desember 2020, pukul 14.30 WIB" in text
    assert "Data dicatat di ponsel" in text
    assert "Halaman 1 dari 1" in text


def test_dossier_never_names_the_evaluators(rendered: tuple[bytes, AssetFetcher]) -> None:
    text = text_of(rendered[0])
    assert "Penilai Rahasia" not in text
    assert "Tersembunyi" not in text
    assert "rina@example.test" not in text


def test_dossier_embeds_caladea_and_source_sans_pro(rendered: tuple[bytes, AssetFetcher]) -> None:
    fonts = page_fonts(rendered[0])
    names = {str(font["/BaseFont"]) for font in fonts}
    assert any("Caladea" in name for name in names), names
    assert any("Source-Sans-Pro" in name for name in names), names
    for font in fonts:  # embedded, not merely named
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"], descendant["/BaseFont"]


def test_dossier_fetches_only_packaged_assets(rendered: tuple[bytes, AssetFetcher]) -> None:
    requested = rendered[1].requested
    assert "sipinda-asset:pdf.css" in requested
    assert "sipinda-asset:logo.svg" in requested
    assert "sipinda-asset:fonts/Caladea-Regular.ttf" in requested
    assert all(url.startswith(SCHEME) for url in requested), requested


def test_same_input_gives_byte_identical_pdf(
    rendered: tuple[bytes, AssetFetcher], assigned: Assigned
) -> None:
    event = assigned()
    again = render_pdf(TEMPLATE, dossier_context(event, CILEGON), created=event.submitted_at)
    assert again == rendered[0]


def test_pdf_dates_come_from_created_not_the_clock(rendered: tuple[bytes, AssetFetcher]) -> None:
    info: Any = PdfReader(io.BytesIO(rendered[0])).metadata
    assert str(info["/CreationDate"]).startswith("D:20201207073000")
    assert info["/ModDate"] == info["/CreationDate"]
    assert "/ID" in PdfReader(io.BytesIO(rendered[0])).trailer


def test_same_input_is_byte_identical_in_another_process(
    rendered: tuple[bytes, AssetFetcher],
) -> None:
    # Another process has other temporary font paths and another clock: neither may leak in.
    script = (
        "import sys\n"
        "from services.documents.dossier import TEMPLATE, dossier_context\n"
        "from services.documents.letterhead import CILEGON\n"
        "from services.documents.rendering import render_pdf\n"
        "from tests.unit.documents.factories import make_assigned\n"
        "e = make_assigned()\n"
        "sys.stdout.buffer.write(render_pdf(TEMPLATE, dossier_context(e, CILEGON),"
        " created=e.submitted_at))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=True, cwd=REPO
    )
    assert result.stdout == rendered[0]


def test_another_creation_date_changes_the_bytes(
    rendered: tuple[bytes, AssetFetcher], assigned: Assigned
) -> None:
    event = assigned()
    later = event.submitted_at + timedelta(days=1)
    assert render_pdf(TEMPLATE, dossier_context(event, CILEGON), created=later) != rendered[0]


def test_markup_in_user_text_is_printed_as_text_and_fetches_nothing(assigned: Assigned) -> None:
    title = '<img src="file:///etc/passwd"> <script>alert(1)</script>'
    summary = '<link rel="stylesheet" href="http://example.com/x.css"><b>tebal</b>'
    event = assigned(title=title, summary=summary)
    fetcher = AssetFetcher()
    pdf = render_pdf(
        TEMPLATE, dossier_context(event, CILEGON), created=event.submitted_at, fetcher=fetcher
    )
    text = " ".join(text_of(pdf).split())
    assert '<img src="file:///etc/passwd">' in text
    assert "<script>alert(1)</script>" in text
    assert "<b>tebal</b>" in text
    assert all(url.startswith(SCHEME) for url in fetcher.requested), fetcher.requested
