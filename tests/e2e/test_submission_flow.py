"""The issue's flow in a real browser against a whole running SIPINDA: a draft in the KIPP call,
the word counter stopping at the limit, autosave, a PDF uploaded and a renamed .exe refused,
submit, the verifier's return with a fix-list, the fix and the resubmit, the check passed, the
timeline reaching "evaluators assigned" without a reload, and version 2 beside version 1."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import PIPELINE, sign_in, submit_proposal
from tests.support.deployment import Deployment
from tests.support.submission import EXE, pdf_bytes

pytestmark = pytest.mark.browser

INNOVATOR = "inovator.dinkes@sipinda.test"
VERIFIER = "verifikator@sipinda.test"
ASPECTS = ("latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas",
           "sumber_daya", "keberlanjutan")  # fmt: skip
CHOICES = {
    "tahapan": "Penerapan",
    "inisiator": "OPD",
    "jenis": "Digital",
    "bentuk": "Inovasi pelayanan publik",
    "tematik": "Digitalisasi layanan pemerintahan",
}


SHOTS = Path("/tmp/helpers")


def shoot(page: Page, name: str) -> None:
    """The page whole at the desktop width and at a 390 px phone's, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def words(n: int, word: str = "kata") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


def fill_the_kipp_form(page: Page) -> None:
    page.get_by_label("Kategori").select_option(label="Pelayanan publik inklusif dan berkeadilan")
    page.get_by_label("Kelompok").select_option(label="Kelompok umum")
    for key in ASPECTS:
        page.locator(f"#f-sections-{key}").fill(f"Uraian aspek {key} dengan data dan bukti.")
    for key, option in CHOICES.items():
        page.locator(f"#f-profile-{key}").select_option(label=option)
    page.get_by_label("Kesehatan", exact=True).check()
    page.locator("#f-profile-waktu_uji_coba").fill("2021-06-01")
    page.locator("#f-profile-waktu_penerapan").fill("2022-01-10")
    page.locator("#f-profile-rancang_bangun").fill(words(310, "rancang"))
    for key in ("tujuan", "manfaat", "hasil"):
        page.locator(f"#f-profile-{key}").fill(f"{key.capitalize()} inovasi ini jelas.")


def upload(page: Page, kind: str, name: str, data: bytes) -> None:
    page.locator("#kind").select_option(value=kind)
    page.locator("#file").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": data}]
    )
    page.get_by_role("button", name="Unggah").click()


