"""Every producer's `<producer>.confirm_delivery`: a consumer has committed one of its events.

They run on the confirmations queue (shared/celery.py routes them there), in a light worker that
must not wait behind a render. Defined here, from each service's models (its outbox tables),
rather than in each service's tasks module: the worker that serves the queue imports this module
and the tasks of its own queues only (services/platform/worker.py), never WeasyPrint or SciPy
for the sake of one insert per confirmation.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from services.platform.registry import module
from shared import runtime
from shared.config import PRODUCERS
from shared.tasks import define_confirm_delivery

CONFIRM_DELIVERY: dict[str, Any] = {
    producer: define_confirm_delivery(
        producer, module(producer, "models").OUTBOX, partial(runtime.database, producer)
    )
    for producer in PRODUCERS
}
