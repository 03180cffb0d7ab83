"""An agency behind one NAT: whatever failed sign-ins come from its one address (typos, made-up
addresses, a guesser), the right password of an account that is not itself locked signs in from
there, by the page and by the API. Wrong passwords from the address are slowed down (429 with a
Retry-After that grows), and each account's own lock still refuses even the right password."""

from __future__ import annotations

from flask import Flask

from services.identity.web import LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_IP
from tests.support.identity import PASSWORD, client_from, login_form, new_ip, new_user

WRONG = "bukan-kata-sandinya"


def test_a_nat_full_of_failures_never_locks_out_the_right_password(app: Flask) -> None:
    office = new_ip()
    client = client_from(app.test_client(), office)
    for i in range(LOGIN_FAILURES_PER_IP.count + 10):
        made_up = f"karangan-{i}-{new_ip()}@sipinda.test"
        assert login_form(client, made_up, WRONG).status_code in (401, 429)
    admin = new_user(role="admin")
    page = login_form(client_from(app.test_client(), office), admin, PASSWORD)
    assert page.status_code == 302, page.get_data(as_text=True)[:300]
    api = client_from(app.test_client(), office).post(
        "/api/v1/auth/token", json={"email": admin, "password": PASSWORD}
    )
    assert api.status_code == 200, api.json


def test_wrong_passwords_from_a_busy_address_wait_longer_and_longer(app: Flask) -> None:
    address = new_ip()
    for i in range(LOGIN_FAILURES_PER_IP.count):
        reply = client_from(app.test_client(), address).post(
            "/api/v1/auth/token", json={"email": f"acak-{i}-{new_ip()}@x.test", "password": WRONG}
        )
        assert reply.status_code == 401
    waits = []
    for i in range(3):
        reply = client_from(app.test_client(), address).post(
            "/api/v1/auth/token", json={"email": f"lagi-{i}-{new_ip()}@x.test", "password": WRONG}
        )
        assert reply.status_code == 429
        assert reply.json["error"]["message"]
        waits.append(int(reply.headers["Retry-After"]))
    assert waits == sorted(waits)
    assert waits[0] < waits[-1]


def test_an_account_locked_by_its_own_failures_refuses_even_the_right_password(app: Flask) -> None:
    account = new_user()
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT.count):  # each from another address
        assert login_form(client_from(app.test_client()), account, WRONG).status_code == 401
    locked = login_form(client_from(app.test_client()), account, PASSWORD)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
