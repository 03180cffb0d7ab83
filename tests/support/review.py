"""Helpers other suites share for the review service: the correlation id in context, a
signed-in evaluator as the application layer sees it, and the web tests' call and proposals."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from services.identity.accounts import find_user_by_email
from services.review import assignment, evaluators
from services.review.models import Assignment
from shared import runtime
from shared.events import CallPublished, FileRef, Person, ProposalAdmitted, RubricAspect
from shared.logs import correlation_id
from shared.web.auth import CurrentUser


@contextmanager
def correlated(value: str) -> Iterator[None]:
    """Run the block as a request or event with this correlation id would."""
    token = correlation_id.set(value)
    try:
        yield
    finally:
        correlation_id.reset(token)


def evaluator(evaluator_id: int) -> CurrentUser:
    """The evaluator with this id, signed in."""
    return CurrentUser(evaluator_id, f"e{evaluator_id}@t.test", f"E{evaluator_id}", "evaluator",
                       None, "id")  # fmt: skip


def holder(a: Assignment) -> CurrentUser:
    """The evaluator who holds the assignment, signed in."""
    return evaluator(a.evaluator_id)


CALL = 7701
EVALUATORS = [
    "evaluator.akademisi1@sipinda.test",
    "evaluator.akademisi2@sipinda.test",
    "evaluator.praktisi@sipinda.test",
    "evaluator.rsud@sipinda.test",
    "evaluator.dinkes@sipinda.test",
    "evaluator.kominfo@sipinda.test",
    "evaluator.kecibeber@sipinda.test",
    "evaluator.setda@sipinda.test",
]
_ids = itertools.count(77_000)


def user_id(email: str) -> int:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        assert user is not None
        return user.id


@pytest.fixture(scope="module")
def emails(app: object) -> dict[int, str]:
    with runtime.database("review").session() as s:
        evaluators.record_call(
            s,
            CallPublished(
                call_id=CALL, version_no=1, call_name="KIPP Uji", year=2025,
                opens_at=datetime(2025, 1, 1, tzinfo=UTC),
                closes_at=datetime(2025, 6, 1, tzinfo=UTC),
                evaluators_per_proposal=2, blind=True,
                aspects=(RubricAspect(key="kebaruan", title="Kebaruan", weight=0.5),
                         RubricAspect(key="dampak", title="Dampak", weight=0.5)),
            ),
        )  # fmt: skip
    ids = {user_id(e): e for e in EVALUATORS}
    # The call's pool is exactly these evaluators, whatever other tests added to the registry.
    with runtime.database("review").session() as s:
        for invitation in evaluators.invite(s, CALL, sorted(ids)):
            if invitation.status == "invited":
                evaluators.answer_invitation(
                    s, evaluator(invitation.evaluator_id), invitation.id, accept=True
                )
    return ids


def admit(
    emails: dict[int, str], call_id: int = CALL, files: tuple[FileRef, ...] = ()
) -> tuple[list[Assignment], int]:
    """A new proposal of the test call (with these files), assigned at once; its assignments and
    its id."""
    proposal_id = next(_ids)
    event = ProposalAdmitted(
        proposal_id=proposal_id,
        version_no=1,
        title=f"Inovasi Uji {proposal_id}",
        summary="Antar obat untuk lansia.",
        opd_code="dishub",
        opd_name="Dinas Perhubungan Rahasia",
        innovator=Person(id=424242, name="Nama Inovator Rahasia", email="rahasia@x.test"),
        call_id=call_id,
        submitted_at=datetime(2025, 3, 1, tzinfo=UTC),
        files=files,
    )
    with runtime.database("review").session() as s:
        assignments = assignment.assign(s, event, k=2)
        s.expunge_all()
    assert len(assignments) == 2
    assert {a.evaluator_id for a in assignments} <= set(emails)
    return assignments, proposal_id


def admit_outside_any_call() -> int:
    """A new proposal of no call (as the demo's are), assigned from the whole registry; its id."""
    proposal_id = next(_ids)
    event = ProposalAdmitted(
        proposal_id=proposal_id, version_no=1, title=f"Inovasi Tanpa Periode {proposal_id}",
        summary="Antar obat untuk lansia.", opd_code="dishub", opd_name="Dinas Perhubungan",
        innovator=Person(id=424242, name="Nama Inovator", email="inovator@x.test"),
        call_id=None, submitted_at=datetime(2025, 3, 1, tzinfo=UTC),
    )  # fmt: skip
    with runtime.database("review").session() as s:
        assignment.assign(s, event, k=2)
    return proposal_id
