"""Markup and template syntax typed into every text field is shown as the text it is: escaped on
every page that shows it (proposal, list, versions, calls, review, admin, console audit), in
every e-mail (plain text, HTML, subject), and printed literally in PDFs (see
tests/unit/documents/test_sandbox.py, whose hostile text carries these payloads too).
A `javascript:` link is refused where a link is asked for."""

from __future__ import annotations

import email
import email.policy
import itertools
import secrets
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from services.notifications.composer import (
    Letter,
    address_name,
    build_message,
    header_text,
    render,
)
from services.notifications.drafting import drafts_for
from services.review import assignment as review_assignment
from services.review import evaluators as review_evaluators
from services.submission import clock
from shared import runtime
from shared.events import CallPublished, Person, ProposalAdmitted, RubricAspect
from tests.support.deployment import Deployment
from tests.support.identity import client_from, csrf_of
from tests.support.notifications import every_notice
from tests.support.servers import wait_until
from tests.support.submission import OPENS, PASSWORD, definition, token

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "attribute": '" onmouseover="x',
    "javascript": "javascript:alert(1)",
    "style": "<style>body{display:none}</style>",
    "jinja": "{{ 7*7 }}",
    "raw": "{% raw %}",
    "dollar": "${7*7}",
    "css": "x{width:expression(alert(1));background:url(javascript:alert(1))}",
}
IDS = list(PAYLOADS)
_numbers = itertools.count(88_000)


def tagged(payload: str, field: str) -> str:
    """The payload, and which field carried it, so a page shows which one slipped."""
    return f"{payload} ~{field}"


def shown_as_text(html: str, value: str, where: str) -> None:
    assert str(escape(value)) in html, f"{value!r} is not shown on {where}"
    if str(escape(value)) != value:
        assert value not in html, f"{value!r} is unescaped on {where}"


@pytest.fixture(autouse=True)
def in_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: OPENS + timedelta(days=1))


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    client_from(client)
    login = csrf_of(client.get("/login").get_data(as_text=True))
    reply = client.post("/login", data={"email": email, "password": password, "csrf_token": login})
    assert reply.status_code == 302, reply.get_data(as_text=True)


# --- submission, console -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_submission_and_console_pages_show_every_field_as_text(
    client: FlaskClient, payload: str
) -> None:
    admin = token(client, "admin@sipinda.test")
    fields = {f: tagged(payload, f) for f in (
        "call", "category", "aspect", "label", "attachment", "title", "summary", "ringkasan",
        "uraian", "mitra", "reason",
    )}  # fmt: skip
    call = definition(
        name=fields["call"],
        categories=[fields["category"]],
        aspects=[
            {"key": "ringkasan", "title": fields["aspect"], "scored": False},
            {"key": "uraian", "title": "Uraian", "weight": 1.0},
        ],
        profile=[{"key": "mitra", "label": fields["label"], "kind": "longtext"}],
        attachments=[{"key": "sk", "label": fields["attachment"]}],
    )
    made = client.post("/api/v1/calls", json=call, headers=admin)
    assert made.status_code == 201, made.json
    call_id = made.json["id"]
    innovator = token(client, "inovator.dinkes@sipinda.test")
    body: dict[str, Any] = {
        "call_id": call_id,
        "title": fields["title"],
        "summary": fields["summary"],
        "category": fields["category"],
        "sections": {"ringkasan": fields["ringkasan"], "uraian": fields["uraian"]},
        "profile": {"mitra": fields["mitra"]},
    }
    created = client.post("/api/v1/proposals", json=body, headers=innovator)
    assert created.status_code == 201, created.json
    proposal_id = created.json["id"]
    edited = client.put(
        f"/api/v1/calls/{call_id}",
        json={"definition": call, "reason": fields["reason"]},
        headers=admin,
    )
    assert edited.status_code == 200, edited.json

    sign_in(client, "inovator.dinkes@sipinda.test")
    pages = {
        "list": f"/proposals?call_id={call_id}",  # its own call: other tests may make newer ones
        "proposal": f"/proposals/{proposal_id}",
        "versions": f"/proposals/{proposal_id}/versions",
        "calls": "/calls",
        "call": f"/calls/{call_id}",
    }
    seen: dict[str, str] = {}
    for name, url in pages.items():
        reply = client.get(url)
        assert reply.status_code == 200, (url, reply.status_code)
        seen[name] = reply.get_data(as_text=True)
    expected = {
        "list": ("title",),
        "proposal": ("title", "ringkasan", "uraian", "mitra", "aspect",
                     "label", "attachment", "category"),
        "calls": ("call",),
        "call": ("call",),
    }  # fmt: skip
    missing = [
        (page, field)
        for page, names in expected.items()
        for field in names
        if str(escape(fields[field])) not in seen[page]
    ]
    assert not missing
    for page, names in expected.items():
        for field in names:
            shown_as_text(seen[page], fields[field], f"{page} ({field})")
    for html in seen.values():
        assert "<script>alert(1)" not in html
        assert "onerror=alert(1)>" not in html

    sign_in(client, "admin@sipinda.test")
    audit = client.get("/admin/audit")
    assert audit.status_code == 200
    shown_as_text(audit.get_data(as_text=True), fields["reason"], "console audit (reason)")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"])
