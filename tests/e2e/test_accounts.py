"""In a real browser against a whole running SIPINDA: the admin invites a person, who sets their
password from the mailed link and signs in; the admin changes their role, then deactivates the
account, each after a confirmation; the person's session, in a browser of their own, ends at
each step (their next page is the sign-in page), and the audit log tells all of it in words."""

from __future__ import annotations

import re
import uuid
from email.message import EmailMessage

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser

ADMIN = "admin@sipinda.test"
PASSWORD = "kata-sandi-undangan-2026"


def context_of(browser: Browser) -> BrowserContext:
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    context.set_default_timeout(15_000)
    return context


def invitation_path(deployment: Deployment, address: str) -> str:
    """The path of the link mailed to `address` (the mail names the installation's address)."""

    def found() -> EmailMessage | None:
        mails = [m for m in deployment.mails() if address in str(m["To"])]
        return mails[-1] if mails else None

    message = wait_until(found, timeout=60, what=f"the invitation to {address}")
    body = message.get_body(("plain",))
    assert body is not None
    assert "undangan" in str(message["Subject"])
    match = re.search(r"https?://[^/\s]+(/password/reset/\S+)", body.get_content())
    assert match, body.get_content()
    return match.group(1)


def signs_in_to_proposals(page: Page, base: str, address: str) -> bool:
    """Signs in; True once the portal lets them stay (the other services have heard of the
    account's new state: the relay tells them within seconds)."""
    sign_in(page, base, address, PASSWORD)
    page.goto(f"{base}/proposals")
    return page.url.endswith("/proposals")


def test_admin_invites_changes_the_role_and_deactivates_and_the_session_ends(
    browser: Browser, deployment: Deployment
) -> None:
    base = deployment.url
    address = f"siti.{uuid.uuid4().hex[:6]}@cilegon.go.id"
    name = f"Siti Rahma {uuid.uuid4().hex[:4]}"
    admin_context, person_context = context_of(browser), context_of(browser)
    try:
        admin = admin_context.new_page()
        sign_in(admin, base, ADMIN)
        admin.get_by_role("navigation").get_by_role("link", name="Akun", exact=True).click()
        expect(admin.get_by_role("heading", name="Akun", exact=True)).to_be_visible()

        # Invite: a wrong field first, kept and explained beside it.
        admin.get_by_role("link", name="+ Undang akun").click()
        admin.get_by_label("Nama lengkap").fill(name)
        admin.get_by_label("Email", exact=True).fill("bukan-alamat")
        admin.get_by_label("Inovator", exact=True).check()
        admin.get_by_label("Instansi (OPD)").select_option(label="Dinas Kesehatan")
        admin.get_by_role("button", name="Buat akun dan kirim undangan").click()
        email_field = admin.get_by_label("Email", exact=True)
        expect(email_field).to_have_attribute("aria-invalid", "true")
        expect(admin.locator("#e-email")).to_contain_text("Alamat email tidak valid")
        expect(admin.get_by_label("Nama lengkap")).to_have_value(name)
        expect(admin.get_by_label("Inovator", exact=True)).to_be_checked()
        email_field.fill(address)
        admin.get_by_role("button", name="Buat akun dan kirim undangan").click()
        expect(admin.get_by_role("status")).to_contain_text(f"Akun {name} dibuat")
        expect(admin.get_by_role("heading", name=name)).to_be_visible()
        account_url = admin.url

        # The person sets a password from the mailed link and signs in, in a browser of theirs.
        person = person_context.new_page()
        person.goto(base + invitation_path(deployment, address))
        expect(person.get_by_role("heading", name="Buat kata sandi")).to_be_visible()
        person.get_by_label("Kata sandi baru", exact=True).fill(PASSWORD)
        person.get_by_label("Ulangi kata sandi baru").fill(PASSWORD)
        person.get_by_role("button", name="Simpan kata sandi").click()
        expect(person.get_by_role("status")).to_contain_text("Kata sandi dibuat")
        wait_until(lambda: signs_in_to_proposals(person, base, address), timeout=30,
                   what="the invited person signed in")  # fmt: skip

        # A new role, after a confirmation that says what it takes away.
        admin.goto(account_url)
        admin.get_by_label("Operator OPD", exact=True).check()
        admin.get_by_role("button", name="Simpan perubahan").click()
        expect(admin.get_by_role("heading", name=f"Ganti peran {name}?")).to_be_visible()
        expect(admin.get_by_text("Peran Inovator dicabut")).to_be_visible()
        admin.get_by_role("button", name="Ya, ganti peran").click()
        expect(admin.get_by_role("status").first).to_contain_text(
            "diganti dari Inovator menjadi Operator OPD"
        )
        person.goto(f"{base}/proposals")
        expect(person).to_have_url(re.compile(r"/login\?next="))
        wait_until(lambda: signs_in_to_proposals(person, base, address), timeout=30,
                   what="the person signed in again with the new role")  # fmt: skip
        expect(person.locator(".who")).to_contain_text("Operator OPD")

        # Deactivation, after a confirmation step; the person's next page is the sign-in page.
        admin.goto(account_url)
        admin.get_by_role("link", name="Nonaktifkan akun").click()
        expect(admin.get_by_role("heading", name=f"Nonaktifkan akun {name}?")).to_be_visible()
        admin.get_by_label("Alasan (tidak wajib)").fill("pindah tugas ke provinsi")
        admin.get_by_role("button", name="Ya, nonaktifkan akun").click()
        expect(admin.get_by_role("status")).to_have_text(
            f"Akun {name} dinonaktifkan. Aktifkan kembali dari halaman akun ini."
        )
        expect(admin.get_by_role("button", name="Aktifkan kembali")).to_be_visible()

        person.goto(f"{base}/proposals")
        expect(person).to_have_url(re.compile(r"/login\?next="))
        person.goto(f"{base}/notifications")  # another service's page: out there too
        expect(person).to_have_url(re.compile(r"/login\?next="))
        sign_in(person, base, address, PASSWORD)
        expect(person.get_by_role("alert")).to_be_visible()  # can no longer sign in

        # Everything is in the audit log, in words, with whom it was about.
        admin.goto(f"{base}/admin/audit?action=admin.account")
        rows = admin.locator("tbody tr", has_text=address)
        expect(rows.filter(has_text="Admin mengundang akun")).to_have_count(1)
        expect(rows.filter(has_text="Admin mengganti peran akun")).to_have_count(1)
        deactivated = rows.filter(has_text="Admin menonaktifkan akun")
        expect(deactivated).to_have_count(1)
        expect(deactivated).to_contain_text("pindah tugas ke provinsi")
    finally:
        admin_context.close()
        person_context.close()
