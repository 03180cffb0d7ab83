"""The `proposal.admitted` handler, run through the real consumer, inbox and outbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from services.identity.agencies import cilegon_agencies
from services.review import operations, tasks
from services.review.consumers import CONSUMER
from services.review.models import INBOX, OUTBOX, Assignment, Base
from shared import runtime
from shared.db import Database
from shared.events import Envelope, Person, ProposalAdmitted, ProposalWithdrawn

Admitted = Callable[..., ProposalAdmitted]


@pytest.fixture
def review_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("REVIEW_DATABASE_URL", f"sqlite:///{tmp_path / 'review.db'}")
    monkeypatch.setenv("EVALUATORS_PER_PROPOSAL", "2")
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    runtime.reset()
    database = runtime.database("review")
    Base.metadata.create_all(database.engine)
    with database.session() as session:
        operations.sync_agencies(session, cilegon_agencies())
        for number, home in enumerate(("dinkes", "dpupr", None), start=1):
            operations.upsert_evaluator(
                session,
                id=number,
                name=f"E{number}",
                email=f"e{number}@t.test",
                kind="academic",
                opd_code=home,
            )
    yield database
    runtime.reset()


def test_redelivered_event_assigns_once_and_is_confirmed_each_time(
    review_db: Database, submitted: Admitted
) -> None:
    wire = Envelope.wrap(submitted(1, opd_code="dinkes"), "submission").to_wire()
    confirmed: list[tuple[str, str]] = []

    def confirm(envelope: Envelope, consumer: str) -> None:
        confirmed.append((envelope.event_id, consumer))

    assert CONSUMER.handle(wire, confirm) == "handled"
    assert CONSUMER.handle(wire, confirm) == "duplicate"
    with review_db.session() as session:
        evaluator_ids = session.scalars(select(Assignment.evaluator_id)).all()
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
        handled = session.scalar(select(func.count()).select_from(INBOX))
    # k comes from EVALUATORS_PER_PROPOSAL; the dinkes evaluator is in conflict.
    assert sorted(evaluator_ids) == [2, 3]
    assert (events, handled) == (1, 1)
    assert confirmed == [(wire["event_id"], "review")] * 2


def test_event_without_enough_evaluators_is_still_consumed(
    review_db: Database, submitted: Admitted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVALUATORS_PER_PROPOSAL", "3")
    runtime.reset()
    wire = Envelope.wrap(submitted(1, opd_code="dinkes"), "submission").to_wire()
    assert CONSUMER.handle(wire, lambda _envelope, _consumer: None) == "handled"
    with runtime.database("review").session() as session:
        events = session.scalar(select(func.count()).select_from(OUTBOX.events))
        handled = session.scalar(select(func.count()).select_from(INBOX))
    assert (events, handled) == (0, 1)


def test_tasks_are_registered_under_the_review_names() -> None:
    assert tasks.handle_event.name == "review.handle_event"
    assert tasks.confirm_delivery.name == "review.confirm_delivery"


def test_the_beat_tasks_run_against_the_database(review_db: Database, submitted: Admitted) -> None:
    """The periodic tasks read what is due from the database: nothing due, nothing sent."""
    from datetime import UTC, datetime, timedelta

    from services.review.models import Assignment

    with review_db.session() as session:
        operations.assign(session, submitted(1, opd_code="bpkad"), k=2)
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
    # The review beat's schedule, kept in the database, fires both scans once per run.
    fired: list[str] = []
    tasks.BEAT.ensure_schedule(review_db)
    tasks.BEAT.tick(review_db, fired.append, datetime.now(UTC) + timedelta(seconds=1))
    assert sorted(fired) == sorted([tasks.send_reminders.name, tasks.release_overdue.name])
    assert tasks.BEAT.tick(review_db, fired.append, datetime.now(UTC) + timedelta(seconds=2)) == []


def test_call_published_then_withdrawn_through_the_consumer(
    review_db: Database, submitted: Admitted
) -> None:
    """The call's settings arrive as an event and drive the next admission (k=3 here, not the
    environment's 2); a withdrawal releases what is open."""
    from services.review.models import ReviewCall
    from tests.unit.review.conftest import make_call

    def ignore(_envelope: Envelope, _consumer: str) -> None:
        return None

    call = Envelope.wrap(make_call(k=3, blind=False), "submission").to_wire()
    assert CONSUMER.handle(call, ignore) == "handled"
    with review_db.session() as session:
        operations.upsert_evaluator(session, id=4, name="E4", email="e4@t.test", kind="academic")
    admitted = Envelope.wrap(submitted(1, opd_code="bpkad"), "submission").to_wire()
    assert CONSUMER.handle(admitted, ignore) == "handled"
    withdrawn = ProposalWithdrawn(
        proposal_id=1, title="Inovasi nomor 1",
        innovator=Person(id=901, name="Siti Aminah", email="siti@cilegon.test"),
    )  # fmt: skip
    assert CONSUMER.handle(Envelope.wrap(withdrawn, "submission").to_wire(), ignore) == "handled"
    with review_db.session() as session:
        stored = session.scalars(select(ReviewCall)).one()
        statuses = session.scalars(select(Assignment.released_reason)).all()
    assert (stored.k, stored.blind, [a["key"] for a in stored.aspects]) == (
        3, False, ["kebaruan", "dampak"],
    )  # fmt: skip
    assert statuses == ["withdrawn"] * 3
