"""The public catalogue in Chromium (issue 24), signed out: a public innovation in penerapan is
listed, found by its words and opened; a private one is neither listed nor opened by its
address. Screenshots at 1280 and 390 px, in Indonesian and English."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.deployment import Deployment

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
SHOTS = Path("/tmp")


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"partB-{name}.png"), full_page=True)


def test_signed_out_the_catalogue_shows_the_public_and_hides_the_private(
    deployment: Deployment, laptop: Page, phone: Page
) -> None:
    word = uuid.uuid4().hex[:6]
    api = deployment.login(INNOVATOR)
    common = {"stage": "penerapan", "urusan": ["Kesehatan"], "sdgs": [3],
              "started_on": "2025-03-01"}  # fmt: skip
    public = api.post("/api/v1/innovations", {
        **common, "title": f"Posyandu Terbuka {word}", "public": True, "public_names": True,
        "summary": "Kader posyandu mencatat tumbuh kembang balita di ponsel.",
        "results": "Balita terpantau naik dari 60% menjadi 92%."})  # fmt: skip
    private = api.post("/api/v1/innovations", {**common, "title": f"Posyandu Rahasia {word}"})
    assert public.status == 201, public.body
    assert private.status == 201, private.body
    base = deployment.url

    page = laptop
    page.goto(f"{base}/katalog")
    page.get_by_label("Kata kunci").fill(word)
    page.get_by_label("Tujuan SDGs").select_option("3")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("link", name=f"Posyandu Terbuka {word}")).to_be_visible()
    expect(page.get_by_text(f"Posyandu Rahasia {word}")).to_have_count(0)
    shot(page, "catalogue-1280-id")
    page.get_by_role("link", name=f"Posyandu Terbuka {word}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Posyandu Terbuka {word}")
    expect(page.get_by_text("Balita terpantau naik")).to_be_visible()
    expect(page.get_by_text("sipinda.test")).to_have_count(0)  # never an email
    shot(page, "catalogue-entry-1280-id")
    missing = page.goto(f"{base}/katalog/{private.json()['id']}")
    assert missing is not None
    assert missing.status == 404

    page = phone
    page.context.add_cookies([{"name": "lang", "value": "en", "url": base}])
    page.goto(f"{base}/katalog?q={word}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue of Cilegon's innovations")
    shot(page, "catalogue-390-en")
    page.goto(f"{base}/katalog/{public.json()['id']}")
    expect(page.get_by_text("Innovation team")).to_be_visible()
    shot(page, "catalogue-entry-390-en")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing wider than the phone
    page.context.add_cookies([{"name": "lang", "value": "id", "url": base}])
    page.goto(f"{base}/katalog?q={word}")
    shot(page, "catalogue-390-id")
