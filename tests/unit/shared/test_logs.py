"""Logs are JSON lines, and each carries the correlation id of the request or event at hand."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from shared import logs


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    stream = io.StringIO()
    logs._configured = False
    logs.configure("test", stream=stream)
    yield stream
    root.handlers, root.level = saved[0], saved[1]
    logs._configured = False


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(raw) for raw in stream.getvalue().splitlines() if raw.startswith("{")]


def test_a_line_is_json_with_the_correlation_id(captured: io.StringIO) -> None:
    token = logs.correlation_id.set("abc12345")
    try:
        logs.get_logger("sipinda.test").info("event handled", event_name="proposal.submitted")
        logging.getLogger("some.library").warning("plain %s", "logging")
    finally:
        logs.correlation_id.reset(token)
    ours, theirs = lines(captured)
    assert ours["event"] == "event handled"
    assert ours["correlation_id"] == "abc12345"
    assert ours["process"] == "test"
    assert ours["level"] == "info"
    assert theirs["event"] == "plain logging"
    assert theirs["correlation_id"] == "abc12345"


def test_without_a_correlation_id_none_is_invented(captured: io.StringIO) -> None:
    logs.get_logger("sipinda.test").info("idle")
    (line,) = lines(captured)
    assert "correlation_id" not in line


@pytest.mark.parametrize(
    ("offered", "kept"),
    [
        ("req-20261128-0001", True),
        ("a" * 64, True),
        ("short", False),
        ("a" * 65, False),
        ("x\r\nSet-Cookie: evil=1", False),
        ("<script>", False),
        (None, False),
    ],
)
def test_an_offered_request_id_is_kept_only_when_sane(offered: str | None, kept: bool) -> None:
    made = logs.new_correlation_id(offered)
    assert (made == offered) is kept
    assert 8 <= len(made) <= 64
