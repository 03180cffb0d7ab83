"""What review takes from its process, in one place: its database and the settings it reads.

The web app, the consumers, the tasks and the commands all get them here, so the settings are
read once per process and no module reaches for another's handle.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy.orm import Session

from shared import runtime
from shared.db import Database


def database() -> Database:
    """Review's own database (`REVIEW_DATABASE_URL`, else `DATABASE_URL`)."""
    return runtime.database("review")


def session() -> AbstractContextManager[Session]:
    """A unit of work on review's database: commits when the block ends, rolls back on error."""
    return database().session()


def k_default() -> int:
    """Evaluators per proposal when review has no settings of the proposal's call (from the
    process's settings, read from the environment once)."""
    return runtime.settings().evaluators_per_proposal
