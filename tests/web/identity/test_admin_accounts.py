"""The administrator's account pages: invite (with its mail), edit, change a role (after a
confirmation), deactivate (after a confirmation; the person's session ends on every service at
once) and reactivate, send the invitation again or a reset link; each change in the audit log;
a refused form keeps what was typed, each error beside its field; nobody but an admin gets in."""

from __future__ import annotations

import re
import secrets
from html import escape

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from services.identity.accounts import find_user_by_email
from services.identity.models import AuditEntry, User
from services.platform.console.audit import Filters, read
from services.platform.registry import deliver
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

NEW_PASSWORD = "kata-sandi-undangan-456"


@pytest.fixture(autouse=True)
def _mail_before_answer(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "ACCOUNT_MAIL_WAIT", True)


def signed_in(client: FlaskClient, address: str) -> FlaskClient:
    client_from(client)
    assert login_form(client, address, PASSWORD).status_code == 302
    return client


@pytest.fixture
def admin(app: Flask) -> tuple[FlaskClient, str]:
    """A signed-in admin of their own (their own locks, limits and audit entries)."""
    address = new_user("admin")
    return signed_in(app.test_client(), address), address


def csrf(client: FlaskClient, path: str = "/admin/accounts") -> str:
    return csrf_of(client.get(path).get_data(as_text=True))


def user(address: str) -> User:
    with runtime.database("identity").session() as s:
        found = find_user_by_email(s, address)
        assert found is not None
        s.expunge(found)
        return found


def audit_actions(user_id: int) -> list[str]:
    with runtime.database("identity").session() as s:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.target == f"user:{user_id}").order_by(AuditEntry.id)
        )
        return [r.action for r in rows]


def invite(client: FlaskClient, **fields: str):  # type: ignore[no-untyped-def]
    form = {"name": "Siti Rahma", "email": f"undang-{secrets.token_hex(4)}@cilegon.go.id",
            "role": "innovator", "opd_code": "dinkes", "language": "id", **fields}  # fmt: skip
    return client.post("/admin/accounts/new", data={**form, "csrf_token": csrf(client)}), form


def edit(client: FlaskClient, user_id: int, **fields: str):  # type: ignore[no-untyped-def]
    page = f"/admin/accounts/{user_id}"
    current = user_of(user_id)
    form = {"name": current.name, "role": current.role, "opd_code": current.opd_code or "",
            "language": current.language, **fields}  # fmt: skip
    return client.post(page, data={**form, "csrf_token": csrf(client, page)})


def user_of(user_id: int) -> User:
    with runtime.database("identity").session() as s:
        found = s.get(User, user_id)
        assert found is not None
        s.expunge(found)
        return found


def flashed(client: FlaskClient, path: str) -> str:
    return client.get(path).get_data(as_text=True)


def test_the_list_finds_accounts_by_name_or_email_and_filters_them(
    admin: tuple[FlaskClient, str],
) -> None:
    client, _ = admin
    page = client.get("/admin/accounts?q=dinas+kesehatan")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Inovator Dinas Kesehatan" in text
    assert "Operator Dinas Kesehatan" in text
    assert "Verifikator Litbang" not in text
    assert "Inovator</td>" in text  # the role in words
    assert "Dinas Kesehatan</td>" in text  # the agency by name
    assert ">Aktif<" in text
    by_mail = client.get("/admin/accounts?q=VERIFIKATOR@sipinda").get_data(as_text=True)
    assert "Verifikator Litbang" in by_mail
    operators = client.get("/admin/accounts?role=operator&q=kesehatan").get_data(as_text=True)
    assert "Operator Dinas Kesehatan" in operators
    assert "Inovator Dinas Kesehatan" not in operators
    nobody = client.get("/admin/accounts?status=inactive&q=dinas+kesehatan").get_data(as_text=True)
    assert "Tidak ada akun yang cocok." in nobody
    # A wildcard typed is a character searched for, not "everything".
    assert "Tidak ada akun yang cocok." in flashed(client, "/admin/accounts?q=%25%25_")


def test_the_list_is_paged_with_the_shared_pager(admin: tuple[FlaskClient, str]) -> None:
    client, _ = admin
    first = client.get("/admin/accounts?per_page=2&role=evaluator").get_data(as_text=True)
    assert 'class="pager"' in first
    assert re.search(r"Menampilkan 1.2 dari \d+", first)
    assert 'href="/admin/accounts?role=evaluator&amp;page=2&amp;per_page=2"' in first


