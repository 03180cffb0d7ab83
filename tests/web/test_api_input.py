"""Bad input gets a clear 4xx in the user's language, and changes nothing."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from services.submission.models import OUTBOX, Proposal
from shared import runtime

PASSWORD = "rahasia-demo"


def token(client: FlaskClient, email: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert reply.status_code == 200, reply.json
    return {"Authorization": f"Bearer {reply.json['access_token']}"}


def snapshot() -> tuple[int, int]:
    with runtime.database("submission").session() as s:
        proposals = s.scalar(select(func.count()).select_from(Proposal)) or 0
        events = s.scalar(select(func.count()).select_from(OUTBOX.events)) or 0
    return int(proposals), int(events)


@pytest.fixture
def innovator(client: FlaskClient) -> dict[str, str]:
    return token(client, "inovator.dinkes@sipinda.test")


def draft(client: FlaskClient, headers: dict[str, str], title: str = "Inovasi Uji") -> int:
    reply = client.post(
        "/api/v1/proposals", json={"title": title, "summary": "Isi."}, headers=headers
    )
    assert reply.status_code == 201, reply.json
    return int(reply.json["id"])


def test_token_and_me(client: FlaskClient, innovator: dict[str, str]) -> None:
    me = client.get("/api/v1/me", headers=innovator).json
    assert me["email"] == "inovator.dinkes@sipinda.test"
    assert me["role"] == "innovator"
    assert me["opd_code"] == "dinkes"
    assert set(me) == {"id", "email", "name", "role", "opd_code"}


def test_wrong_password_is_401_with_a_message_in_the_users_language(client: FlaskClient) -> None:
    body = {"email": "inovator.dinkes@sipinda.test", "password": "salah"}
    indonesian = client.post("/api/v1/auth/token", json=body)
    english = client.post("/api/v1/auth/token", json=body, headers={"Accept-Language": "en"})
    assert indonesian.status_code == english.status_code == 401
    assert indonesian.json["error"]["message"] == "Email atau kata sandi salah."
    assert english.json["error"]["message"] == "The e-mail or the password is wrong."


def test_unknown_email_answers_exactly_like_a_wrong_password(client: FlaskClient) -> None:
    reply = client.post("/api/v1/auth/token", json={"email": "nobody@x.test", "password": "x"})
    assert reply.status_code == 401
    assert reply.json["error"]["code"] == "bad_credentials"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"summary": "tanpa judul"}, 422, "title"),
        ({"title": "Judul cukup"}, 422, "summary"),
        ({"title": 12345, "summary": "x"}, 422, "title"),
        ({"title": "Judul cukup", "summary": "x", "extra": 1}, 422, "extra"),
        ({"title": "x" * 301, "summary": "x"}, 422, "title"),
        ({"title": "Judul cukup", "summary": "x", "opd_code": "tidak-ada"}, 422, "opd_code"),
    ],
)
def test_invalid_proposal_is_refused_and_nothing_is_stored(
    client: FlaskClient, innovator: dict[str, str], body: dict[str, object], status: int, field: str
) -> None:
    before = snapshot()
    reply = client.post("/api/v1/proposals", json=body, headers=innovator)
    assert reply.status_code == status
    assert field in reply.json["error"]["fields"]
    assert reply.json["error"]["message"] == "Beberapa isian belum benar."
    assert snapshot() == before


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"", b'"text"'])
def test_malformed_json_is_400(client: FlaskClient, innovator: dict[str, str], raw: bytes) -> None:
    before = snapshot()
    reply = client.post(
        "/api/v1/proposals", data=raw, headers={**innovator, "Content-Type": "application/json"}
    )
    assert reply.status_code == 400
    assert reply.json["error"]["code"] == "malformed_json"
    assert snapshot() == before


def test_a_nul_character_anywhere_in_the_body_is_a_422_naming_the_field(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    """Found by the abuse suite on PostgreSQL, which refuses to store a NUL: it was a 500."""
    before = snapshot()
    body = {"title": "Judul\x00Uji", "summary": "Isi.", "sdgs": [1], "profile": {"a\x00": "b"}}
    reply = client.post("/api/v1/proposals", json=body, headers=innovator)
    assert reply.status_code == 422, reply.json
    assert reply.json["error"]["fields"] == {
        "title": "Isian tidak boleh berisi karakter NUL.",
        "profile.a\x00": "Isian tidak boleh berisi karakter NUL.",
    }
    assert snapshot() == before


def test_a_nul_character_in_the_query_string_is_a_422(client: FlaskClient) -> None:
    admin = token(client, "admin@sipinda.test")
    reply = client.get("/api/v1/admin/audit?action=admin%00", headers=admin)
    assert reply.status_code == 422
    assert reply.json["error"]["fields"] == {"action": "Isian tidak boleh berisi karakter NUL."}


def test_a_second_submit_is_409_and_publishes_nothing_more(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    proposal_id = draft(client, innovator)
    assert (
        client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=innovator).status_code == 202
    )
    before = snapshot()
    again = client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=innovator)
    assert again.status_code == 409
    assert again.json["error"]["code"] == "already_submitted"
    assert snapshot() == before
    edit = client.patch(
        f"/api/v1/proposals/{proposal_id}", json={"title": "Baru"}, headers=innovator
    )
    assert edit.status_code == 409


def test_someone_elses_proposal_is_not_found_and_unchanged(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    proposal_id = draft(client, innovator, "Milik Dinkes")
    stranger = token(client, "inovator.disdukcapil@sipinda.test")
    assert client.get(f"/api/v1/proposals/{proposal_id}", headers=stranger).status_code == 404
    patch = client.patch(
        f"/api/v1/proposals/{proposal_id}", json={"title": "Diambil"}, headers=stranger
    )
    assert patch.status_code == 404
    assert (
        client.post(f"/api/v1/proposals/{proposal_id}/submit", headers=stranger).status_code == 404
    )
    assert (
        client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json["title"]
        == "Milik Dinkes"
    )
    assert (
        client.get(f"/api/v1/proposals/{proposal_id}/timeline", headers=stranger).status_code == 404
    )


def test_operator_of_the_agency_may_edit_its_proposals(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    proposal_id = draft(client, innovator)
    operator = token(client, "operator.dinkes@sipinda.test")
    reply = client.patch(
        f"/api/v1/proposals/{proposal_id}", json={"summary": "Diperbaiki"}, headers=operator
    )
    assert reply.status_code == 200
    assert reply.json["summary"] == "Diperbaiki"


def test_no_token_is_401(client: FlaskClient) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert (
        client.post("/api/v1/proposals", json={"title": "abc", "summary": "x"}).status_code == 401
    )


def test_session_cookie_cannot_change_state_through_the_api(client: FlaskClient) -> None:
    login = client.get("/login")
    csrf = login.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    form = {"email": "inovator.dinkes@sipinda.test", "password": PASSWORD, "csrf_token": csrf}
    assert client.post("/login", data=form).status_code == 302
    assert client.get("/api/v1/me").status_code == 200  # reads are fine with the cookie
    assert (
        client.post("/api/v1/proposals", json={"title": "abc", "summary": "x"}).status_code == 401
    )


def test_openapi_describes_the_api(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/auth/token", "/api/v1/me", "/api/v1/proposals",
                 "/api/v1/proposals/{proposal_id}", "/api/v1/proposals/{proposal_id}/submit",
                 "/api/v1/proposals/{proposal_id}/timeline",
                 "/api/v1/proposals/{proposal_id}/documents", "/api/v1/calls",
                 "/api/v1/calls/{call_id}", "/api/v1/calls/{call_id}/extend",
                 "/api/v1/calls/{call_id}/versions/{version_no}", "/api/v1/audit",
                 "/api/v1/proposals/{proposal_id}/withdraw",
                 "/api/v1/proposals/{proposal_id}/extend",
                 "/api/v1/proposals/{proposal_id}/versions",
                 "/api/v1/proposals/{proposal_id}/versions/{version_no}",
                 "/api/v1/proposals/{proposal_id}/attachments",
                 "/api/v1/proposals/{proposal_id}/attachments/{attachment_id}",
                 "/api/v1/proposals/{proposal_id}/check", "/api/v1/proposals/export"):  # fmt: skip
        assert path in spec["paths"], path
    call = spec["paths"]["/api/v1/calls/{call_id}"]["get"]["responses"]["200"]
    assert "definition" in call["content"]["application/json"]["schema"]["properties"]
    assert "aspects" in spec["components"]["schemas"]["CallDefinition"]["properties"]
    upload = spec["paths"]["/api/v1/proposals/{proposal_id}/attachments"]["post"]
    form = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"]["format"] == "binary"
    create = spec["paths"]["/api/v1/proposals"]["post"]["requestBody"]["content"]
    assert "sections" in create["application/json"]["schema"]["properties"]


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_an_id_too_long_for_the_database_is_a_404_not_a_500(
    client: FlaskClient, innovator: dict[str, str], method: str
) -> None:
    """Found by the abuse suite: a 20-digit id overflowed the database driver."""
    for path in ("/api/v1/proposals/99999999999999999999",
                 "/api/v1/proposals/1/attachments/99999999999999999999",
                 "/api/v1/calls/1/versions/4415784233529608587182080"):  # fmt: skip
        reply = client.open(path, method=method, json={}, headers=innovator)
        assert reply.status_code == 404, (path, reply.json)
        assert reply.json["error"]["message"] == "Data tidak ditemukan."


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/review/assignments/1/override",
         {"evaluator_id": 10_000_000_000_000_001, "reason": "uji"}),
        ("/api/v1/review/proposals/1/conflicts",
         {"evaluator_id": -2_219_827_918, "reason": "uji"}),
        ("/api/v1/review/calls/1/invitations", {"evaluator_ids": [2**40]}),
        ("/api/v1/proposals", {"title": "Judul Uji", "call_id": 2**40}),
    ],
)  # fmt: skip
def test_an_id_in_a_body_too_large_for_the_database_is_a_422(
    client: FlaskClient, path: str, body: dict[str, object]
) -> None:
    """Found by the abuse suite on PostgreSQL: "integer out of range", a 500."""
    admin = token(client, "admin@sipinda.test")
    reply = client.post(path, json=body, headers=admin)
    assert reply.status_code == 422, reply.json
    assert reply.json["error"]["fields"], reply.json


def test_every_documented_operation_documents_its_success(client: FlaskClient) -> None:
    """Found by the abuse suite: the inbox, console and delivery routes documented only errors,
    so a client generated from the document could not read their answers."""
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            success = [code for code in op["responses"] if code.startswith("2")]
            assert success, (method, path)
            ids = [p for p in op["parameters"] if p["schema"].get("type") == "integer"]
            assert all(p["schema"]["maximum"] == 999_999_999 for p in ids), (method, path)
            assert (method == "get") != ("409" in op["responses"]), (method, path)
    unsubscribe = spec["paths"]["/api/v1/notifications/unsubscribe/{token}"]["post"]
    assert set(unsubscribe["responses"]["200"]["content"]) == {"text/html", "application/json"}


def test_an_oversized_body_is_413_and_nothing_is_stored(
    client: FlaskClient, innovator: dict[str, str]
) -> None:
    before = snapshot()
    body = b'{"title": "Besar", "summary": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    reply = client.post(
        "/api/v1/proposals",
        data=body,
        headers={**innovator, "Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert reply.status_code == 413
    assert reply.json["error"]["code"] == "too_large"
    assert snapshot() == before


def test_html_in_text_is_stored_as_text(client: FlaskClient, innovator: dict[str, str]) -> None:
    evil = '<script>alert("x")</script><b>tebal</b>'
    proposal_id = draft(client, innovator, title=evil)
    shown = client.get(f"/api/v1/proposals/{proposal_id}", headers=innovator).json
    assert shown["title"] == evil


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Judul cukup", "summary": "x", "sdgs": "3"}, "sdgs"),
        ({"title": "Judul cukup", "summary": "x", "call_id": "1"}, "call_id"),
        ({"title": "Judul cukup", "summary": "x", "sections": ["a"]}, "sections"),
        ({"title": "Judul cukup", "summary": "x", "profile": ["a"]}, "profile"),
    ],
)
def test_wrong_types_are_422_with_the_field(
    client: FlaskClient, innovator: dict[str, str], body: dict[str, object], field: str
) -> None:
    before = snapshot()
    reply = client.post("/api/v1/proposals", json=body, headers=innovator)
    assert reply.status_code == 422
    assert field in reply.json["error"]["fields"], reply.json
    assert reply.json["error"]["fields"][field] == "Jenis isian tidak sesuai."
    assert snapshot() == before
