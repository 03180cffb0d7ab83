"""The database away in the middle of a stream of submissions: PostgreSQL stopped for 20 s, or
(where SIPINDA runs on SQLite files) the submission database locked for 20 s.

While it is away every request fails fast with 503 and `Retry-After`, in the user's language;
nothing is half-written (a refused create leaves no proposal, a refused submit leaves a whole
draft); and the same processes carry on when it is back: the innovators' retries go through and
every accepted proposal ends with its assignments, dossier and mails, once."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.faults.harness import (
    INNOVATORS,
    Proposal,
    Rig,
    assert_each_done_once,
    scalar,
    sipinda,
)
from tests.support.http import Api, Reply
from tests.support.postgres import pg_ctl, private_postgres

pytestmark = [pytest.mark.fault, pytest.mark.timeout(600)]

OUTAGE = 20.0  # seconds
FAST = 15.0  # a refused request answers well within this (DATABASE_REQUEST_WAIT is 5 s)
PACE = 1.5  # seconds between two proposals: the demo panel's capacity lasts the whole test
AFTER = 2  # proposals accepted once the database is back, before the stream stops


@dataclass
class Stream:
    """Innovators creating and submitting proposals one after another, as fast as answered."""

    apis: dict[str, Api]
    accepted: list[Proposal] = field(default_factory=list)
    drafts: list[Proposal] = field(default_factory=list)  # created, submit refused
    never_created: list[str] = field(default_factory=list)  # titles whose create was refused
    refusals: list[tuple[Reply, float]] = field(default_factory=list)
    others: list[Reply] = field(default_factory=list)  # neither success nor 503: wrong
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            email = INNOVATORS[i % len(INNOVATORS)]
            self.one(self.apis[email], email, f"Basis data {i} {uuid.uuid4().hex[:8]}")
            i += 1
            time.sleep(PACE)

    def one(self, api: Api, email: str, title: str) -> None:
        created = self.timed(
            lambda: api.post(
                "/api/v1/proposals", {"title": title, "summary": f"Ringkasan {title}."}
            )
        )
        if created.status != 201:
            self.never_created.append(title)
            return
        proposal = Proposal(created.json()["id"], title, email)
        submitted = self.timed(lambda: api.post(f"/api/v1/proposals/{proposal.id}/submit"))
        (self.accepted if submitted.status == 202 else self.drafts).append(proposal)

    def timed(self, request: Callable[[], Reply]) -> Reply:
        start = time.monotonic()
        try:
            reply = request()
        except OSError as exc:  # the request itself hung or broke: record as wrong
            reply = Reply(0, {}, str(exc).encode())
        elapsed = time.monotonic() - start
        if reply.status == 503:
            self.refusals.append((reply, elapsed))
        elif reply.status not in (201, 202):
            self.others.append(reply)
        return reply


@contextmanager
def streaming(rig: Rig) -> Iterator[Stream]:
    d = rig.deployment
    stream = Stream({email: d.login(email) for email in INNOVATORS})
    thread = threading.Thread(target=stream.run, daemon=True)
    thread.start()
    try:
        yield stream
    finally:
        stream.stop.set()
        thread.join(timeout=60)


def through_an_outage(rig: Rig, away: Callable[[], None], back: Callable[[], None]) -> Stream:
    """Stream submissions; take the database away for OUTAGE seconds in the middle."""
    d = rig.deployment
    processes = [d.web, d.relay, *d.workers]
    pids = [p.popen.pid if p.popen else None for p in processes]
    with streaming(rig) as stream:
        rig.wait(lambda: len(stream.accepted) >= 2, 60, "submissions before the outage")
        away()
        time.sleep(OUTAGE)
        back()
        # Two more accepted: the second of them was sent after the database was back.
        before = len(stream.accepted)
        rig.wait(lambda: len(stream.accepted) >= before + AFTER, 90, "submissions after it")
    # The same processes carried on: nothing had to be restarted.
    assert [p.popen.pid if p.popen else None for p in processes] == pids
    assert all(p.alive for p in processes)
    return stream


def assert_refused_well_and_nothing_lost(rig: Rig, stream: Stream) -> None:
    d = rig.deployment
    assert stream.others == [], [(r.status, r.body[:200]) for r in stream.others]
    assert stream.refusals, "the outage refused nothing"
    for reply, elapsed in stream.refusals:
        assert reply.headers.get("Retry-After") == "5"
        error = reply.json()["error"]
        assert error["code"] == "unavailable"
        assert "coba lagi" in error["message"].lower(), error  # Indonesian, says what to do
        assert elapsed < FAST, f"a refusal took {elapsed:.1f} s"
    # Nothing half-written: a refused create left no proposal, a refused submit a whole draft.
    for title in stream.never_created:
        assert (
            scalar(d, "submission", "SELECT count(*) FROM proposals WHERE title = :t", t=title) == 0
        )
    for draft in stream.drafts:
        status = "SELECT count(*) FROM proposals WHERE id = :p AND status = 'draft'"
        assert scalar(d, "submission", status, p=draft.id) == 1, draft
    # One event per accepted submit: no refused one left an event behind.
    events = "SELECT count(*) FROM submission_outbox WHERE name = 'proposal.submitted'"
    assert scalar(d, "submission", events) == len(stream.accepted)
    # The innovators try again, as Retry-After says, and lose nothing.
    for draft in stream.drafts:
        api = d.login(draft.innovator)
        assert api.post(f"/api/v1/proposals/{draft.id}/submit").status == 202
    # Deliveries that failed through the outage come back on the relay's backoff (seconds apart
    # on a rig) and Celery's (up to a minute): generous, as the suite shares two cores.
    assert_each_done_once(rig, [*stream.accepted, *stream.drafts], timeout=300)


# Every delivery tried through the outage is sent again 1, 2, 4, 4 … s after the last send here
# (3, 6, 12 … up to 600 s in the test environment), so the pipelines settle within seconds of the
# database's return, not minutes.
QUICK_REDELIVERY = {"OUTBOX_REDELIVER_AFTER": "1", "OUTBOX_REDELIVER_MAX": "4"}


@pytest.mark.skipif(pg_ctl() is None, reason="no PostgreSQL server binaries (pg_ctl) here")
def test_postgres_stopped_for_20_seconds_during_a_stream_of_submissions(tmp_path: Path) -> None:
    with (
        private_postgres() as pg,
        sipinda(tmp_path, database_server=pg.url, settings=QUICK_REDELIVERY) as rig,
    ):
        stream = through_an_outage(rig, pg.stop, pg.start)
        assert_refused_well_and_nothing_lost(rig, stream)


def test_sqlite_file_locked_for_20_seconds_during_a_stream_of_submissions(tmp_path: Path) -> None:
    with sipinda(tmp_path, database_server="sqlite") as rig:
        path = rig.deployment.settings.database_url("submission").removeprefix("sqlite:///")
        lock = sqlite3.connect(path, isolation_level=None)

        def take() -> None:
            lock.execute("BEGIN EXCLUSIVE")  # every other writer now waits, then gives up

        def give_back() -> None:
            lock.execute("ROLLBACK")

        try:
            stream = through_an_outage(rig, take, give_back)
        finally:
            lock.close()
        assert_refused_well_and_nothing_lost(rig, stream)
