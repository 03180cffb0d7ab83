"""The outbox, the relay and the consumer inbox on a real SQLite database."""

from __future__ import annotations

import json
import logging
import secrets
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, String, Table, func, select
from sqlalchemy.orm import Session

from shared.consumer import Consumer
from shared.db import Database, make_metadata
from shared.events import Envelope, Event, NotificationSent
from shared.inbox import inbox_table
from shared.outbox import confirm, outbox_tables, publish
from shared.relay import (
    BACKLOG_LIMIT,
    BrokerUnavailableError,
    Source,
    next_attempt,
    relay_once,
    run_relay,
)
from tests.support.servers import free_port

META = make_metadata()
OUTBOX = outbox_tables(META, "probe")
INBOX = inbox_table(META, "probe")
EFFECTS = Table(
    "probe_effects", META, Column("id", Integer, primary_key=True), Column("note", String(50))
)

EVENT = NotificationSent(
    notification_id=1, proposal_id=None, channel="email", recipient_email="a@b.test",
    recipient_role="innovator", subject="s",
)  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database("probe", f"sqlite:///{tmp_path / 'probe.db'}")
    META.create_all(database.engine)
    return database


def count(db: Database, table: Table) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_publish_writes_the_event_and_one_delivery_per_subscriber(db: Database) -> None:
    with db.session() as s:
        publish(s, OUTBOX, EVENT)
    assert count(db, OUTBOX.events) == 1
    assert count(db, OUTBOX.deliveries) == 1  # notification.sent → submission


