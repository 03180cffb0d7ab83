"""A whole SIPINDA as real processes — web (gunicorn), Celery workers, the relay — on its own
databases, Redis key space and SMTP sink. Tests talk to it over HTTP and inspect its databases."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select, text

from services.platform.registry import module
from shared.config import SERVICES, Settings
from shared.db import Database
from tests.support import prepared
from tests.support.http import Api
from tests.support.servers import Process, free_port, python_argv, wait_until
from tests.support.stack import relay, worker

DEMO_PASSWORD = "rahasia-demo"

ROWS_ABOUT_A_PROPOSAL = {
    "review": "SELECT count(*) FROM assignments WHERE proposal_id = :p",
    "documents": "SELECT count(*) FROM documents WHERE proposal_id = :p",
    "notifications": "SELECT count(*) FROM notifications WHERE proposal_id = :p",
    "submission": "SELECT count(*) FROM timeline_entries WHERE proposal_id = :p",
}


class Deployment:
    def __init__(self, env: Mapping[str, str], base: Path, web_workers: int = 2) -> None:
        """`web_workers`: gunicorn's worker processes (each imports the whole app at start)."""
        # Its processes keep no idle PostgreSQL connection unless `env` asks (the fault rigs
        # keep one): the pytest process's own setting (tests/conftest.py) is not theirs.
        self.env = {**os.environ, "DATABASE_POOL_SIZE": "0", **env}
        self.base = base
        self.logs = base / "logs"
        self.port = free_port()
        self.env["PORT"] = str(self.port)
        self.metrics_port = free_port()
        self.env["SIPINDA_METRICS_PORT"] = str(self.metrics_port)  # the worker's /metrics
        self.settings = Settings.from_env(self.env)
        self.web = Process("web", python_argv(
            "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", str(web_workers),
            "--threads", "4", "--graceful-timeout", "3",
            "-c", "python:services.platform.gunicorn_conf",
            "services.platform.wsgi:app",
        ), self.env, self.logs / "web.log")  # fmt: skip
        self.workers = [worker(self.env, self.logs)]
        # The relay polls every outbox ten times a second: keeping no connection, each poll
        # starts seven PostgreSQL server processes, a quarter of a core of the server's CPU for
        # as long as a session's deployment lives; one idle connection per database (seven in
        # all) costs it a twentieth of that.
        relay_pool = env.get("DATABASE_POOL_SIZE", "1")
        self.relay = relay({**self.env, "DATABASE_POOL_SIZE": relay_pool}, self.logs)
        self._databases: dict[str, Database] = {}

    def log_lines(self) -> list[dict[str, object]]:
        """Every JSON log line that every process of this deployment wrote."""
        lines = []
        for path in sorted(self.logs.glob("*.log")):
            for raw in path.read_text(errors="replace").splitlines():
                if raw.startswith("{"):
                    try:
                        lines.append({"file": path.name, **json.loads(raw)})
                    except ValueError:
                        continue
        return lines

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prepare(self) -> Deployment:
        """Migrated and seeded (from a copy of this process's template: tests/support/prepared)."""
        prepared.prepare(self.env)
        return self

    def start(self) -> Deployment:
        for process in (self.web, *self.workers, self.relay):
            process.start()
        try:
            wait_until(self.healthy, timeout=60, what="the web app")
        except AssertionError:
            print(self.logs_tail())
            self.stop()
            raise
        return self

    def healthy(self) -> bool:
        try:
            return self.api().get("/readyz").status == 200
        except OSError:
            return False

    def stop(self) -> None:
        processes = (self.web, self.relay, *self.workers)
        for process in processes:  # all at once: each then winds down beside the others
            process.terminate()
        for process in processes:
            process.stopped()
        for db in self._databases.values():
            db.dispose()

    def api(self, language: str = "id") -> Api:
        return Api(self.url, language=language)

    def login(self, email: str) -> Api:
        return self.api().login(email, DEMO_PASSWORD)

    def db(self, name: str) -> Database:
        if name not in self._databases:
            # The test's occasional checks keep no idle connection beside the deployment's own
            # (two fault rigs side by side come near the shared PostgreSQL's 100).
            url = self.settings.database_url(name)
            self._databases[name] = Database(name, url, pool_size=0)
        return self._databases[name]

    def rows_about(self, proposal_id: int) -> dict[str, int]:
        """How many rows each service holds about one proposal: what was lost or duplicated."""
        counts = {}
        for service, sql in ROWS_ABOUT_A_PROPOSAL.items():
            with self.db(service).session() as session:
                counts[service] = int(session.scalar(text(sql), {"p": proposal_id}) or 0)
        return counts

    def unconfirmed(self) -> int:
        """Outbox deliveries, across every service, that no consumer has confirmed yet."""
        pending = 0
        for service in SERVICES:
            deliveries = module(service, "models").OUTBOX.deliveries
            with self.db(service).session() as session:
                query = select(func.count()).where(deliveries.c.confirmed_at.is_(None))
                pending += session.scalar(query) or 0
        return pending

    def mail_recipients(self, title: str) -> list[str]:
        """Who received a mail about the proposal with this (unique) title, once per mail."""
        recipients = []
        for mail in self.mails():
            body = mail.get_body(("plain",))
            if body is not None and title in body.get_content():
                recipients.append(mail["To"].addresses[0].addr_spec)
        return sorted(recipients)

    def mails(self) -> list[EmailMessage]:
        folder = self.settings.var_dir / "mailbox"
        return [
            message_from_bytes(p.read_bytes(), policy=policy.default)
            for p in sorted(folder.glob("*.eml"))
        ]

    def logs_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.tail()}" for p in (self.web, *self.workers, self.relay))
