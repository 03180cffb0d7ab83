"""The documents beat: started only in a worker that takes the documents queue, its firing
(due letters) sent there; a worker of other queues opens neither the database nor a thread."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from services.documents.tasks import BEAT
from shared.db import Database
from tests.support.servers import wait_until


def worker(*queues: str) -> Any:
    return SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=SimpleNamespace(
        consume_from={q: None for q in queues}))))  # fmt: skip


class Celery:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send_task(self, task: str, queue: str) -> None:
        self.sent.append((task, queue))


def test_only_a_documents_worker_starts_the_beat(db: Database) -> None:
    opened: list[str] = []

    def database() -> Database:
        opened.append("documents")
        return db

    celery = Celery()
    assert BEAT.start_in_worker(worker("review", "notifications"), "documents", database,
                                lambda: celery) is None  # fmt: skip
    assert BEAT.start_in_worker(None, "documents", database, lambda: celery) is None
    assert opened == []
    stop = BEAT.start_in_worker(worker("documents"), "documents", database, lambda: celery)
    assert stop is not None
    try:
        assert opened == ["documents"]
        wait_until(lambda: ("documents.issue_due_letters", "documents") in celery.sent,
                   timeout=30, what="the beat's first firing")  # fmt: skip
    finally:
        stop.set()
