"""Queuing notices on a real database: one pending mail per recipient and kind, and the same event
again adds nothing."""

from __future__ import annotations

from sqlalchemy import select

from services.notifications import queueing
from services.notifications.models import Notification
from shared.config import Settings
from shared.db import Database
from shared.events import Envelope, ReviewAssigned
from tests.support.notifications import (
    EVALUATORS,
    document_ready,
    envelope_of,
    review_assigned,
)


def queue_assignment(database: Database, settings: Settings, event: ReviewAssigned) -> Envelope:
    envelope = envelope_of(event)
    with database.session() as session:
        queueing.queue_event(session, event, envelope, settings)
    return envelope


def notifications(database: Database) -> list[Notification]:
    with database.session() as session:
        return list(session.scalars(select(Notification).order_by(Notification.id)))


def test_assignment_queues_one_pending_mail_per_evaluator_and_tells_the_innovator(
    database: Database, settings: Settings
) -> None:
    envelope = queue_assignment(database, settings, review_assigned(*EVALUATORS))

    rows = notifications(database)
    assert [(n.recipient_email, n.language, n.status, n.kind) for n in rows] == [
        ("budi@univ.example.ac.id", "id", "pending", "evaluator_assigned"),
        ("jane@univ.example.edu", "en", "pending", "evaluator_assigned"),
        ("rina@univ.example.ac.id", "id", "pending", "evaluator_assigned"),
        ("siti@opd.example.go.id", "id", "pending", "under_review"),
    ]
    assert [n.recipient_role for n in rows] == ["evaluator"] * 3 + ["innovator"]
    assert [n.mandatory for n in rows] == [True] * 3 + [False]
    assert all(n.event_id == envelope.event_id and n.proposal_id == 42 for n in rows)
    assert (rows[0].message_id or "").startswith(f"<notif-{rows[0].id}-")
    assert rows[1].subject.startswith("Innovation proposal assigned to you")


def test_queuing_the_same_event_again_adds_nothing(database: Database, settings: Settings) -> None:
    event = review_assigned(*EVALUATORS, EVALUATORS[0])  # one evaluator named twice, too
    envelope = queue_assignment(database, settings, event)

    with database.session() as session:
        again = queueing.queue_event(session, event, envelope, settings)

    assert again == []
    assert len(notifications(database)) == 4


def test_dossier_ready_queues_a_mail_for_the_innovator(
    database: Database, settings: Settings
) -> None:
    dossier = document_ready()
    with database.session() as session:
        queued = queueing.queue_event(session, dossier, envelope_of(dossier), settings)

    assert [(n.recipient_email, n.recipient_role, n.kind) for n in queued] == [
        ("siti@opd.example.go.id", "innovator", "dossier_ready")
    ]
    assert "https://sipinda.example.go.id/documents/5/download" in queued[0].body_text
