"""Review's Celery tasks: their names, and the beat's two scans run against the database."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from services.review import assignment, tasks
from shared.db import Database
from shared.events import ProposalAdmitted

Admitted = Callable[..., ProposalAdmitted]


def test_tasks_are_registered_under_the_review_names() -> None:
    assert tasks.handle_event.name == "review.handle_event"
    # review.confirm_delivery: services/platform/confirmations.py (tests/unit/platform/
    # test_lean_processes.py finds it in the light worker)


def test_the_beat_tasks_run_against_the_database(review_db: Database, submitted: Admitted) -> None:
    """The periodic tasks read what is due from the database: nothing due, nothing sent."""
    from datetime import UTC, datetime, timedelta

    from services.review.models import Assignment

    with review_db.session() as session:
        assignment.assign(session, submitted(1, opd_code="bpkad"), k=2)
    assert tasks.send_reminders.apply().get() == 0
    assert tasks.release_overdue.apply().get() == 0
    with review_db.session() as session:
        for a in session.scalars(select(Assignment)):
            a.due_at = a.due_at - timedelta(days=13, hours=12)  # due in half a day
    assert tasks.send_reminders.apply().get() == 2
    assert tasks.send_reminders.apply().get() == 0
    with review_db.session() as session:
        first = session.scalars(select(Assignment).order_by(Assignment.id)).first()
        assert first is not None
        first.due_at = first.due_at - timedelta(days=1)
    assert tasks.release_overdue.apply().get() == 1
    with review_db.session() as session:
        statuses = session.scalars(select(Assignment.status).order_by(Assignment.id)).all()
    assert statuses == ["released", "assigned", "assigned"]
    # The review beat's schedule, kept in the database, fires its scans once per run (uji
    # publik's finalization too).
    fired: list[str] = []
    tasks.BEAT.ensure_schedule(review_db)
    tasks.BEAT.tick(review_db, fired.append, datetime.now(UTC) + timedelta(seconds=1))
    assert sorted(fired) == sorted([tasks.send_reminders.name, tasks.release_overdue.name,
                                    tasks.finalize_objections.name])  # fmt: skip
    assert tasks.BEAT.tick(review_db, fired.append, datetime.now(UTC) + timedelta(seconds=2)) == []
