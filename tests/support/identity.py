"""Helpers of identity's tests (and others needing accounts): fresh users, CSRF tokens, mail."""

from __future__ import annotations

import email
import email.policy
import re
import secrets
from email.message import EmailMessage
from pathlib import Path

from flask.testing import FlaskClient

from services.identity.accounts import ensure_user
from services.platform.registry import deliver
from shared import runtime
from tests.support.pages import csrf_of as csrf_of
from tests.support.servers import wait_until

PASSWORD = "kata-sandi-lama-123"


def new_user(role: str = "innovator", password: str = PASSWORD, language: str = "id") -> str:
    """A fresh account (unique e-mail), so tests never share counters or locks."""
    address = f"uji-{secrets.token_hex(5)}@sipinda.test"
    with runtime.database("identity").session() as s:
        ensure_user(
            s,
            email=address,
            name="Pengguna Uji",
            role=role,
            password=password,
            opd_code="dinkes",
            language=language,
        )
    deliver(("identity",))  # every service's read model hears of it, as the relay would tell it
    return address


def new_ip() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def client_from(client: FlaskClient, ip: str | None = None) -> FlaskClient:
    client.environ_base["REMOTE_ADDR"] = ip or new_ip()
    return client


def login_form(client: FlaskClient, address: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": address, "password": password, "csrf_token": token})


def mailbox() -> Path:
    return runtime.settings().var_dir / "mailbox"


def mails_to(address: str) -> list[EmailMessage]:
    found = []
    folder = mailbox()
    for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(message["To"]):
            found.append(message)  # type: ignore[arg-type]
    return found


def wait_for_mails(address: str, count: int = 1) -> list[EmailMessage]:
    return wait_until(
        lambda: (m := mails_to(address)) and len(m) >= count and m,  # type: ignore[no-any-return]
        timeout=30,
        what=f"{count} mail(s) to {address}",
    )


def reset_link(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    match = re.search(r"https?://\S+/password/reset/(\S+)", body.get_content())
    assert match, body.get_content()
    return f"/password/reset/{match.group(1)}"
