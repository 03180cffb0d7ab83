"""The trouble board: retries and failures counted per task with their last reason, in a real
Redis, and the log level each means (pure)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import redis

from services.notifications.delivery import MailInFlight
from shared import trouble
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
    away = redis.Redis(port=1, socket_connect_timeout=0.2)
    trouble.record(away, "t:", "x.y", trouble.FAILED, "r")
    assert trouble.board(away, "t:") is None


def test_each_retry_is_logged_at_the_level_it_means() -> None:
    assert trouble.level_of(trouble.RETRYING, MailInFlight("in another's hands")) == logging.INFO
    assert trouble.level_of(trouble.RETRYING, OSError("storage away")) == logging.WARNING
    assert trouble.level_of(trouble.FAILED, OSError("storage away")) == logging.ERROR
