"""A sending process SIGKILLed in the middle of a batch: nothing lost, nothing sent twice.

The process runs the beat's real `deliver_due` against a real SMTP server which holds a mail
mid-send, so the kill lands there: before the server accepted it (RCPT held), or after (its 250
held). What it left "sending" is taken over once its lease is over; in the second case the
mailbox is asked by Message-ID first, so the accepted mail is recorded, not sent again."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from services.notifications import queueing
from services.notifications.config import NotifySettings
from services.notifications.delivery import LEASE
from services.notifications.devmail import MailboxHandler, read_mailbox
from services.notifications.models import Delivery, Notification
from services.notifications.tasks import deliver_due
from shared import runtime
from shared.db import Database
from shared.outbox import utcnow
from tests.support.notifications import (
    Recorder,
    SmtpServer,
    envelope_of,
    free_port,
    review_assigned,
)
from tests.support.servers import ROOT, wait_until

HELD_AT = 6
SENDER = "from services.notifications.tasks import deliver_due; deliver_due.run()"


class HoldingRecorder(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.rcpts = 0
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.rcpts += 1
        if self.rcpts == HELD_AT:
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def rows(database: Database) -> list[tuple[str, int]]:
    with database.session() as session:
        found = session.execute(
            select(Notification.status, Notification.attempts).order_by(Notification.id)
        )
        return [(status, attempts) for status, attempts in found]


def test_sender_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    live_runtime: Database, smtp_server: SmtpServer
) -> None:
    recorder = HoldingRecorder()
    smtp_server.recorder = recorder
    smtp_server.stop()
    smtp_server.start()
    evaluators = [(f"Evaluator {i}", f"e{i}@univ.example.ac.id", "id") for i in range(11)]
    event = review_assigned(*evaluators)
    with live_runtime.session() as session:
        queued = queueing.queue_event(session, event, envelope_of(event), runtime.settings())
    assert len(queued) == 12

    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER], env=dict(os.environ), cwd=ROOT, start_new_session=True
    )
    try:
        wait_until(recorder.holding.is_set, timeout=60, what="the sixth mail to be on its way")
        os.killpg(sender.pid, signal.SIGKILL)
        sender.wait()
    finally:
        if sender.poll() is None:
            os.killpg(sender.pid, signal.SIGKILL)
            sender.wait()
    recorder.released.set()

    state = rows(live_runtime)
    assert state[:5] == [("sent", 1)] * 5
    assert state[5] == ("sending", 1)  # the kill's victim: claimed, never handed over
    assert state[6:] == [("pending", 0)] * 6
    assert deliver_due.run() == 6  # everything due; the victim waits for its lease

    with live_runtime.session() as session:
        session.execute(
            update(Notification)
            .where(Notification.status == "sending")
            .values(claimed_at=utcnow() - LEASE - timedelta(seconds=1))
        )
    assert deliver_due.run() == 1
    assert deliver_due.run() == 0

    assert [status for status, _ in rows(live_runtime)] == ["sent"] * 12
    received = [m["Message-ID"] for m in recorder.messages]
    with live_runtime.session() as session:
        expected = list(session.scalars(select(Notification.message_id)))
    assert sorted(received) == sorted(expected)  # each once


class AcceptingThenHolding(MailboxHandler):
    """The dev sink, except that the third mail is stored (delivered) and then its 250 held:
    a sender killed there has had its mail accepted without hearing so."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.count = 0
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        answer = await super().handle_DATA(server, session, envelope)
        self.count += 1
        if self.count == 3:
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        return answer


def test_sender_killed_after_the_server_accepted_is_reconciled_by_message_id(
    live_runtime: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = tmp_path / "mailbox"
    handler = AcceptingThenHolding(mailbox)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{port}?timeout=5")
    monkeypatch.setenv("MAIL_RECONCILE", f"mailbox:{mailbox}")
    live_runtime.dispose()
    runtime.reset()  # settings read again; the fixture's engine is gone: use the new one
    live_runtime = runtime.database("notifications")
    try:
        event = review_assigned(*[(f"E {i}", f"e{i}@univ.example.ac.id", "id") for i in range(5)])
        with live_runtime.session() as session:
            queueing.queue_event(session, event, envelope_of(event), runtime.settings())
        sender = subprocess.Popen(
            [sys.executable, "-c", SENDER], env=dict(os.environ), cwd=ROOT, start_new_session=True
        )
        try:
            wait_until(handler.holding.is_set, timeout=60, what="the third mail to be accepted")
        finally:
            os.killpg(sender.pid, signal.SIGKILL)
            sender.wait()
        handler.released.set()
        assert [status for status, _ in rows(live_runtime)][:3] == ["sent", "sent", "sending"]

        with live_runtime.session() as session:
            session.execute(
                update(Notification)
                .where(Notification.status == "sending")
                .values(claimed_at=utcnow() - LEASE - timedelta(seconds=1))
            )
        assert deliver_due.run() == 4  # three still pending, and the orphan, recorded

        assert [status for status, _ in rows(live_runtime)] == ["sent"] * 6
        received = [mail.message_id for mail in read_mailbox(mailbox)]
        with live_runtime.session() as session:
            expected = list(session.scalars(select(Notification.message_id)))
            answers = list(session.scalars(select(Delivery.server_answer)))
        assert sorted(received) == sorted(expected)  # the orphan was not sent again
        assert sum(a.startswith("reconciled: ") for a in answers) == 1
    finally:
        controller.stop()


def test_the_lease_is_a_setting() -> None:
    assert NotifySettings.from_env("a@x.test", {}).lease == LEASE
    quick = NotifySettings.from_env("a@x.test", {"NOTIFY_LEASE_SECONDS": "5"})
    assert quick.lease == timedelta(seconds=5)
