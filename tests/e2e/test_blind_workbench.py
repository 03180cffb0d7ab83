"""A blind call walked by its evaluator in Chromium (issue 22): the queue, the score form, the
dossier and every supporting file the form opens — no page, file name or file metadata names the
innovator or their agency, although the innovator wrote them into the title, the text, the file's
name and its PDF metadata."""

from __future__ import annotations

import io
import uuid

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from shared.blind import identity_names, masker
from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until
from tests.support.submission import pdf_bytes
from tests.support.whole_call import assignments_of, checked, open_call, wait_for_status

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
AGENCY = "Dinas Kesehatan"


def pdf_words(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return meta + " ".join(p.extract_text() or "" for p in reader.pages)


def test_nothing_the_evaluator_opens_in_a_blind_call_names_who_wrote_it(
    browser: Browser, deployment: Deployment
) -> None:
    name = deployment.login(INNOVATOR).get("/api/v1/me").json()["name"]
    call = open_call(deployment, f"Lomba Buta {uuid.uuid4().hex[:4]}", blind=True)
    proposal_id = checked(deployment, INNOVATOR, call, f"Inovasi {name} {AGENCY}",
                          file_name=f"{name.replace(' ', '_')}.pdf",
                          file_data=pdf_bytes(f"{name}, {AGENCY}"))  # fmt: skip
    wait_for_status(deployment, INNOVATOR, proposal_id, "under_review")
    found = wait_until(lambda: assignments_of(deployment, proposal_id) or None, timeout=60,
                       what="the assignments")  # fmt: skip
    email, assignment = sorted(found.items())[0]
    context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 768})
    context.set_default_timeout(15_000)
    page: Page = context.new_page()
    seen: dict[str, str] = {}
    try:
        sign_in(page, deployment.url, email)
        for path in ("/review", f"/review/assignments/{assignment}"):
            page.goto(f"{deployment.url}{path}")
            seen[path] = f"{page.title()} {page.content()}"
        dossier = page.get_by_role("link", name="Buka berkas proposal (PDF)").get_attribute("href")
        files = page.locator(f'a[href^="/proposals/{proposal_id}/attachments/"]')
        hrefs = {files.nth(i).get_attribute("href") for i in range(files.count())}
        assert hrefs, "the score form links the aspect's supporting file"
        assert page.get_by_role("link", name="Lihat proposal dan lampirannya").count() == 0

        def opened(href: str) -> bool:
            reply = page.request.get(f"{deployment.url}{href}")
            if not reply.ok:
                return False  # the dossier may still be rendering on a loaded machine
            seen[f"{href} headers"] = str(reply.headers)
            seen[f"{href} content"] = pdf_words(reply.body())
            return True

        for href in {dossier, *hrefs}:
            assert href is not None
            wait_until(lambda h=href: opened(h) or None, timeout=3 * PIPELINE / 1000, what=href)
    finally:
        context.close()
    leak = masker(identity_names(name, [], AGENCY, "dinkes"))
    assert {where: leak.names(text) for where, text in seen.items() if leak.names(text)} == {}
    assert "disamarkan" in seen[f"/review/assignments/{assignment}"]  # the title, masked
