"""Progress reports in Chromium (issue 24): the admin makes a schedule in the browser; the team
of an innovation in penerapan is reminded at once (the mail in the deployment's mailbox, the
notice in the app), and an innovation registered afterwards by the beat's daily job run in the
real worker; the innovator writes the report (a figure, an evidence file, the error for a half
row shown beside it first), and the report shows on its page and in the innovation's history.
Screenshots at 1280 and 390 px, in Indonesian and English."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from services.innovations.beat import REMINDERS_TASK
from services.innovations.report_rules import today_in_jakarta
from shared.celery import create_celery
from shared.outbox import utcnow
from tests.support.browser import PIPELINE, sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until
from tests.support.submission import pdf_bytes

pytestmark = pytest.mark.browser

ADMIN = "admin@sipinda.test"
INNOVATOR = "inovator.dinkes@sipinda.test"
SHOTS = Path("/tmp")


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"partB-{name}.png"), full_page=True)


def innovation(deployment: Deployment, title: str) -> int:
    made = deployment.login(INNOVATOR).post("/api/v1/innovations",
                                            {"title": title, "stage": "penerapan"})  # fmt: skip
    assert made.status == 201, made.body
    return int(made.json()["id"])


def mailed(deployment: Deployment, title: str) -> list[str]:
    """Who received a report reminder naming this innovation."""
    found = []
    for mail in deployment.mails():
        body = mail.get_body(("plain",))
        if body is not None and title in body.get_content() and "Laporan" in mail["Subject"]:
            found.append(mail["To"].addresses[0].addr_spec)
    return found


def test_a_schedule_reminds_the_team_and_the_report_is_written(
    deployment: Deployment, laptop: Page, phone: Page, tmp_path: Path
) -> None:
    word = uuid.uuid4().hex[:6]
    first = f"Posyandu Lapor {word}"
    first_id = innovation(deployment, first)
    base = deployment.url
    schedule = f"Laporan kemajuan penerapan {word}"
    due = today_in_jakarta(utcnow()) + timedelta(days=3)

    # The admin makes the schedule: a wrong year first, shown beside its field.
    page = laptop
    sign_in(page, base, ADMIN)
    page.goto(f"{base}/innovations/reports")
    page.get_by_label("Nama laporan").fill(schedule)
    page.get_by_label("Inovasi yang wajib melapor").select_option("penerapan")
    page.get_by_label("Tahun").fill("27")
    page.get_by_label("Tanggal jatuh tempo").fill(due.isoformat())
    page.get_by_role("button", name="Simpan jadwal").click()
    expect(page.locator("#year-error")).to_have_text(re.compile("empat angka"))
    shot(page, "schedule-error-1280-id")
    page.get_by_label("Tahun").fill(str(due.year))
    page.get_by_role("button", name="Simpan jadwal").click()
    expect(page.get_by_text(f"Jadwal “{schedule}” disimpan")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(re.escape(schedule)))).to_contain_text(
        "7 hari sebelumnya"
    )
    shot(page, "schedules-1280-id")

    # Saved: the team is reminded at once, by mail and in the app.
    wait_until(lambda: INNOVATOR in mailed(deployment, first), timeout=PIPELINE / 1000,
               what="the reminder mail")  # fmt: skip

    # An innovation registered afterwards is reminded by the beat's daily job, run in the worker.
    second = f"Puskesmas Lapor {word}"
    innovation(deployment, second)
    create_celery(deployment.settings).send_task(REMINDERS_TASK)  # routed to innovations
    wait_until(lambda: INNOVATOR in mailed(deployment, second), timeout=PIPELINE / 1000,
               what="the beat's reminder mail")  # fmt: skip
    assert mailed(deployment, first) == [INNOVATOR]  # the first is not reminded twice

    # The innovator, on a phone: the notice, the list of what is owed, the report.
    page = phone
    sign_in(page, base, INNOVATOR)
    page.goto(f"{base}/notifications")
    expect(page.locator("article.mail", has_text=first).first).to_contain_text("Laporan kemajuan")
    page.goto(f"{base}/innovations/reports?per_page=200")
    owed = page.get_by_role("listitem").filter(has_text=first)
    expect(owed).to_contain_text("Segera jatuh tempo")
    shot(page, "owed-390-id")
    owed.get_by_role("link", name=re.compile("Tulis laporan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan kemajuan")
    page.get_by_label("Kegiatan yang telah dilakukan").fill("Layanan dibuka di 9 puskesmas.")
    page.get_by_label("Penerima manfaat").fill("Warga Kecamatan Cibeber")
    page.locator("#label-1").fill("Warga terlayani")  # its value left out: refused beside it
    evidence = tmp_path / "bukti-kegiatan.pdf"
    evidence.write_bytes(pdf_bytes("bukti kegiatan"))
    page.get_by_label("Bukti dukung").set_input_files(str(evidence))
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.locator("#figure-1-error")).to_contain_text("Baris angka 1")
    expect(page.get_by_text("bukti-kegiatan.pdf")).to_be_visible()  # kept, not to choose again
    shot(page, "report-error-390-id")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # the form fits the phone: nothing to scroll sideways
    page.locator("#value-1").fill("1.250")
    page.locator("#unit-1").fill("orang")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirim laporan ini?")
    expect(page.locator(".figures-list")).to_contain_text("Warga terlayani: 1.250 orang")
    shot(page, "report-confirm-390-id")
    page.get_by_role("button", name="Ya, kirim laporan").click()
    expect(page.get_by_text("Laporan kemajuan terkirim")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(schedule)
    expect(page.locator(".figures-list")).to_contain_text("Warga terlayani: 1.250 orang")
    expect(page.get_by_role("link", name="bukti-kegiatan.pdf")).to_be_visible()
    shot(page, "report-390-id")
    report_url = page.url
    page.context.add_cookies([{"name": "lang", "value": "en", "url": base}])  # the EN switch
    page.goto(report_url)
    expect(page.get_by_role("heading", name="Results in figures")).to_be_visible()
    shot(page, "report-390-en")
    page.goto(f"{base}/innovations/reports")
    shot(page, "owed-390-en")
    page.context.add_cookies([{"name": "lang", "value": "id", "url": base}])

    # On the innovation: the line in its history, and nothing owed any more.
    page.goto(f"{base}/innovations/{first_id}")
    expect(page.get_by_text(re.compile(f"Laporan kemajuan “{re.escape(schedule)}” dikirim"))
           ).to_be_visible()  # fmt: skip
    page.goto(f"{base}/innovations/reports?per_page=200")
    expect(page.get_by_role("listitem").filter(has_text=first)).to_have_count(0)

    # The report and the admin's schedules, wide, in Indonesian and English.
    page = laptop
    page.goto(report_url)
    shot(page, "report-1280-id")
    page.context.add_cookies([{"name": "lang", "value": "en", "url": base}])
    page.goto(f"{base}/innovations/reports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress report schedules")
    shot(page, "schedules-1280-en")
