"""The IID recap PDF in Chromium against a real deployment (issue 24): the admin presses "Buat
rekap PDF" on the year's page, documents' worker renders it, innovations hears document.ready
and the year's page lists it; the PDF downloaded carries the year's title, the index with its
decimal comma and the predikat the page shows. Screenshots at 1280 and 390 px."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.support.browser import page_of, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser

ADMIN = "admin@sipinda.test"
SHOTS = Path("/tmp")


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 1280)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 390)


def listed(page: Page, url: str) -> bool:
    page.goto(url)
    return page.locator("#iid-recaps a[href^='/documents/']").count() > 0


def test_the_admin_makes_the_recap_and_downloads_it(
    deployment: Deployment, desk: Page, phone: Page
) -> None:
    year = random.randint(2030, 2099)  # a year of its own on a shared database
    base, url = deployment.url, f"{deployment.url}/innovations/iid/{year}"
    sign_in(desk, base, ADMIN)
    desk.goto(url)
    iid = desk.locator("#iid-value").inner_text()
    predikat = desk.locator("#iid-predikat").inner_text()
    desk.get_by_role("button", name="Buat rekap PDF").click()
    desk.locator(".flash").first.wait_for()
    desk.screenshot(path=str(SHOTS / "partF-requested-1280.png"), full_page=True)
    wait_until(lambda: listed(desk, url), timeout=90, what="the recap PDF on the year's page")
    desk.screenshot(path=str(SHOTS / "partF-listed-1280.png"), full_page=True)
    link = desk.locator("#iid-recaps a[href^='/documents/']").first
    assert f"Tahun {year}" in link.inner_text()
    with desk.expect_download() as download:
        link.click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
                    .split())  # fmt: skip
    assert f"REKAPITULASI INDEKS INOVASI DAERAH TAHUN {year}" in text
    assert iid in text
    assert "," in iid
    assert predikat in text

    sign_in(phone, base, ADMIN)
    phone.goto(url)
    phone.locator("#iid-recaps").scroll_into_view_if_needed()
    phone.screenshot(path=str(SHOTS / "partF-listed-390.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
