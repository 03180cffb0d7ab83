"""The Celery entry point: `celery -A services.platform.worker:app worker -Q review`.

Pool processes count their tasks into files under PROMETHEUS_MULTIPROC_DIR (a fresh folder per
worker unless the launcher gives one); with SIPINDA_METRICS_PORT set, the main process serves
the sum on that port. Logs are JSON lines carrying the correlation id of the event at hand.
"""

import os
import sys
import tempfile

# prometheus_client picks its storage when it is imported, and Celery's command line may have
# imported it already (Flower's plugin does): choose the folder, then have it look again.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="sipinda-metrics-"))

from typing import Any

from prometheus_client import values

values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]

from celery.signals import (  # noqa: E402 - after the storage is chosen
    setup_logging,
    task_postrun,
    task_prerun,
    worker_init,
    worker_process_init,
)

from services.platform.processes import queues_in_argv  # noqa: E402
from services.platform.registry import task_modules  # noqa: E402
from shared import logs, metrics, runtime  # noqa: E402

app = runtime.celery_app()
# Only the tasks of the queues this worker consumes (its `-Q`): Celery imports them before it
# reads its options, so they are read from the command line here.
app.conf.include = task_modules(queues_in_argv(sys.argv))
log = logs.get_logger("sipinda.tasks")
logs.configure("worker")  # JSON from the first line (Celery's setup_logging comes later)


@setup_logging.connect  # type: ignore[untyped-decorator]
def _json_logs(**_: object) -> None:
    logs.configure("worker")


@worker_init.connect  # type: ignore[untyped-decorator]
def _serve_metrics(**_: object) -> None:
    port = os.environ.get("SIPINDA_METRICS_PORT")
    if port:
        try:
            metrics.serve_worker_metrics(int(port), [metrics.QueueLengths()])
        except OSError as error:  # the port is taken: work on, without the endpoint
            log.warning("worker metrics not served", port=port, error=str(error))


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _fresh_connections(**_: object) -> None:
    # A forked child must not reuse the parent's connections.
    runtime.forget_after_fork()


def _carried_correlation_id(args: Any) -> str | None:
    """An event task's first argument is the envelope: its correlation id, if any."""
    if args and isinstance(args[0], dict):
        value = args[0].get("correlation_id") or args[0].get("event_id")
        return str(value) if value else None
    return None


@task_prerun.connect  # type: ignore[untyped-decorator]
def _task_started(task_id: str, task: Any, args: Any = None, **_: object) -> None:
    metrics.task_started(task_id)
    carried = _carried_correlation_id(args)
    if carried:
        logs.correlation_id.set(carried)


@task_postrun.connect  # type: ignore[untyped-decorator]
def _task_finished(task_id: str, task: Any, state: str | None = None, **_: object) -> None:
    metrics.task_finished(task_id, task.name, state)
    log.info("task finished", task=task.name, task_id=task_id, state=state)
    logs.correlation_id.set(None)
