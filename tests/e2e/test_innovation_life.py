"""An innovation's life in Chromium (issue 24): an operator registers an innovation in the
browser (a field left wrong said beside it), moves it to uji coba and then, on a phone, to
penerapan, each time uploading the signed berita acara and confirming; the history shows both
stages and the berita acara the deployment's documents worker renders, which downloads and holds
the innovation's title. Screenshots at 1280 and 390 px, in Indonesian and English."""

from __future__ import annotations

import io
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until
from tests.support.submission import pdf_bytes

pytestmark = pytest.mark.browser

OPERATOR = "operator.dinkes@sipinda.test"
SHOTS = "/tmp/partA/innovation"
WIB = timezone(timedelta(hours=7))


def record_stage(page: Page, stage: str, day: str, shot: str) -> None:
    """From the profile: the stage form, the signed berita acara, the question, the answer."""
    page.get_by_role("link", name=f"Catat tahap {stage}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat tahapan inovasi")
    page.get_by_label("Tanggal mulai tahap ini").fill(day)
    page.get_by_label("Berita acara bertanda tangan").set_input_files(
        {"name": "ba.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("berita acara")}
    )
    page.screenshot(path=f"{SHOTS}-{shot}-form.png", full_page=True)
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Catat tahapan baru?")
    expect(page.get_by_text("Tahapan tidak dapat dikembalikan.")).to_be_visible()
    page.screenshot(path=f"{SHOTS}-{shot}-confirm.png", full_page=True)
    page.get_by_role("button", name=f"Ya, catat tahap {stage}").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Tahap {stage} sudah dicatat.")


def test_an_innovation_is_registered_tried_and_implemented_with_its_berita_acara(
    laptop: Page, phone: Page, deployment: Deployment
) -> None:
    tag = uuid.uuid4().hex[:5]
    title = f"Posyandu Keliling Digital {tag}"
    today = datetime.now(WIB).date()

    # The same innovation registered before under a longer name: offered as a possible duplicate.
    twin = deployment.login(OPERATOR).post("/api/v1/innovations", {"title": f"{title} Kota"})
    assert twin.status == 201, twin.body

    # The operator registers it: a name too short is said beside the field, nothing is lost.
    page = laptop
    sign_in(page, deployment.url, OPERATOR)
    page.goto(f"{deployment.url}/innovations")
    page.get_by_role("link", name="Daftarkan inovasi").click()
    page.get_by_label("Nama inovasi").fill("P")
    page.get_by_label("Ringkasan").fill(f"Kader posyandu mendatangi balita {tag}.")
    page.get_by_label("Jenis").select_option("Digital")
    page.get_by_label("Kesehatan", exact=True).check()
    page.get_by_label("Tampilkan di katalog publik").check()
    page.get_by_label("Tanggal mulai (inisiatif)").fill((today - timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.locator("#title-error")).to_contain_text("paling sedikit 3 karakter")
    expect(page.get_by_label("Ringkasan")).to_have_value(f"Kader posyandu mendatangi balita {tag}.")
    page.screenshot(path=f"{SHOTS}-register-error-1280-id.png", full_page=True)
    page.get_by_label("Nama inovasi").fill(title)
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    profile = page.url

    # Uji coba on the laptop, penerapan on the phone.
    record_stage(page, "Uji coba", (today - timedelta(days=90)).isoformat(), "trial-1280-id")
    phone_page = phone
    sign_in(phone_page, deployment.url, OPERATOR)
    phone_page.goto(profile)
    record_stage(phone_page, "Penerapan", (today - timedelta(days=2)).isoformat(), "impl-390-id")
    history = phone_page.locator(".timeline")
    expect(history).to_contain_text("Tahap Uji coba sejak")
    expect(history).to_contain_text("Tahap Penerapan sejak")

    # Both berita acara, rendered by the documents worker, appear in the history.
    documents = history.locator("li").filter(has_text="Berita acara tahapan inovasi diterbitkan")

    def both_issued() -> bool:
        phone_page.reload()
        return documents.count() >= 2

    try:
        wait_until(both_issued, timeout=PIPELINE / 1000, interval=1.0, what="the berita acara")
    except AssertionError as exc:
        raise AssertionError(deployment.logs_tail()) from exc
    phone_page.screenshot(path=f"{SHOTS}-profile-390-id.png", full_page=True)
    href = documents.first.get_by_role("link", name="Unduh PDF").get_attribute("href")
    assert href
    pdf = phone_page.request.get(f"{deployment.url}{href}")
    assert pdf.ok, pdf.status
    with open(f"{SHOTS}-berita-acara.pdf", "wb") as out:
        out.write(pdf.body())
    text = " ".join(
        " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    assert title in text
    assert "berita acara penerapan inovasi" in text.lower()  # the newest first: penerapan

    # The list and the profile, in Indonesian and English, on the laptop and the phone.
    page.goto(profile)
    expect(page.get_by_role("heading", name="Mungkin inovasi yang sama")).to_be_visible()
    expect(page.get_by_role("link", name=f"{title} Kota")).to_be_visible()
    page.screenshot(path=f"{SHOTS}-profile-1280-id.png", full_page=True)
    for shown, width in ((page, 1280), (phone_page, 390)):
        shown.goto(f"{deployment.url}/innovations?q={tag}")
        expect(shown.get_by_role("link", name=title, exact=True)).to_be_visible()
        shown.screenshot(path=f"{SHOTS}-list-{width}-id.png", full_page=True)
        shown.goto(f"{deployment.url}/lang/en?next={profile.removeprefix(deployment.url)}")
        expect(shown.get_by_role("heading", level=2, name="History")).to_be_visible()
        shown.screenshot(path=f"{SHOTS}-profile-{width}-en.png", full_page=True)
        shown.goto(f"{deployment.url}/innovations?q={tag}")
        expect(shown.get_by_role("heading", level=1)).to_have_text("Regional innovations")
        shown.screenshot(path=f"{SHOTS}-list-{width}-en.png", full_page=True)
