"""Progress reports (issue 24): the admin's schedule form (errors beside their fields), the
reminders it sends at once (one per innovation and step, mailed to the team in their language),
what a team owes, a report written with figures and a file (kept while the form is shown again
with its errors), shown on its page and in the innovation's history, and who may send one."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select

from services.innovations.models import InnovationHistory, ReminderSent
from services.innovations.report_rules import today_in_jakarta
from services.notifications.models import Notification
from services.platform.registry import deliver
from shared import runtime
from shared.outbox import utcnow
from tests.support.pages import csrf_of, sign_in
from tests.support.submission import pdf_bytes, token

ADMIN = "admin@sipinda.test"
INNOVATOR = "inovator.dinkes@sipinda.test"
OPERATOR = "operator.dinkes@sipinda.test"
OTHER = "inovator.disdukcapil@sipinda.test"
VERIFIER = "verifikator@sipinda.test"
PDF = pdf_bytes("bukti laporan")


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


def innovation(client: FlaskClient, stage: str = "penerapan", **fields: object) -> int:
    body = {"title": unique("Laporan Sehat"), "stage": stage, **fields}
    made = client.post("/api/v1/innovations", headers=token(client, INNOVATOR), json=body)
    assert made.status_code == 201, made.json
    return int(made.json["id"])


def schedule(client: FlaskClient, csrf: str, title: str, days_ahead: int, **fields: str) -> int:
    due = today_in_jakarta(utcnow()) + timedelta(days=days_ahead)
    data = {"csrf_token": csrf, "title": title, "stage": "penerapan", "year": str(due.year),
            "due_on": due.isoformat(), "remind_days": "7", **fields}  # fmt: skip
    reply = client.post("/innovations/reports", data=data)
    assert reply.status_code == 302, reply.get_data(as_text=True)[:3000]
    return int(reply.headers["Location"].rsplit("#schedule-", 1)[1])


def test_the_schedule_form_shows_each_problem_beside_its_field(client: FlaskClient) -> None:
    csrf = sign_in(client, ADMIN)
    reply = client.post("/innovations/reports", data={
        "csrf_token": csrf, "title": "x", "stage": "selesai", "year": "20x7", "due_on": "31-06",
        "remind_days": "-1"})  # fmt: skip
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    for field in ("title", "stage", "year", "due_on", "remind_days"):
        assert f'id="{field}-error"' in page, field
    assert "Tulis tahun dengan empat angka" in page
    assert 'value="x"' in page


def test_a_schedule_saved_reminds_the_team_at_once_and_once(client: FlaskClient) -> None:
    innovation_id = innovation(client)
    csrf = sign_in(client, ADMIN)
    title = unique("Laporan kemajuan penerapan")
    schedule_id = schedule(client, csrf, title, days_ahead=3)
    listed = client.get("/innovations/reports").get_data(as_text=True)
    assert title in listed
    assert "7 hari sebelumnya" in listed
    row = listed.split(f'<td lang="id">{title}</td>', 1)[1].split("</tr>", 1)[0]
    assert "0 terkirim" in row  # and how many still owe it
    with runtime.database("innovations").session() as s:
        sent = s.scalars(
            select(ReminderSent).where(
                ReminderSent.schedule_id == schedule_id, ReminderSent.innovation_id == innovation_id
            )
        )
        assert [r.step for r in sent] == [0]
    deliver(("innovations",))
    from services.innovations import reminders

    with runtime.database("innovations").session() as s:  # the beat's run the same day: nothing
        reminders.remind(s, utcnow(), schedule_ids=(schedule_id,))
    deliver(("innovations",))
    with runtime.database("notifications").session() as s:
        mails = s.scalars(select(Notification).where(
            Notification.kind == "report_due",
            Notification.link == f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}",
        )).all()  # fmt: skip
    assert [m.recipient_email for m in mails] == [INNOVATOR]
    assert title in mails[0].body_text
    assert "Tulis laporan" in mails[0].body_html


def test_a_report_is_written_with_figures_and_a_file_and_shown(client: FlaskClient) -> None:
    innovation_id = innovation(client)
    admin = app_client(client)
    schedule_id = schedule(admin, sign_in(admin, ADMIN), unique("Laporan tahunan"), 30)
    csrf = sign_in(client, INNOVATOR)
    owed = client.get("/innovations/reports?per_page=200").get_data(as_text=True)
    assert f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}" in owed
    path = f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}"
    form = client.get(path)
    assert form.status_code == 200
    assert 'id="label-1"' in form.get_data(as_text=True)
    # No figure: the form comes back with the error, what was typed and the file kept.
    reply = client.post(path, data={
        "csrf_token": csrf, "done": "Layanan dibuka di 9 puskesmas.", "beneficiaries": "Warga",
        "label": ["", ""], "value": ["", ""], "unit": ["", ""],
        "files": [(io.BytesIO(PDF), "bukti.pdf")]}, content_type="multipart/form-data")  # fmt: skip
    assert reply.status_code == 422
    page = reply.get_data(as_text=True)
    assert "Isi paling sedikit satu capaian dalam angka." in page
    assert "Layanan dibuka di 9 puskesmas." in page
    assert "bukti.pdf" in page
    kept = page.split('name="kept" value="', 1)[1].split('"', 1)[0]
    # A half row is named by its row.
    half = client.post(path, data={"csrf_token": csrf, "done": "x", "label": ["Warga", ""],
                                   "value": ["", ""], "unit": ["", ""], "kept": kept})  # fmt: skip
    assert half.status_code == 422
    assert "Baris angka 1" in half.get_data(as_text=True)
    typed = {
        "csrf_token": csrf, "done": "Layanan dibuka di 9 puskesmas.", "beneficiaries": "Warga",
        "label": ["Warga terlayani", "Waktu layanan dihemat"], "value": ["1.250", "2"],
        "unit": ["orang", "jam"], "kept": kept}  # fmt: skip
    asked = client.post(path, data=typed)  # asked first: nothing sent yet
    assert asked.status_code == 200
    question = asked.get_data(as_text=True)
    assert "Kirim laporan ini?" in question
    assert f'name="kept" value="{kept}"' in question
    edit = client.post(path, data={**typed, "confirm": "yes", "action": "edit"})
    assert 'value="Waktu layanan dihemat"' in edit.get_data(as_text=True)  # back to the form
    sent = client.post(path, data={**typed, "confirm": "yes", "action": "send"})
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
    shown = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Warga terlayani" in shown
    assert "1.250" in shown
    assert "orang" in shown
    file_path = next(
        p.split('"', 1)[0] for p in shown.split('href="') if "/files/" in p.split('"')[0]
    )
    opened = client.get(file_path)
    assert opened.status_code == 200
    assert opened.data == PDF
    with runtime.database("innovations").session() as s:
        lines = s.scalars(select(InnovationHistory).where(
            InnovationHistory.innovation_id == innovation_id,
            InnovationHistory.kind == "report")).all()  # fmt: skip
        assert [set(line.detail) for line in lines] == [{"report_id", "schedule", "by"}]
    listed = client.get(f"/api/v1/innovations/{innovation_id}/reports",
                        headers=token(client, INNOVATOR)).json  # fmt: skip
    assert listed[0]["figures"][0] == {"label": "Warga terlayani", "value": "1.250",
                                       "unit": "orang"}  # fmt: skip
    assert len(listed[0]["files"]) == 1
    profile = client.get(f"/innovations/{innovation_id}").get_data(as_text=True)
    assert sent.headers["Location"].split("localhost")[-1] in profile  # the history links to it
    again = client.get(path)
    assert again.status_code == 409
    assert "sudah dikirim" in again.get_data(as_text=True)


def app_client(client: FlaskClient) -> FlaskClient:
    return client.application.test_client()


def test_only_the_team_or_its_operator_sends_a_report(client: FlaskClient) -> None:
    innovation_id = innovation(client)
    admin = app_client(client)
    schedule_id = schedule(admin, sign_in(admin, ADMIN), unique("Laporan akses"), 30)
    body = {"schedule_id": schedule_id, "done": "Berjalan",
            "figures": [{"label": "Warga", "value": "10", "unit": "orang"}]}  # fmt: skip
    url = f"/api/v1/innovations/{innovation_id}/reports"
    assert client.post(url, headers=token(client, OTHER), json=body).status_code == 404
    assert client.post(url, headers=token(client, VERIFIER), json=body).status_code == 403
    assert client.post(url, headers=token(client, ADMIN), json=body).status_code == 403
    empty = client.post(url, headers=token(client, OPERATOR), json={**body, "figures": []})
    assert empty.status_code == 422
    made = client.post(url, headers=token(client, OPERATOR), json=body)
    assert made.status_code == 201, made.json
    assert made.json["figures"] == body["figures"]
    twice = client.post(url, headers=token(client, INNOVATOR), json=body)
    assert twice.status_code == 409


def test_an_innovation_at_another_stage_does_not_owe_the_report(client: FlaskClient) -> None:
    innovation_id = innovation(client, stage="inisiatif")
    admin = app_client(client)
    schedule_id = schedule(admin, sign_in(admin, ADMIN), unique("Laporan tahap"), 2)
    with runtime.database("innovations").session() as s:
        assert s.scalar(select(ReminderSent.id).where(
            ReminderSent.schedule_id == schedule_id,
            ReminderSent.innovation_id == innovation_id)) is None  # fmt: skip
    sign_in(client, INNOVATOR)
    reply = client.get(f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}")
    assert reply.status_code == 409


def test_the_owed_list_says_overdue_in_words(client: FlaskClient) -> None:
    innovation_id = innovation(client)
    admin = app_client(client)
    title = unique("Laporan terlambat")
    schedule(admin, sign_in(admin, ADMIN), title, -2)
    sign_in(client, INNOVATOR)
    page = client.get("/innovations/reports?per_page=200").get_data(as_text=True)
    row = page.split(title, 1)[1].split("</li>", 1)[0]
    assert "Terlambat" in row
    assert f"/innovations/{innovation_id}" in page
    english = client.get("/innovations/reports?per_page=200",
                         headers={"Accept-Language": "en"}).get_data(as_text=True)  # fmt: skip
    assert "Overdue" in english.split(title, 1)[1].split("</li>", 1)[0]
    assert csrf_of(page)


def test_a_closed_schedule_is_owed_by_nobody_and_reminds_nobody(client: FlaskClient) -> None:
    innovation_id = innovation(client)
    csrf = sign_in(client, ADMIN)
    title = unique("Laporan ditutup")
    schedule_id = schedule(client, csrf, title, -20)
    asked = client.get(f"/innovations/reports/{schedule_id}/close")
    assert "Tutup jadwal laporan ini?" in asked.get_data(as_text=True)
    unconfirmed = client.post(
        f"/innovations/reports/{schedule_id}/close", data={"csrf_token": csrf}
    )
    assert unconfirmed.status_code == 200  # the question again, nothing closed
    closed = client.post(f"/innovations/reports/{schedule_id}/close",
                         data={"csrf_token": csrf, "confirm": "yes"})  # fmt: skip
    assert closed.status_code == 302
    listed = client.get("/innovations/reports?per_page=200").get_data(as_text=True)
    assert "Ditutup" in listed.split(f'<td lang="id">{title}</td>', 1)[1].split("</tr>", 1)[0]
    from services.innovations import reminders

    with runtime.database("innovations").session() as s:
        assert reminders.remind(s, utcnow() + timedelta(days=7), schedule_ids=(schedule_id,)) == 0
    innovator = app_client(client)
    sign_in(innovator, INNOVATOR)
    owed = innovator.get("/innovations/reports?per_page=200").get_data(as_text=True)
    assert title not in owed
    path = f"/innovations/{innovation_id}/reports/new?schedule={schedule_id}"
    assert innovator.get(path).status_code == 404


def test_the_verifier_sees_what_is_not_sent_without_writing_it(client: FlaskClient) -> None:
    innovation(client)
    admin = app_client(client)
    title = unique("Laporan pantauan")
    schedule(admin, sign_in(admin, ADMIN), title, 5)
    sign_in(client, VERIFIER)
    page = client.get("/innovations/reports?per_page=200").get_data(as_text=True)
    assert "Laporan kemajuan yang belum dikirim" in page
    assert title in page
    assert "Tulis laporan" not in page
