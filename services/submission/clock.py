"""The one clock submission reads for deadlines, so a test can set it to a given second."""

from __future__ import annotations

from datetime import datetime

from shared.outbox import utcnow


def now() -> datetime:
    return utcnow()
