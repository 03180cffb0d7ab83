"""Headless Chromium — Debian's, never a downloaded one — driven by sync Playwright: one browser
for the browser tests of a pytest process, a fresh context (cookies, storage, downloads) per test,
in Indonesian."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.browser import page_of

# No GPU, no sandbox (containers), and nothing that phones home: the only network is our server.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium_path() -> str | None:
    """The system Chromium; CHROMIUM may name another binary (never one Playwright fetched)."""
    named = os.environ.get("CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def chromium() -> str:
    """Session-scoped and autouse so it runs before the (session) deployment: without a browser
    nothing is started only to be skipped."""
    path = chromium_path()
    if path is None:
        reason = "no system chromium (apt-get install chromium); the browser tests did not run"
        print(f"\n[e2e] SKIPPED: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="package")
def browser(chromium: str) -> Iterator[Browser]:
    """Launched once for the package (Playwright's driver and Chromium take a second or two of
    CPU to start); closed before the pytest process goes on to other tests."""
    path = chromium
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=path, args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", accept_downloads=True,
        viewport={"width": 1280, "height": 900},
    )  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    """1280 px wide (a module may give its own)."""
    yield from page_of(browser, 1280, 900)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """390 px wide, a phone."""
    yield from page_of(browser, 390, 844)
