"""Decisions: the admin decides scored proposals (finalist, not selected, winner), each one
published as `decision.made` with its place in the call's ranking; a call with uji publik holds
them (`held`) until its objection window has closed (`objections.finalize`).

Runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import held
from services.review.errors import Invalid, TransitionRefused
from services.review.models import (
    DECIDED,
    DECISIONS,
    OUTBOX,
    SCORED,
    Announcement,
    ReviewProposal,
)
from services.review.snapshots import innovator
from services.review.standings import rows_of
from shared.db import serialise, transition
from shared.events import AnnouncedResult, DecisionMade, Person, ResultsAnnounced
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
    each publishes `decision.made`, or keeps it until final when its call has uji publik.
    All or nothing: one bad line refuses the lot. With
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
        keys = [(p.proposal_id, p.version_no) for p, _ in rows if p.call_id == call]
        places |= {key: r.rank for key, r in rows_of(session, call, keys).items()}
    now = utcnow()
    for proposal, decision in rows:
        read: dict[str, list[object]] = {
            "status": [proposal.status],
            "decision": [proposal.decision],
        }
        values = {"decision": decision, "decided_at": now, "status": DECIDED}
        if not transition(session, proposal, read, values):
            raise TransitionRefused("review.changed_meanwhile")  # decided by another request
        event = DecisionMade(
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
        )
        if held.holds(session, proposal.call_id):  # uji publik: final once the window closes
            held.hold(session, event)
        else:
            publish(session, OUTBOX, event)
    session.flush()
    return [p for p, _ in rows]


# The advisory lock's first key: one announcement of a call at a time (the second is the call).
ANNOUNCE_LOCK = 7_201


def announcement_of(session: Session, call_id: int) -> Announcement | None:
    """The call's latest announcement, if its results were announced."""
    return session.scalars(
        select(Announcement).where(Announcement.call_id == call_id)
        .order_by(Announcement.number.desc()).limit(1)
    ).first()  # fmt: skip


def decided_in(session: Session, call_id: int) -> list[ReviewProposal]:
    """The call's decided proposal versions, as an announcement lists them."""
    return list(session.scalars(
        select(ReviewProposal).where(ReviewProposal.call_id == call_id,
                                     ReviewProposal.status == DECIDED)
        .order_by(ReviewProposal.category, ReviewProposal.proposal_id)
    ))  # fmt: skip


def announce(session: Session, call_id: int, call_name: str, announcer: Person) -> Announcement:
    """Announce the call's results (`results.announced`): every decided proposal with its
    decision and place. Refused while nothing is decided; announcing again numbers on."""
    serialise(session, ANNOUNCE_LOCK, call_id)  # two admins at once: numbered one by one
    decided = decided_in(session, call_id)
    if not decided:
        raise Invalid("review.nothing_decided")
    keys = [(p.proposal_id, p.version_no) for p in decided]
    places = {key: r.rank for key, r in rows_of(session, call_id, keys).items()}
    latest = announcement_of(session, call_id)
    row = Announcement(
        call_id=call_id, number=(latest.number + 1) if latest else 1, announced_at=utcnow(),
        announced_by=announcer.id, decided=len(decided),
    )  # fmt: skip
    session.add(row)
    session.flush()
    publish(session, OUTBOX, ResultsAnnounced(
        call_id=call_id, call_name=call_name, announcement_no=row.number,
        announced_at=row.announced_at, announcer=announcer,
        results=tuple(
            AnnouncedResult(
                proposal_id=p.proposal_id, version_no=p.version_no, title=p.title,
                opd_name=p.opd_name, category=p.category or "", decision=str(p.decision),
                rank=places.get((p.proposal_id, p.version_no)), innovator=innovator(p),
            )
            for p in decided
        ),
    ))  # fmt: skip
    return row
