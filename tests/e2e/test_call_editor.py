"""Issue 21, calls: in a real browser the admin builds a call from the KIPP template, sets one
weight so the scored weights total 120 %, is refused beside the weights with the total, sets it
back to make 100 %, saves, and the call page shows the call and its first version. Screenshots
of the form (desktop and a 390 px phone) go to /tmp/helpers/ for a person to look at."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.support.browser import sign_in
from tests.support.deployment import Deployment

pytestmark = pytest.mark.browser

ADMIN = "admin@sipinda.test"
SHOTS = Path("/tmp/helpers")


def shoot(page: Page, name: str) -> None:
    """The page whole at the desktop width, then at a phone's; back to the desktop."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"callform-{name}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"callform-{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_call_from_the_kipp_template_is_refused_at_120_percent_and_saved_at_100(
    browser_page: Page, deployment: Deployment
) -> None:
    page, name = browser_page, f"Lomba Inovasi Bobot {uuid.uuid4().hex[:6]}"
    sign_in(page, deployment.url, ADMIN)
    page.goto(f"{deployment.url}/calls")
    page.get_by_role("link", name="+ Periode baru").click()
    shoot(page, "start")
    page.get_by_label("KIPP 2023 kelompok umum", exact=True).check()
    held: list[Route] = []  # the form's script, held back: a slow line, a busy machine
    page.route("**/call_form.js", lambda route: held.append(route))
    page.get_by_role("button", name="Buka formulir").click()

    page.get_by_label("Nama periode").fill(name)
    first = page.locator("#aspects-1-row")  # Latar Belakang dan Tujuan, 10 %
    expect(first.get_by_label("Judul aspek")).to_have_value("Latar Belakang dan Tujuan")
    weights = page.locator("#weights")
    expect(weights).to_have_text("Jumlah bobot: 100 %")
    first.get_by_label("Bobot").fill("30")  # typed before the script runs
    for _ in range(100):  # the request is made; Playwright hands it over on its next call
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.unroute("**/call_form.js")
    expect(weights).to_have_text("Jumlah bobot: 120 % — harus 100 %")  # counted all the same
    page.get_by_role("button", name="Simpan periode").click()

    expect(page.get_by_role("alert")).to_contain_text("Jumlah bobot")
    expect(weights).to_contain_text("Jumlah bobot: 120 % — harus 100 %")
    expect(weights.locator(".field-error")).to_have_text(
        "Jumlah bobot aspek yang dinilai 120 %, harus tepat 100 %."
    )
    expect(page.get_by_label("Nama periode")).to_have_value(name)  # what was typed stays
    expect(first.get_by_label("Bobot")).to_have_value("30")
    shoot(page, "refused")
    page.locator("#aspects-4-row").scroll_into_view_if_needed()  # the total stays in sight
    page.screenshot(path=str(SHOTS / "callform-scrolled.png"))
    page.get_by_role("alert").get_by_role("link", name="Jumlah bobot").click()
    expect(page).to_have_url(re.compile("#weights$"))

    first.get_by_label("Bobot").fill("10")
    expect(weights.locator("[data-total]")).to_have_text("Jumlah bobot: 100 %")
    expect(weights.locator(".field-error")).to_be_hidden()  # the refusal of 120 % is gone too
    page.get_by_role("button", name="Simpan periode").click()

    expect(page.get_by_role("status")).to_have_text("Periode tersimpan.")
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    aspects = page.locator("table").first
    expect(
        aspects.get_by_role("row", name=re.compile("Latar Belakang dan Tujuan"))
    ).to_contain_text("10")
    expect(aspects.get_by_role("row", name=re.compile("Ringkasan"))).to_contain_text(
        "tidak dinilai"
    )
    versions = page.locator("#versions")
    expect(versions.get_by_role("row")).to_have_count(2)  # the header and version 1
    expect(versions.get_by_role("row").nth(1)).to_contain_text("Admin Bappedalitbang")
    shoot(page, "saved")

    page.get_by_role("link", name="Ubah pengaturan").click()
    expect(page.get_by_label("Nama periode")).to_have_value(name)
    shoot(page, "edit")
