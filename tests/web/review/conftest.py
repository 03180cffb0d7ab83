"""The review web tests' call: its evaluators invited and accepted, once per module; a reason
given to an assignment for one test only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from services.review.models import Assignment
from shared import runtime
from tests.support.review import emails

__all__ = ["emails", "stored_reason"]


def _store(assignment_id: int, reason: str) -> str:
    with runtime.database("review").session() as s:
        row = s.get(Assignment, assignment_id)
        assert row is not None
        before, row.reason = row.reason, reason
    return before


@pytest.fixture
def stored_reason() -> Iterator[Callable[[int, str], None]]:
    """`stored_reason(assignment_id, text)` stores `text` as the assignment's reason until the
    test ends (the call's page is shared by every test of the session)."""
    kept: list[tuple[int, str]] = []
    yield lambda assignment_id, reason: kept.append((assignment_id, _store(assignment_id, reason)))
    for assignment_id, before in reversed(kept):
        _store(assignment_id, before)
