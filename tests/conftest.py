"""Test-run fixtures: one isolated environment (databases, Redis key space, SMTP sink) per run,
migrated and seeded; the web app; and, for integration tests, real worker processes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from shared import runtime
from tests.support import prepared
from tests.support.deployment import Deployment
from tests.support.environment import sipinda_environment

# Two pytest processes, their deployments and the fault tests' share the CI machine's PostgreSQL
# (100 connections): each process keeps one idle connection per database (`shared.db._pool`),
# at most 46 in all seen over tests/integration and tests/abuse in two processes. None at all
# (a new server process for every unit of work) made those tests 35 % slower on PostgreSQL.
os.environ.setdefault("DATABASE_POOL_SIZE", "1")

# The slow files first. `make test` hands whole files to the two pytest processes in collection
# order (`--dist loadfile --no-loadscope-reorder`; xdist's own reorder puts the files with the
# most tests first, which left the fault rigs, a deployment per test and a minute or more each,
# to one process at the end while the other idled). Sorting is stable: pytest-randomly's order
# stays within each group.
SLOW_FIRST = ("tests/faults/", "tests/e2e/", "tests/unit/test_bench_smoke.py",
              "tests/abuse/api/test_openapi_fuzz.py")  # fmt: skip


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))


@pytest.fixture(scope="session")
def sipinda_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    base = tmp_path_factory.mktemp("sipinda")
    saved = dict(os.environ)
    with sipinda_environment(base) as environment:
        env = environment.vars
        os.environ.update(env)
        runtime.reset()
        prepared.prepare(os.environ)  # migrated and seeded
        try:
            yield env
        finally:
            runtime.reset()
            os.environ.clear()
            os.environ.update(saved)


@pytest.fixture(scope="session")
def app(sipinda_env: dict[str, str]) -> Flask:
    from services.platform.web import create_web_app

    flask_app = create_web_app("all")
    flask_app.config["TESTING"] = True
    return flask_app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """A whole SIPINDA in real processes (gunicorn, Celery workers, relay) on its own databases:
    the machine's PostgreSQL and Redis when DATABASE_URL/REDIS_URL name them, else SQLite and a
    Redis of its own."""
    base = tmp_path_factory.mktemp("deployment")
    with sipinda_environment(base) as environment:
        running = Deployment(environment.vars, base).prepare().start()
        try:
            yield running
        finally:
            running.stop()
