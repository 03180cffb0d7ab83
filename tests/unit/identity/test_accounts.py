"""Identity's account changes: each is announced with the whole state, never a secret, and a
password change moves the session epoch on."""

from __future__ import annotations

import json
import secrets

from sqlalchemy import select

from services.identity import accounts
from services.identity.models import OUTBOX
from shared import runtime


def _announced(address: str) -> list[dict[str, object]]:
    with runtime.database("identity").session() as s:
        rows = s.execute(
            select(OUTBOX.events.c.envelope)
            .where(OUTBOX.events.c.name == "account.changed")
            .order_by(OUTBOX.events.c.created_at)
        ).all()
    payloads = [json.loads(r.envelope)["payload"] for r in rows]
    return [p for p in payloads if p["email"] == address]


def test_create_change_and_password_are_announced_and_nothing_else(
    sipinda_env: dict[str, str],
) -> None:
    address = f"umum-{secrets.token_hex(4)}@sipinda.test"
    with runtime.database("identity").session() as s:
        user, created = accounts.ensure_user(s, email=address, name="Ani", role="innovator",
                                             password="x" * 12, opd_code="dinkes")  # fmt: skip
        assert created
        assert not accounts.update_account(s, user, name="Ani")  # nothing changed
        assert accounts.update_account(s, user, role="operator", opd_code=None, language="en")
        accounts.set_password(s, user, "y" * 12)
        assert accounts.update_account(s, user, active=False)
    states = [(p["role"], p["opd_code"], p["language"], p["active"], p["session_epoch"])
              for p in _announced(address)]  # fmt: skip
    assert states == [
        ("innovator", "dinkes", "id", True, 0),
        ("operator", None, "en", True, 0),
        ("operator", None, "en", True, 1),
        ("operator", None, "en", False, 1),
    ]
    for payload in _announced(address):
        assert not any("password" in k or "hash" in k for k in payload)
        assert "y" * 12 not in json.dumps(payload)
