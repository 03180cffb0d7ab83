"""The admin's system page: health in plain words, for the admin only."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient

from services.platform.console.audit import Filters, read, to_csv
from shared.web.i18n import translate_in
from tests.support.pages import sign_in

PASSWORD = "rahasia-demo"


def bearer(client: FlaskClient, email: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert reply.status_code == 200, reply.json
    return {"Authorization": f"Bearer {reply.json['access_token']}"}


def test_the_admin_reads_the_system_health(client: FlaskClient) -> None:
    reply = client.get("/api/v1/admin/system", headers=bearer(client, "admin@sipinda.test"))
    assert reply.status_code == 200, reply.json
    report = reply.json
    assert report["status"] in {"ok", "warn", "bad"}
    assert set(report["queues"]) == {
        "submission", "review", "documents", "notifications", "innovations", "confirmations",
    }  # fmt: skip
    assert set(report["outboxes"]) == set(report["queues"]) - {"confirmations"}
    assert isinstance(report["trouble"], list)
    assert all(line["text"] and not line["text"].startswith("health.") for line in report["lines"])
    # No worker runs beside this in-process app: the page says so rather than staying silent.
    assert "health.no_workers" in {line["key"] for line in report["lines"]}


def test_the_page_speaks_the_readers_language(client: FlaskClient) -> None:
    headers = bearer(client, "admin@sipinda.test")
    english = client.get("/api/v1/admin/system", headers={**headers, "Accept-Language": "en"})
    texts = " ".join(line["text"] for line in english.json["lines"])
    assert "No worker answers" in texts


def test_nobody_else_sees_it(client: FlaskClient) -> None:
    for email in ("inovator.dinkes@sipinda.test", "verifikator@sipinda.test"):
        reply = client.get("/api/v1/admin/system", headers=bearer(client, email))
        assert reply.status_code == 403
        assert reply.json["error"]["message"]
    assert client.get("/api/v1/admin/system").status_code == 401


def test_the_page_shows_the_lines_to_the_admin(client: FlaskClient) -> None:
    from tests.support.pages import sign_in

    sign_in(client, "admin@sipinda.test")
    page = client.get("/admin/system", headers={"Accept-Language": "id"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Kesehatan sistem" in html
    assert "Tidak ada pekerja yang menjawab" in html


def test_the_audit_log_says_who_did_what_from_where(client: FlaskClient) -> None:
    innovator = bearer(client, "inovator.dinkes@sipinda.test")
    made = client.post(
        "/api/v1/proposals",
        json={"title": "Jejak Audit", "summary": "Isi."},
        headers=innovator,
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    if made.status_code != 201:  # the portal asks for more fields: covered by its own tests
        return
    proposal_id = made.json["id"]
    client.post(
        f"/api/v1/proposals/{proposal_id}/submit",
        headers=innovator,
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    admin = bearer(client, "admin@sipinda.test")
    rows = client.get(f"/api/v1/admin/audit?proposal={proposal_id}", headers=admin).json
    submitted = [r for r in rows if r["action"] == "proposal.submitted"]
    assert len(submitted) == 1
    assert submitted[0]["role"] == "innovator"
    assert submitted[0]["ip"] == "10.1.2.3"
    assert submitted[0]["user_id"]
    csv_reply = client.get(f"/admin/audit.csv?proposal={proposal_id}", headers=admin)
    assert csv_reply.status_code in (200, 302)  # pages sign in by cookie; the API above by token


def test_a_bad_filter_is_a_clear_400(client: FlaskClient) -> None:
    admin = bearer(client, "admin@sipinda.test")
    reply = client.get("/api/v1/admin/audit?proposal=abc&from=28-11-2026", headers=admin)
    assert reply.status_code == 400
    assert set(reply.json["error"]["fields"]) == {"proposal", "from"}
    assert "TTTT-BB-HH" in reply.json["error"]["fields"]["from"]


def test_admin_actions_are_in_the_audit_log_with_their_reason(client: FlaskClient) -> None:
    admin = bearer(client, "admin@sipinda.test")
    call_id = client.get("/api/v1/calls", headers=admin).json[0]["id"]
    extended = client.post(
        f"/api/v1/calls/{call_id}/extend",
        json={"closes_at": "2030-08-01T00:00:00", "reason": "=listrik padam di kecamatan"},
        headers=admin,
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert extended.status_code == 200, extended.json
    rows = client.get("/api/v1/admin/audit?action=admin.call.extend", headers=admin).json
    action = rows[0]
    assert action["reason"] == "=listrik padam di kecamatan"
    assert action["ip"] == "10.9.8.7"
    assert action["role"] == "admin"
    exported = to_csv(
        read(Filters(action="admin.call.extend")),
        lambda key: translate_in("id", key), lambda action: action, {},
    )  # fmt: skip
    assert "'=listrik padam" in exported  # a reason never runs as a spreadsheet formula


def test_the_audit_csv_is_written_in_the_admins_language(client: FlaskClient) -> None:
    admin = bearer(client, "admin@sipinda.test")
    call_id = client.get("/api/v1/calls", headers=admin).json[0]["id"]
    extended = client.post(
        f"/api/v1/calls/{call_id}/extend",
        json={"closes_at": "2030-08-01T00:00:00", "reason": "Banjir"}, headers=admin,
    )  # fmt: skip
    assert extended.status_code == 200, extended.json
    sign_in(client, "admin@sipinda.test")
    client.set_cookie("lang", "en")
    reply = client.get("/admin/audit.csv?action=admin.call.extend")
    assert reply.status_code == 200
    rows = list(csv.reader(io.StringIO(reply.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["Time", "Action", "User", "Role"]
    heads = rows[0]
    first = dict(zip(heads, rows[1], strict=True))
    assert first["Role"] == "Bappedalitbang admin"
    assert first["Action code"] == "admin.call.extend"
    assert first["Action"] != "admin.call.extend"
    assert first["User"]
    assert not first["User"].isdigit()