def test_a_video_link_must_be_http(client: FlaskClient, link: str) -> None:
    innovator = token(client, "inovator.dinkes@sipinda.test")
    reply = client.post(
        "/api/v1/proposals", json={"title": "Tautan Video", "video_url": link}, headers=innovator
    )
    assert reply.status_code == 422
    assert "video_url" in reply.json["error"]["fields"]


# --- review --------------------------------------------------------------------------------------

EVALUATORS = ["evaluator.akademisi1@sipinda.test", "evaluator.akademisi2@sipinda.test"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_review_pages_show_every_field_as_text(client: FlaskClient, payload: str) -> None:
    call_id, proposal_id = next(_numbers), next(_numbers)
    fields = {f: tagged(payload, f) for f in (
        "call", "aspect", "title", "summary", "comment", "agency", "innovator",
    )}  # fmt: skip
    with runtime.database("review").session() as s:
        review_evaluators.record_call(
            s,
            CallPublished(
                call_id=call_id, version_no=1, call_name=fields["call"], year=2030,
                opens_at=datetime(2030, 1, 1, tzinfo=UTC),
                closes_at=datetime(2030, 6, 1, tzinfo=UTC),
                evaluators_per_proposal=1, blind=False,
                aspects=(RubricAspect(key="mutu", title=fields["aspect"], weight=1.0),),
            ),
        )  # fmt: skip
        assigned = review_assignment.assign(
            s,
            ProposalAdmitted(
                proposal_id=proposal_id, version_no=1, title=fields["title"],
                summary=fields["summary"], opd_code="dinkes", opd_name=fields["agency"],
                innovator=Person(id=4242, name=fields["innovator"], email="i@x.test"),
                call_id=call_id, submitted_at=datetime(2030, 3, 1, tzinfo=UTC),
            ),
            k=1,
        )  # fmt: skip
        s.expunge_all()
    (assignment,) = assigned
    evaluator = next(e for e in EVALUATORS if token_of(client, e, assignment.evaluator_id))
    bearer = token(client, evaluator)
    scored = client.put(
        f"/api/v1/review/assignments/{assignment.id}/review",
        json={"scores": {"mutu": {"score": 10, "comment": fields["comment"]}}},  # a draft: the
        # form, aspects and comments, stays on the page
        headers=bearer,
    )
    assert scored.status_code == 200, scored.json

    sign_in(client, evaluator)
    mine = client.get("/review").get_data(as_text=True)
    shown_as_text(mine, fields["title"], "evaluator list (title)")
    page = client.get(f"/review/assignments/{assignment.id}").get_data(as_text=True)
    for field in ("title", "summary", "aspect", "comment", "agency", "innovator"):
        shown_as_text(page, fields[field], f"score sheet ({field})")

    sign_in(client, "admin@sipinda.test")
    calls = client.get("/review/admin").get_data(as_text=True)
    shown_as_text(calls, fields["call"], "review admin (call)")
    admin = client.get(f"/review/admin/calls/{call_id}").get_data(as_text=True)
    shown_as_text(admin, fields["title"], "review admin call (title)")
    for html in (mine, page, calls, admin):
        assert "<script>alert(1)" not in html


def token_of(client: FlaskClient, email: str, evaluator_id: int) -> bool:
    """Whether `email` is the evaluator the assignment went to."""
    me = client.get("/api/v1/me", headers=token(client, email)).json
    return bool(me["id"] == evaluator_id)


# --- e-mail --------------------------------------------------------------------------------------


def hostile_events(payload: str, language: str) -> list[tuple[str, Any]]:
    """Every kind of notice, each person's name, title, agency and free text the payload."""
    out = []
    for kind, event, _ in every_notice(language):
        update: dict[str, Any] = {}
        for name, value in event:
            if name in {"title", "summary", "opd_name", "note", "reason", "call_name",
                        "inviter_name", "document_title"} and isinstance(value, str):  # fmt: skip
                update[name] = tagged(payload, name)
            elif name == "fixes":
                update[name] = (tagged(payload, "fix"),)
            elif isinstance(value, Person):
                update[name] = value.model_copy(update={"name": tagged(payload, name)})
        out.append((kind, event.model_copy(update=update)))
    return out


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_every_mail_shows_typed_text_as_text(payload: str, language: str) -> None:
    for kind, event in hostile_events(payload, language):
        drafts = drafts_for(event, "https://sipinda.example.go.id")
        assert drafts, kind
        for draft in drafts:
            mail = render(draft.kind.value, draft.language, draft.context)
            assert "\n" not in mail.subject
            assert "<script>alert(1)" not in mail.html, kind
            assert "onerror=alert(1)>" not in mail.html, kind
            assert 'onmouseover="x' not in mail.html, kind
            assert "<style>body" not in mail.html, kind
            typed = [v for v in draft.context.values() if isinstance(v, str) and payload in v]
            for value in typed:
                if str(escape(value)) != value:
                    assert value not in mail.html, (kind, value)
            shown = [v for v in typed if str(escape(v)) in mail.html]
            assert shown or not typed, kind  # the title at least, escaped
            assert any(v in mail.text for v in typed) or not typed, kind  # as typed


@pytest.mark.parametrize(
    "payload",
    [*PAYLOADS.values(), "Budi\r\nBcc: penyusup@x.test", "=?utf-8?q?=0D=0ABcc:_x@x.test?="],
    ids=[*IDS, "crlf", "encoded-word"],
)
def test_the_sent_message_keeps_names_and_subject_as_text(payload: str) -> None:
    """Through the real message builder and back through a parser: no header is added, the
    subject and the recipient's name read back as typed, the HTML part stays escaped."""
    for kind, event in hostile_events(payload, "id"):
        for draft in drafts_for(event, "https://sipinda.example.go.id"):
            mail = render(draft.kind.value, draft.language, draft.context)
            letter = Letter(
                recipient_name=draft.name, recipient_email=draft.email, language="id",
                subject=mail.subject, text=mail.text, html=mail.html,
                message_id="<uji@sipinda.test>", created_at=datetime(2030, 1, 1, tzinfo=UTC),
            )  # fmt: skip
            raw = build_message(letter, "SIPINDA <noreply@sipinda.test>").as_bytes()
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            assert parsed["Bcc"] is None, kind
            assert parsed["To"].addresses[0].display_name == address_name(draft.name)
            subject = " ".join(parsed["Subject"].split())  # folding aside
            assert subject == header_text(mail.subject), kind
            assert str(parsed["To"].addresses[0].addr_spec) == draft.email
            html = parsed.get_body(("html",))
            assert html is not None
            assert "<script>alert(1)" not in html.get_content(), kind


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_a_refused_registry_form_gives_back_what_was_typed_as_text(
    client: FlaskClient, payload: str
) -> None:
    """Typed values come back inside `value="..."` and `<textarea>`: the attribute context,
    where `" onmouseover="x` would otherwise open a new attribute."""
    sign_in(client, "admin@sipinda.test")
    csrf = csrf_of(client.get("/review/admin/evaluators").get_data(as_text=True))
    fields = {f: tagged(payload, f) for f in ("name", "topics", "expertise")}
    form = {
        "csrf_token": csrf, "id": "999999", "email": "baru@sipinda.test", "kind": "practitioner",
        "opd_code": "", "language": "id", "min_load": "9", "max_load": "1", "active": "on",
        **fields,
    }  # fmt: skip
    refused = client.post("/review/admin/evaluators", data=form)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    for field, value in fields.items():
        shown_as_text(html, value, f"evaluator registry ({field})")
    assert 'onmouseover="x' not in html


def test_a_real_mail_from_a_real_deployment_carries_typed_markup_as_text(
    deployment: Deployment,
) -> None:
    """End to end: the API, the outbox relay, the notifications worker, SMTP, the sink."""
    marker = secrets.token_hex(4)
    title = (
        f'<script>alert(1)</script> {{{{ 7*7 }}}} " onmouseover="x '
        f"=?utf-8?q?=0D=0ABcc:_penyusup@x.test?= {marker}"
    )
    deployment.login("inovator.dinkes@sipinda.test").submit_new_proposal(title)

    def arrived() -> list[EmailMessage]:
        found = []
        for message in deployment.mails():
            plain = message.get_body(("plain",))
            if plain is not None and marker in plain.get_content():
                found.append(message)
        # once the receipt (whose subject carries the title) is in
        return found if any(marker in str(m["Subject"]) for m in found) else []

    # The receipt, and whichever later mails about it (its dossier, say) have arrived by then.
    mails = wait_until(arrived, timeout=60, what="the mail about the proposal")
    for mail in mails:
        assert mail["Bcc"] is None
        if marker in str(mail["Subject"]):
            assert "= ?utf-8?q?" in mail["Subject"]
            assert "<script>alert(1)</script> {{ 7*7 }}" in mail["Subject"]
        plain, html = mail.get_body(("plain",)), mail.get_body(("html",))
        assert plain is not None
        assert html is not None
        assert title in plain.get_content()  # plain text: as typed
        shown_as_text(html.get_content(), title, "the HTML part")
