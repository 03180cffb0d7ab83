"""The evaluator registry: evaluators, review's copy of the agency tree, the calls' settings,
invitations to a call and their answers.

Each function runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import access, assignment, queries
from services.review.errors import Invalid, TransitionRefused
from services.review.models import (
    EVALUATOR_KINDS,
    OUTBOX,
    Evaluator,
    Invitation,
    ReviewAgency,
    ReviewCall,
)
from shared.db import transition
from shared.events import CallPublished, EvaluatorInvited, Person
from shared.outbox import publish, utcnow
from shared.web.auth import CurrentUser


class AgencyLike(Protocol):
    """What `sync_agencies` reads from a row (shared `AgencyRow` or identity's `Agency`)."""

    @property
    def code(self) -> str: ...

    @property
    def parent_code(self) -> str | None: ...


def upsert_evaluator(
    session: Session,
    *,
    id: int,  # the identity user id, named as the column is
    name: str,
    email: str,
    kind: str,
    opd_code: str | None = None,
    language: str = "id",
    max_load: int = 10,
    min_load: int = 0,
    active: bool = True,
    topics: Sequence[str] = (),
    expertise: str = "",
) -> Evaluator:
    """Create or update the evaluator whose identity user id is `id`."""
    if kind not in EVALUATOR_KINDS:
        raise ValueError(f"jenis evaluator tidak dikenal / unknown evaluator kind: {kind!r}")
    if max_load < 0 or min_load < 0 or min_load > max_load:
        raise ValueError(
            f"beban tidak sah / invalid loads: min {min_load}, max {max_load} (0 ≤ min ≤ max)"
        )
    evaluator = session.get(Evaluator, id)
    if evaluator is None:
        evaluator = Evaluator(id=id)
        session.add(evaluator)
    evaluator.name, evaluator.email, evaluator.kind = name, email, kind
    evaluator.opd_code, evaluator.language = opd_code, language
    evaluator.max_load, evaluator.min_load, evaluator.active = max_load, min_load, active
    evaluator.topics, evaluator.expertise = [str(t) for t in topics], expertise
    session.flush()
    return evaluator


def ensure_evaluator(session: Session, **fields: Any) -> tuple[Evaluator, bool]:
    """The evaluator of identity user `fields["id"]`, created with `fields` when missing and
    left as it is otherwise (the seed: an admin's edit survives every restart); returns
    (evaluator, created)."""
    found = session.get(Evaluator, fields["id"])
    if found is not None:
        return found, False
    return upsert_evaluator(session, **fields), True


def enrol(session: Session, fields: Mapping[str, Any], k_default: int) -> tuple[Evaluator, int]:
    """The admin adds or edits an evaluator; returns it and how many waiting proposals it let
    be assigned (a new or freed evaluator may be what they need)."""
    evaluator = upsert_evaluator(session, **fields)
    return evaluator, assignment.assign_waiting(session, k_default)


def sync_agencies(session: Session, rows: Iterable[AgencyLike]) -> int:
    """Add or update review's copy of the agency tree; returns how many rows changed.

    Never deletes: an agency gone from identity may still be some evaluator's home agency.
    """
    known = {a.code: a for a in session.scalars(select(ReviewAgency))}
    changed = 0
    for row in rows:
        agency = known.get(row.code)
        if agency is None:
            agency = known[row.code] = ReviewAgency(code=row.code)
            session.add(agency)
        elif agency.parent_code == row.parent_code:
            continue
        agency.parent_code = row.parent_code
        changed += 1
    session.flush()
    return changed


def record_call(session: Session, event: CallPublished) -> ReviewCall:
    """Store one version of a call's settings (idempotent per call and version)."""
    row = session.get(ReviewCall, (event.call_id, event.version_no))
    if row is None:
        row = ReviewCall(call_id=event.call_id, version_no=event.version_no)
        session.add(row)
    row.name, row.k, row.blind = event.call_name, event.evaluators_per_proposal, event.blind
    row.scale_min, row.scale_max = event.scale_min, event.scale_max
    row.aspects = [{"key": a.key, "title": a.title, "weight": a.weight} for a in event.aspects]
    row.review_days, row.settings = event.review_days, dict(event.settings)
    row.received_at = utcnow()
    session.flush()
    return row


def invite(session: Session, call_id: int, evaluator_ids: Sequence[int]) -> list[Invitation]:
    """Invite evaluators to a call (publishes `evaluator.invited`); an invitation already
    answered or sent is left as it is."""
    call = queries.call_settings(session, call_id)
    if call.version_no == 0:
        raise Invalid("review.call_unknown", call_id=call_id)
    invitations = []
    for evaluator_id in evaluator_ids:
        evaluator = session.get(Evaluator, evaluator_id)
        if evaluator is None:
            raise Invalid("review.evaluator_unknown", evaluator_id=evaluator_id)
        existing = session.scalars(
            select(Invitation).where(
                Invitation.call_id == call_id, Invitation.evaluator_id == evaluator_id
            )
        ).first()
        if existing is not None:
            invitations.append(existing)
            continue
        invitation = Invitation(call_id=call_id, evaluator_id=evaluator_id, invited_at=utcnow())
        session.add(invitation)
        session.flush()
        invitations.append(invitation)
        publish(
            session,
            OUTBOX,
            EvaluatorInvited(
                invitation_id=invitation.id,
                call_id=call_id,
                call_name=call.name,
                evaluator=Person(
                    id=evaluator.id,
                    name=evaluator.name,
                    email=evaluator.email,
                    language=evaluator.language,
                ),
                accept_path=f"/review/invitations/{invitation.id}",
            ),
        )
    return invitations


def invitations_of(session: Session, user: CurrentUser) -> Sequence[Invitation]:
    """The evaluator's own invitations."""
    access.require(user, "evaluator")
    return session.scalars(select(Invitation).where(Invitation.evaluator_id == user.id)).all()


def answer_invitation(
    session: Session, user: CurrentUser, invitation_id: int, accept: bool, k_default: int = 3
) -> Invitation:
    """The invited evaluator accepts or declines; accepting may give proposals left waiting
    their evaluators."""
    invitation = access.own_invitation(session, user, invitation_id)
    answer = {"status": "accepted" if accept else "declined", "answered_at": utcnow()}
    if not transition(session, invitation, {"status": ["invited"]}, answer):
        raise TransitionRefused("review.invitation_answered")
    if accept:
        assignment.assign_waiting(session, k_default)
    return invitation
