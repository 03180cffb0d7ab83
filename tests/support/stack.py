"""The background half of SIPINDA as real processes: a Celery worker and the relay."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tests.support.servers import Process, python_argv

ALL_QUEUES = "submission,review,documents,notifications,innovations,confirmations"


def worker(
    env: Mapping[str, str], logs: Path, queues: str = ALL_QUEUES, name: str = "w"
) -> Process:
    argv = python_argv(
        "-m", "celery", "-A", "services.platform.worker:app", "worker", "-Q", queues, "-c", "2",
        "--prefetch-multiplier", "1", "-n", f"{name}@%h", "-l", "INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    )  # fmt: skip
    return Process(f"worker-{name}", argv, {**os.environ, **env}, logs / f"worker-{name}.log")


def relay(env: Mapping[str, str], logs: Path) -> Process:
    argv = python_argv("-m", "services.platform.cli", "relay")
    return Process("relay", argv, {**os.environ, **env}, logs / "relay.log")
