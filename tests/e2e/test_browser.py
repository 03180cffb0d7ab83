"""In a real browser: an innovator signs in, submits, and watches the pipeline on the timeline."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.deployment import DEMO_PASSWORD, Deployment

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_innovator_submits_and_the_timeline_fills_in_without_reloading(
    page: Page, deployment: Deployment, tmp_path: Path
) -> None:
    title = f"Puskesmas Ramah Lansia {uuid.uuid4().hex[:6]}"
    sign_in(page, deployment.url, "inovator.dinkes@sipinda.test")
    page.get_by_role("link", name="Proposal baru").click()
    page.get_by_label("Judul inovasi").fill(title)
    page.get_by_label("Ringkasan").fill("Layanan kesehatan yang datang ke rumah lansia.")
    expect(page.get_by_label("Instansi (OPD)")).to_have_value("dinkes")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    page.get_by_role("button", name="Kirim proposal").click()
    expect(page.get_by_text("Proposal dikirim (versi 1).")).to_be_visible()
    page.evaluate("window.__notReloaded = true")

    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("3 evaluator telah ditugaskan.", timeout=60_000)
    expect(timeline).to_contain_text("Berkas proposal (PDF) versi 1 siap diunduh.", timeout=60_000)
    expect(timeline.locator("li[data-event='notification.sent']")).to_have_count(4, timeout=60_000)
    expect(page.locator("#status")).to_have_text("Dalam penilaian")
    expect(page.locator("#next-step")).to_contain_text("Evaluator sedang menilai")
    expect(timeline.locator("time").last).to_contain_text("WIB")
    expect(page.locator("main")).to_contain_text("Versi 1 · Dinas Kesehatan")
    assert page.evaluate("window.__notReloaded") is True  # it all arrived without a reload

    with page.expect_download() as download:
        timeline.get_by_role("link", name="Unduh").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)


def test_wrong_password_says_so_and_stays_on_the_login_page(
    page: Page, deployment: Deployment
) -> None:
    sign_in(page, deployment.url, "inovator.dinkes@sipinda.test", password="bukan-ini")
    expect(page.get_by_role("alert")).to_have_text("Email atau kata sandi salah.")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_a_too_short_title_is_explained_and_the_summary_is_kept(
    page: Page, deployment: Deployment
) -> None:
    sign_in(page, deployment.url, "inovator.disdukcapil@sipinda.test")
    page.goto(f"{deployment.url}/proposals/new")
    page.get_by_label("Judul inovasi").fill("ab")
    page.get_by_label("Ringkasan").fill("Teks yang tidak boleh hilang.")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_label("Judul inovasi")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Ringkasan")).to_have_value("Teks yang tidak boleh hilang.")


def test_the_interface_switches_to_english(page: Page, deployment: Deployment) -> None:
    page.goto(f"{deployment.url}/login")
    page.get_by_role("link", name="EN").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