def test_an_invited_person_gets_a_mail_and_sets_their_password(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, _ = admin
    reply, form = invite(client, name="Budi Santoso", role="operator", language="en")
    assert reply.status_code == 303
    invited = user(form["email"])
    assert reply.headers["Location"].endswith(f"/admin/accounts/{invited.id}")
    assert (invited.role, invited.opd_code, invited.language) == ("operator", "dinkes", "en")
    page = flashed(client, reply.headers["Location"])
    assert f"Akun Budi Santoso dibuat. Undangan dikirim ke {form['email']}" in page
    assert "Diundang, belum membuat kata sandi" in page
    [message] = wait_for_mails(form["email"])
    assert "account invitation" in str(message["Subject"])  # in the invited person's language
    body = message.get_body(("plain",))
    assert body is not None
    assert "Agency operator" in body.get_content()
    link = reset_link(message)
    # No password until the link is used: nothing signs in.
    stranger = app.test_client()
    client_from(stranger)
    assert login_form(stranger, form["email"], NEW_PASSWORD).status_code == 401
    opened = stranger.get(link).get_data(as_text=True)
    assert "Buat kata sandi" in opened
    token = csrf_of(opened)
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token}
    done = stranger.post(link, data=data)
    assert done.status_code == 302
    assert "Kata sandi dibuat" in stranger.get("/login").get_data(as_text=True)
    assert login_form(stranger, form["email"], NEW_PASSWORD).status_code == 302
    assert audit_actions(invited.id) == ["account.invite"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "bukan-alamat"}, "email", "Alamat email tidak valid"),
        ({"email": "verifikator@sipinda.test"}, "email", "sudah dipakai akun lain"),
        ({"role": ""}, "role", "Pilih satu peran."),
        ({"role": "superuser"}, "role", "Peran tidak dikenal"),
        ({"opd_code": ""}, "opd_code", "Pilih instansinya"),
        ({"opd_code": "tidak-ada"}, "opd_code", "Instansi tidak dikenal"),
        ({"name": ""}, "name", "Isi nama lengkapnya."),
    ],
    ids=[
        "bad-email",
        "duplicate-email",
        "no-role",
        "unknown-role",
        "no-agency",
        "unknown-agency",
        "no-name",
    ],
)
def test_a_refused_invitation_keeps_what_was_typed_and_says_why_beside_the_field(
    admin: tuple[FlaskClient, str], fields: dict[str, str], field: str, message: str
) -> None:
    client, _ = admin
    reply, form = invite(client, **{"name": "Dewi <Lestari>", **fields})
    text = reply.get_data(as_text=True)
    assert reply.status_code == 422
    error = re.search(rf'<p class="field-error" id="e-{field}">([^<]*)</p>', text)
    assert error, text
    assert message in error.group(1)
    if field == "role":
        assert 'aria-describedby="e-role"' in text  # the fieldset of the roles
    else:
        assert re.search(rf'id="f-{field}"[^>]*aria-describedby="[^"]*e-{field}', text, re.S)
    assert f'value="{escape(form["name"])}"' in text  # kept, escaped
    if form["email"] and field != "email":
        assert f'value="{form["email"]}"' in text
    if form["opd_code"] == "dinkes":
        assert 'value="dinkes" selected' in text
    if form["role"] == "innovator":
        assert 'value="innovator" checked' in text
    with runtime.database("identity").session() as s:
        assert s.scalars(select(User).where(User.name == "Dewi <Lestari>")).first() is None


def test_errors_are_in_the_admins_language(admin: tuple[FlaskClient, str]) -> None:
    client, _ = admin
    client.get("/lang/en")
    reply, _ = invite(client, email="nope", role="")
    text = reply.get_data(as_text=True)
    assert "This is not a valid e-mail address" in text
    assert "Choose a role." in text


