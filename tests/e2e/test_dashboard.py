"""The admin's dashboard in a real browser: every chart drawn, and its numbers are the data's."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"
SHOTS = Path("/tmp/helpers")
PROPOSALS, REVIEWS = "/admin/summary/proposals", "/review/admin/summary"


def desc(svg: str) -> str:
    return ET.fromstring(svg).find(f"{SVG}desc").text or ""  # type: ignore[union-attr]  # noqa: S314


def test_the_dashboard_draws_every_chart_from_the_data(
    browser_page: Page, deployment: Deployment
) -> None:
    innovator = deployment.login("inovator.kelcibeber@sipinda.test")
    proposal_id = innovator.submit_new_proposal(f"Dasbor {uuid.uuid4().hex[:6]}")
    wait_until(
        lambda: (
            innovator.get(f"/api/v1/proposals/{proposal_id}").json()["status"] == "under_review"
        ),
        timeout=90,
        what="the proposal to be under review",
    )

    page = browser_page
    sign_in(page, deployment.url, "admin@sipinda.test")
    page.goto(f"{deployment.url}/admin/dashboard")
    assert page.get_by_role("heading", name="Dasbor").is_visible()
    assert page.get_by_role("status").inner_text()  # the health, in plain words
    images = page.locator("img[data-chart]")
    assert images.count() == 5
    page.wait_for_function(
        "() => [...document.querySelectorAll('img[data-chart]')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )

    # The stage chart counts exactly what the API lists, stage by stage.
    stages = page.request.get(f"{deployment.url}/admin/charts/stages.svg")
    assert stages.ok
    assert stages.headers["content-type"].startswith("image/svg+xml")
    shown = {k.strip(): v for k, v in re.findall(r"([^:;]+): (\d+)", desc(stages.text()))}
    admin = deployment.login("admin@sipinda.test")

    def listed(status: str) -> int:  # the API's count, whatever the number of pages
        return int(
            admin.get(f"/api/v1/proposals?status={status}&per_page=1").headers["X-Total-Count"]
        )

    assert int(shown["Dalam penilaian"]) == listed("under_review")
    assert int(shown["Terkirim"]) == listed("submitted")

    # Review progress: the evaluators of this proposal each hold at least one review.
    progress = page.request.get(f"{deployment.url}/review/admin/charts/progress.svg").text()
    held = re.findall(r"[^:;]+: (\d+) of (\d+)", desc(progress))
    assert sum(int(total) for _, total in held) >= 3


def test_the_dashboard_is_for_the_admin_only(browser_page: Page, deployment: Deployment) -> None:
    page = browser_page
    sign_in(page, deployment.url, "inovator.kelcibeber@sipinda.test")
    reply = page.request.get(f"{deployment.url}/admin/dashboard")
    assert reply.status == 403
    assert page.request.get(f"{deployment.url}/admin/charts/stages.svg").status == 403


def card(page: Page, path: str) -> Frame:
    """A figure card's document, once it has loaded inside its frame."""
    handle = page.locator(f'iframe[data-card="{path}"]').element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state()
    return frame


def fits(frame: Frame) -> bool:
    """The card shows all it says without a scroll bar of its own (its frame grows to it once
    loaded: a few tries while the page's script measures it)."""
    for _ in range(30):
        if frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1"):
            return True
        frame.page.wait_for_timeout(100)
    return False


def test_the_dashboard_opens_with_the_programmes_figures(
    browser_page: Page, deployment: Deployment
) -> None:
    innovator = deployment.login("inovator.kelcibeber@sipinda.test")
    proposal_id = innovator.submit_new_proposal(f"Dasbor program {uuid.uuid4().hex[:6]}")
    wait_until(
        lambda: (
            innovator.get(f"/api/v1/proposals/{proposal_id}").json()["status"] == "under_review"
        ),
        timeout=90,
        what="the proposal to be under review",
    )
    admin = deployment.login("admin@sipinda.test")
    page = browser_page
    sign_in(page, deployment.url, "admin@sipinda.test")
    page.goto(f"{deployment.url}/admin")

    # The programme first, its health second; a status line on top says how the system is.
    programme = page.get_by_role("heading", name="Program inovasi").bounding_box()
    health = page.get_by_role("heading", name="Kesehatan sistem", exact=True).bounding_box()
    status = page.get_by_role("status").bounding_box()
    assert programme
    assert health
    assert status
    assert status["y"] < programme["y"] < health["y"]
    assert programme["y"] < 400  # in sight as the page opens
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard_id.png"), full_page=True)

    # The proposals by stage are submission's own numbers, in words.
    figures = admin.get("/api/v1/admin/summary/submission").json()
    proposals = card(page, PROPOSALS)
    assert fits(proposals)
    for stage, words in (("draft", "Draf"), ("submitted", "Terkirim"),
                         ("under_review", "Dalam penilaian")):  # fmt: skip
        shown = proposals.locator(".figure-stages div").filter(
            has=proposals.get_by_text(words, exact=True)
        )
        expect(shown.locator("dd")).to_have_text(str(figures["by_status"][stage]))
    for call in figures["open_calls"][:2]:  # the two closing soonest; the others behind a link
        expect(proposals.get_by_text(call["closes_in"]).first).to_be_visible()

    # Reviews done, overdue and disagreements per call are review's.
    reviews = card(page, REVIEWS)
    assert fits(reviews)
    text = reviews.locator("body").inner_text()
    lines = admin.get("/api/v1/review/admin/summary").json()
    assert lines  # the proposal above is in review
    for line in lines[:2]:
        assert f"{line['done']} dari {line['held']} penilaian selesai." in text

    # In English too; and a card's link opens its page in the whole window, not in the card.
    page.goto(f"{deployment.url}/lang/en?next=/admin")
    expect(page.get_by_role("heading", name="The innovation programme")).to_be_visible()
    proposals = card(page, PROPOSALS)
    expect(proposals.get_by_role("heading", name="Proposals by stage")).to_be_visible()
    page.screenshot(path=str(SHOTS / "dashboard_en.png"), full_page=True)
    assert fits(proposals)
    assert fits(card(page, REVIEWS))
    stage = proposals.locator(".figure-stages a").first
    wanted = stage.get_attribute("href")
    assert wanted
    assert wanted.startswith("/proposals?status=")
    stage.click()
    page.wait_for_url(f"{deployment.url}{wanted}")


def test_the_programmes_cards_fit_on_a_phone(browser: Browser, deployment: Deployment) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, deployment.url, "admin@sipinda.test")
        page.goto(f"{deployment.url}/admin")
        for path in (PROPOSALS, REVIEWS):
            assert fits(card(page, path)), path
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "dashboard_phone.png"), full_page=True)
    finally:
        context.close()
