"""Confirmations never wait behind renders: the embedded mode's own worker topology
(services.platform.embedded.WORKERS) as real Celery worker processes, a render holding the
documents slot, and confirmations handled while it still holds it (issue 23 item 12)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery

from services.platform.embedded import WORKERS
from shared.celery import create_celery
from shared.config import Settings
from tests.support.light_vs_heavy import LOG, RELEASE
from tests.support.servers import Process, RedisServer, wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[tuple[Celery, redis.Redis]]:
    server = RedisServer(tmp_path / "redis").start()
    env = {**os.environ, "REDIS_URL": server.url, "SIPINDA_VAR_DIR": str(tmp_path / "var")}
    workers = [
        Process(f"worker-{w.name}", w.argv("tests.support.light_vs_heavy:app"), env,
                tmp_path / f"worker-{w.name}.log").start()
        for w in WORKERS
    ]  # fmt: skip
    client = redis.Redis.from_url(server.url, decode_responses=True)
    app = create_celery(Settings.from_env(env))
    try:
        yield app, client
    finally:
        client.set(RELEASE, "1")
        for worker in workers:
            worker.kill()
            assert worker.popen is not None
            worker.popen.wait()
        server.stop()


def test_confirmations_are_handled_while_renders_hold_the_documents_worker(
    topology: tuple[Celery, redis.Redis],
) -> None:
    app, client = topology
    app.send_task("documents.render_held", args=["first"])
    app.send_task("documents.render_held", args=["second"])  # waits for the single render slot
    wait_until(lambda: "render-started:first" in client.lrange(LOG, 0, -1), timeout=120,
               what="the first render to start")  # fmt: skip
    for n in range(3):
        app.send_task("submission.confirm_delivery", args=[f"e{n}"])
    confirmed = {f"confirmed:e{n}" for n in range(3)}
    wait_until(lambda: confirmed <= set(client.lrange(LOG, 0, -1)), timeout=120,
               what="the confirmations")  # fmt: skip
    log = client.lrange(LOG, 0, -1)
    assert "render-done:first" not in log  # the render still holds its slot …
    assert "render-started:second" not in log  # … and the next render is still queued
    client.set(RELEASE, "1")
    wait_until(lambda: "render-done:second" in client.lrange(LOG, 0, -1), timeout=120,
               what="both renders")  # fmt: skip
    log = client.lrange(LOG, 0, -1)
    assert sorted(x for x in log if x.startswith("confirmed:")) == sorted(confirmed)  # once each
