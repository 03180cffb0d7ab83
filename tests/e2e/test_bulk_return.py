"""A bulk return in Chromium (issue 21): the verifier filters the desk to a call, ticks two
proposals waiting for the check, returns them with one fix-list, reads the confirmation that
lists both, confirms, and sees them returned; the innovator's list says so too."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.submission import complete_body
from tests.support.whole_call import VERIFIER, open_call, status_of, upload

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
SHOTS = "/tmp/helpers"


def submitted(d: Deployment, call_id: int, title: str) -> int:
    """A complete proposal of `call_id`, submitted and waiting for the verifier's check."""
    api = d.login(INNOVATOR)
    made = api.post("/api/v1/proposals", complete_body(call_id, title))
    assert made.status == 201, made.body
    proposal_id = int(made.json()["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        upload(api, proposal_id, kind)
    sent = api.post(f"/api/v1/proposals/{proposal_id}/submit")
    assert sent.status == 202, sent.body
    return proposal_id


def test_the_verifier_returns_two_proposals_at_once_after_confirming(
    browser_page: Page, deployment: Deployment
) -> None:
    word = uuid.uuid4().hex[:6]
    call = open_call(deployment, f"Lomba Massal {word}")
    titles = [f"Bank Sampah {word}", f"Posyandu Keliling {word}", f"Tetap Menunggu {word}"]
    ids = [submitted(deployment, call, t) for t in titles]
    page = browser_page
    sign_in(page, deployment.url, VERIFIER)
    page.goto(f"{deployment.url}/proposals")
    page.get_by_label("Periode lomba").select_option(label=f"Lomba Massal {word}")
    page.get_by_role("button", name="Saring").click()
    expect(page.get_by_text("Ditemukan 3 proposal")).to_be_visible()
    page.get_by_label("Pilih semua yang menunggu pemeriksaan di halaman ini").check()
    page.get_by_label(f"Pilih {titles[2]}").uncheck()  # two of the three
    expect(page.get_by_label(f"Pilih {titles[0]}")).to_be_checked()
    page.get_by_label("Perbaikan yang diminta").fill("Lengkapi data anggaran.\nUnggah SK terbaru.")
    page.screenshot(path=f"{SHOTS}/desk_list.png", full_page=True)
    page.get_by_role("button", name="Kembalikan yang dipilih").click()

    expect(page.get_by_role("heading", name="2 proposal akan dikembalikan untuk perbaikan:"))
    expect(page.get_by_role("link", name=titles[0])).to_be_visible()
    expect(page.get_by_role("link", name=titles[1])).to_be_visible()
    expect(page.get_by_text("Unggah SK terbaru.")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/desk_confirm.png", full_page=True)
    assert [status_of(deployment, INNOVATOR, i) for i in ids] == ["submitted"] * 3
    page.get_by_role("button", name="Ya, kembalikan 2 proposal").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "2 proposal dikembalikan untuk perbaikan"
    )
    page.screenshot(path=f"{SHOTS}/desk_done.png", full_page=True)
    assert [status_of(deployment, INNOVATOR, i) for i in ids] == [
        "returned", "returned", "submitted"
    ]  # fmt: skip
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text=titles[0])).to_contain_text("Perlu perbaikan")
    expect(rows.filter(has_text=titles[1])).to_contain_text("Perlu perbaikan")
    expect(rows.filter(has_text=titles[2])).to_contain_text("Terkirim")
    page.goto(f"{deployment.url}/proposals/{ids[0]}")
    expect(page.get_by_text("Lengkapi data anggaran.").first).to_be_visible()


def test_the_verifier_refuses_one_as_ineligible_with_a_reason(
    browser_page: Page, deployment: Deployment
) -> None:
    word = uuid.uuid4().hex[:6]
    call = open_call(deployment, f"Lomba Tolak {word}")
    proposal_id = submitted(deployment, call, f"Belum Diterapkan {word}")
    page = browser_page
    sign_in(page, deployment.url, VERIFIER)
    page.goto(f"{deployment.url}/proposals/{proposal_id}")
    refuse = page.get_by_role("button", name="Tolak — tidak memenuhi syarat")
    refuse.click()  # without a reason: refused beside the field, nothing changed
    expect(page.get_by_text("Tuliskan alasan penolakan; inovator akan membacanya.")).to_be_visible()
    assert status_of(deployment, INNOVATOR, proposal_id) == "submitted"
    page.get_by_label("Alasan penolakan").fill("Inovasi belum diterapkan satu tahun.")
    page.locator("#check").screenshot(path=f"{SHOTS}/desk_refuse_form.png")
    page.get_by_role("button", name="Tolak — tidak memenuhi syarat").click()
    expect(
        page.get_by_text("Ditolak karena tidak memenuhi syarat (versi 1): Inovasi belum diterapkan")
    ).to_be_visible()
    page.screenshot(path=f"{SHOTS}/desk_refused.png", full_page=True)
    assert status_of(deployment, INNOVATOR, proposal_id) == "refused"
