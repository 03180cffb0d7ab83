"""Where each task goes: a service's own work to its queue, every confirmation of a delivery to
the confirmations queue, which a light worker serves, so none waits behind a render."""

from __future__ import annotations

import pytest

from shared.celery import create_celery
from shared.config import CONFIRMATIONS, PRODUCERS, QUEUES, Settings


def queue_for(task: str) -> str:
    app = create_celery(Settings.from_env())
    route = app.amqp.router.route({}, task, args=(), kwargs={})
    return str(route["queue"].name)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_confirmations_never_share_a_queue_with_renders(producer: str) -> None:
    assert queue_for(f"{producer}.confirm_delivery") == CONFIRMATIONS


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("documents.handle_event", "documents"),
        ("documents.run_job", "documents"),
        ("notifications.handle_event", "notifications"),
        ("identity.announce", "submission"),  # identity borrows submission's queue
    ],
)
def test_a_service_s_own_work_stays_on_its_queue(task: str, queue: str) -> None:
    assert queue_for(task) == queue


def test_every_queue_is_declared() -> None:
    app = create_celery(Settings.from_env())
    assert set(app.conf.task_queues and [q.name for q in app.conf.task_queues]) == set(QUEUES)
