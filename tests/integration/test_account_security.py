"""Account security against a real deployment (gunicorn with two worker processes, the real
Redis and SMTP sink): limits and locks hold across processes; the reset mail arrives and its
link works once."""

from __future__ import annotations

import re
import secrets

from services.identity.accounts import ensure_user
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

PASSWORD = "kata-sandi-lama-123"


def new_account(deployment: Deployment) -> str:
    address = f"integrasi-{secrets.token_hex(4)}@sipinda.test"
    with deployment.db("identity").session() as s:
        ensure_user(s, email=address, name="Uji Integrasi", role="innovator",
                    password=PASSWORD, opd_code="dinkes")  # fmt: skip
    return address


def test_failures_are_counted_across_web_processes(deployment: Deployment) -> None:
    api = deployment.api()
    address = new_account(deployment)
    statuses = [
        api.post("/api/v1/auth/token", {"email": address, "password": "salah-salah"}).status
        for _ in range(5)
    ]
    assert statuses == [401] * 5
    # Whichever of the two processes answers now, the address has used its attempts.
    limited = api.post("/api/v1/auth/token", {"email": address, "password": PASSWORD})
    assert limited.status == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.json()["error"]["code"] == "rate_limited"


def test_reset_mail_arrives_and_the_link_works_once(deployment: Deployment) -> None:
    api = deployment.api()
    address = new_account(deployment)
    asked = api.post("/api/v1/auth/password/forgot", {"email": address})
    assert asked.status == 202
    unknown = api.post("/api/v1/auth/password/forgot", {"email": "siapa@sipinda.test"})
    assert unknown.status == 202
    assert unknown.json() == asked.json()

    def the_mail():  # type: ignore[no-untyped-def]
        return [m for m in deployment.mails() if address in str(m["To"])]

    [mail] = wait_until(the_mail, timeout=30, what="the reset mail")
    body = mail.get_body(("plain",))
    assert body is not None
    match = re.search(r"(https?://\S+)/password/reset/(\S+)", body.get_content())
    assert match
    assert match.group(1) == deployment.settings.base_url
    token = match.group(2)
    page = api.get(f"/password/reset/{token}")
    assert page.status == 200
    done = api.post("/api/v1/auth/password/reset", {"token": token, "password": "baru-sekali-99"})
    assert done.status == 200
    again = api.post("/api/v1/auth/password/reset", {"token": token, "password": "lagi-lagi-99"})
    assert again.status == 400
    assert api.login(address, "baru-sekali-99").token
