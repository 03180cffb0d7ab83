"""One proposal, followed through the logs of every process by its correlation id; the
worker's metrics count the tasks that carried it."""

from __future__ import annotations

import urllib.request
import uuid

import pytest

from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.integration


def test_the_correlation_id_follows_a_proposal_through_every_step(
    deployment: Deployment,
) -> None:
    trace = f"trace-{uuid.uuid4().hex[:12]}"
    innovator = deployment.login("inovator.dinkes@sipinda.test")
    innovator.headers["X-Request-ID"] = trace
    proposal_id = innovator.submit_new_proposal(f"Jejak Korelasi {trace}")
    documents = f"/api/v1/proposals/{proposal_id}/documents"
    wait_until(lambda: innovator.get(documents).json(), timeout=90, what="the dossier")
    wait_until(lambda: deployment.unconfirmed() == 0, timeout=60, what="the pipeline to settle")

    def steps() -> set[tuple[str, str, str]]:
        return {
            (
                str(line["file"]),
                str(line["event"]),
                str(line.get("event_name") or line.get("consumer") or line.get("route") or ""),
            )
            for line in deployment.log_lines()
            if line.get("correlation_id") == trace
        }

    wanted = {
        ("web.log", "request", "/api/v1/proposals/<int:proposal_id>/submit"),
        ("relay.log", "event sent", "proposal.submitted"),
        ("relay.log", "event sent", "review.assigned"),
        ("relay.log", "event sent", "document.ready"),
        ("worker-w.log", "event handled", "proposal.admitted"),
        ("worker-w.log", "event handled", "review.assigned"),
        ("worker-w.log", "event handled", "document.ready"),
    }
    wait_until(lambda: wanted <= steps(), timeout=30, what=f"every step logged: {wanted - steps()}")
    finished = {s for s in steps() if s[1] == "task finished"}
    assert finished, "the tasks that handled the events log under the same id"


def test_the_worker_serves_its_task_metrics(deployment: Deployment) -> None:
    innovator = deployment.login("inovator.dinkes@sipinda.test")
    innovator.submit_new_proposal(f"Metrik Pekerja {uuid.uuid4().hex[:6]}")
    url = f"http://127.0.0.1:{deployment.metrics_port}/metrics"

    def counted() -> str | None:
        with urllib.request.urlopen(url, timeout=5) as reply:
            text = reply.read().decode()
        return text if 'task="review.handle_event"' in text else None

    text = wait_until(counted, timeout=60, what="the worker's task metrics")
    assert 'sipinda_tasks_total{outcome="success",task="review.handle_event"}' in text
    assert "sipinda_task_duration_seconds_bucket{" in text
    assert 'sipinda_queue_length{queue="documents"}' in text
