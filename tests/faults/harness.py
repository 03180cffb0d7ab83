"""What the fault tests share: a whole SIPINDA on its own Redis, ways to break that Redis, and
the one verdict every fault test ends with — every proposal done, nothing lost, nothing twice."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from aiosmtpd.controller import Controller
from redis import Redis
from sqlalchemy import text, update

from services.notifications.devmail import MailboxHandler
from shared.config import SERVICES
from tests.support.deployment import Deployment
from tests.support.environment import sipinda_environment
from tests.support.http import Api
from tests.support.servers import Process, RedisServer, free_port, wait_until
from tests.support.stack import worker

K = 3  # evaluators per proposal
# Per proposal, once: the submission, the assignment, the dossier, and the notices: each
# evaluator once, the innovator three times (received, under review, dossier ready).
INNOVATOR_MAILS = 3
MAILS = K + INNOVATOR_MAILS
TIMELINE = Counter(
    {"proposal.submitted": 1, "review.assigned": 1, "document.ready": 1, "notification.sent": MAILS}
)
# Rows per proposal: assignments, dossiers, notifications, timeline entries.
EXPECTED_ROWS = {
    "review": K,
    "documents": 1,
    "notifications": MAILS,
    "submission": TIMELINE.total(),
}
INNOVATORS = (
    "inovator.dinkes@sipinda.test",
    "inovator.disdukcapil@sipinda.test",
    "inovator.kelcibeber@sipinda.test",
)
T = TypeVar("T")
RIG_SETTINGS = {
    "DATABASE_POOL_SIZE": "1",
    # An unconfirmed delivery is sent again 3, 6, 6 … s after the last send (3, 6, 12 … 600 s
    # in the test environment): a message a fault lost goes again within seconds.
    "OUTBOX_REDELIVER_MAX": "6",
}


@dataclass
class Proposal:
    id: int
    title: str
    innovator: str


@dataclass
class Rig:
    deployment: Deployment
    redis: RedisServer
    prefix: str  # this environment's Redis key prefix (queues are `<prefix><service>`)

    def wait(self, check: Callable[[], T], timeout: float, what: str) -> T:
        """`wait_until`, printing the processes' last log lines when it gives up."""
        try:
            result: T = wait_until(check, timeout=timeout, interval=0.1, what=what)
        except AssertionError:
            print(self.deployment.logs_tail())
            print(f"--- redis\n{self.redis.process.tail() if self.redis.process else ''}")
            raise
        return result

    def broker(self) -> Redis:
        return Redis.from_url(self.redis.url, socket_timeout=5)

    def queued(self, service: str) -> int:
        with self.broker() as client:  # a fresh connection: Redis may have been restarted
            return int(client.llen(f"{self.prefix}{service}"))

    def queued_all(self) -> int:
        """Messages waiting in every service's queue."""
        return sum(self.queued(service) for service in SERVICES)

    def restart_redis(self) -> None:
        """SIGKILL Redis and start an empty one on the same port: every message is gone."""
        self.redis.stop()
        self.redis.start()


@contextmanager
def sipinda(
    base: Path,
    *,
    workers: Mapping[str, str] | None = None,
    smtp_url: str | None = None,
    settings: Mapping[str, str] | None = None,
    database_server: str | None = None,
) -> Iterator[Rig]:
    """A whole SIPINDA on a private Redis. `workers` maps a worker's name to its queues (one
    worker on every queue by default); `smtp_url` replaces the environment's mail sink;
    `settings` are more environment variables; `database_server` as `sipinda_environment`'s."""
    with sipinda_environment(base, own_redis=True, database_server=database_server) as environment:
        assert environment.redis is not None
        # One idle connection per database and process (tests/conftest.py keeps none): a rig
        # then peaks near 30 PostgreSQL connections, two side by side well within the server's
        # 100, and skips the reconnect at every unit of work (a quarter of a fault test's time).
        env = {**environment.vars, **RIG_SETTINGS, **(settings or {})}
        if smtp_url:
            env["SMTP_URL"] = smtp_url
        # One gunicorn worker (four threads): a rig serves a few innovators at a time, and each
        # worker process costs seconds of CPU to start, on two cores shared by two rigs.
        deployment = Deployment(env, base, web_workers=1)
        if workers:
            deployment.workers = [
                worker(deployment.env, deployment.logs, queues, name)
                for name, queues in workers.items()
            ]
        deployment.prepare()
        quicken_beats(deployment)
        deployment.start()
        try:
            yield Rig(deployment, environment.redis, env["SIPINDA_REDIS_PREFIX"])
        finally:
            deployment.stop()


# The beats' schedules live in their databases and are changed with an UPDATE (shared/beat.py).
# A rig looks for due mails (retries, a dead sender's lease run out) every second, not every 15 s,
# and for due letters of assignment every second, not every 5 s: what comes due once a fault is
# over goes out within a second, so the tests wait for the fault's effects, not for a beat.
QUICK_BEATS = (("notifications", "deliver-due"), ("documents", "letters-due"))