def test_a_role_change_asks_first_then_ends_the_persons_sessions(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, admin_address = admin
    person = new_user("verifier")
    theirs = signed_in(app.test_client(), person)
    assert theirs.get("/proposals").status_code == 200
    target = user(person)

    asked = edit(client, target.id, role="evaluator")
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert f"Ganti peran {target.name}?" in text
    assert "Peran Verifikator dicabut" in text
    assert user(person).role == "verifier"  # nothing changed yet
    assert theirs.get("/proposals").status_code == 200

    token = csrf_of(text)
    confirm = {"name": target.name, "role": "evaluator", "opd_code": "dinkes", "language": "id",
               "confirmed": "1", "reason": "pindah tugas", "csrf_token": token}  # fmt: skip
    done = client.post(f"/admin/accounts/{target.id}", data=confirm)
    assert done.status_code == 303
    page = flashed(client, done.headers["Location"])
    assert "diganti dari Verifikator menjadi Evaluator" in page
    assert "pilih lagi peran Verifikator" in page  # how to undo it
    assert user(person).role == "evaluator"
    # Their session ends at once, here and on the other services (no event delivered yet).
    assert theirs.get("/proposals").headers["Location"].startswith("/login")
    assert theirs.get("/api/v1/me").status_code == 401
    assert audit_actions(target.id) == ["account.role"]
    [entry] = read(Filters(action="admin.account.role", user_id=user(admin_address).id))
    assert (entry.target, entry.reason) == (person, "pindah tugas")


def test_a_name_change_saves_without_a_confirmation_and_keeps_the_session(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, _ = admin
    person = new_user("innovator")
    theirs = signed_in(app.test_client(), person)
    target = user(person)
    done = edit(client, target.id, name="Nama Baru Sekali")
    assert done.status_code == 303
    assert "Perubahan akun Nama Baru Sekali tersimpan." in flashed(client, done.headers["Location"])
    assert user(person).name == "Nama Baru Sekali"
    assert theirs.get("/proposals").status_code == 200
    assert audit_actions(target.id) == ["account.edit"]


def test_an_admin_cannot_take_away_their_own_admin_role(admin: tuple[FlaskClient, str]) -> None:
    client, address = admin
    me = user(address)
    reply = edit(client, me.id, role="verifier", confirmed="1")
    assert reply.status_code == 422
    assert "tidak dapat mencabut peran admin Anda sendiri" in reply.get_data(as_text=True)
    assert user(address).role == "admin"


def test_deactivation_asks_first_then_ends_every_session_and_token_at_once(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, admin_address = admin
    person = new_user("innovator")
    theirs = signed_in(app.test_client(), person)
    bearer = app.test_client().post(
        "/api/v1/auth/token", json={"email": person, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    ).get_json()["access_token"]  # fmt: skip
    headers = {"Authorization": f"Bearer {bearer}"}
    assert app.test_client().get("/api/v1/proposals", headers=headers).status_code == 200
    target = user(person)

    page = f"/admin/accounts/{target.id}/deactivate"
    asked = client.get(page)
    text = asked.get_data(as_text=True)
    assert f"Nonaktifkan akun {target.name}?" in text
    assert user(person).active  # a GET changes nothing

    done = client.post(page, data={"csrf_token": csrf_of(text), "reason": "pensiun"})
    assert done.status_code == 303
    shown = flashed(client, done.headers["Location"])
    assert f"Akun {target.name} dinonaktifkan. Aktifkan kembali dari halaman akun ini." in shown
    assert ">Nonaktif<" in shown
    assert not user(person).active
    # Out of every service at once: the portal's pages (submission's read table has not heard
    # of it yet), identity's API, the bearer token on another service's API.
    assert theirs.get("/proposals").headers["Location"].startswith("/login")
    assert theirs.get("/api/v1/me").status_code == 401
    assert app.test_client().get("/api/v1/proposals", headers=headers).status_code == 401
    again = app.test_client()
    client_from(again)
    assert login_form(again, person, PASSWORD).status_code == 401
    assert audit_actions(target.id) == ["account.deactivate"]
    [entry] = read(Filters(action="admin.account.deactivate", user_id=user(admin_address).id))
    assert (entry.target, entry.reason) == (person, "pensiun")


def test_reactivation_lets_the_person_sign_in_again_but_not_with_the_old_session(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, _ = admin
    person = new_user("innovator")
    theirs = signed_in(app.test_client(), person)
    target = user(person)
    page = f"/admin/accounts/{target.id}/deactivate"
    client.post(page, data={"csrf_token": csrf(client, page)})
    done = client.post(f"/admin/accounts/{target.id}/reactivate",
                       data={"csrf_token": csrf(client)})  # fmt: skip
    assert done.status_code == 303
    assert f"Akun {target.name} aktif kembali" in flashed(client, done.headers["Location"])
    assert user(person).active
    assert theirs.get("/proposals").headers["Location"].startswith("/login")
    deliver(("identity",))  # the other services hear of the new epoch, as the relay tells them
    assert signed_in(app.test_client(), person).get("/proposals").status_code == 200
    assert audit_actions(target.id) == ["account.deactivate", "account.reactivate"]


def test_an_admin_cannot_deactivate_themselves(admin: tuple[FlaskClient, str]) -> None:
    client, address = admin
    me = user(address)
    page = f"/admin/accounts/{me.id}/deactivate"
    shown = client.get(page).get_data(as_text=True)
    assert "tidak dapat menonaktifkan akun Anda sendiri" in shown
    assert "Ya, nonaktifkan akun" not in shown
    done = client.post(page, data={"csrf_token": csrf(client)})
    assert done.status_code == 303
    assert "tidak dapat menonaktifkan akun Anda sendiri" in flashed(
        client, done.headers["Location"]
    )
    assert user(address).active
    assert client.get("/admin/accounts").status_code == 200  # still signed in


def test_the_invitation_is_sent_again_and_only_the_newest_link_works(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, _ = admin
    _, form = invite(client)
    invited = user(form["email"])
    done = client.post(f"/admin/accounts/{invited.id}/invitation",
                       data={"csrf_token": csrf(client)})  # fmt: skip
    assert done.status_code == 303
    assert f"Undangan baru dikirim ke {form['email']}" in flashed(client, done.headers["Location"])
    first, second = wait_for_mails(form["email"], 2)[:2]
    other = app.test_client()
    assert other.get(reset_link(first)).status_code == 400
    assert other.get(reset_link(second)).status_code == 200
    assert audit_actions(invited.id) == ["account.invite", "account.invite_resend"]


def test_a_reset_link_is_sent_to_an_account_with_a_password(
    admin: tuple[FlaskClient, str], app: Flask
) -> None:
    client, _ = admin
    person = new_user("verifier")
    target = user(person)
    done = client.post(f"/admin/accounts/{target.id}/password-reset",
                       data={"csrf_token": csrf(client)})  # fmt: skip
    assert done.status_code == 303
    assert f"Tautan atur ulang kata sandi dikirim ke {person}" in flashed(
        client, done.headers["Location"]
    )
    [message] = wait_for_mails(person)
    assert "atur ulang kata sandi" in str(message["Subject"])
    other = app.test_client()
    page = other.get(reset_link(message)).get_data(as_text=True)
    assert "Atur ulang kata sandi" in page or "kata sandi baru" in page
    # Their password works until they follow the link.
    assert login_form(signed_in_client(app), person, PASSWORD).status_code == 302
    assert audit_actions(target.id) == ["account.password_reset"]
    # An account with a password gets no invitation.
    refused = client.post(f"/admin/accounts/{target.id}/invitation",
                          data={"csrf_token": csrf(client)})  # fmt: skip
    assert "sudah membuat kata sandinya" in flashed(client, refused.headers["Location"])
    assert len(mails_to(person)) == 1


def signed_in_client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client_from(client)
    return client


def test_a_deactivated_account_gets_no_link(admin: tuple[FlaskClient, str]) -> None:
    client, _ = admin
    person = new_user("innovator")
    target = user(person)
    page = f"/admin/accounts/{target.id}/deactivate"
    client.post(page, data={"csrf_token": csrf(client, page)})
    done = client.post(f"/admin/accounts/{target.id}/password-reset",
                       data={"csrf_token": csrf(client)})  # fmt: skip
    assert "aktifkan kembali lebih dulu" in flashed(client, done.headers["Location"])
    assert mails_to(person) == []


def test_the_audit_page_shows_account_changes_in_words(admin: tuple[FlaskClient, str]) -> None:
    client, _ = admin
    reply, form = invite(client)
    assert reply.status_code == 303
    page = client.get("/admin/audit?action=admin.account").get_data(as_text=True)
    assert "Admin mengundang akun" in page
    assert form["email"] in page
    client.get("/lang/en")
    english = client.get("/admin/audit?action=admin.account").get_data(as_text=True)
    assert "Admin invited an account" in english


@pytest.mark.parametrize("role", ["innovator", "operator", "verifier", "evaluator"])
def test_nobody_but_an_admin_gets_in(app: Flask, role: str) -> None:
    client = signed_in(app.test_client(), new_user(role))
    token = csrf(client, "/notifications")
    target = user(new_user("innovator"))
    assert client.get("/admin/accounts").status_code == 403
    assert client.get("/admin/accounts/new").status_code == 403
    assert client.get(f"/admin/accounts/{target.id}").status_code == 403
    assert client.get(f"/admin/accounts/{target.id}/deactivate").status_code == 403
    for action in ("deactivate", "reactivate", "invitation", "password-reset"):
        reply = client.post(f"/admin/accounts/{target.id}/{action}", data={"csrf_token": token})
        assert reply.status_code == 403, action
    intruder = {"name": "Penyusup", "email": "penyusup@x.id", "role": "admin", "csrf_token": token}
    invited = client.post("/admin/accounts/new", data=intruder)
    assert invited.status_code == 403
    assert user(target.email).active
    with runtime.database("identity").session() as s:
        assert find_user_by_email(s, "penyusup@x.id") is None


def test_the_menu_shows_accounts_to_admins_only(admin: tuple[FlaskClient, str], app: Flask) -> None:
    client, _ = admin
    assert 'href="/admin/accounts"' in client.get("/proposals").get_data(as_text=True)
    innovator = signed_in(app.test_client(), new_user("innovator"))
    assert 'href="/admin/accounts"' not in innovator.get("/proposals").get_data(as_text=True)
