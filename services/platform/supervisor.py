"""A small process supervisor for embedded mode: start the children, restart one that dies,
stop them all cleanly (SIGTERM, then SIGKILL after a grace period) on Ctrl-C or SIGTERM.

Each child runs in its own process group (a terminal's Ctrl-C reaches only the supervisor, which
then stops everyone in order) and is asked to receive SIGTERM should the supervisor itself die.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GRACE_SECONDS = 10.0
PR_SET_PDEATHSIG = 1
TICK = 0.5  # how often the watch loop looks at its children
STEADY_AFTER = 60.0  # a child up this long has recovered: its next crash starts again at 1 s
MAX_DELAY = 30.0


def restart_delay(crashes: int) -> float:
    """Seconds to wait before the restart after the `crashes`-th crash in a row: 1, 2, 4 … 30."""
    return min(2.0 ** max(crashes - 1, 0), MAX_DELAY)


def crashes_in_a_row(previous: int, uptime: float) -> int:
    """The count after a crash: one more, unless the child had run long enough to be steady."""
    return 1 if uptime >= STEADY_AFTER else previous + 1


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it if the supervisor dies."""
    with contextlib.suppress(OSError, AttributeError):  # elsewhere: our own shutdown still runs
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def say(text: str) -> None:
    """Tell the operator, never failing: a closed terminal or pipe must not stop a shutdown."""
    with contextlib.suppress(OSError, ValueError):
        print(f"[sipinda] {text}", file=sys.stderr, flush=True)


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0  # in all, for the operator
    crashes: int = 0  # in a row, for the backoff
    started_at: float = 0.0
    due: float | None = None  # when a dead child is to be started again
    log: Path | None = None  # where its output goes (appended); None: the supervisor's terminal

    def start(self) -> None:
        self.started_at = time.monotonic()
        self.due = None
        output = None
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            output = self.log.open("ab")
        try:
            self.process = subprocess.Popen(
                list(self.argv),
                env={**os.environ, **self.env},
                stdout=output,
                stderr=subprocess.STDOUT if output is not None else None,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # only a prctl call: safe before exec
            )
        finally:
            if output is not None:
                output.close()  # the child holds its own descriptor

    def signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)


class Supervisor:
    def __init__(self, children: Sequence[Child]) -> None:
        self.children = list(children)
        self.stopping = False

    def _on_signal(self, _signum: int, _frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_signal)
        try:
            self.start(self.children)
            self._watch()
        finally:
            self.stop()
        return 0

    def start(self, children: Sequence[Child]) -> None:
        """Start those of `children` not started yet (`run` starts the rest)."""
        for child in children:
            if child.process is None:
                child.start()

    def _watch(self) -> None:
        while not self.stopping:
            time.sleep(TICK)
            self.tick(time.monotonic())

    def tick(self, now: float) -> None:
        """One look at every child: a newly dead one gets its restart time, and one whose time
        has come is started. Nobody waits for another child's backoff."""
        for child in self.children:
            if self.stopping:
                return
            assert child.process is not None
            if child.due is not None:
                if now >= child.due:
                    child.start()
                continue
            code = child.process.poll()
            if code is None:
                continue
            child.restarts += 1
            child.crashes = crashes_in_a_row(child.crashes, now - child.started_at)
            delay = restart_delay(child.crashes)
            child.due = now + delay
            where = f" (its log: {child.log})" if child.log is not None else ""
            say(f"{child.name} exited ({code}); restarting in {delay:g}s{where}")

    def stop(self) -> None:
        say("stopping …")
        for child in reversed(self.children):
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.signal(signal.SIGKILL)
                child.process.wait()
        say("stopped")