def quicken_beats(deployment: Deployment) -> None:
    from services.documents.tasks import BEAT as DOCUMENTS_BEAT
    from services.notifications.beat import BEAT as NOTIFICATIONS_BEAT

    beats = {beat.service: beat for beat in (DOCUMENTS_BEAT, NOTIFICATIONS_BEAT)}
    for service, name in QUICK_BEATS:
        beat, db = beats[service], deployment.db(service)
        beat.ensure_schedule(db)
        with db.session() as session:
            session.execute(
                update(beat.table).where(beat.table.c.name == name).values(every_seconds=1)
            )


def restart(process: Process) -> None:
    """SIGKILL a process group (if still alive), reap it, start it again."""
    process.kill()
    if process.popen is not None:
        process.popen.wait()
    process.start()


@contextmanager
def supervised(process: Process) -> Iterator[list[int | None]]:
    """Start `process` again whenever it exits, as production does (docker compose's
    `restart: unless-stopped`, the embedded supervisor); yields the exit codes seen."""
    exits: list[int | None] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.2):
            if not process.alive:
                exits.append(process.popen.returncode if process.popen else None)
                print(f"--- {process.name} exited; restarted\n{process.tail(15)}")
                process.start()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield exits
    finally:
        stop.set()
        watcher.join()


def submit(d: Deployment, n: int, label: str) -> list[Proposal]:
    """Create and submit `n` proposals, spread over the demo innovators; each must get 202."""
    proposals = []
    for i in range(n):
        email = INNOVATORS[i % len(INNOVATORS)]
        title = f"{label} {i} {uuid.uuid4().hex[:8]}"
        proposals.append(Proposal(d.login(email).submit_new_proposal(title), title, email))
    return proposals


def timeline(api: Api, proposal: Proposal) -> Counter[str]:
    items: list[dict[str, Any]] = api.get(f"/api/v1/proposals/{proposal.id}/timeline").json()
    return Counter(i["event"] for i in items)


def scalar(d: Deployment, service: str, sql: str, **params: object) -> int:
    with d.db(service).session() as s:
        return int(s.scalar(text(sql), params) or 0)


def scalar_text(d: Deployment, service: str, sql: str, **params: object) -> str | None:
    with d.db(service).session() as s:
        value = s.scalar(text(sql), params)
        return None if value is None else str(value)


def evaluators(d: Deployment, proposal: Proposal) -> list[str]:
    with d.db("review").session() as s:
        return sorted(
            s.scalars(
                text(
                    "SELECT e.email FROM assignments a JOIN evaluators e ON e.id = a.evaluator_id"
                    " WHERE a.proposal_id = :p"
                ),
                {"p": proposal.id},
            )
        )


def assert_each_done_once(rig: Rig, proposals: list[Proposal], timeout: float = 120) -> None:
    """Wait until every pipeline finished and every delivery is confirmed (nothing left to
    happen), then: every effect exactly once, every mail received exactly once."""
    d = rig.deployment
    api = {email: d.login(email) for email in {p.innovator for p in proposals}}

    def settled() -> bool:
        return (
            all(timeline(api[p.innovator], p) == TIMELINE for p in proposals)
            and all(len(d.mail_recipients(p.title)) >= MAILS for p in proposals)
            and d.unconfirmed() == 0
        )

    try:
        rig.wait(settled, timeout, "every pipeline to finish and every delivery to be confirmed")
    except AssertionError:
        for p in proposals:
            print(p, dict(timeline(api[p.innovator], p)), d.rows_about(p.id),
                  len(d.mail_recipients(p.title)))  # fmt: skip
        print("unconfirmed deliveries:", d.unconfirmed())
        raise
    for p in proposals:
        assert timeline(api[p.innovator], p) == TIMELINE, p
        assert d.rows_about(p.id) == EXPECTED_ROWS, p
        assert scalar(d, "notifications", "SELECT count(*) FROM notifications "
                      "WHERE proposal_id = :p AND status = 'sent'", p=p.id) == MAILS  # fmt: skip
        assert d.mail_recipients(p.title) == sorted(
            [*evaluators(d, p), *[p.innovator] * INNOVATOR_MAILS]
        ), p


class HeldMailbox(MailboxHandler):
    """The dev mailbox, except that the first RCPT TO is held (unanswered) until `release`:
    a sender caught there has not handed its mail over."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if not self.holding.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def release(self) -> None:
        self.released.set()


class MailServer:
    """An aiosmtpd server writing to the dev mailbox, on a port of its own, which a test may
    stop (the port refuses connections) and start again."""

    def __init__(self, handler: MailboxHandler) -> None:
        self.handler = handler
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@contextmanager
def mail_server(handler: MailboxHandler) -> Iterator[MailServer]:
    server = MailServer(handler)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def mailbox_of(base: Path) -> Path:
    """Where `Deployment.mails` reads, for a deployment made under `base`."""
    return base / "var" / "mailbox"


@contextmanager
def held_mail_server(mailbox: Path) -> Iterator[tuple[str, HeldMailbox]]:
    handler = HeldMailbox(mailbox)
    with mail_server(handler) as server:
        try:
            yield server.url, handler
        finally:
            handler.release()
