"""What the development setup must not open: a token signed with the published development
secret signs nobody in (each installation signs with its own, tests/unit/shared/
test_installation_secret.py); a token lacking what revocation needs (the account's session
stamp, its own id) signs nobody in; the dev mailbox, which shows password-reset links, is read
only by a signed-in admin and only from this machine."""

from __future__ import annotations

import pytest
from flask import Flask
from itsdangerous import URLSafeTimedSerializer

from services.identity.accounts import find_user_by_email
from shared import runtime
from shared.config import DEFAULT_SECRET
from tests.support.identity import PASSWORD, client_from, new_user

SALT = "sipinda.api-token"


def claims_of(address: str) -> dict[str, object]:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, address)
        assert user is not None
        epoch = user.session_epoch or 0
        return {"uid": user.id, "em": user.email, "nm": user.name, "ro": user.role,
                "op": user.opd_code, "la": "id", "ep": epoch, "sid": "x" * 22}  # fmt: skip


def bearer(secret: str, claims: dict[str, object]) -> dict[str, str]:
    return {"Authorization": "Bearer " + URLSafeTimedSerializer(secret, salt=SALT).dumps(claims)}


def test_a_token_forged_with_the_development_secret_signs_nobody_in(app: Flask) -> None:
    assert app.config["SECRET_KEY"] != DEFAULT_SECRET
    admin = new_user(role="admin")
    forged = bearer(DEFAULT_SECRET, claims_of(admin))
    client = app.test_client()
    assert client.get("/api/v1/me", headers=forged).status_code == 401
    assert client.get("/api/v1/review/evaluators", headers=forged).status_code == 401
    genuine = bearer(app.config["SECRET_KEY"], claims_of(admin))  # the control: same claims
    assert client.get("/api/v1/me", headers=genuine).status_code == 200


@pytest.mark.parametrize("missing", ["ep", "sid"])
def test_a_token_without_its_stamp_or_id_signs_nobody_in(app: Flask, missing: str) -> None:
    claims = claims_of(new_user(role="admin"))
    del claims[missing]
    reply = app.test_client().get("/api/v1/me", headers=bearer(app.config["SECRET_KEY"], claims))
    assert reply.status_code == 401


def signed_in_from(app: Flask, ip: str, address: str | None) -> object:
    client = client_from(app.test_client(), ip)
    headers = {}
    if address is not None:
        reply = client.post("/api/v1/auth/token", json={"email": address, "password": PASSWORD})
        headers = {"Authorization": f"Bearer {reply.json['access_token']}"}
    return client.get("/dev/mailbox", headers=headers)


def test_the_dev_mailbox_is_the_admins_on_this_machine_only(app: Flask) -> None:
    admin, innovator = new_user(role="admin"), new_user()
    anonymous = signed_in_from(app, "127.0.0.1", None)
    assert anonymous.status_code == 302  # type: ignore[attr-defined]
    assert "/login" in anonymous.headers["Location"]  # type: ignore[attr-defined]
    assert signed_in_from(app, "127.0.0.1", innovator).status_code == 403  # type: ignore[attr-defined]
    assert signed_in_from(app, "10.1.2.3", admin).status_code == 404  # type: ignore[attr-defined]
    assert signed_in_from(app, "192.168.1.20", None).status_code == 404  # type: ignore[attr-defined]
    assert signed_in_from(app, "127.0.0.1", admin).status_code == 200  # type: ignore[attr-defined]
    assert signed_in_from(app, "::1", admin).status_code == 200  # type: ignore[attr-defined]
