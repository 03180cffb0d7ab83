"""Issue 21, irreversible actions ask first, in Chromium: the innovator opens the withdrawal of a
proposal waiting for the verifier's check, reads what it ends and that it cannot be undone,
steps back with the cancel link (nothing changed), then withdraws and reads what was done. The
same draft's submit question, in English. Screenshots of the withdrawal's page (desktop and a
390 px phone) go to /tmp/helpers/ for a person to look at."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.submission import complete_body
from tests.support.whole_call import open_call, upload

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
SHOTS = Path("/tmp/helpers")


def shoot(page: Page, name: str) -> None:
    """The page whole at the desktop width and at a 390 px phone's; back to the desktop."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def a_draft(d: Deployment, call_id: int, title: str) -> int:
    """A complete draft of the innovator in `call_id`, its decree and supporting file uploaded."""
    api = d.login(INNOVATOR)
    made = api.post("/api/v1/proposals", complete_body(call_id, title))
    assert made.status == 201, made.body
    proposal_id = int(made.json()["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        upload(api, proposal_id, kind)
    return proposal_id


def test_the_innovator_withdraws_after_reading_that_it_cannot_be_undone(
    browser_page: Page, deployment: Deployment
) -> None:
    page, word = browser_page, uuid.uuid4().hex[:6]
    call_id = open_call(deployment, f"Lomba Tarik {word}")
    proposal_id = a_draft(deployment, call_id, f"Pasar Digital {word}")
    sent = deployment.login(INNOVATOR).post(f"/api/v1/proposals/{proposal_id}/submit")
    assert sent.status == 202, sent.body
    sign_in(page, deployment.url, INNOVATOR)
    page.goto(f"{deployment.url}/proposals/{proposal_id}")

    page.get_by_role("link", name="Tarik proposal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tarik proposal ini?")
    expect(page.locator(".confirm-final")).to_contain_text("Penarikan tidak dapat dibatalkan")
    shoot(page, "withdraw-confirm")
    page.get_by_role("link", name="Batal, tetap ikut kompetisi").click()
    expect(page.locator("#status")).to_have_text("Terkirim")

    page.get_by_role("link", name="Tarik proposal", exact=True).click()
    page.get_by_role("button", name="Ya, tarik proposal").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Proposal ditarik dan tidak lagi ikut kompetisi."
    )
    expect(page.locator("#status")).to_have_text("Ditarik")
    expect(page.get_by_role("link", name="Tarik proposal", exact=True)).to_have_count(0)


def test_the_submit_question_in_english(browser_page: Page, deployment: Deployment) -> None:
    page, word = browser_page, uuid.uuid4().hex[:6]
    call_id = open_call(deployment, f"Lomba Bahasa {word}")
    proposal_id = a_draft(deployment, call_id, f"Klinik Bahasa {word}")
    sign_in(page, deployment.url, INNOVATOR)
    page.context.add_cookies([{"name": "lang", "value": "en", "url": deployment.url}])
    page.goto(f"{deployment.url}/proposals/{proposal_id}")
    page.get_by_role("link", name="Submit proposal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit this proposal?")
    expect(page.locator("dl.confirm-summary")).to_contain_text("2 of 2 aspects filled in")
    shoot(page, "submit-confirm-en")
    page.get_by_role("button", name="Yes, submit the proposal").click()
    expect(page.get_by_role("status")).to_have_text(
        "Proposal submitted (version 1). A Bappedalitbang verifier will check it; "
        "you will be told by e-mail."
    )
