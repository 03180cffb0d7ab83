"""The command lines the composition root starts: each names an entry point of this package."""

from __future__ import annotations

import socket
import sys
from importlib.util import find_spec

from services.platform.processes import free_port, sipinda_argv, web_argv, worker_argv


def test_a_worker_runs_the_platform_celery_app_one_task_at_a_time() -> None:
    argv = worker_argv("submission,review", 2)
    assert argv[:5] == [sys.executable, "-m", "celery", "-A", "services.platform.worker:app"]
    assert argv[argv.index("-Q") + 1] == "submission,review"
    assert argv[argv.index("-c") + 1] == "2"
    assert argv[argv.index("--prefetch-multiplier") + 1] == "1"
    assert argv[argv.index("-n") + 1] == "submission-review@%h"
    assert worker_argv("documents", 1, "pdf")[argv.index("-n") + 1] == "pdf@%h"


def test_the_web_serves_the_platform_wsgi_app_with_its_gunicorn_settings() -> None:
    argv = web_argv("127.0.0.1:8000")
    assert argv[:3] == [sys.executable, "-m", "gunicorn"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"
    assert argv[argv.index("-c") + 1] == "python:services.platform.gunicorn_conf"
    assert argv[-1] == "services.platform.wsgi:app"


def test_a_subcommand_runs_the_platform_cli() -> None:
    assert sipinda_argv("relay") == [sys.executable, "-m", "services.platform.cli", "relay"]


def test_every_entry_point_named_exists() -> None:
    for name in ("worker", "wsgi", "gunicorn_conf", "cli"):
        assert find_spec(f"services.platform.{name}") is not None, name


def test_a_free_port_can_be_bound() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", free_port()))
