"""The embedded supervisor's restarts: a backoff that starts over once a child is steady, and a
restart time per child, so one child's backoff never holds up another's restart."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from services.platform import supervisor
from services.platform.supervisor import Child, Supervisor, crashes_in_a_row, restart_delay


def test_the_delay_doubles_up_to_thirty_seconds() -> None:
    assert [restart_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_child_that_ran_steadily_starts_its_count_again() -> None:
    assert crashes_in_a_row(6, uptime=supervisor.STEADY_AFTER) == 1
    assert crashes_in_a_row(6, uptime=1.0) == 7


def _child(name: str, code: int) -> Child:
    return Child(name, [sys.executable, "-c", f"raise SystemExit({code})"])


def test_each_child_restarts_on_its_own_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash-looping child at its 30 s delay does not delay another child's 1 s restart, and
    the loop itself never sleeps for a backoff."""
    monkeypatch.setattr(supervisor, "say", lambda _text: None)
    looping, other = _child("looping", 3), _child("other", 4)
    board = Supervisor([looping, other])
    for child in board.children:
        child.start()
        assert child.process is not None
        child.process.wait()
    looping.crashes = 9  # deep in its backoff
    board.tick(now=looping.started_at + 1)
    assert looping.due is not None
    assert other.due is not None
    assert looping.due - other.due >= 25
    first = other.process
    board.tick(now=other.due)  # the other child's time: it starts, the looping one waits
    assert other.process is not first
    assert other.due is None
    assert looping.due is not None
    assert (looping.restarts, other.restarts) == (1, 1)
    for child in board.children:
        if child.process is not None:
            child.process.wait()


def test_a_child_up_for_a_minute_is_restarted_after_one_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(supervisor, "say", lambda _text: None)
    child = _child("web", 1)
    board = Supervisor([child])
    child.start()
    assert child.process is not None
    child.process.wait()
    child.crashes = 5
    board.tick(now=child.started_at + supervisor.STEADY_AFTER + 1)
    assert child.crashes == 1
    assert child.due == pytest.approx(child.started_at + supervisor.STEADY_AFTER + 2)


def test_a_child_with_a_log_writes_its_output_there_and_keeps_it_across_restarts(
    tmp_path: Path,
) -> None:
    log = tmp_path / "logs" / "child.log"
    child = Child(
        "talker",
        [
            sys.executable,
            "-c",
            "import sys; print('out', flush=True); print('err', file=sys.stderr)",
        ],
        log=log,
    )
    for _ in range(2):
        child.start()
        assert child.process is not None
        assert child.process.wait(timeout=30) == 0
    assert log.read_text().split() == ["out", "err", "out", "err"]


def test_children_started_early_are_not_started_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` starts the web before the seed, the rest after: `start` skips a child that
    already runs, so the web is one process, not two."""
    monkeypatch.setattr(supervisor, "say", lambda _text: None)
    early, late = _child("web", 0), _child("relay", 0)
    board = Supervisor([early, late])
    board.start([early])
    first = early.process
    assert first is not None
    assert late.process is None
    board.start(board.children)
    assert early.process is first
    assert late.process is not None
    for child in board.children:
        assert child.process is not None
        child.process.wait()
