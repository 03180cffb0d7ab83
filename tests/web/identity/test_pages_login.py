"""Sign-in: argon2id, session cookie flags, a fresh session, the account lock, rate limits
in the real Redis, and the same answer for an unknown e-mail as for a wrong password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from services.identity import lockout
from services.identity.accounts import find_user_by_email
from services.identity.lockout import LockoutPolicy, next_state
from services.identity.web import LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_IP
from shared import runtime
from tests.support.identity import (
    PASSWORD,
    client_from,
    login_form,
    new_ip,
    new_user,
)


def test_password_is_stored_as_argon2id(app: Flask) -> None:
    address = new_user()
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, address)
        assert user is not None
        assert user.password_hash.startswith("$argon2id$")


def test_login_sets_a_fresh_session_with_secure_flags(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    client.get("/login")
    before = client.get_cookie("sipinda_session")
    assert before is not None
    reply = login_form(client, address, PASSWORD)
    assert reply.status_code == 302
    header = [h for h in reply.headers.getlist("Set-Cookie") if h.startswith("sipinda_session=")]
    assert header, reply.headers
    cookie = header[0].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    after = client.get_cookie("sipinda_session")
    assert after is not None
    assert after.value != before.value
    assert client.get("/api/v1/me").get_json()["email"] == address


def test_cookie_is_secure_outside_development_and_test(sipinda_env: dict[str, str]) -> None:
    from dataclasses import replace

    from services.identity.blueprint import bp
    from shared.web.app import create_base_app

    production = replace(runtime.settings(), env="production")
    app = create_base_app("probe", production)
    app.register_blueprint(bp)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12)
    assert runtime.settings().env == "test"


def test_unknown_email_and_wrong_password_answer_alike(client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    wrong = login_form(client, address, "bukan-kata-sandinya")
    unknown = login_form(client, "tidak.ada.orangnya@sipinda.test", "bukan-kata-sandinya")
    assert wrong.status_code == unknown.status_code == 401
    assert "Email atau kata sandi salah." in wrong.get_data(as_text=True)
    assert wrong.get_data(as_text=True).replace(address, "X").count("salah") == unknown.get_data(
        as_text=True
    ).count("salah")
    api_wrong = client.post("/api/v1/auth/token", json={"email": address, "password": "x" * 12})
    api_unknown = client.post(
        "/api/v1/auth/token", json={"email": "nope@sipinda.test", "password": "x" * 12}
    )
    assert api_wrong.status_code == api_unknown.status_code == 401
    assert api_wrong.get_json() == api_unknown.get_json()


@pytest.mark.parametrize("known", [True, False], ids=["known", "unknown"])
def test_ten_failures_lock_any_address_for_fifteen_minutes(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", False)  # the lock alone
    client_from(client)
    address = new_user() if known else f"belum.terdaftar-{new_ip()}@sipinda.test"
    for _ in range(9):
        assert login_form(client, address, "salah-salah-salah").status_code == 401
    tenth = login_form(client, address, "salah-salah-salah")
    assert tenth.status_code == 429
    assert "dikunci sementara" in tenth.get_data(as_text=True)
    assert int(tenth.headers["Retry-After"]) > 14 * 60
    # Locked: even the right password is refused, on the page and on the API.
    assert login_form(client, address, PASSWORD).status_code == 429
    api = client.post(
        "/api/v1/auth/token",
        json={"email": address, "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    assert api.status_code == 429
    assert api.get_json()["error"]["code"] == "locked"
    assert "locked" in api.get_json()["error"]["message"]
    with runtime.database("identity").session() as s:
        until = lockout.locked_until(s, address, datetime.now(UTC))
        assert until is not None
        # After the lock ends the account signs in again.
        assert lockout.locked_until(s, address, until + timedelta(seconds=1)) is None


def test_lock_is_lifted_after_its_time(app: Flask, client: FlaskClient) -> None:
    client_from(client)
    address = new_user()
    past = datetime.now(UTC) - timedelta(minutes=30)
    with runtime.database("identity").session() as s:
        for _ in range(10):
            lockout.record_failure(s, address, past)
        assert lockout.locked_until(s, address, past) is not None
    assert login_form(client, address, PASSWORD).status_code == 302


def test_lock_policy_counts_consecutive_failures_and_forgets_old_ones() -> None:
    policy = LockoutPolicy(
        max_failures=3, lock_for=timedelta(minutes=15), forget_after=timedelta(minutes=15)
    )
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_state(0, None, t0, policy) == (1, None)
    assert next_state(1, t0, t0, policy) == (2, None)
    assert next_state(2, t0, t0, policy) == (0, t0 + timedelta(minutes=15))
    assert next_state(2, t0, t0 + timedelta(minutes=16), policy) == (1, None)


def test_success_clears_the_failure_count(app: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", False)
    client_from(client)
    address = new_user()
    for _ in range(9):
        login_form(client, address, "salah-salah-salah")
    assert login_form(client, address, PASSWORD).status_code == 302
    for _ in range(9):
        assert login_form(client, address, "salah-salah-salah").status_code == 401


def test_failures_per_address_are_rate_limited_across_ips(client: FlaskClient) -> None:
    address = new_user()
    limit = LOGIN_FAILURES_PER_ACCOUNT.count
    for _ in range(limit):
        client_from(client)  # a new IP every time: the per-address limit still counts
        assert login_form(client, address, "salah-salah-salah").status_code == 401
    client_from(client)
    limited = login_form(client, address, PASSWORD)
    assert limited.status_code == 429
    assert "Coba lagi dalam" in limited.get_data(as_text=True)
    assert int(limited.headers["Retry-After"]) > 0


def test_failures_per_ip_slow_down_wrong_passwords_never_the_right_one(
    client: FlaskClient,
) -> None:
    ip = new_ip()
    client_from(client, ip)
    for _ in range(LOGIN_FAILURES_PER_IP.count):
        other = f"acak-{new_ip()}@sipinda.test"
        assert login_form(client, other, "salah-salah-salah").status_code == 401
    good = new_user()
    slowed = login_form(client, good, "salah-salah-salah")
    assert slowed.status_code == 429
    assert int(slowed.headers["Retry-After"]) > 0
    # The right password of an account that is not locked signs in from the same address (an
    # agency behind one NAT is not locked out by someone else's typos or guesses).
    client_from(client, ip)
    assert login_form(client, good, PASSWORD).status_code == 302


def test_successful_logins_from_one_ip_are_never_limited(client: FlaskClient) -> None:
    ip = new_ip()
    address = new_user()
    for _ in range(LOGIN_FAILURES_PER_IP.count + 5):
        client_from(client, ip)
        reply = client.post("/api/v1/auth/token", json={"email": address, "password": PASSWORD})
        assert reply.status_code == 200


def test_password_change_ends_old_sessions_and_tokens(client: FlaskClient) -> None:
    from services.identity.accounts import set_password

    client_from(client)
    address = new_user()
    assert login_form(client, address, PASSWORD).status_code == 302
    token = client.post("/api/v1/auth/token", json={"email": address, "password": PASSWORD})
    bearer = {"Authorization": f"Bearer {token.get_json()['access_token']}"}
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, address)
        assert user is not None
        set_password(s, user, "kata-sandi-baru-456")
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_next_never_leaves_the_site(client: FlaskClient, target: str) -> None:
    from tests.support.identity import csrf_of

    client_from(client)
    address = new_user()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    reply = client.post(
        f"/login?next={target}", data={"email": address, "password": PASSWORD, "csrf_token": token}
    )
    assert reply.status_code == 302
    assert reply.headers["Location"] == "/"


def test_concurrent_failures_all_count(sipinda_env: dict[str, str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from services.identity.models import LoginThrottle

    address = f"serentak-{new_ip()}@sipinda.test"
    now = datetime.now(UTC)

    def fail(_: int) -> None:
        with runtime.database("identity").session() as s:
            lockout.record_failure(s, address, now)

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(fail, range(6)))
    with runtime.database("identity").session() as s:
        row = s.get(LoginThrottle, lockout.email_key(address))
        assert row is not None
        assert row.failures == 6


def test_a_placeholder_hash_never_matches() -> None:
    from services.identity.imports import UNUSABLE_PASSWORD
    from services.identity.passwords import verify_password

    assert not verify_password(UNUSABLE_PASSWORD, "")
    assert not verify_password(UNUSABLE_PASSWORD, "!import")
    assert not verify_password("", "")


def test_sign_in_pages_are_not_cached(client: FlaskClient) -> None:
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    assert client.get("/password/reset/tidak-ada").headers["Cache-Control"] == "no-store"
