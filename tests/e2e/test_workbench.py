"""The evaluator's workbench in Chromium (issue 22): signing in lands on the queue, the menu
leads back to it, the assignment opens the dossier, each aspect's text sits beside its score and
its supporting file (opened inline),
the keyboard alone scores, the weighted total runs as they type, the draft saves itself and is
there after leaving, and the review is submitted; on a 390 px phone the form fits and works."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import APIResponse, Browser, Page, expect

from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until
from tests.support.whole_call import assignments_of, checked, open_call, wait_for_status

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
BANDS = [
    {"low": 1, "high": 3, "label": "Kurang", "description": "Tanpa data pendukung."},
    {"low": 4, "high": 6, "label": "Cukup", "description": "Data pendukung terbatas."},
    {"low": 7, "high": 8, "label": "Baik", "description": "Didukung data yang relevan."},
    {"low": 9, "high": 10, "label": "Sangat baik", "description": "Terukur dan lengkap."},
]


@dataclass(frozen=True)
class Assigned:
    proposal_id: int
    title: str
    assignments: dict[str, int]  # evaluator's e-mail → assignment id


@pytest.fixture(scope="module")
def assigned(deployment: Deployment) -> Assigned:
    call = open_call(deployment, f"Lomba Meja Kerja {uuid.uuid4().hex[:4]}", bands=BANDS)
    title = f"Meja Kerja {uuid.uuid4().hex[:6]}"
    proposal_id = checked(deployment, INNOVATOR, call, title)
    wait_for_status(deployment, INNOVATOR, proposal_id, "under_review")
    found = wait_until(lambda: assignments_of(deployment, proposal_id) or None, timeout=60,
                       what="the assignments")  # fmt: skip
    assert len(found) == 2
    return Assigned(proposal_id, title, found)


def page_of(browser: Browser, width: int, height: int) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": width, "height": height})  # fmt: skip
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 1366, 768)  # a 13-inch laptop


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from page_of(browser, 390, 844)


def test_an_evaluator_scores_with_the_keyboard_beside_the_evidence(
    laptop: Page, deployment: Deployment, assigned: Assigned
) -> None:
    page = laptop
    email, assignment = sorted(assigned.assignments.items())[0]
    sign_in(page, deployment.url, email)
    expect(page).to_have_url(f"{deployment.url}/review")  # lands on the queue
    page.goto(f"{deployment.url}/notifications")
    page.get_by_role("link", name="Penilaian saya").click()  # the menu leads back
    row = page.get_by_role("row").filter(has_text=assigned.title)
    expect(row).to_contain_text("hari lagi")
    expect(row).to_contain_text("Ditugaskan, belum dimulai")
    row.get_by_role("link", name=assigned.title).click()
    expect(page.get_by_role("heading", name=assigned.title)).to_be_visible()

    dossier = page.get_by_role("link", name="Buka berkas proposal (PDF)")
    href = dossier.get_attribute("href")
    assert href is not None

    def ready() -> APIResponse | None:
        reply = page.request.get(f"{deployment.url}{href}")
        return reply if reply.ok else None

    # The dossier was rendered at submission; a loaded machine may still be rendering it.
    opened = wait_until(ready, timeout=3 * PIPELINE / 1000, what="the dossier")
    assert opened.headers["content-type"] == "application/pdf"
    assert opened.headers["content-disposition"].startswith("inline")
    assert opened.body().startswith(b"%PDF")
    proposal = page.get_by_role("link", name="Lihat proposal dan lampirannya")
    assert page.request.get(f"{deployment.url}{proposal.get_attribute('href')}").ok

    # The summary (weight 0) is shown, not scored; the aspect's own text sits by its score.
    summary = page.get_by_role("region", name="Ringkasan")
    expect(summary).to_contain_text("dibaca, tidak dinilai")
    expect(summary.locator("input")).to_have_count(0)
    aspect = page.get_by_role("region", name="Uraian")
    expect(aspect).to_contain_text("Bobot 100")
    # Its supporting file sits beside it and opens in the browser's own PDF viewer.
    supporting = aspect.get_by_role("link", name="berkas.pdf")
    with page.expect_popup() as opened_file:
        supporting.click()
    viewer = opened_file.value
    shown = page.request.get(viewer.url)
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")
    viewer.close()

    score = page.get_by_label("Nilai (1–10)")
    score.focus()
    page.keyboard.type("8,5")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Komentar")).to_be_focused()
    page.keyboard.type("Data pendukung lengkap dan terukur.")
    expect(page.locator("#running-total")).to_have_text("8,50")
    # The call's descriptors sit by the field, the typed score's band marked (8,5 is "Baik").
    bands = aspect.get_by_role("list", name="Arti setiap rentang nilai")
    expect(bands.get_by_role("listitem")).to_have_count(4)
    expect(bands.locator("[aria-current=true]")).to_contain_text("Baik")
    expect(page.locator("#score-form")).to_have_attribute("data-state", "saved", timeout=10_000)
    expect(page.locator("#autosave-status")).to_contain_text("Draf tersimpan")

    page.goto(f"{deployment.url}/review")  # leave, and come back to the saved draft
    page.goto(f"{deployment.url}/review/assignments/{assignment}")
    expect(page.get_by_label("Nilai (1–10)")).to_have_value("8.5")
    expect(page.locator("#running-total")).to_have_text("8,50")

    page.get_by_role("button", name="Kirim penilaian").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Penilaian dikirim.")
    expect(page.get_by_role("heading", name="Nilai total: 8,50")).to_be_visible()


def test_on_a_phone_the_form_fits_and_can_be_completed(
    phone: Page, deployment: Deployment, assigned: Assigned
) -> None:
    page = phone
    email, assignment = sorted(assigned.assignments.items())[1]
    sign_in(page, deployment.url, email)
    page.goto(f"{deployment.url}/review/assignments/{assignment}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    page.get_by_label("Nilai (1–10)").fill("7")
    expect(page.locator("#running-total")).to_have_text("7,00")
    expect(page.get_by_role("button", name="Kirim penilaian")).to_be_in_viewport()  # sticky
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("status")).to_have_text("Penilaian dikirim.")
