"""A small process supervisor for embedded mode: start the children, restart one that dies,
stop them all cleanly (SIGTERM, then SIGKILL after a grace period) on Ctrl-C or SIGTERM."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

GRACE_SECONDS = 10.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            list(self.argv),
            env={**os.environ, **self.env},
            start_new_session=True,  # its own process group: a signal reaches its children too
        )

    def signal(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)


class Supervisor:
    def __init__(self, children: Sequence[Child]) -> None:
        self.children = list(children)
        self.stopping = False

    def _on_signal(self, signum: int, _frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        for child in self.children:
            child.start()
        while not self.stopping:
            time.sleep(0.5)
            for child in self.children:
                assert child.process is not None
                code = child.process.poll()
                if code is not None and not self.stopping:
                    child.restarts += 1
                    delay = min(2**child.restarts, 30)
                    print(
                        f"[sipinda] {child.name} exited ({code}); restarting in {delay}s",
                        file=sys.stderr,
                        flush=True,
                    )
                    time.sleep(delay)
                    child.start()
        self.stop()
        return 0

    def stop(self) -> None:
        print("[sipinda] stopping …", file=sys.stderr, flush=True)
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
        print("[sipinda] stopped", file=sys.stderr, flush=True)
