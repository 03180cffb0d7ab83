"""The inbox, preferences and failed deliveries over HTTP (Flask's test client on the real app,
real SQLite, real SMTP server): what a refused mail leaves behind, and opting out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.identity.accounts import account_of, ensure_user, find_user_by_email
from services.identity.models import Base as IdentityBase
from services.notifications.app import create_app
from services.notifications.consumers import CONSUMER
from shared import runtime
from shared.db import Database
from shared.events import Envelope
from shared.web.auth import Claims, cookie_values, issue_token
from tests.support.notifications import SmtpServer, envelope_of, every_notice

INNOVATOR_EMAIL = "siti@opd.example.go.id"


def ignore(envelope: Envelope, consumer: str) -> None:
    pass


@dataclass
class Web:
    app: Flask
    client: FlaskClient
    tokens: dict[str, str]

    def call(self, method: str, path: str, who: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[who]}", "Accept-Language": "en"}
        return self.client.open(path, method=method, headers=headers, **kwargs)


@pytest.fixture
def web(live_runtime: Database) -> Web:
    identity = runtime.database("identity")
    IdentityBase.metadata.create_all(identity.engine)
    ids, claims = {}, {}
    with identity.session() as session:
        for email, role in ((INNOVATOR_EMAIL, "innovator"), ("admin@sipinda.test", "admin")):
            user, _ = ensure_user(
                session, email=email, name=email, role=role, password="x" * 12, opd_code=None
            )
            session.flush()
            ids[role] = user.id
            claims[role] = Claims.of_account(account_of(user))
    assert ids["innovator"] == 1  # the events' innovator is user 7; see `notify`
    app = create_app(runtime.settings())
    with app.app_context():
        tokens = {role: issue_token(signed) for role, signed in claims.items()}
    return Web(app, app.test_client(), tokens)


def notify(kind: str, user_id: int = 1) -> None:
    """The notice of `kind` for the signed-in innovator (user 1)."""
    event = next(e for k, e, _ in every_notice("id") if k == kind)
    field = "owner" if hasattr(event, "owner") else "innovator"
    person = getattr(event, field).model_copy(update={"id": user_id})
    CONSUMER.handle(envelope_of(event.model_copy(update={field: person})).to_wire(), ignore)


def test_refused_mail_fails_shows_to_the_admin_and_stays_in_the_inbox(
    web: Web, smtp_server: SmtpServer
) -> None:
    smtp_server.recorder.answer = "550 5.1.1 <siti@opd.example.go.id>: Recipient unknown"

    notify("submission_received")

    failed = web.call("GET", "/api/v1/notifications/failed", "admin").get_json()
    assert [(f["recipient_email"], f["server_answer"], f["attempts"]) for f in failed] == [
        (INNOVATOR_EMAIL, "550 5.1.1 <siti@opd.example.go.id>: Recipient unknown", 1)
    ]
    page = web.call("GET", "/admin/notifications/failed", "admin")
    assert page.status_code == 200
    assert "Recipient unknown" in page.get_data(as_text=True)
    assert web.call("GET", "/api/v1/notifications/failed", "innovator").status_code == 403

    inbox = web.call("GET", "/api/v1/notifications", "innovator").get_json()
    assert inbox["unread"] == 1
    (item,) = inbox["items"]
    assert (item["kind"], item["email_status"], item["link"], item["read"]) == (
        "submission_received",
        "failed",
        "/proposals/42",
        False,
    )
    assert "versi 2" in item["text"]
    attempts = web.call("GET", f"/api/v1/notifications/{item['id']}/attempts", "admin").get_json()
    assert [(a["channel"], a["outcome"]) for a in attempts] == [("email", "permanent")]
    assert attempts[0]["answer"].startswith("550 5.1.1")


def test_inbox_lists_counts_and_marks_read_only_ones_own(web: Web) -> None:
    notify("submission_received")
    notify("decision_made")
    items = web.call("GET", "/api/v1/notifications", "innovator").get_json()["items"]
    assert [i["kind"] for i in items] == ["decision_made", "submission_received"]

    assert (
        web.call("POST", f"/api/v1/notifications/{items[0]['id']}/read", "admin").status_code == 404
    )
    assert (
        web.call("POST", f"/api/v1/notifications/{items[0]['id']}/read", "innovator").status_code
        == 200
    )

    # The page's form too (found by the abuse suite: it answered someone else's notice with the
    # same redirect as one's own): not found, and it stays unread.
    browser = web.app.test_client()
    # Signed out, on the notifications service's own app (no sign-in page of its own): sent to
    # /login, which nginx routes to the service that has it.
    away = browser.get("/notifications?belum=1")
    assert (away.status_code, away.headers["Location"]) == (
        302,
        "/login?next=/notifications?belum%3D1",
    )
    with runtime.database("identity").session() as session, web.app.app_context():
        admin = find_user_by_email(session, "admin@sipinda.test")
        assert admin is not None
        with browser.session_transaction() as cookie:  # signed in as the account page does
            signed = Claims.of_account(account_of(admin), sid="inbox-test")
            cookie.update(cookie_values(signed), csrf="t")
    form = {"csrf_token": "t"}
    assert browser.post(f"/notifications/{items[1]['id']}/read", data=form).status_code == 404

    count = web.call("GET", "/api/v1/notifications/unread-count", "innovator").get_json()
    assert count == {"unread": 1}
    unread = web.call("GET", "/api/v1/notifications?unread=1", "innovator").get_json()["items"]
    assert [i["kind"] for i in unread] == ["submission_received"]
    assert web.call("GET", "/api/v1/notifications?limit=0", "innovator").status_code == 400
    page = web.call("GET", "/notifications", "innovator")
    assert page.status_code == 200
    assert 'href="/proposals/42"' in page.get_data(as_text=True)


def test_opted_out_notice_is_not_mailed_but_kept_in_the_inbox(
    web: Web, smtp_server: SmtpServer
) -> None:
    off = {"kind": "dossier_ready", "enabled": False}
    assert (
        web.call("PUT", "/api/v1/notifications/preferences", "innovator", json=off).status_code
        == 200
    )

    notify("dossier_ready")
    notify("submission_received")

    assert [str(m["Subject"]).strip()[:16] for m in smtp_server.messages] == ["Proposal diterim"]
    items = web.call("GET", "/api/v1/notifications", "innovator").get_json()["items"]
    assert [(i["kind"], i["email_status"]) for i in items] == [
        ("submission_received", "sent"),
        ("dossier_ready", "opted_out"),
    ]
    prefs = web.call("GET", "/api/v1/notifications/preferences", "innovator").get_json()
    assert {"kind": "dossier_ready", "enabled": False, "mandatory": False} in prefs


def test_a_mandatory_notice_cannot_be_turned_off(web: Web) -> None:
    body = {"kind": "decision_made", "enabled": False}
    answer = web.call("PUT", "/api/v1/notifications/preferences", "innovator", json=body)

    assert answer.status_code == 400
    assert answer.get_json()["error"]["message"] == (
        "The decision_made notice is mandatory and cannot be turned off."
    )
    unknown = {"kind": "spam", "enabled": False}
    answer = web.call("PUT", "/api/v1/notifications/preferences", "innovator", json=unknown)
    assert answer.status_code == 400
    assert "Unknown kind" in answer.get_json()["error"]["message"]


def test_one_click_unsubscribe_from_the_mail_header(web: Web, smtp_server: SmtpServer) -> None:
    notify("dossier_ready")
    (message,) = smtp_server.messages
    url = str(message["List-Unsubscribe"]).strip("<>")
    path = url.removeprefix("https://sipinda.example.go.id")

    assert "Matikan" in web.client.get(path).get_data(as_text=True)  # GET changes nothing
    prefs = web.call("GET", "/api/v1/notifications/preferences", "innovator").get_json()
    assert {"kind": "dossier_ready", "enabled": True, "mandatory": False} in prefs

    answer = web.client.post(path, data="List-Unsubscribe=One-Click")
    assert answer.status_code == 200
    prefs = web.call("GET", "/api/v1/notifications/preferences", "innovator").get_json()
    assert {"kind": "dossier_ready", "enabled": False, "mandatory": False} in prefs
    assert web.client.post(path + "x").status_code == 400


def test_the_page_header_can_show_the_unread_count(web: Web) -> None:
    notify("submission_received")
    unread = web.app.jinja_env.globals["notifications_unread"]

    with web.app.test_request_context(
        headers={"Authorization": f"Bearer {web.tokens['innovator']}"}
    ):
        assert unread() == 1  # type: ignore[operator]
    with web.app.test_request_context():
        assert unread() == 0  # type: ignore[operator]
