"""Structured logs: one JSON object per line, each with the correlation id that follows a
proposal from the HTTP request through every event and task.

The id lives in one context variable. A web request takes it from `X-Request-ID` (or makes one);
the outbox writes it into every envelope published while it is set; a consumer sets it from the
envelope it handles, so the events it publishes carry it on. Every log line, ours or a library's
through the standard `logging` module, gets it added by `configure()`.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import IO, Any

import structlog

from shared.events import Origin

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
# Who is acting, asked when an event is published (the web layer sets it per request).
origin_provider: ContextVar[Callable[[], Origin | None] | None] = ContextVar(
    "origin_provider", default=None
)

_VALID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_configured = False


def new_correlation_id(offered: str | None = None) -> str:
    """The caller's id when it is a sane token (a proxy's `X-Request-ID`), else a fresh one."""
    if offered and _VALID.match(offered):
        return offered
    return uuid.uuid4().hex


def _add_correlation_id(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
    current = correlation_id.get()
    if current is not None:
        event.setdefault("correlation_id", current)
    return event


SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    _add_correlation_id,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure(process: str, level: int = logging.INFO, stream: IO[str] | None = None) -> None:
    """Send every log record of this process to stderr as JSON. Safe to call more than once."""
    global _configured
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(process=process)
    if _configured:
        return
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for noisy in ("werkzeug", "urllib3", "botocore", "fontTools", "weasyprint"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _configured = True


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)
