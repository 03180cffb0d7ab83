"""What the browser tests share: signing in through the form, submitting through the
confirmation, and how long the pipeline may take."""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Browser, Page, expect

from tests.support.deployment import DEMO_PASSWORD

PIPELINE = 60_000  # ms: the workers and the relay run beside us, but a PDF takes a moment


def page_of(
    browser: Browser, width: int, height: int = 900, locale: str = "id-ID"
) -> Iterator[Page]:
    """A fresh context `width` px wide, on Cilegon's clock, that keeps downloads; closed after."""
    context = browser.new_context(locale=locale, timezone_id="Asia/Jakarta", accept_downloads=True,
                                  viewport={"width": width, "height": height})  # fmt: skip
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page: Page, base: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Through the form as a person would: fields found by their label, not by id."""
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def submit_proposal(page: Page, button: str = "Kirim proposal") -> None:
    """From the open proposal, as a person submits it: its button (`Kirim ulang` after a return),
    the confirmation page's question, and its "Ya, kirim proposal"."""
    page.get_by_role("link", name=button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kirim ulang proposal ini?" if button == "Kirim ulang" else "Kirim proposal ini?"
    )
    page.get_by_role("button", name="Ya, kirim proposal").click()
