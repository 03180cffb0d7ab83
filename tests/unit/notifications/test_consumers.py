"""The real consumer (inbox, handler, follow-up) on the process runtime: SQLite + aiosmtpd."""

from __future__ import annotations

from sqlalchemy import select, update

from services.notifications.consumers import CONSUMER
from services.notifications.models import Notification
from services.notifications.tasks import deliver_due
from shared.db import Database
from shared.events import Envelope
from shared.outbox import utcnow
from tests.support.notifications import (
    EVALUATORS,
    SmtpServer,
    document_ready,
    envelope_of,
    review_assigned,
)


class Confirmations(list[str]):
    def __call__(self, envelope: Envelope, consumer: str) -> None:
        self.append(f"{envelope.event_id}:{consumer}")


def make_due(database: Database) -> None:
    """As if the backoff had passed."""
    with database.session() as session:
        session.execute(update(Notification).values(next_attempt_at=utcnow()))


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
    assert statuses(live_runtime) == ["sent"] * 4  # three evaluators, and the innovator
    assert sorted(str(m["To"].addresses[0].addr_spec) for m in smtp_server.messages) == sorted(
        [*(email for _, email, _ in EVALUATORS), "siti@opd.example.go.id"]
    )
    assert confirmed == [f"{wire['event_id']}:notifications"] * 2


def test_dossier_ready_emails_the_innovator_with_the_download_link(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    wire = envelope_of(document_ready(), producer="documents").to_wire()

    CONSUMER.handle(wire, Confirmations())

    (message,) = smtp_server.messages
    assert str(message["Subject"]).strip().startswith("Berkas proposal siap: ")
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "https://sipinda.example.go.id/documents/5/download" in str(plain.get_content())


def test_other_documents_tell_their_owner_with_a_link(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    wire = envelope_of(document_ready(kind="sertifikat"), producer="documents").to_wire()

    assert CONSUMER.handle(wire, Confirmations()) == "handled"

    assert statuses(live_runtime) == ["sent"]
    (message,) = smtp_server.messages
    assert str(message["Subject"]).strip().startswith("Dokumen siap: ")


def test_smtp_outage_records_a_retry_and_the_beat_sends_it_once_the_server_is_back(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    """The rows are the record: the event is confirmed once they are queued, and what could not
    be sent is due again after a backoff, for the beat's `deliver_due`."""
    wire = envelope_of(review_assigned(*EVALUATORS[:2])).to_wire()
    confirmed = Confirmations()
    smtp_server.stop()

    assert CONSUMER.handle(wire, confirmed) == "handled"

    assert len(confirmed) == 1
    assert statuses(live_runtime) == ["pending"] * 3
    with live_runtime.session() as session:
        waits = list(session.scalars(select(Notification.next_attempt_at)))
    assert all(w is not None and w > utcnow() for w in waits)

    smtp_server.start()
    make_due(live_runtime)
    assert deliver_due.run() == 3
    assert deliver_due.run() == 0
    assert statuses(live_runtime) == ["sent"] * 3
    assert len(smtp_server.messages) == 3
