"""The pages' forms are not in the OpenAPI document, so the fuzzer never sees them: a NUL in a
form field (PostgreSQL refuses to store one) must be a 4xx, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.support.routes import csrf_of
from tests.support.submission import PASSWORD

pytestmark = pytest.mark.abuse


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/proposals/new", {"title": "Judul\x00Uji", "summary": "Isi.", "call_id": ""}),
        ("/notifications/preferences", {"under_review": "o\x00n"}),
        ("/login", {"email": "admin@sipinda.test\x00", "password": PASSWORD}),
        ("/uji-publik/1", {"proposal_id": "1", "name": "Warga", "reason": "Alasan\x00panjang"}),
    ],
)
def test_a_nul_in_a_form_field_is_refused_clearly(
    app: Flask, path: str, form: dict[str, str]
) -> None:
    client = app.test_client()
    csrf = csrf_of(client.get("/login").text)
    signed = {"email": "inovator.dinkes@sipinda.test", "password": PASSWORD, "csrf_token": csrf}
    assert client.post("/login", data=signed).status_code == 302
    csrf = csrf_of(client.get("/notifications").text)
    reply = client.post(path, data={**form, "csrf_token": csrf})
    assert 400 <= reply.status_code < 500, reply.status_code
    assert "karakter NUL" in reply.text
