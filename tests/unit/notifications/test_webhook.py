"""The webhook channel against a real HTTP server on a free port: signed, retried, once."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import select, update

from services.notifications import failures
from services.notifications.consumers import CONSUMER
from services.notifications.models import Delivery, WebhookDelivery
from services.notifications.tasks import deliver_due
from shared.db import Database
from shared.events import Envelope
from shared.outbox import utcnow
from shared.web.paging import Window
from tests.support.notifications import SmtpServer, envelope_of, every_notice

SECRET = "webhook-secret-for-tests"


class Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: list[int] = []  # answered in order; 200 once they run out
        self.received: list[tuple[dict[str, str], bytes]] = []


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = self.server.answers.pop(0) if self.server.answers else 200
        if status == 200:
            self.server.received.append((dict(self.headers.items()), body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("NOTIFY_WEBHOOK_URL", f"http://127.0.0.1:{server.server_port}/hook")
    monkeypatch.setenv("NOTIFY_WEBHOOK_SECRET", SECRET)
    yield server
    server.shutdown()
    server.server_close()


def ignore(envelope: Envelope, consumer: str) -> None:
    pass


def statuses(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(WebhookDelivery.status)))


def test_webhook_is_signed_retried_after_a_503_and_posted_once(
    live_runtime: Database, smtp_server: SmtpServer, receiver: Receiver
) -> None:
    receiver.answers = [503]
    event = next(e for k, e, _ in every_notice("en") if k == "decision_made")
    wire = envelope_of(event).to_wire()

    CONSUMER.handle(wire, ignore)
    CONSUMER.handle(wire, ignore)

    assert receiver.received == []
    assert statuses(live_runtime) == ["pending"]
    with live_runtime.session() as session:
        (answer,) = session.scalars(
            select(Delivery.server_answer).where(Delivery.channel == "webhook")
        )
        assert answer.startswith("503")
        session.execute(update(WebhookDelivery).values(next_attempt_at=utcnow()))
    deliver_due.run()
    deliver_due.run()

    assert statuses(live_runtime) == ["sent"]
    ((headers, body),) = receiver.received
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Sipinda-Signature"], expected)
    assert headers["Content-Type"] == "application/json"
    data = json.loads(body)
    assert headers["X-Sipinda-Delivery"] == str(data["id"])
    assert (data["kind"], data["recipient"]["language"], data["proposal_id"]) == (
        "decision_made",
        "en",
        42,
    )
    assert data["link"] == "https://sipinda.example.go.id/proposals/42"
    assert data["subject"].startswith("Decision on your proposal")
    assert len(smtp_server.messages) == 1  # the e-mail went its own way, once


def test_webhook_refused_with_a_4xx_fails_for_good(
    live_runtime: Database, receiver: Receiver
) -> None:
    receiver.answers = [404]
    event = next(e for k, e, _ in every_notice("id") if k == "proposal_withdrawn")

    CONSUMER.handle(envelope_of(event).to_wire(), ignore)
    deliver_due.run()

    assert statuses(live_runtime) == ["failed"]
    assert receiver.received == []
    with live_runtime.session() as session:
        (failure,) = failures.failed(session, Window()).items
    assert (failure.channel, failure.server_answer, failure.attempts) == (
        "webhook",
        "404 Not Found",
        1,
    )
    assert failure.last_attempt_at is not None
