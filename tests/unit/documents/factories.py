"""Test data for the documents service: events as the other services publish them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from shared.events import Assignee, Person, ReviewAssigned

SUBMITTED_AT = datetime(2020, 12, 7, 7, 30, tzinfo=UTC)  # Senin, 14.30 WIB

Assigned = Callable[..., ReviewAssigned]


def make_assigned(**overrides: Any) -> ReviewAssigned:
    fields: dict[str, Any] = {
        "proposal_id": 41,
        "version_no": 2,
        "title": "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting",
        "summary": "Kader posyandu memantau tumbuh kembang balita setiap bulan.\n\n"
        "Data dicatat di ponsel dan ditindaklanjuti puskesmas dalam satu minggu.",
        "opd_code": "dinkes",
        "opd_name": "Dinas Kesehatan",
        "innovator": Person(id=7, name="Rina Inovator", email="rina@example.test"),
        "evaluators": (
            Assignee(evaluator_id=31, name="Dr. Penilai Rahasia", email="p1@example.test",
                     opd_code=None),
            Assignee(evaluator_id=12, name="Ir. Evaluator Tersembunyi", email="p2@example.test",
                     opd_code="bappedalitbang"),
        ),
        "submitted_at": SUBMITTED_AT,
    }  # fmt: skip
    fields.update(overrides)
    return ReviewAssigned(**fields)
