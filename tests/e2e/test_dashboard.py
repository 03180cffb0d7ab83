"""The admin's dashboard in a real browser: every chart drawn, and its numbers are the data's."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import Page

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"


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
    assert images.count() == 6
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
