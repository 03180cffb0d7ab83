"""The command lines of SIPINDA's processes (web, worker, relay, SMTP sink) and a free port for
one; `sipinda worker` and the embedded runner start the same argv."""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence


def free_port() -> int:
    """A TCP port on the loopback that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def worker_argv(
    queues: str,
    concurrency: int,
    name: str | None = None,
    pool: str = "prefork",
    app: str = "services.platform.worker:app",
) -> list[str]:
    """A Celery worker consuming `queues`, one task per pool slot at a time. `pool="threads"`
    runs the slots as threads of the one process (light I/O-bound tasks, no time limits)."""
    return [
        sys.executable, "-m", "celery", "-A", app, "worker",
        "-Q", queues, "-c", str(concurrency), "-P", pool, "--prefetch-multiplier", "1",
        "-n", f"{name or queues.replace(',', '-')}@%h", "-l", "INFO", "--without-gossip",
        "--without-mingle",
    ]  # fmt: skip


def queues_in_argv(argv: Sequence[str]) -> list[str] | None:
    """The queues a Celery worker's command line consumes (`-Q a,b`, `-Qa,b`, `--queues a,b`,
    `--queues=a,b`: what `worker_argv` writes, and the compose file); None when it names none."""
    for i, arg in enumerate(argv):
        value = None
        if arg in {"-Q", "--queues"} and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--queues="):
            value = arg.removeprefix("--queues=")
        elif arg.startswith("-Q") and len(arg) > 2:
            value = arg[2:]
        if value is not None:
            return [q.strip() for q in value.split(",") if q.strip()]
    return None


def web_argv(bind: str) -> list[str]:
    """The gunicorn web of the embedded mode, serving `SIPINDA_SERVICE` from the environment: one
    process of eight threads (a second process would cost ~150 MB PSS for a single user)."""
    return [
        sys.executable, "-m", "gunicorn", "--bind", bind,
        "--workers", "1", "--threads", "8", "--graceful-timeout", "5",
        "-c", "python:services.platform.gunicorn_conf", "services.platform.wsgi:app",
    ]  # fmt: skip


def sipinda_argv(*args: str) -> list[str]:
    """A `sipinda` subcommand in a child process of this interpreter."""
    return [sys.executable, "-m", "services.platform.cli", *args]
