"""The results documents from their buttons, in Chromium (issue 21): for a call with a decided
proposal the admin makes the recap, the minutes (with the panel who sign) and the certificates,
watches each job finish, and downloads them; the PDFs, parsed with pypdf, name the panel, never
double the year, and keep the signatures with their heading on one page; then announces the
results after changing a decision in the ranking (confirmed first) and seeing what will be
announced, and opens the Pengumuman Hasil that follows."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until
from tests.support.whole_call import decided, open_call

pytestmark = pytest.mark.browser


def pages_of(page: Page, href: str) -> list[str]:
    reply = page.request.get(href)
    assert reply.ok, href
    assert reply.headers["content-type"] == "application/pdf"
    return [
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(io.BytesIO(reply.body())).pages
    ]


def test_the_admin_makes_the_three_results_documents_from_their_buttons(
    browser_page: Page, deployment: Deployment
) -> None:
    name = f"Lomba Hasil {uuid.uuid4().hex[:4]}"
    call = open_call(deployment, name)
    title = f"Hasil {uuid.uuid4().hex[:6]}"
    decided(deployment, "inovator.dinkes@sipinda.test", call, title)
    page = browser_page
    sign_in(page, deployment.url, "admin@sipinda.test")
    page.goto(f"{deployment.url}/review/admin/calls/{call}")
    page.get_by_role("link", name="Dokumen hasil (rekapitulasi, berita acara, sertifikat)").click()
    page.get_by_role("button", name="Buat rekapitulasi nilai").click()
    expect(page.get_by_role("status").first).to_contain_text("sedang dibuat di latar belakang")
    page.get_by_label("Tanggal rapat penilaian").fill("2026-12-03")
    page.get_by_label("Nama anggota 1").fill("Dr. Siti Rahma")
    page.get_by_label("Nama anggota 2").fill("Ir. Budi Santoso")
    page.get_by_role("button", name="Buat berita acara").click()
    page.get_by_role("button", name="Buat sertifikat").click()
    expect(page.get_by_text("Selesai dibuat.")).to_have_count(3, timeout=2 * PIPELINE)

    links = page.get_by_role("link", name="Unduh")
    hrefs = [f"{deployment.url}{links.nth(i).get_attribute('href')}" for i in range(3)]
    recap, minutes, certificates = (pages_of(page, href) for href in hrefs)
    year = re.compile(r"(\d{4}) Tahun \1|Tahun (\d{4}) Tahun")
    for document in (recap, minutes, certificates):
        assert not any(year.search(text) for text in document)
    assert any("REKAPITULASI NILAI" in text for text in recap)
    signed = next(text for text in minutes if "Mengetahui" in text)
    assert "TIM PENILAI" in signed  # the panel's signatures with their heading
    assert "Dr. Siti Rahma" in signed
    assert "Ir. Budi Santoso" in signed
    assert "Kode verifikasi" in signed
    # One title for a certificate, alone or in the collected file (was "Piagam" beside it).
    assert all("SERTIFIKAT PENGHARGAAN" in text.upper() for text in certificates)
    assert not any("PIAGAM" in text.upper() for text in certificates)

    # A decision changed in the ranking asks first, then is saved.
    page.goto(f"{deployment.url}/review/admin/calls/{call}")
    ranked = page.get_by_role("row").filter(has_text=title)
    ranked.get_by_label("Keputusan").select_option("finalist")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_role("heading", name="Periksa keputusan sebelum disimpan")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=title)).to_contain_text("Finalis")
    page.get_by_role("button", name="Ya, simpan 1 keputusan").click()
    expect(page.get_by_role("status").first).to_contain_text("Keputusan disimpan")

    # The announcement: shown first, then made; its document follows on the results page.
    page.get_by_role("link", name="Umumkan hasil").click()
    expect(page.get_by_role("heading", name="Umumkan hasil kompetisi")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=title)).to_contain_text("Finalis")
    page.get_by_role("button", name="Ya, umumkan hasil sekarang").click()
    expect(page.get_by_role("status").first).to_contain_text("Hasil diumumkan")
    page.goto(f"{deployment.url}/documents/calls/{call}")
    card = page.get_by_role("region", name="Pengumuman hasil")

    def announced() -> str | None:
        page.reload()
        link = card.get_by_role("link", name="Unduh")
        return link.get_attribute("href") if link.count() else None

    href = wait_until(announced, timeout=2 * PIPELINE / 1000, what="the announcement")
    announcement = " ".join(pages_of(page, f"{deployment.url}{href}"))
    assert "PENGUMUMAN HASIL" in announcement.upper()
    assert title in announcement
    assert "Finalis" in announcement
