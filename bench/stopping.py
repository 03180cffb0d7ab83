"""Stopping a started SIPINDA as Ctrl-C does, for the benchmarks that start one."""

from __future__ import annotations

import os
import signal
import subprocess


def interrupt(process: subprocess.Popen[bytes], grace: float = 30) -> None:
    """Ctrl-C to `process`'s group (started with `start_new_session=True`), then SIGKILL to it
    if it has not stopped within `grace` seconds."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