def test_kipp_draft_to_review_with_a_return_and_two_versions(
    browser_page: Page, browser: Browser, deployment: Deployment, tmp_path: Path
) -> None:
    page, title = browser_page, f"Posyandu Digital {uuid.uuid4().hex[:6]}"
    sign_in(page, deployment.url, INNOVATOR)
    page.get_by_role("link", name="+ Proposal baru").click()
    calls = page.get_by_label("Periode lomba")
    expect(calls).to_contain_text("Kompetisi Inovasi Daerah")
    # The demo call, by name: other browser tests of this deployment open calls of their own.
    demo = calls.locator("option", has_text="Kompetisi Inovasi Daerah").first.get_attribute("value")
    assert demo is not None
    calls.select_option(demo)
    page.get_by_label("Judul inovasi").fill(title)
    page.get_by_label("Ringkasan").fill("Posyandu dengan pencatatan digital.")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()

    # The counter stops at the limit: 205 words typed, 200 kept.
    ringkasan = page.get_by_label("Ringkasan")
    expect(ringkasan).to_have_attribute("data-counted", "yes")
    ringkasan.fill(words(205))
    counter = page.locator("#f-sections-ringkasan-count")
    expect(counter).to_contain_text("200 / 200 kata")
    expect(counter).to_contain_text("batas kata tercapai")
    assert len(ringkasan.input_value().split()) == 200

    fill_the_kipp_form(page)
    expect(page.locator("#draft-form")).to_have_attribute("data-state", "saved", timeout=15_000)
    expect(page.locator("#autosave-status")).to_contain_text("Tersimpan otomatis")
    page.reload()  # what autosave kept is what the server has
    expect(page.locator("#f-profile-waktu_penerapan")).to_have_value("2022-01-10")
    expect(page.locator("#f-sections-ringkasan-count")).to_contain_text("200 / 200 kata")

    upload(page, "other", "laporan.pdf", EXE)
    expect(page.locator("#file-error")).to_contain_text(
        'Berkas "laporan.pdf" adalah program (executable), bukan dokumen; berkas ini ditolak.'
    )
    pdf = pdf_bytes("lampiran")
    for kind in ("sk_inovator", *(f"aspect:{a}" for a in ASPECTS)):
        upload(page, kind, f"{kind.replace(':', '-')}.pdf", pdf)
        expect(page.locator(".flash")).to_have_text("Berkas terunggah.")
    expect(page.locator("#attachments li")).to_have_count(8)

    # Submit asks first: what is sent, to whom, and that it is frozen; "Batal" changes nothing.
    page.get_by_role("link", name="Kirim proposal", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirim proposal ini?")
    summary = page.locator("dl.confirm-summary")
    expect(summary).to_contain_text(title)
    expect(summary).to_contain_text("Kompetisi Inovasi Daerah")
    expect(summary).to_contain_text(f"{len(ASPECTS) + 1} dari {len(ASPECTS) + 1} aspek terisi")
    expect(summary).to_contain_text("8 berkas terlampir")
    expect(page.locator(".confirm-effects")).to_contain_text("verifikator Bappedalitbang")
    shoot(page, "submit-confirm")
    page.get_by_role("link", name="Batal").click()
    expect(page.locator("#status")).to_have_text("Draf")
    submit_proposal(page)
    expect(page.locator(".flash")).to_have_text(
        "Proposal dikirim (versi 1). Verifikator Bappedalitbang akan memeriksanya; "
        "Anda diberi tahu lewat surel."
    )
    expect(page.locator("#status")).to_have_text("Terkirim")
    proposal_url = page.url

    checker = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta").new_page()
    sign_in(checker, deployment.url, VERIFIER)
    checker.goto(proposal_url)
    expect(checker.get_by_role("heading", name="Pemeriksaan administrasi")).to_be_visible()
    checker.get_by_label("Perbaikan yang diminta").fill("Tambahkan data kunjungan posyandu 2025.")
    checker.get_by_role("button", name="Kembalikan untuk perbaikan").click()
    expect(checker.locator(".flash")).to_have_text("Hasil pemeriksaan tersimpan.")

    # The innovator's open page learns of it without a reload.
    page.evaluate("window.__marker = 1")
    expect(page.locator("#timeline")).to_contain_text(
        "Dikembalikan untuk perbaikan (versi 1, 1 catatan).", timeout=PIPELINE
    )
    expect(page.locator("#status")).to_have_text("Perlu perbaikan")
    assert page.evaluate("window.__marker") == 1
    page.reload()
    expect(page.locator(".fixes")).to_contain_text("Tambahkan data kunjungan posyandu 2025.")
    page.locator("#f-sections-signifikansi").fill("Kunjungan posyandu naik 40% pada 2025.")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(".flash")).to_have_text("Perubahan tersimpan.")
    submit_proposal(page, "Kirim ulang")
    expect(page.locator(".flash")).to_contain_text("Proposal dikirim (versi 2).")

    checker.goto(proposal_url)
    for item in ("complete", "eligible_age", "decree_attached", "no_duplicate_title"):
        expect(checker.locator(f"input[name={item}]")).to_be_checked()
    checker.get_by_role("button", name="Loloskan").click()
    expect(checker.locator(".flash")).to_have_text("Hasil pemeriksaan tersimpan.")
    checker.context.close()

    page.evaluate("window.__marker = 2")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Lolos pemeriksaan administrasi (versi 2)", timeout=PIPELINE)
    expect(
        timeline.locator("li", has_text=re.compile(r"\d+ evaluator telah ditugaskan."))
    ).to_be_visible(timeout=PIPELINE)
    expect(page.locator("#status")).to_have_text("Dalam penilaian")
    expect(page.locator("#next-step")).to_contain_text("Evaluator sedang menilai")
    assert page.evaluate("window.__marker") == 2, "the page reloaded"

    page.get_by_role("link", name="Bandingkan versi").click()
    table = page.locator("#compare")
    expect(table.locator("thead")).to_contain_text("Versi 1")
    expect(table.locator("thead")).to_contain_text("Versi 2")
    changed = table.locator("tr.changed", has_text="Signifikansi")
    expect(changed).to_contain_text("Uraian aspek signifikansi dengan data dan bukti.")
    expect(changed).to_contain_text("Kunjungan posyandu naik 40% pada 2025.")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the page still reads
    page.screenshot(path=str(tmp_path / "versions-phone.png"), full_page=True)
