"""Password reset by an e-mailed one-time link: sent through the real SMTP sink, stored
hashed, single use, expiring, and silent about which addresses have accounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from services.identity.models import PasswordReset, User
from services.identity.reset import token_hash
from shared import runtime
from tests.support.identity import (
    PASSWORD,
    client_from,
    csrf_of,
    login_form,
    mails_to,
    new_user,
    reset_link,
    wait_for_mails,
)

NEW_PASSWORD = "kata-sandi-baru-789"


@pytest.fixture(autouse=True)
def _mail_before_answer(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "ACCOUNT_MAIL_WAIT", True)


def ask_for_link(client: FlaskClient, address: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/password/forgot").get_data(as_text=True))
    return client.post("/password/forgot", data={"email": address, "csrf_token": token})


def set_password(client: FlaskClient, link: str, password: str, confirm: str | None = None):  # type: ignore[no-untyped-def]
    page = client.get(link)
    assert page.status_code == 200, page.get_data(as_text=True)
    token = csrf_of(page.get_data(as_text=True))
    data = {"password": password, "confirm": confirm or password, "csrf_token": token}
    return client.post(link, data=data)


def test_reset_by_link_once(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    asked = ask_for_link(client, address)
    assert asked.status_code == 200
    assert "Jika email tersebut terdaftar" in asked.get_data(as_text=True)
    [message] = wait_for_mails(address)
    assert "atur ulang kata sandi" in str(message["Subject"])
    link = reset_link(message)
    assert link.startswith("/password/reset/")
    done = set_password(client, link, NEW_PASSWORD)
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/login")
    assert "Kata sandi telah diubah" in client.get("/login").get_data(as_text=True)
    assert login_form(client, address, PASSWORD).status_code == 401
    assert login_form(client, address, NEW_PASSWORD).status_code == 302
    # The link is spent: the page and the API both refuse it.
    again = client.get(link)
    assert again.status_code == 400
    assert "tidak berlaku" in again.get_data(as_text=True)
    token = link.rsplit("/", 1)[1]
    api = client.post(
        "/api/v1/auth/password/reset", json={"token": token, "password": "lagi-lagi-12345"}
    )
    assert api.status_code == 400
    assert api.get_json()["error"]["code"] == "invalid_token"


def test_only_the_hash_of_the_token_is_stored(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    ask_for_link(client, address)
    token = reset_link(wait_for_mails(address)[0]).rsplit("/", 1)[1]
    with runtime.database("identity").session() as s:
        stored = s.scalars(select(PasswordReset.token_hash)).all()
    assert token_hash(token) in stored
    assert token not in stored


def test_an_expired_link_is_refused(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    ask_for_link(client, address)
    link = reset_link(wait_for_mails(address)[0])
    digest = token_hash(link.rsplit("/", 1)[1])
    with runtime.database("identity").session() as s:
        s.execute(
            update(PasswordReset)
            .where(PasswordReset.token_hash == digest)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert client.get(link).status_code == 400
    token = csrf_of(client.get("/login").get_data(as_text=True))
    refused = client.post(
        link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 400
    assert login_form(client, address, PASSWORD).status_code == 302


def test_a_newer_link_replaces_the_older(app: Flask, client: FlaskClient) -> None:
    client_from(client)
    address = new_user(language="en")
    ask_for_link(client, address)
    ask_for_link(client, address)
    first, second = wait_for_mails(address, 2)[:2]
    assert "reset your password" in str(first["Subject"])
    assert client.get(reset_link(first)).status_code == 400
    assert set_password(client, reset_link(second), NEW_PASSWORD).status_code == 302


def test_unknown_email_gets_the_same_answer_and_no_mail(client: FlaskClient) -> None:
    client_from(client)
    known = new_user()
    unknown = "tidak-pernah-ada@sipinda.test"
    a, b = ask_for_link(client, known), ask_for_link(client, unknown)
    assert a.status_code == b.status_code == 200
    assert a.get_data() == b.get_data()
    api_known = client.post("/api/v1/auth/password/forgot", json={"email": new_user()})
    api_unknown = client.post("/api/v1/auth/password/forgot", json={"email": unknown})
    assert api_known.status_code == api_unknown.status_code == 202
    assert api_known.get_json() == api_unknown.get_json()
    wait_for_mails(known)
    assert mails_to(unknown) == []


def test_weak_or_mismatched_passwords_are_refused_and_the_link_stays(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    ask_for_link(client, address)
    link = reset_link(wait_for_mails(address)[0])
    short = set_password(client, link, "pendek")
    assert short.status_code == 422
    assert "minimal 10 karakter" in short.get_data(as_text=True)
    differ = set_password(client, link, NEW_PASSWORD, "lain-lagi-sekali")
    assert differ.status_code == 422
    assert "tidak sama" in differ.get_data(as_text=True)
    assert set_password(client, link, NEW_PASSWORD).status_code == 302


def test_api_reset_and_validation(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    assert client.post("/api/v1/auth/password/forgot", json={"email": address}).status_code == 202
    token = reset_link(wait_for_mails(address)[0]).rsplit("/", 1)[1]
    weak = client.post("/api/v1/auth/password/reset", json={"token": token, "password": "abc"})
    assert weak.status_code == 422
    assert "password" in weak.get_json()["error"]["fields"]
    ok = client.post("/api/v1/auth/password/reset", json={"token": token, "password": NEW_PASSWORD})
    assert ok.status_code == 200
    signed = client.post("/api/v1/auth/token", json={"email": address, "password": NEW_PASSWORD})
    assert signed.status_code == 200
    bad = client.post("/api/v1/auth/password/forgot", json={"email": "bukan email"})
    assert bad.status_code == 422


def test_reset_lifts_the_lock_and_ends_old_sessions(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", False)
    client_from(client)
    address = new_user()
    other = app.test_client()
    client_from(other)
    assert login_form(other, address, PASSWORD).status_code == 302
    for _ in range(10):
        login_form(client, address, "salah-salah-salah")
    assert login_form(client, address, PASSWORD).status_code == 429
    ask_for_link(client, address)
    assert (
        set_password(client, reset_link(wait_for_mails(address)[0]), NEW_PASSWORD).status_code
        == 302
    )
    assert other.get("/api/v1/me").status_code == 401
    assert login_form(client, address, NEW_PASSWORD).status_code == 302


def test_requests_for_one_address_are_rate_limited(client: FlaskClient) -> None:
    address = new_user()
    for _ in range(3):
        client_from(client)
        assert ask_for_link(client, address).status_code == 200
    client_from(client)
    limited = ask_for_link(client, address)
    assert limited.status_code == 429
    assert "Retry-After" in limited.headers
    with runtime.database("identity").session() as s:
        user = s.scalars(select(User).where(User.email == address)).one()
        count = len(s.scalars(select(PasswordReset).where(PasswordReset.user_id == user.id)).all())
    assert count == 3
