"""Uji publik in Chromium on the real deployment (issue 24, part E): a call with an objection
window holds its decisions (no certificate, though the announcement is made); the admin opens
the window; an innovator of another agency files an objection on the public page, signed in,
and the same form sent after the window's last second is refused by the server, nothing kept;
the admin resolves the objection with a reason and finalizes: then, and only then, documents
issues one certificate per finalist and winner, none twice. The public page is looked at on a
desk and on a phone, in Indonesian and in English."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from services.documents.models import Document
from services.review.models import Objection, ObjectionWindow
from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.labels import TEXT_IN_PAGE_LANGUAGE, findings_in
from tests.support.servers import wait_until
from tests.support.whole_call import (
    ADMIN,
    assignments_of,
    checked,
    open_call,
    score_all,
    wait_for_status,
)

pytestmark = pytest.mark.browser
OWNER, OBJECTOR = "inovator.dinkes@sipinda.test", "inovator.disdukcapil@sipinda.test"
REASON = "Inovasi ini sudah berjalan di kabupaten lain sebelum diajukan sebagai karya sendiri."


def scored(d: Deployment, call_id: int, title: str) -> int:
    proposal_id = checked(d, OWNER, call_id, title)
    wait_for_status(d, OWNER, proposal_id, "under_review")
    assignments = wait_until(lambda: assignments_of(d, proposal_id) or None, timeout=60,
                             what="the assignments")  # fmt: skip
    score_all(d, assignments)
    wait_for_status(d, OWNER, proposal_id, "scored")
    return proposal_id


def certificates(d: Deployment, call_id: int) -> list[str]:
    with d.db("documents").session() as s:
        return list(s.scalars(select(Document.subject).where(
            Document.call_id == call_id, Document.kind == "sertifikat")))  # fmt: skip


def announced(d: Deployment, call_id: int) -> bool:
    with d.db("documents").session() as s:
        return bool(s.scalar(select(func.count()).select_from(Document).where(
            Document.call_id == call_id, Document.kind != "sertifikat")))  # fmt: skip


def objections_of(d: Deployment, call_id: int) -> int:
    with d.db("review").session() as s:
        return int(s.scalar(select(func.count()).select_from(Objection)
                            .where(Objection.call_id == call_id)) or 0)  # fmt: skip


def shoot(page: Page, name: str, language: str = "id") -> None:
    """Screenshots on a desk and on a phone; every word of the interface in `language`."""
    assert findings_in(page.evaluate(TEXT_IN_PAGE_LANGUAGE, language), language) == [], name
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"/tmp/e-uji-publik-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_objections_in_the_window_then_refused_after_it_and_certificates_only_once_final(
    browser: Browser, browser_page: Page, deployment: Deployment
) -> None:
    d, tag = deployment, uuid.uuid4().hex[:5]
    call = open_call(d, f"Lomba Sanggah {tag}", public_objection=True, objection_days=5)
    winner, finalist = f"Sanggah Pertama {tag}", f"Sanggah Kedua {tag}"
    ids = [scored(d, call, winner), scored(d, call, finalist)]
    decided = d.login(ADMIN).post(f"/api/v1/review/calls/{call}/decisions", {"decisions": [
        {"proposal_id": ids[0], "version_no": 1, "decision": "winner"},
        {"proposal_id": ids[1], "version_no": 1, "decision": "finalist"}]})  # fmt: skip
    assert decided.status == 200, decided.body

    admin = browser_page
    sign_in(admin, d.url, ADMIN)
    admin.goto(f"{d.url}/review/admin/calls/{call}/announce")
    admin.get_by_role("button", name="Ya, umumkan hasil sekarang").click()
    expect(admin.get_by_role("status").first).to_contain_text("Hasil diumumkan")
    wait_until(lambda: announced(d, call), timeout=2 * PIPELINE / 1000, what="the announcement")
    assert certificates(d, call) == []  # the announcement is out; the decisions are held
    admin.get_by_role("link", name="Uji publik").click()
    admin.get_by_role("link", name="Buka masa sanggah").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Buka masa sanggah")
    expect(admin.get_by_text("Masa sanggah dibuka sampai")).to_contain_text("23.59.59 WIB")
    admin.screenshot(path="/tmp/e-uji-publik-open-1280.png", full_page=True)
    admin.get_by_role("button", name="Ya, buka masa sanggah").click()
    expect(admin.get_by_role("status").first).to_contain_text("Masa sanggah dibuka sampai")

    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    page = context.new_page()
    sign_in(page, d.url, OBJECTOR)
    page.goto(f"{d.url}/uji-publik/{call}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uji publik: masa sanggah")
    expect(page.get_by_role("listitem").filter(has_text=winner)).to_contain_text("Pemenang")
    shoot(page, "id")
    page.goto(f"{d.url}/lang/en?next=/uji-publik/{call}")
    shoot(page, "open-en", "en")
    page.goto(f"{d.url}/lang/id?next=/uji-publik/{call}")
    page.get_by_label("Inovasi yang disanggah").select_option(label=winner)
    page.get_by_label("Alasan sanggahan").fill(REASON)
    page.get_by_role("button", name="Kirim sanggahan").click()
    expect(page.get_by_role("status").first).to_contain_text("Sanggahan Anda diterima")
    assert objections_of(d, call) == 1

    visitor = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    anonymous = visitor.new_page()
    anonymous.goto(f"{d.url}/uji-publik/{call}")  # no account: the address is confirmed first
    expect(anonymous.get_by_role("button", name="Kirim tautan konfirmasi")).to_be_visible()
    shoot(anonymous, "anon-id")
    visitor.close()

    # The same form again, sent once the window's last second has passed (moved a few seconds
    # ahead in review's table): the server refuses it, whatever the page showed.
    page.get_by_label("Inovasi yang disanggah").select_option(label=finalist)
    page.get_by_label("Alasan sanggahan").fill(REASON)
    end = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
    with d.db("review").session() as s:
        s.scalars(
            select(ObjectionWindow).where(ObjectionWindow.call_id == call)
        ).one().closes_at = end
    time.sleep(max(0.0, (end - datetime.now(UTC)).total_seconds()) + 1.2)
    page.get_by_role("button", name="Kirim sanggahan").click()
    expect(page.get_by_role("alert")).to_contain_text("Masa sanggah telah berakhir pada")
    assert objections_of(d, call) == 1  # nothing kept of the late one
    shoot(page, "closed-id")
    page.goto(f"{d.url}/lang/en?next=/uji-publik/{call}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Public objection period (uji publik)"
    )
    shoot(page, "closed-en", "en")
    context.close()

    # The admin: nothing final while the objection is unresolved; resolved with a reason, then
    # finalized: one certificate per finalist and winner, none twice.
    admin.goto(f"{d.url}/review/admin/calls/{call}/objections")
    expect(admin.get_by_text("belum diputuskan masih ada (1)")).to_be_visible()
    admin.screenshot(path="/tmp/e-uji-publik-admin-1280.png", full_page=True)
    assert certificates(d, call) == []
    admin.get_by_label("Ditolak").check()
    admin.get_by_label("Alasan putusan").fill("Tidak terbukti: inovasinya berbeda.")
    admin.get_by_role("button", name="Simpan putusan").click()
    expect(admin.get_by_role("status").first).to_contain_text("Sanggahan ditolak")
    admin.get_by_role("button", name="Finalkan sekarang").click()
    expect(admin.get_by_role("status").first).to_contain_text("Keputusan final: 2 keputusan")
    for proposal_id in ids:
        wait_for_status(d, OWNER, proposal_id, "decided")
    made = wait_until(lambda: (found := certificates(d, call)) and len(found) >= 2 and found,
                      timeout=2 * PIPELINE / 1000, what="the certificates")  # fmt: skip
    assert sorted(made) == sorted(f"proposal:{p}:v1" for p in ids)
    admin.reload()
    expect(admin.get_by_text("Keputusan final sejak")).to_be_visible()
    shoot(admin, "admin-final-id")
    admin.goto(f"{d.url}/lang/en?next=/review/admin/calls/{call}/objections")
    expect(admin.get_by_text("Decisions final since")).to_be_visible()
    shoot(admin, "admin-final-en", "en")
    assert sorted(certificates(d, call)) == sorted(made)  # none twice
