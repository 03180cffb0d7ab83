"""Delivering against a real SMTP server: each mail sent once and announced once, transient
failures retried with a backoff until the window ends, refusals failed with the server's answer,
leases taken over, outcomes recorded once the database is back."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from services.notifications import delivery, queueing
from services.notifications.delivery import LEASE
from services.notifications.mailer import InMemoryMailer, SmtpMailer, TransientMailError
from services.notifications.models import OUTBOX, Base, Delivery, Notification
from shared.config import Settings
from shared.db import Database
from shared.events import Envelope, ReviewAssigned
from shared.logs import correlation_id
from shared.outbox import utcnow
from tests.support.notifications import (
    EVALUATORS,
    SmtpServer,
    envelope_of,
    review_assigned,
)


def queue_assignment(database: Database, settings: Settings, event: ReviewAssigned) -> Envelope:
    envelope = envelope_of(event)
    with database.session() as session:
        queueing.queue_event(session, event, envelope, settings)
    return envelope


def make_due(database: Database) -> None:
    """As if the backoff had passed."""
    with database.session() as session:
        session.execute(update(Notification).values(next_attempt_at=utcnow()))


def notifications(database: Database) -> list[Notification]:
    with database.session() as session:
        return list(session.scalars(select(Notification).order_by(Notification.id)))


def deliveries(database: Database) -> list[tuple[int, str, str]]:
    with database.session() as session:
        rows = session.execute(
            select(Delivery.notification_id, Delivery.outcome, Delivery.server_answer)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def announced(database: Database) -> list[dict[str, object]]:
    """The notification.sent events waiting in the outbox."""
    with database.session() as session:
        query = select(OUTBOX.events.c.envelope).order_by(OUTBOX.events.c.created_at)
        rows = session.execute(query).scalars()
        return [json.loads(row) for row in rows]


def test_delivering_twice_sends_each_mail_once(
    database: Database, settings: Settings, smtp_server: SmtpServer
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS))
    mailer = SmtpMailer.from_url(smtp_server.url)

    first = delivery.deliver_pending(database, envelope.event_id, mailer, settings)
    second = delivery.deliver_pending(database, envelope.event_id, mailer, settings)

    assert (first, second) == (4, 0)
    rows = notifications(database)
    assert {n.status for n in rows} == {"sent"}
    assert [n.attempts for n in rows] == [1, 1, 1, 1]
    assert sorted(m["Message-ID"] for m in smtp_server.messages) == sorted(
        n.message_id or "" for n in rows
    )
    assert [outcome for _, outcome, _ in deliveries(database)] == ["sent"] * 4


def test_sent_mail_is_announced_once_in_the_outbox(
    database: Database, settings: Settings, smtp_server: SmtpServer
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    mailer = SmtpMailer.from_url(smtp_server.url)

    token = correlation_id.set("c-9")  # as the consumer sets it for the event at hand
    try:
        delivery.deliver_pending(database, envelope.event_id, mailer, settings)
        delivery.deliver_pending(database, envelope.event_id, mailer, settings)
    finally:
        correlation_id.reset(token)

    event, _innovators = announced(database)
    assert event["name"] == "notification.sent"
    assert event["correlation_id"] == "c-9"
    assert event["payload"] == {
        "notification_id": notifications(database)[0].id,
        "proposal_id": 42,
        "channel": "email",
        "recipient_email": "budi@univ.example.ac.id",
        "recipient_role": "evaluator",
        "subject": notifications(database)[0].subject,
    }


def test_stopped_server_keeps_mail_pending_with_a_backoff_until_it_is_back(
    database: Database, settings: Settings, smtp_server: SmtpServer
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    mailer = SmtpMailer.from_url(smtp_server.url)
    smtp_server.stop()

    assert delivery.deliver_pending(database, envelope.event_id, mailer, settings) == 0

    rows = notifications(database)
    assert [(n.status, n.attempts) for n in rows] == [("pending", 1), ("pending", 1)]
    assert all(n.last_error and "cannot reach" in n.last_error for n in rows)
    assert all(n.next_attempt_at and n.next_attempt_at > utcnow() for n in rows)
    assert [outcome for _, outcome, _ in deliveries(database)] == ["transient"] * 2
    assert announced(database) == []
    # Not due yet: nothing is tried, however often asked.
    assert delivery.deliver_due(database, mailer, settings) == 0

    smtp_server.start()
    make_due(database)
    sent = delivery.deliver_due(database, mailer, settings)
    delivery.deliver_due(database, mailer, settings)
    delivery.deliver_pending(database, envelope.event_id, mailer, settings)

    assert sent == 2
    assert len(smtp_server.messages) == 2
    rows = notifications(database)
    assert [(n.status, n.attempts, n.last_error) for n in rows] == [("sent", 2, None)] * 2
    assert len(announced(database)) == 2


def test_421_then_success_sends_once(
    database: Database, settings: Settings, smtp_server: SmtpServer
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    mailer = SmtpMailer.from_url(smtp_server.url)
    smtp_server.recorder.answer = "421 4.7.0 Try again later"

    delivery.deliver_pending(database, envelope.event_id, mailer, settings)
    smtp_server.recorder.answer = "250 OK"
    make_due(database)
    delivery.deliver_due(database, mailer, settings)
    delivery.deliver_due(database, mailer, settings)

    assert [n.status for n in notifications(database)] == ["sent", "sent"]
    assert len(smtp_server.messages) == 2
    assert [o for _, o, _ in deliveries(database)] == ["transient"] * 2 + ["sent"] * 2
    assert "421 4.7.0 Try again later" in [a for _, _, a in deliveries(database)]


def test_transient_failures_past_the_window_fail_for_good(
    database: Database, settings: Settings
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    with database.session() as session:
        session.execute(update(Notification).values(created_at=utcnow() - timedelta(hours=25)))
    mailer = InMemoryMailer(failures=[TransientMailError("421 busy")] * 2)

    delivery.deliver_pending(database, envelope.event_id, mailer, settings)

    rows = notifications(database)
    assert [n.status for n in rows] == ["failed", "failed"]
    assert all((n.last_error or "").startswith("gave up after 1 day") for n in rows)


def test_refused_mail_fails_with_the_server_answer_and_is_not_retried(
    database: Database, settings: Settings, smtp_server: SmtpServer
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    mailer = SmtpMailer.from_url(smtp_server.url)
    smtp_server.recorder.answer = "550 5.7.1 Message rejected by policy"

    delivery.deliver_pending(database, envelope.event_id, mailer, settings)
    smtp_server.recorder.answer = "250 OK"
    again = delivery.deliver_pending(database, envelope.event_id, mailer, settings)

    rows = notifications(database)
    answer = "550 5.7.1 Message rejected by policy"
    assert [(n.status, n.last_error) for n in rows] == [("failed", answer)] * 2
    assert again == 0
    assert smtp_server.messages == []
    assert deliveries(database) == [(n.id, "permanent", answer) for n in rows]
    assert announced(database) == []


def test_one_recipients_transient_error_does_not_hold_back_the_others(
    database: Database, settings: Settings
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS))
    mailer = InMemoryMailer(failures=[TransientMailError("452 4.2.2 Mailbox full")])

    assert delivery.deliver_pending(database, envelope.event_id, mailer, settings) == 3

    assert [n.status for n in notifications(database)] == ["pending", "sent", "sent", "sent"]
    make_due(database)
    assert delivery.deliver_due(database, mailer, settings) == 1
    assert len(mailer.sent) == 4


def test_mail_left_sending_by_a_dead_worker_is_sent_after_the_lease(
    database: Database, settings: Settings
) -> None:
    envelope = queue_assignment(
        database, settings, review_assigned(*EVALUATORS[:2], replacement=True)
    )
    with database.session() as session:
        ids = list(session.scalars(select(Notification.id).order_by(Notification.id)))
        for notification_id, claimed in zip(ids, (LEASE * 2, timedelta(seconds=5)), strict=True):
            session.execute(
                update(Notification)
                .where(Notification.id == notification_id)
                .values(status="sending", attempts=1, claimed_at=utcnow() - claimed)
            )
    mailer = InMemoryMailer()

    # The stale claim is taken over and sent; the fresh one belongs to a live worker, so the
    # event is not done: the call says so, and the event stays unconfirmed until it is.
    with pytest.raises(delivery.MailInFlight):
        delivery.deliver_pending(database, envelope.event_id, mailer, settings)

    assert len(mailer.sent) == 1
    assert [(n.status, n.attempts) for n in notifications(database)] == [
        ("sent", 2),
        ("sending", 1),
    ]


def test_a_sent_mail_is_recorded_once_the_database_is_back(
    tmp_path: Path, settings: Settings, smtp_server: SmtpServer
) -> None:
    """The database goes away between the claim and the mail server's 250 (here: its SQLite
    file locked by another process for 1.5 s, against a 0.2 s wait): the worker that knows the
    mail went out keeps trying to record that, rather than leave it "sending" until the lease
    runs out. One mail, one "sent", one announcement."""
    path = tmp_path / "away.db"
    database = Database("notifications", f"sqlite:///{path}", wait=0.2)
    Base.metadata.create_all(database.engine)
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS[:1]))
    (innovator,) = [n.id for n in notifications(database) if n.recipient_role == "innovator"]
    with database.session() as session:  # only the evaluator's mail is due in this test
        session.execute(update(Notification).where(Notification.id == innovator).values(
            next_attempt_at=utcnow() + timedelta(hours=1)))  # fmt: skip
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def away_while_sending() -> None:
        other.execute("BEGIN EXCLUSIVE")
        threading.Timer(1.5, lambda: other.execute("ROLLBACK")).start()

    sent = delivery.deliver_pending(
        database, envelope.event_id, SmtpMailer.from_url(smtp_server.url), settings,
        pace=away_while_sending,
    )  # fmt: skip

    other.close()
    assert sent == 1
    assert len(smtp_server.messages) == 1
    evaluator = next(n for n in notifications(database) if n.id != innovator)
    assert (evaluator.status, evaluator.attempts) == ("sent", 1)
    assert [outcome for _, outcome, _ in deliveries(database)] == ["sent"]
    assert [e["name"] for e in announced(database)] == ["notification.sent"]
    database.dispose()
