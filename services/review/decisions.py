"""Decisions: the admin decides scored proposals (finalist, not selected, winner), each one
published as `decision.made` with its place in the call's ranking.

Runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from services.review.errors import Invalid, TransitionRefused
from services.review.models import DECIDED, DECISIONS, OUTBOX, SCORED, ReviewProposal
from services.review.reviews import ranking
from services.review.snapshots import innovator
from shared.db import transition
from shared.events import DecisionMade
from shared.outbox import publish, utcnow


def check_call(session: Session, call_id: int, decisions: Sequence[tuple[int, int, str]]) -> None:
    """Invalid unless every version decided belongs to the call."""
    for proposal_id, version_no, _ in decisions:
        p = session.get(ReviewProposal, (proposal_id, version_no))
        if p is None or p.call_id != call_id:
            raise Invalid("review.proposal_unknown", proposal_id=proposal_id)


def decide(
    session: Session,
    decisions: Sequence[tuple[int, int, str]],
    *,
    call_id: int | None = None,
) -> list[ReviewProposal]:
    """Decide scored proposals in bulk: (proposal, version, finalist|not_selected|winner);
    each publishes `decision.made`. All or nothing: one bad line refuses the lot. With
    `call_id`, a version of another call is unknown."""
    if call_id is not None:
        check_call(session, call_id, decisions)
    rows = []
    for proposal_id, version_no, decision in decisions:
        if decision not in DECISIONS:
            raise Invalid("review.decision_unknown", decision=decision)
        proposal = session.get(ReviewProposal, (proposal_id, version_no))
        if proposal is None:
            raise Invalid("review.proposal_unknown", proposal_id=proposal_id)
        if proposal.status not in (SCORED, DECIDED):
            raise Invalid("review.not_scored", proposal_id=proposal_id)
        rows.append((proposal, decision))
    places: dict[tuple[int, int], int] = {}
    for call in {p.call_id for p, _ in rows if p.call_id is not None}:
        places |= {(r.proposal_id, r.version_no): r.rank for r in ranking(session, call)}
    now = utcnow()
    for proposal, decision in rows:
        read: dict[str, list[object]] = {
            "status": [proposal.status],
            "decision": [proposal.decision],
        }
        values = {"decision": decision, "decided_at": now, "status": DECIDED}
        if not transition(session, proposal, read, values):
            raise TransitionRefused("review.changed_meanwhile")  # decided by another request
        publish(
            session,
            OUTBOX,
            DecisionMade(
                proposal_id=proposal.proposal_id,
                version_no=proposal.version_no,
                title=proposal.title,
                innovator=innovator(proposal),
                opd_code=proposal.opd_code,
                opd_name=proposal.opd_name,
                call_id=proposal.call_id,
                decision=decision,
                rank=places.get((proposal.proposal_id, proposal.version_no)),
                score=proposal.mean,
                decided_at=now,
            ),
        )
    session.flush()
    return [p for p, _ in rows]
