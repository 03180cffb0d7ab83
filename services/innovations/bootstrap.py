"""What innovations takes from its process: its database, once."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy.orm import Session

from shared import runtime
from shared.db import Database


def database() -> Database:
    """Innovations' own database (`INNOVATIONS_DATABASE_URL`, else `DATABASE_URL`)."""
    return runtime.database("innovations")


def session() -> AbstractContextManager[Session]:
    """A unit of work: commits when the block ends, rolls back on error."""
    return database().session()
