"""In a real browser against a whole running SIPINDA: an innovator signs in, submits, and watches
the pipeline fill in the timeline; the login, form-error and language paths a person meets."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.browser import PIPELINE, sign_in, submit_proposal
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
# Test 1 leaves its proposal's title here for the mailbox test (which makes its own if alone).
SUBMITTED: dict[str, str] = {}


def new_draft(page: Page, title: str, summary: str) -> None:
    """From the proposal list, through the new-proposal form, to the saved draft's page."""
    page.get_by_role("link", name="+ Proposal baru").click()
    # The quick path: no call, so no call's checklist (the call's flow: test_submission_flow.py).
    page.get_by_label("Periode lomba").select_option(label="— Tanpa periode lomba —")
    page.get_by_label("Judul inovasi").fill(title)
    page.get_by_label("Ringkasan").fill(summary)
    expect(page.get_by_label("Instansi (OPD)")).to_have_value("dinkes")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Draf proposal tersimpan.")


def submit_and_wait_for_the_dossier(page: Page) -> Locator:
    """Submit the open draft and wait, without reloading, for its dossier's timeline entry."""
    submit_proposal(page)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Proposal dikirim \(versi 1\)"))
    timeline = page.locator("#timeline")
    expect(timeline.locator("li", has_text="Proposal dikirim (versi 1).")).to_be_visible()
    dossier = timeline.locator("li", has_text="Berkas proposal (PDF) versi 1 siap diunduh.")
    expect(dossier).to_be_visible(timeout=PIPELINE)
    return dossier


def test_innovator_submits_and_sees_the_timeline_update_without_reloading(
    browser_page: Page, deployment: Deployment, tmp_path: Path
) -> None:
    page, title = browser_page, f"Puskesmas Ramah Lansia {uuid.uuid4().hex[:6]}"
    sign_in(page, deployment.url, INNOVATOR)
    expect(page).to_have_url(re.compile(r"/proposals$"))
    new_draft(page, title, "Layanan kesehatan yang datang ke rumah lansia.")

    submit_proposal(page)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Proposal dikirim \(versi 1\)"))
    page.evaluate("window.__marker = 1")  # gone if anything reloads the page from here on
    rendered = page.locator("#timeline li").count()
    SUBMITTED["title"] = title

    timeline = page.locator("#timeline")
    expect(timeline.locator("li", has_text="3 evaluator telah ditugaskan.")).to_be_visible(
        timeout=PIPELINE
    )
    dossier = timeline.locator("li", has_text="Berkas proposal (PDF) versi 1 siap diunduh.")
    expect(dossier).to_be_visible(timeout=PIPELINE)
    link = dossier.get_by_role("link", name="Unduh")
    expect(page.locator("#status")).to_have_text("Dalam penilaian")
    expect(page.locator("#next-step")).to_contain_text("Evaluator sedang menilai")
    expect(timeline.locator("time").last).to_have_text(
        re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d\.\d\d WIB$")  # as the page writes it
    )
    assert page.evaluate("window.__marker") == 1, "the page reloaded; the timeline must not need it"
    assert timeline.locator("li").count() > rendered, "nothing was added live: all was rendered"

    with page.expect_download() as download:
        link.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-"), pdf[:40]
    page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)


def test_live_timeline_entries_show_the_same_times_as_the_server_renders(
    browser_page: Page, deployment: Deployment
) -> None:
    page = browser_page
    sign_in(page, deployment.url, INNOVATOR)
    new_draft(page, f"Jam yang sama {uuid.uuid4().hex[:6]}", "Waktu di riwayat proses.")
    submit_and_wait_for_the_dossier(page)
    live = page.locator("#timeline time").all_inner_texts()

    rendered = page.context.new_page()
    rendered.goto(page.url)
    assert rendered.locator("#timeline time").all_inner_texts()[: len(live)] == live


def test_wrong_password_shows_a_clear_message(browser_page: Page, deployment: Deployment) -> None:
    page = browser_page
    sign_in(page, deployment.url, INNOVATOR, password="bukan-kata-sandinya")
    expect(page.get_by_role("alert")).to_have_text("Email atau kata sandi salah.")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_label("Email")).to_have_value(INNOVATOR)  # only the password is retyped
    expect(page.get_by_label("Kata sandi")).to_have_value("")


def test_form_errors_are_shown_next_to_the_field_and_nothing_is_lost(
    browser_page: Page, deployment: Deployment
) -> None:
    page = browser_page
    summary = "Teks panjang yang diketik dengan susah payah dan tidak boleh hilang."
    sign_in(page, deployment.url, INNOVATOR)
    page.get_by_role("link", name="+ Proposal baru").click()
    page.get_by_label("Judul inovasi").fill("ab")
    page.get_by_label("Ringkasan").fill(summary)
    page.get_by_role("button", name="Simpan draf").click()

    title = page.get_by_label("Judul inovasi")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_value("ab")
    # The message is the field's description, so a screen reader reads it with the field.
    error = page.locator("#" + (title.get_attribute("aria-describedby") or "missing"))
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.get_by_label("Ringkasan")).to_have_value(summary)


def test_field_errors_are_in_the_interface_language(
    browser_page: Page, deployment: Deployment
) -> None:
    page = browser_page
    sign_in(page, deployment.url, INNOVATOR)
    page.get_by_role("link", name="+ Proposal baru").click()
    page.get_by_label("Judul inovasi").fill("ab")
    page.get_by_label("Ringkasan").fill("Ringkasan.")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator("#title-error")).to_contain_text("3 karakter")


def test_english_interface(browser_page: Page, deployment: Deployment) -> None:
    page = browser_page
    page.goto(f"{deployment.url}/login")
    page.get_by_role("link", name="EN").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("E-mail")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_dev_mailbox_lists_the_mails(browser_page: Page, deployment: Deployment) -> None:
    page = browser_page
    title = SUBMITTED.get("title") or submit_by_api(deployment)
    # The page lists what had arrived when it was loaded: the innovator's three mails (received,
    # under review, dossier ready).
    wait_until(
        lambda: deployment.mail_recipients(title).count(INNOVATOR) == 3,
        timeout=90,
        what=f"the innovator's three mails about {title!r}",
    )
    sign_in(page, deployment.url, "admin@sipinda.test")  # the mailbox is the admin's only
    page.get_by_role("link", name="Kotak surat (dev)").click()
    expect(page).to_have_url(re.compile(r"/dev/mailbox$"))
    mails = page.locator("article.mail", has_text=title).filter(has_text=INNOVATOR)
    expect(mails).to_have_count(3)
    receipt = mails.filter(has=page.get_by_role("heading", name=re.compile("Proposal diterima")))
    expect(receipt).to_have_count(1)


def submit_by_api(deployment: Deployment) -> str:
    """When this test runs alone: a proposal, submitted; returns its title."""
    title = f"Kotak surat {uuid.uuid4().hex[:6]}"
    deployment.login(INNOVATOR).submit_new_proposal(title)
    return title
