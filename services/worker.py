"""The Celery entry point: `celery -A services.worker:app worker -Q review`."""

from celery.signals import worker_process_init

from services.registry import TASK_MODULES
from shared import runtime

app = runtime.celery_app()
app.conf.include = TASK_MODULES


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _fresh_connections(**_: object) -> None:
    # A forked child must not reuse the parent's connections.
    runtime.forget_after_fork()
