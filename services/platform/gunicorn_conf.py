"""Gunicorn hooks (`gunicorn -c python:services.platform.gunicorn_conf …`): the web's worker
processes add up their Prometheus metrics through files in one folder, fresh at each start."""

import os
import tempfile
from pathlib import Path
from typing import Any


def on_starting(_server: Any) -> None:
    """In the master, before any worker forks: choose the folder and clear old counts."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(
        prefix="sipinda-web-metrics-"
    )
    Path(folder).mkdir(parents=True, exist_ok=True)
    for old in Path(folder).glob("*.db"):
        old.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


def child_exit(_server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
