"""The IID in Chromium (issue 24): an operator fills an innovation's SID indicators with evidence,
a verifier returns one item with a reason, the operator fixes it, the verifier accepts it; the
year's page shows the index and predikat iid_index computes, and the workbook downloaded opens
with the expected sheets and totals. Screenshots at 1280 and 390 px, in Indonesian and English."""

from __future__ import annotations

import io
import random
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect

from services.innovations import iid_board
from shared import formats
from tests.support.browser import page_of, sign_in
from tests.support.deployment import Deployment
from tests.support.submission import pdf_bytes

pytestmark = pytest.mark.browser

OPERATOR = "operator.dinkes@sipinda.test"
VERIFIER = "verifikator@sipinda.test"
ADMIN = "admin@sipinda.test"
SHOTS = Path("/tmp")


@pytest.fixture
def operator_page(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 1280)


@pytest.fixture
def verifier_page(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 1280)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 390)


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"partD-{name}.png"), full_page=True)


def test_an_indicator_is_returned_fixed_and_accepted_and_the_index_shows(
    deployment: Deployment, operator_page: Page, verifier_page: Page, phone: Page,
    tmp_path: Path,
) -> None:  # fmt: skip
    year = random.randint(2030, 2099)  # a year of its own on a shared database
    title = f"Posyandu IID Peramban {uuid.uuid4().hex[:6]}"
    made = deployment.login(OPERATOR).post("/api/v1/innovations",
                                           {"title": title, "stage": "penerapan"})  # fmt: skip
    assert made.status == 201, made.body
    innovation_id = made.json()["id"]
    sk, rekap, fixed = tmp_path / "sk.pdf", tmp_path / "rekap.pdf", tmp_path / "sk-ttd.pdf"
    for path in (sk, rekap, fixed):
        path.write_bytes(pdf_bytes(path.stem))
    base = deployment.url

    page = operator_page
    sign_in(page, base, OPERATOR)
    page.goto(f"{base}/innovations/{innovation_id}/iid/{year}")
    page.locator('input[name="level-16"][value="2"]').check()
    page.locator("#files-16").set_input_files(str(sk))
    page.locator('input[name="level-32"][value="3"]').check()
    page.locator("#files-32").set_input_files(str(rekap))
    shot(page, "answer-1280-id")
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    expect(page.get_by_text("2 indikator dikirim untuk verifikasi.")).to_be_visible()
    expect(page.locator("#status-16")).to_have_text("Menunggu verifikasi")

    check = verifier_page
    sign_in(check, base, VERIFIER)
    check.goto(f"{base}/innovations/iid/{year}/verify")
    item = check.locator("section.card", has_text="16. Regulasi inovasi daerah")
    item.get_by_role("button", name="Kembalikan").click()
    expect(check.get_by_text("Tulis alasan pengembalian")).to_be_visible()  # beside the field
    item = check.locator("section.card", has_text="16. Regulasi inovasi daerah")
    item.get_by_label("Alasan pengembalian").fill("SK belum ditandatangani kepala dinas")
    shot(check, "verify-1280-id")
    item.get_by_role("button", name="Kembalikan").click()
    expect(check.get_by_text("Dikembalikan dengan alasan")).to_be_visible()
    check.locator("section.card", has_text="32. Kemanfaatan").get_by_role(
        "button", name="Terima").click()  # fmt: skip
    expect(check.get_by_text("Bukti dukung diterima.")).to_be_visible()

    page.reload()
    expect(page.locator("#reason-16")).to_contain_text("SK belum ditandatangani kepala dinas")
    expect(page.locator("#status-32")).to_have_text("Diterima")
    page.locator("#files-16").set_input_files(str(fixed))
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    expect(page.get_by_text("1 indikator dikirim untuk verifikasi.")).to_be_visible()

    check.goto(f"{base}/innovations/iid/{year}/verify")
    check.locator("section.card", has_text="16. Regulasi inovasi daerah").get_by_role(
        "button", name="Terima").click()  # fmt: skip
    expect(check.get_by_text("Bukti dukung diterima.")).to_be_visible()

    check.goto(f"{base}/innovations/iid/{year}")
    with deployment.db("innovations").session() as s:
        found = iid_board.figures(s, year)
    assert found.accepted[str(innovation_id)] == {16: 2, 32: 3}
    expect(check.locator("#iid-value")).to_have_text(
        formats.number(float(found.index.iid), "id", 2))  # fmt: skip
    expect(check.locator("#iid-predikat")).to_have_text(found.index.band.name)
    shot(check, "dashboard-1280-id")

    with check.expect_download() as download:
        check.get_by_role("link", name="Unduh rekap (XLSX)").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Ringkasan", "SPD", "SID"]
    rows = {r[0]: r for r in book["SID"].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(rows[innovation_id][-1])) == Decimal("2.4") + Decimal("3.6")
    summary = dict(book["Ringkasan"].iter_rows(min_row=2, values_only=True))
    assert Decimal(str(summary["Indeks Inovasi Daerah"])) == found.index.iid

    sign_in(phone, base, OPERATOR)
    phone.goto(f"{base}/innovations/{innovation_id}/iid/{year}")
    shot(phone, "answer-390-id")
    phone.context.add_cookies([{"name": "lang", "value": "en", "url": base}])  # the EN switch
    phone.goto(f"{base}/innovations/{innovation_id}/iid/{year}")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("SID indicators")
    shot(phone, "answer-390-en")
    phone.goto(f"{base}/innovations/iid/{year}")
    shot(phone, "dashboard-390-en")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing wider than the phone


def test_the_admin_sees_the_structure_form_on_a_phone(deployment: Deployment, phone: Page) -> None:
    sign_in(phone, deployment.url, ADMIN)
    phone.context.add_cookies([{"name": "lang", "value": "en", "url": deployment.url}])
    phone.goto(f"{deployment.url}/innovations/iid/2031/structure")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    shot(phone, "structure-390")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
