"""Keeping to a mail server's rate: the pacer's arithmetic on a fake clock, and a burst of
notices drained through a real SMTP server that refuses (421) anything over its limit. (The
1,000-notice burst, with its figures, is `bench/notifications_burst.py`: too slow for a unit
test on SQLite, where each notice costs three commits.)"""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select

from services.notifications import queueing
from services.notifications.models import Delivery, Notification
from services.notifications.pacing import LocalCounter, Pacer
from services.notifications.tasks import deliver_due
from shared import runtime
from shared.db import Database
from tests.support.notifications import Recorder, SmtpServer, envelope_of, review_assigned

BURST = 200


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.25
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 2))
        self.now += seconds


def test_pacer_lets_rate_through_per_second_then_waits_for_the_next() -> None:
    clock = FakeClock()
    pace = Pacer(rate=3, count=LocalCounter(), clock=clock, sleep=clock.sleep)

    for _ in range(7):
        pace()

    assert clock.slept == [0.75, 1.0]  # 3 in second 1000, 3 in 1001, the 7th in 1002
    assert int(clock.now) == 1002


class LimitedRecorder(Recorder):
    """Accepts at most `limit` messages per wall-clock second, as a rate-limiting relay does."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.per_second: dict[int, int] = {}
        self.refused = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        second = int(time.time())
        self.per_second[second] = self.per_second.get(second, 0) + 1
        if self.per_second[second] > self.limit:
            self.refused += 1
            return "421 4.7.0 Too many messages, slow down"
        return await super().handle_DATA(server, session, envelope)


def test_a_burst_drains_without_tripping_the_servers_limit(
    live_runtime: Database, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paced at half the server's limit: a mail paced late in one second may arrive early in
    # the next, so a server window sees at most two pacing windows' worth.
    monkeypatch.setenv("SMTP_RATE", "40")
    smtp_server.recorder = LimitedRecorder(limit=80)
    smtp_server.stop()
    smtp_server.start()
    evaluators = [(f"E {i}", f"e{i}@univ.example.ac.id", "id") for i in range(BURST - 1)]
    event = review_assigned(*evaluators)  # the evaluators and the innovator
    with live_runtime.session() as session:
        queued = queueing.queue_event(session, event, envelope_of(event), runtime.settings())
    assert len(queued) == BURST

    while deliver_due.run():
        pass

    assert smtp_server.recorder.refused == 0
    received = {m["Message-ID"] for m in smtp_server.messages}
    assert len(received) == len(smtp_server.messages) == BURST
    with live_runtime.session() as session:
        assert set(session.scalars(select(Notification.status))) == {"sent"}
        assert set(session.scalars(select(Delivery.outcome))) == {"sent"}
