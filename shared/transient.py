"""The mark of work that failed for a reason that passes: a helper process killed from outside,
a server away for a moment. A task retries it (shared.tasks.TRANSIENT) and its event is not
recorded as handled; a failure that would come back the same way is not transient."""

from __future__ import annotations


class TransientError(RuntimeError):
    """Try again later: nothing about the input is wrong."""
