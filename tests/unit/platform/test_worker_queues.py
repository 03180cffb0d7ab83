"""Which task modules a worker imports, from the queues on its command line."""

from __future__ import annotations

import pytest

from services.platform.processes import queues_in_argv, worker_argv
from services.platform.registry import CONFIRMATIONS_MODULE, TASK_MODULES, task_modules


@pytest.mark.parametrize(
    ("argv", "queues"),
    [
        (["celery", "worker", "-Q", "documents"], ["documents"]),
        (["celery", "worker", "-Qsubmission,confirmations"], ["submission", "confirmations"]),
        (["celery", "worker", "--queues", "review, notifications"], ["review", "notifications"]),
        (["celery", "worker", "--queues=innovations"], ["innovations"]),
        (["celery", "worker", "-c", "2"], None),
        (["celery", "inspect", "ping"], None),
    ],
)
def test_the_queues_are_read_as_celery_reads_them(
    argv: list[str], queues: list[str] | None
) -> None:
    assert queues_in_argv(argv) == queues


def test_the_argv_we_write_reads_back() -> None:
    assert queues_in_argv(worker_argv("submission,confirmations", 2)) == [
        "submission", "confirmations",
    ]  # fmt: skip


def test_a_queue_brings_its_service_s_tasks_and_the_confirmations_theirs() -> None:
    assert task_modules(["documents"]) == ["services.documents.tasks"]
    assert task_modules(["submission", "confirmations"]) == [
        "services.submission.tasks", CONFIRMATIONS_MODULE,
    ]  # fmt: skip


def test_unknown_or_no_queues_bring_every_module() -> None:
    assert task_modules(None) == TASK_MODULES
    assert task_modules(["celery"]) == TASK_MODULES
    assert task_modules(["documents", "somewhere-else"]) == TASK_MODULES