def test_publish_rolls_back_with_the_state_change(db: Database) -> None:
    def failing_change() -> None:
        with db.session() as s:
            publish(s, OUTBOX, EVENT)
            raise RuntimeError("the state change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert count(db, OUTBOX.events) == 0


def test_relay_sends_due_deliveries_and_resends_until_confirmed(db: Database) -> None:
    sent: list[tuple[str, str, dict[str, Any]]] = []
    with db.session() as s:
        envelope = publish(s, OUTBOX, EVENT)
    source = Source(db, OUTBOX)
    assert relay_once(source, lambda *a: sent.append(a), redeliver_after=60) == 1
    assert sent[0][0] == "submission.handle_event"
    assert sent[0][1] == "submission"
    assert sent[0][2]["event_id"] == envelope.event_id
    assert relay_once(source, lambda *a: sent.append(a), redeliver_after=60) == 0  # not due yet
    with db.session() as s:  # pretend the redelivery time has come
        s.execute(OUTBOX.deliveries.update().values(next_attempt_at=datetime.now(UTC)))
    assert relay_once(source, lambda *a: sent.append(a), redeliver_after=60) == 1
    with db.session() as s:
        assert confirm(s, OUTBOX, envelope.event_id, "submission")
        assert not confirm(s, OUTBOX, envelope.event_id, "submission")
        s.execute(OUTBOX.deliveries.update().values(next_attempt_at=datetime.now(UTC)))
    assert relay_once(source, lambda *a: sent.append(a), redeliver_after=60) == 0
    assert len(sent) == 2


def test_relay_keeps_deliveries_pending_when_the_broker_is_away(db: Database) -> None:
    with db.session() as s:
        publish(s, OUTBOX, EVENT)

    def broken(*_: object) -> None:
        raise ConnectionError("redis is down")

    with pytest.raises(BrokerUnavailableError, match="redis is down") as refused:
        relay_once(Source(db, OUTBOX), broken, redeliver_after=60)
    assert refused.value.sent == 0
    with db.session() as s:
        attempts = s.scalar(select(OUTBOX.deliveries.c.attempts))
    assert attempts == 0


def test_backoff_doubles_and_is_capped() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_attempt(now, 1, 3) - now == timedelta(seconds=3)
    assert next_attempt(now, 3, 3) - now == timedelta(seconds=12)
    assert next_attempt(now, 30, 3) - now == timedelta(seconds=600)


def test_redelivered_event_has_one_effect_and_is_confirmed_each_time(db: Database) -> None:
    def note(session: Session, event: Event, envelope: Envelope) -> None:
        session.execute(EFFECTS.insert().values(note=envelope.event_id[:50]))

    consumer = Consumer("probe", lambda: db, INBOX, {NotificationSent: note})
    wire = json.loads(json.dumps(Envelope.wrap(EVENT, producer="other").to_wire()))
    confirmations: list[str] = []
    outcomes = [consumer.handle(wire, lambda e, c: confirmations.append(c)) for _ in range(3)]
    assert outcomes == ["handled", "duplicate", "duplicate"]
    assert count(db, EFFECTS) == 1
    assert confirmations == ["probe"] * 3


def test_failed_handler_leaves_no_trace_and_is_not_confirmed(db: Database) -> None:
    def boom(session: Session, event: Event, envelope: Envelope) -> None:
        session.execute(EFFECTS.insert().values(note="half"))
        raise RuntimeError("crash mid-handler")

    consumer = Consumer("probe", lambda: db, INBOX, {NotificationSent: boom})
    confirmations: list[str] = []
    wire = Envelope.wrap(EVENT, producer="other").to_wire()
    with pytest.raises(RuntimeError):
        consumer.handle(wire, lambda e, c: confirmations.append(c))
    assert count(db, EFFECTS) == 0
    assert count(db, INBOX) == 0
    assert confirmations == []


def test_an_outage_is_logged_when_it_starts_and_when_it_ends(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with db.session() as s:
        publish(s, OUTBOX, EVENT)
    stop, calls, sent = threading.Event(), [0], []

    def flaky(*args: object) -> None:
        calls[0] += 1
        if calls[0] <= 20:  # twenty refusals in a row, then the broker is back
            raise ConnectionError("redis is down")
        sent.append(args)
        stop.set()

    with caplog.at_level(logging.WARNING, logger="shared.relay"):
        run_relay([Source(db, OUTBOX)], flaky, redeliver_after=60, interval=0.001, stop=stop)
    messages = [r.getMessage() for r in caplog.records]
    assert len(sent) == 1
    assert len(messages) == 2, messages
    assert "broker unavailable" in messages[0]
    assert "reachable again" in messages[1]


def test_a_redelivery_waits_while_its_queue_is_long_and_a_first_send_never(db: Database) -> None:
    sent: list[tuple[str, str, dict[str, Any]]] = []
    lengths = {"submission": BACKLOG_LIMIT + 1}
    source = Source(db, OUTBOX)
    with db.session() as s:
        publish(s, OUTBOX, EVENT)
    relay = lambda: relay_once(source, lambda *a: sent.append(a), 60, backlog=lengths.__getitem__)  # noqa: E731
    assert relay() == 1  # the first send goes whatever the queue holds
    with db.session() as s:
        s.execute(OUTBOX.deliveries.update().values(next_attempt_at=datetime.now(UTC)))
    before = datetime.now(UTC)
    assert relay() == 0  # the copy is most likely still queued
    with db.session() as s:
        attempts, due = s.execute(
            select(OUTBOX.deliveries.c.attempts, OUTBOX.deliveries.c.next_attempt_at)
        ).one()
        assert attempts == 1
        assert due >= before + timedelta(seconds=59)
        s.execute(OUTBOX.deliveries.update().values(next_attempt_at=datetime.now(UTC)))
    lengths["submission"] = BACKLOG_LIMIT  # the backlog drained: the redelivery goes
    assert relay() == 1
    assert len(sent) == 2


def test_queue_backlog_counts_a_queues_messages_on_a_real_redis(
    sipinda_env: dict[str, str],
) -> None:
    from shared import runtime
    from shared.celery import queue_backlog

    app = runtime.celery_app()
    backlog = queue_backlog(runtime.settings())
    queue = f"probe-{secrets.token_hex(3)}"
    assert backlog(queue) == 0  # never used: nothing to wait for
    for _ in range(3):
        app.send_task("probe.nothing", args=[], queue=queue)
    assert backlog(queue) == 3
    away = replace(runtime.settings(), redis_url=f"redis://127.0.0.1:{free_port()}/0")
    assert queue_backlog(away)(queue) == 0  # nobody to ask: the send that follows finds out
