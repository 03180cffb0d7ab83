"""Failed deliveries are the admin's to see."""

from __future__ import annotations

import pytest

from services.notifications import failures
from services.notifications.errors import Forbidden


def test_only_the_admin_sees_failed_deliveries() -> None:
    failures.authorize("admin")
    for role in ("innovator", "operator", "verifier", "evaluator", ""):
        with pytest.raises(Forbidden):
            failures.authorize(role)
