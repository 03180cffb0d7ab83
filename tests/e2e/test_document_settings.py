"""The document settings in Chromium (issue 21 item 5): the admin opens them from the dashboard,
names the head of Bappedalitbang with a NIP typed wrong, is told so beside the field with what
was typed kept, corrects it, saves a new version, and the certificates made afterwards from the
results page carry the mayor's name; none of the downloaded PDFs says "NIP. -"."""

from __future__ import annotations

import io
import uuid

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.whole_call import decided, open_call

pytestmark = pytest.mark.browser
HEAD = "Dr. Ratna Perencana, M.Si."
MAYOR = "H. Wali Contoh, S.T."


def test_the_admin_names_the_signatories_and_the_next_documents_carry_them(
    browser_page: Page, deployment: Deployment
) -> None:
    call = open_call(deployment, f"Lomba Pengaturan {uuid.uuid4().hex[:4]}")
    decided(deployment, "inovator.dinkes@sipinda.test", call, f"Tanda {uuid.uuid4().hex[:6]}")
    page = browser_page
    sign_in(page, deployment.url, "admin@sipinda.test")
    page.goto(f"{deployment.url}/admin")
    page.get_by_role("link", name="Pengaturan dokumen").click()
    expect(page.get_by_role("heading", name="Pengaturan dokumen")).to_be_visible()
    expect(page.get_by_label("Alamat")).to_have_value("Jl. Jend. Sudirman No. 2, Cilegon")

    letter = page.get_by_role("group", name="Surat tugas evaluator")
    letter.get_by_label("Nama lengkap dengan gelar").fill(HEAD)
    letter.get_by_label("NIP").fill("19700101 199003")  # too short
    page.get_by_role("group", name="Sertifikat penghargaan").get_by_label(
        "Nama lengkap dengan gelar"
    ).fill(MAYOR)
    page.get_by_label("Telepon").fill("(0254) 391234")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    expect(page.get_by_role("alert")).to_contain_text("Pengaturan belum disimpan")
    letter = page.get_by_role("group", name="Surat tugas evaluator")
    expect(letter.get_by_text("NIP harus 18 angka (spasi boleh), atau kosong.")).to_be_visible()
    expect(letter.get_by_label("NIP")).to_have_value("19700101 199003")
    expect(page.get_by_label("Telepon")).to_have_value("(0254) 391234")

    letter.get_by_label("NIP").fill("19700101 199003 1 001")
    recap_signer = page.get_by_role("group", name="Rekapitulasi nilai")
    recap_signer.get_by_label("Nama lengkap dengan gelar").fill(HEAD)
    recap_signer.get_by_label("NIP").fill("197001011990031001")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    expect(page.get_by_role("status").first).to_contain_text("tersimpan sebagai versi")
    expect(page.get_by_text("disimpan oleh Admin Bappedalitbang")).to_be_visible()

    page.goto(f"{deployment.url}/documents/calls/{call}")
    expect(page.get_by_role("link", name="Pengaturan dokumen (kop surat")).to_be_visible()
    page.get_by_role("button", name="Buat sertifikat").click()
    page.get_by_role("button", name="Buat rekapitulasi nilai").click()
    expect(page.get_by_text("Selesai dibuat.")).to_have_count(2, timeout=2 * PIPELINE)
    links = page.get_by_role("link", name="Unduh")
    texts = []
    for i in range(links.count()):
        reply = page.request.get(f"{deployment.url}{links.nth(i).get_attribute('href')}")
        assert reply.ok
        pdf = PdfReader(io.BytesIO(reply.body()))
        texts.append(" ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split()))
    recap = next(t for t in texts if "REKAPITULASI NILAI" in t)
    certificates = next(t for t in texts if "SERTIFIKAT PENGHARGAAN" in t.upper())
    assert f"{HEAD} NIP. 19700101 199003 1 001" in recap
    assert "(0254) 391234" in recap
    assert MAYOR in certificates
    assert all("NIP. -" not in t for t in texts)
