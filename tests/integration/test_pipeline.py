"""The whole chain, end to end over HTTP, with real Redis, database, Celery workers and SMTP."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text, update

from services.identity.agencies import cilegon_agencies, related
from services.platform.registry import module
from shared.config import SERVICES
from shared.outbox import OutboxTables
from tests.support.deployment import Deployment
from tests.support.http import Api
from tests.support.servers import wait_until

pytestmark = pytest.mark.integration
STEPS = ("proposal.submitted", "review.assigned", "document.ready", "notification.sent")
K = 3
# The innovator hears three times (received, under review, dossier ready); each evaluator once.
INNOVATOR_MAILS = 3
MAILS = K + INNOVATOR_MAILS


def finished(api: Api, proposal_id: int) -> list[dict[str, Any]] | None:
    """The timeline once every step happened and all k + 1 notices went out."""
    items: list[dict[str, Any]] = api.get(f"/api/v1/proposals/{proposal_id}/timeline").json()
    events = [i["event"] for i in items]
    done = all(step in events for step in STEPS) and events.count("notification.sent") == MAILS
    return items if done else None


def test_submitted_proposal_gets_evaluators_a_dossier_and_emails(deployment: Deployment) -> None:
    innovator = deployment.login("inovator.dinkes@sipinda.test")
    title = f"Posyandu Digital {uuid.uuid4().hex[:6]}"
    proposal_id = innovator.submit_new_proposal(title)

    items = wait_until(lambda: finished(innovator, proposal_id), timeout=90, what="the pipeline")
    events = [i["event"] for i in items]
    # The receipt's notification.sent may come before or after the assignment.
    assert events[0] == "proposal.submitted"
    assert events.index("review.assigned") > 0

    with deployment.db("review").session() as s:
        rows = s.execute(
            text(
                "SELECT e.id, e.opd_code, e.email FROM assignments a "
                "JOIN evaluators e ON e.id = a.evaluator_id WHERE a.proposal_id = :p"
            ),
            {"p": proposal_id},
        ).all()
    parents = {r.code: r.parent_code for r in cilegon_agencies()}
    assert len(rows) == K
    assert not any(related("dinkes", opd, parents) for _, opd, _ in rows)

    docs = innovator.get(f"/api/v1/proposals/{proposal_id}/documents").json()
    assert [d["kind"] for d in docs] == ["proposal_dossier"]
    pdf = innovator.get(docs[0]["download_url"])
    assert pdf.status == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.body).hexdigest() == docs[0]["sha256"]
    text_of_pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body)).pages)
    assert title in text_of_pdf

    evaluator_emails = sorted(email for _, _, email in rows)
    wait_until(lambda: len(deployment.mail_recipients(title)) == MAILS, timeout=30, what="mails")
    assert deployment.mail_recipients(title) == sorted(
        [*evaluator_emails, *["inovator.dinkes@sipinda.test"] * INNOVATOR_MAILS]
    )


def test_every_event_delivered_again_changes_nothing(deployment: Deployment) -> None:
    """Every event the proposal's pipeline published, delivered again to every consumer. (The
    deployment is shared: the events of the tests before are no part of it, and delivering them
    all again took a minute on CI after the browser tests.)"""
    innovator = deployment.login("inovator.disdukcapil@sipinda.test")
    title = f"Antrean Daring {uuid.uuid4().hex[:6]}"
    since = datetime.now(UTC)
    proposal_id = innovator.submit_new_proposal(title)
    wait_until(lambda: finished(innovator, proposal_id), timeout=90, what="the pipeline")
    wait_until(lambda: len(deployment.mail_recipients(title)) == MAILS, timeout=30, what="mails")
    before = deployment.rows_about(proposal_id)

    # Make every producer send every delivery again, as after a lost confirmation.
    resent = 0
    for service, outbox in outboxes():
        deliveries, published = outbox.deliveries, outbox.events
        since_then = select(published.c.event_id).where(published.c.created_at >= since)
        with deployment.db(service).session() as s:
            resent += s.execute(
                update(deliveries)
                .where(deliveries.c.event_id.in_(since_then))
                .values(confirmed_at=None, next_attempt_at=func.now())
            ).rowcount
    assert resent > 0

    wait_until(
        lambda: deployment.unconfirmed() == 0, timeout=90, what="every redelivery to be confirmed"
    )
    assert deployment.rows_about(proposal_id) == before
    assert len(deployment.mail_recipients(title)) == MAILS


def outboxes() -> list[tuple[str, OutboxTables]]:
    return [(s, module(s, "models").OUTBOX) for s in SERVICES]
