"""The `proposal.admitted` handler, run through the real consumer, inbox and outbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from services.review import evaluators
from services.review.consumers import CONSUMER
from services.review.models import INBOX, OUTBOX, Assignment
from shared import runtime
from shared.db import Database
from shared.events import Envelope, Person, ProposalAdmitted, ProposalWithdrawn

Admitted = Callable[..., ProposalAdmitted]


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


def test_call_published_then_withdrawn_through_the_consumer(
    review_db: Database, submitted: Admitted
) -> None:
    """The call's settings arrive as an event and drive the next admission (k=3 here, not the
    environment's 2); a withdrawal releases what is open."""
    from services.review.models import ReviewCall
    from tests.support.review_data import make_call

    def ignore(_envelope: Envelope, _consumer: str) -> None:
        return None

    call = Envelope.wrap(make_call(k=3, blind=False), "submission").to_wire()
    assert CONSUMER.handle(call, ignore) == "handled"
    with review_db.session() as session:
        evaluators.upsert_evaluator(session, id=4, name="E4", email="e4@t.test", kind="academic")
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
