"""Monitoring and evaluation in Chromium (issue 24): the admin forms a team in the browser and
assigns it two innovations at once (one refused, with the member and the reason in words), a
member signs in, finds the innovation to visit, records a visit with a photo, and the monev
report rendered by the deployment's documents worker downloads and holds the findings and the
innovation's title. Screenshots at 1280 and 390 px, in Indonesian and English."""

from __future__ import annotations

import io
import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser

ADMIN = "admin@sipinda.test"
MEMBER = "evaluator.praktisi@sipinda.test"
SHOTS = "/tmp/partC"
WIB = timezone(timedelta(hours=7))


def photo() -> bytes:
    image = Image.new("RGB", (800, 600), (230, 236, 242))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 120, 720, 520), fill=(40, 120, 200))
    draw.ellipse((300, 200, 500, 400), fill=(250, 200, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def register(deployment: Deployment, title: str, opd_code: str) -> int:
    body = {"title": title, "opd_code": opd_code, "stage": "uji_coba"}
    made = deployment.login(ADMIN).post("/api/v1/innovations", body)
    assert made.status == 201, made.body
    return int(made.json()["id"])


def test_a_team_is_formed_an_innovation_visited_and_its_report_rendered(
    laptop: Page, phone: Page, deployment: Deployment
) -> None:
    tag = uuid.uuid4().hex[:5]
    visited = f"Posyandu Jemput Bola {tag}"
    refused = f"Aplikasi Data Terbuka {tag}"
    register(deployment, visited, "dinkes")
    register(deployment, refused, "diskominfo")

    # The admin forms the team: a field left wrong is said beside it, then it is saved.
    page = laptop
    sign_in(page, deployment.url, ADMIN)
    page.goto(f"{deployment.url}/innovations/monev")
    page.get_by_role("link", name="Bentuk tim monitoring").click()
    page.get_by_label("Nama tim").fill(f"Tim Monev {tag}")
    page.get_by_label("Evaluator Praktisi").check()
    page.get_by_label("Evaluator Diskominfo").check()
    page.get_by_role("button", name="Simpan tim").click()
    expect(page.locator("#leader-error")).to_have_text("Pilih ketua dari anggota tim.")
    page.screenshot(path=f"{SHOTS}-team-form-1280-id.png", full_page=True)
    page.get_by_label("Ketua tim").select_option(label="Evaluator Praktisi")
    page.get_by_role("button", name="Simpan tim").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Tim Monev {tag} telah dibentuk.")

    # Two innovations at once: the one of the Diskominfo member's own agency is refused.
    page.get_by_label("Cari judul inovasi").fill(tag)
    page.get_by_role("button", name="Tampilkan").click()
    page.get_by_label(visited).check()
    page.get_by_label(refused).check()
    page.get_by_role("button", name="Tugaskan yang dicentang").click()
    expect(page.get_by_text("1 inovasi ditugaskan ke tim.")).to_be_visible()
    expect(page.get_by_text(re.compile(
        rf"Tidak ditugaskan: {refused}\. Evaluator Diskominfo berasal dari perangkat daerah "
        r"inovasi ini"))).to_be_visible()  # fmt: skip
    expect(page.locator("#assigned")).to_contain_text(visited)
    page.screenshot(path=f"{SHOTS}-team-1280-id.png", full_page=True)
    page.goto(f"{deployment.url}/innovations/monev")
    expect(page.get_by_role("link", name=f"Tim Monev {tag}")).to_be_visible()
    page.screenshot(path=f"{SHOTS}-teams-1280-id.png", full_page=True)

    # The member, on a phone, finds the innovation to visit and records the visit.
    page = phone
    sign_in(page, deployment.url, MEMBER)
    page.goto(f"{deployment.url}/innovations/monev")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inovasi yang harus Anda kunjungi")
    page.screenshot(path=f"{SHOTS}-to-visit-390-id.png", full_page=True)
    page.get_by_role("listitem").filter(has_text=visited).get_by_role(
        "link", name="Catat kunjungan"
    ).click()
    today = datetime.now(WIB).date()
    page.get_by_label("Tanggal kunjungan").fill((today + timedelta(days=1)).isoformat())
    page.get_by_label("Tempat").fill("Puskesmas Cibeber")
    findings = f"Kader aktif di 12 posyandu {tag}; pencatatan sudah daring."
    page.get_by_label("Temuan").fill(findings)
    page.get_by_label("Rekomendasi").fill("Perluas ke kelurahan lain sebelum akhir tahun.")
    page.get_by_label("Foto kunjungan").set_input_files(
        {"name": "kunjungan.jpg", "mimeType": "image/jpeg", "buffer": photo()}
    )
    page.get_by_role("button", name="Simpan kunjungan").click()
    expect(page.locator("#visited_on-error")).to_have_text(
        "Tanggal kunjungan tidak boleh setelah hari ini."
    )
    expect(page.get_by_label("Temuan")).to_have_value(findings)  # nothing typed is lost
    page.screenshot(path=f"{SHOTS}-visit-form-error-390-id.png", full_page=True)
    page.get_by_label("Tanggal kunjungan").fill(today.isoformat())
    page.get_by_label("Foto kunjungan").set_input_files(
        {"name": "kunjungan.jpg", "mimeType": "image/jpeg", "buffer": photo()}
    )
    page.get_by_role("button", name="Simpan kunjungan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kunjungan monitoring")
    expect(page.get_by_text(findings)).to_be_visible()
    visit_url = page.url

    # The report, rendered by the documents worker, is linked from the visit once ready.
    link = page.get_by_role("link", name="Unduh laporan monev (PDF)")

    def ready() -> bool:
        page.reload()
        return link.count() > 0

    try:
        wait_until(ready, timeout=PIPELINE / 1000, interval=1.0, what="the monev report")
    except AssertionError as exc:
        raise AssertionError(deployment.logs_tail()) from exc
    page.screenshot(path=f"{SHOTS}-visit-390-id.png", full_page=True)
    href = link.get_attribute("href")
    assert href
    pdf = page.request.get(f"{deployment.url}{href}")
    assert pdf.ok, pdf.status
    with open(f"{SHOTS}-monev.pdf", "wb") as out:
        out.write(pdf.body())
    text = " ".join(
        " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    assert findings in text
    assert visited in text
    assert "Laporan Monitoring dan Evaluasi" in text

    # The same pages in English, on a laptop and on the phone.
    for shown, width in ((laptop, 1280), (phone, 390)):
        if shown is laptop:
            sign_in(shown, deployment.url, MEMBER)
        shown.goto(f"{deployment.url}/lang/en?next={visit_url.removeprefix(deployment.url)}")
        expect(shown.get_by_role("heading", level=1)).to_have_text("Monitoring visit")
        shown.screenshot(path=f"{SHOTS}-visit-{width}-en.png", full_page=True)
        shown.goto(f"{deployment.url}/innovations/monev")
        expect(shown.get_by_role("heading", level=1)).to_have_text("Innovations you must visit")
        shown.screenshot(path=f"{SHOTS}-to-visit-{width}-en.png", full_page=True)
