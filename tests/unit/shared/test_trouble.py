"""The trouble board: retries and failures counted per task with their last reason, in a real
Redis, and the log level each means (pure)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import redis
from celery.exceptions import Retry

from services.notifications.delivery import MailInFlight
from shared import celery as celery_wiring
from shared import trouble
from shared.redis_client import asking_once
from tests.support.servers import RedisServer


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[redis.Redis]:
    server = RedisServer(tmp_path_factory.mktemp("trouble-redis")).start()
    try:
        yield redis.Redis.from_url(server.url)
    finally:
        server.stop()


def test_retries_and_failures_are_counted_with_their_last_reason(client: redis.Redis) -> None:
    for reason in ("OSError: storage away", "OSError: storage still away"):
        trouble.record(client, "t1:", "documents.handle_event", trouble.RETRYING, reason)
    trouble.record(client, "t1:", "notifications.handle_event", trouble.FAILED, "gave up")
    board = trouble.board(client, "t1:")
    assert board is not None
    assert [(t.task, t.state, t.count, t.reason) for t in board] == [
        ("notifications.handle_event", "failed", 1, "gave up"),
        ("documents.handle_event", "retrying", 2, "OSError: storage still away"),
    ]
    assert client.ttl("t1:trouble:count") > 0  # a window, not a record kept for ever
    assert trouble.board(client, "other:") == []


def test_without_redis_the_board_is_unknown_and_recording_does_not_fail() -> None:
    away = asking_once("redis://127.0.0.1:1/0", timeout=0.2)  # as the workers' (shared.celery)
    trouble.record(away, "t:", "x.y", trouble.FAILED, "r")
    assert trouble.board(away, "t:") is None


def test_each_retry_is_logged_at_the_level_it_means() -> None:
    assert trouble.level_of(trouble.RETRYING, MailInFlight("in another's hands")) == logging.INFO
    assert trouble.level_of(trouble.RETRYING, OSError("storage away")) == logging.WARNING
    assert trouble.level_of(trouble.FAILED, OSError("storage away")) == logging.ERROR


def test_a_task_s_retry_reaches_the_board_at_its_level(
    client: redis.Redis, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """What Celery's task_retry signal hands over (its Retry, the cause inside) is counted
    under the task's name and logged as the cause means."""
    monkeypatch.setitem(celery_wiring._trouble_board, "client", client)
    monkeypatch.setitem(celery_wiring._trouble_board, "prefix", "t2:")
    task = SimpleNamespace(name="notifications.handle_event")
    with caplog.at_level(logging.INFO, logger="shared.celery"):
        celery_wiring._on_retry(task, Retry(exc=MailInFlight("in another's hands")))
        celery_wiring._on_retry(task, Retry(exc=OSError("storage away")))
    levels = [r.levelno for r in caplog.records if r.name == "shared.celery"]
    assert levels == [logging.INFO, logging.WARNING]
    assert all(r.exc_info is None for r in caplog.records)  # no traceback for a retry
    (row,) = trouble.board(client, "t2:") or []
    assert (row.task, row.state, row.count, row.reason) == (
        "notifications.handle_event",
        "retrying",
        2,
        "OSError: storage away",
    )


def test_the_quick_client_asks_once() -> None:
    """redis-py retries ten times by default (4.6 s before a refused connection reports): the
    rate limiter, /readyz, the metrics, the system page and the trouble board would each hold a
    request or a worker that long while Redis is away."""
    away = asking_once("redis://127.0.0.1:1/0", timeout=0.2)
    retry = away.get_retry()
    assert retry is not None
    assert retry.get_retries() == 0
    with pytest.raises(redis.ConnectionError):
        away.ping()
