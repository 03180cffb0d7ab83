"""Every kind of notice, in both languages, through the real consumer to a real SMTP server."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from services.notifications import drafting, notices
from services.notifications.consumers import CONSUMER
from services.notifications.models import Notification
from shared.db import Database
from shared.events import Envelope
from tests.support.notifications import (
    BASE_URL,
    MAIL_FROM,
    TITLE,
    SmtpServer,
    document_ready,
    envelope_of,
    every_notice,
    review_assigned,
)

GREETING = {"id": "Yth. ", "en": "Dear "}
KINDS = [kind for kind, _, _ in every_notice("id")]


def ignore(envelope: Envelope, consumer: str) -> None:
    pass


def part(message: EmailMessage, subtype: str) -> str:
    body = message.get_body(preferencelist=(subtype,))
    assert body is not None
    return str(body.get_content())


def mail_of(database: Database, server: SmtpServer, kind: str) -> tuple[Notification, EmailMessage]:
    with database.session() as session:
        row = session.scalars(select(Notification).where(Notification.kind == kind)).one()
    (message,) = [m for m in server.messages if m["Message-ID"] == row.message_id]
    return row, message


def test_every_kind_of_notice_has_an_event_here() -> None:
    assert sorted(KINDS) == sorted(k.value for k in notices.Kind if k != notices.Kind.ADMIN_DIGEST)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_notice_arrives_in_the_recipients_language_with_its_link(
    live_runtime: Database, smtp_server: SmtpServer, kind: str, language: str
) -> None:
    (event, path) = next((e, p) for k, e, p in every_notice(language) if k == kind)

    assert CONSUMER.handle(envelope_of(event).to_wire(), ignore) == "handled"

    row, message = mail_of(live_runtime, smtp_server, kind)
    assert row.status == "sent"
    assert message.get_content_type() == "multipart/alternative"
    assert message["Content-Language"] == language
    assert message["From"] == MAIL_FROM
    assert message["Reply-To"] == "inovasi@sipinda.example.go.id"
    assert message["Message-ID"] == row.message_id
    assert message["Message-ID"].startswith(f"<notif-{row.id}-")
    text, html = part(message, "plain"), part(message, "html")
    assert text.startswith(GREETING[language])
    assert f'<html lang="{language}">' in html
    assert f"{BASE_URL}{path}" in text
    assert f'href="{BASE_URL}{path}"' in html
    optional = not notices.mandatory(kind)
    assert row.mandatory is not optional
    if optional:
        assert message["List-Unsubscribe"].startswith(
            f"<{BASE_URL}/api/v1/notifications/unsubscribe/"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"{BASE_URL}/notifications/preferences" in text
    else:
        assert message["List-Unsubscribe"] is None


def test_receipt_names_the_version_and_a_return_lists_the_fixes(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    events = {k: e for k, e, _ in every_notice("id")}
    for kind in ("submission_received", "proposal_returned"):
        CONSUMER.handle(envelope_of(events[kind]).to_wire(), ignore)

    _, receipt = mail_of(live_runtime, smtp_server, "submission_received")
    assert str(receipt["Subject"]).strip() == f"Proposal diterima (versi 2): {TITLE}"
    assert "versi 2" in part(receipt, "plain")
    _, returned = mail_of(live_runtime, smtp_server, "proposal_returned")
    text = part(returned, "plain")
    assert "1. Lengkapi anggaran" in text
    assert "2. Unggah SK inovator" in text
    assert "Mohon segera." in text
    assert "<li>Unggah SK inovator</li>" in part(returned, "html")


def test_blind_assignment_hides_the_proposals_identity_from_the_evaluator(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    event = review_assigned(("Dr. Budi", "budi@univ.example.ac.id", "id"), blind=True)

    CONSUMER.handle(envelope_of(event).to_wire(), ignore)

    _, message = mail_of(live_runtime, smtp_server, "evaluator_assigned")
    for text in (str(message["Subject"]), part(message, "plain"), part(message, "html")):
        assert TITLE not in text
        assert "Dinas Kesehatan" not in text
    assert "proposal #42" in str(message["Subject"])
    assert "penilaian buta" in part(message, "plain")


def test_replacement_says_so_and_does_not_tell_the_innovator_again(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    event = review_assigned(("Dr. Budi", "budi@univ.example.ac.id", "en"), replacement=True)

    CONSUMER.handle(envelope_of(event).to_wire(), ignore)

    (message,) = smtp_server.messages
    assert str(message["Subject"]).strip().startswith("Replacement assignment: ")
    assert "replacement evaluator" in part(message, "plain")


def test_the_same_event_twice_sends_one_mail_per_recipient(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    for kind, event, _ in every_notice("id"):
        wire = envelope_of(event).to_wire()
        assert [CONSUMER.handle(wire, ignore), CONSUMER.handle(wire, ignore)] == [
            "handled",
            "duplicate",
        ], kind
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == len(set(ids))
    with live_runtime.session() as session:
        assert len(ids) == len(list(session.scalars(select(Notification.id))))


def test_an_invitation_links_only_to_a_path_on_this_site() -> None:
    event = next(e for k, e, _ in every_notice("id") if k == "evaluator_invited")
    hostile = event.model_copy(update={"accept_path": "javascript:alert(1)"})

    (draft,) = drafting.drafts_for(hostile, BASE_URL)

    assert draft.link == ""


def store(storage_root: Path, data: bytes) -> str:
    """Put `data` where the documents service keeps it (content-addressed, `ab/cd/abcd….pdf`)."""
    sha = hashlib.sha256(data).hexdigest()
    target = storage_root / sha[:2] / sha[2:4] / f"{sha}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return sha


def test_letter_of_assignment_is_attached_to_the_evaluators_mail(
    live_runtime: Database, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    pdf = b"%PDF-1.4\n% surat tugas evaluator\n%%EOF\n"
    sha = store(tmp_path / "var" / "storage", pdf)
    letter = document_ready(kind="surat_tugas").model_copy(
        update={"sha256": sha, "number": "800/12/Bappedalitbang/2025"}
    )

    CONSUMER.handle(envelope_of(letter, producer="documents").to_wire(), ignore)

    (message,) = smtp_server.messages
    assert message.get_content_type() == "multipart/mixed"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "surat-tugas-800-12-Bappedalitbang-2025.pdf"
    assert attachment.get_content() == pdf
    assert "800/12/Bappedalitbang/2025" in part(message, "plain")


def test_a_letter_whose_file_cannot_be_read_here_goes_with_its_link_only(
    live_runtime: Database, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    sha = store(tmp_path / "var" / "storage", b"other bytes")
    tampered = tmp_path / "var" / "storage" / sha[:2] / sha[2:4] / f"{sha}.pdf"
    tampered.write_bytes(b"not what the event announced")
    for sha256 in (sha, "0" * 64):
        letter = document_ready(kind="surat_tugas").model_copy(update={"sha256": sha256})
        CONSUMER.handle(envelope_of(letter, producer="documents").to_wire(), ignore)

    assert len(smtp_server.messages) == 2
    for message in smtp_server.messages:
        assert list(message.iter_attachments()) == []
        assert f"{BASE_URL}/documents/5/download" in part(message, "plain")
