"""The real consumer (inbox, handler, follow-up) on the process runtime: SQLite + aiosmtpd."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.notifications.consumers import CONSUMER
from services.notifications.mailer import TransientMailError
from services.notifications.models import Notification
from shared.db import Database
from shared.events import Envelope
from tests.unit.notifications.support import (
    EVALUATORS,
    SmtpServer,
    document_ready,
    envelope_of,
    review_assigned,
)


class Confirmations(list[str]):
    def __call__(self, envelope: Envelope, consumer: str) -> None:
        self.append(f"{envelope.event_id}:{consumer}")


def statuses(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Notification.status).order_by(Notification.id)))


def test_redelivered_assignment_sends_one_email_per_evaluator(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    wire = envelope_of(review_assigned(*EVALUATORS)).to_wire()
    confirmed = Confirmations()

    outcomes = [CONSUMER.handle(wire, confirmed), CONSUMER.handle(wire, confirmed)]

    assert outcomes == ["handled", "duplicate"]
    assert statuses(live_runtime) == ["sent"] * 3
    assert sorted(str(m["To"].addresses[0].addr_spec) for m in smtp_server.messages) == sorted(
        email for _, email, _ in EVALUATORS
    )
    assert confirmed == [f"{wire['event_id']}:notifications"] * 2


def test_dossier_ready_emails_the_innovator_with_the_download_link(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    wire = envelope_of(document_ready(), producer="documents").to_wire()

    CONSUMER.handle(wire, Confirmations())

    (message,) = smtp_server.messages
    assert message["Subject"] == "Proposal Anda telah diterima dan dinilai oleh tim evaluator"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "https://sipinda.example.go.id/documents/5/download" in str(plain.get_content())


def test_other_documents_email_nobody(live_runtime: Database, smtp_server: SmtpServer) -> None:
    wire = envelope_of(document_ready(kind="assignment_letter"), producer="documents").to_wire()

    assert CONSUMER.handle(wire, Confirmations()) == "handled"

    assert statuses(live_runtime) == []
    assert smtp_server.messages == []


def test_smtp_outage_leaves_the_event_unconfirmed_and_redelivery_sends(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    wire = envelope_of(review_assigned(*EVALUATORS[:2])).to_wire()
    confirmed = Confirmations()
    smtp_server.stop()

    with pytest.raises(TransientMailError):
        CONSUMER.handle(wire, confirmed)

    assert confirmed == []  # so the producer sends the event again
    assert statuses(live_runtime) == ["pending", "pending"]

    smtp_server.start()
    assert CONSUMER.handle(wire, confirmed) == "duplicate"  # queued once, sent now
    assert statuses(live_runtime) == ["sent", "sent"]
    assert len(smtp_server.messages) == 2
    assert len(confirmed) == 1
