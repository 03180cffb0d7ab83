"""Batch mode and manual override: re-optimise a whole call, or change one evaluator by hand.

A batch run plans in short transactions (load, solve, compare), writing its progress and
checking for a cancel between them; the plan is a preview (each proposal's current and planned
evaluators) until the admin deploys it. Deploy refuses a plan that went stale: a proposal whose
evaluators changed, or whose review started, since the plan was made. Only assignments not yet
started move; started reviews keep their evaluator and count in the loads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.review import queries
from services.review import reasons as why
from services.review.assignment import insert, release
from services.review.directory import agencies_related
from services.review.errors import Invalid, NotFound, TransitionRefused
from services.review.incremental import Pick
from services.review.matching import solve
from services.review.models import (
    ASSIGNED,
    OUTBOX,
    WAITING,
    Assignment,
    BatchRun,
    Evaluator,
    Override,
    ReviewProposal,
)
from services.review.problem import Problem, Reviewer
from services.review.snapshots import announcement, matching_proposal
from shared.db import transition
from shared.outbox import publish, utcnow

SessionFactory = Callable[[], AbstractContextManager[Session]]


def start(session: Session, call_id: int, admin_id: int) -> BatchRun:
    """Record a queued run of the call; `plan` does the work in the background."""
    run = BatchRun(
        call_id=call_id, status="queued", progress=0, message="", requested_by=admin_id,
        created_at=utcnow(), plan={},
    )  # fmt: skip
    session.add(run)
    session.flush()
    return run


def run_of(session: Session, run_id: int) -> BatchRun:
    """The batch run with this id (not found otherwise)."""
    run = session.get(BatchRun, run_id)
    if run is None:
        raise NotFound()
    return run


def cancel(session: Session, run: BatchRun) -> BatchRun:
    """Stop a run not deployed yet; its plan, if any, is never applied."""
    stoppable = ("queued", "running", "ready")
    if run.status not in stoppable or not transition(
        session, run, {"status": stoppable}, {"status": "cancelled", "finished_at": utcnow()}
    ):
        session.refresh(run)
        raise TransitionRefused("review.batch_state", state=run.status)
    return run


def _movable(session: Session, call_id: int) -> list[tuple[ReviewProposal, list[Assignment]]]:
    """The call's versions whose reviews have not started (waiting ones too)."""
    proposals = session.scalars(
        select(ReviewProposal)
        .where(
            ReviewProposal.call_id == call_id,
            ReviewProposal.status.in_((WAITING, ASSIGNED)),
            ReviewProposal.extra_evaluators == 0,
        )
        .order_by(ReviewProposal.proposal_id, ReviewProposal.version_no)
    ).all()
    out = []
    for p in proposals:
        held = queries.assignments_of(session, p.proposal_id, p.version_no)
        if all(a.status in ("assigned", "released") for a in held):
            out.append((p, held))
    return out


UNFINISHED = ("queued", "running")


def unfinished(session: Session) -> list[int]:
    """Runs still to plan: queued, or cut short (their worker died mid-plan)."""
    return list(
        session.scalars(
            select(BatchRun.id).where(BatchRun.status.in_(UNFINISHED)).order_by(BatchRun.id)
        )
    )


def _step(sessions: SessionFactory, run_id: int, progress: int, status: str = "running") -> bool:
    """Record progress; False when the run was cancelled meanwhile, or is already planned (a
    late redelivery of its task must not reopen a run that is ready or deployed)."""
    with sessions() as s:
        run = s.get(BatchRun, run_id)
        if run is None:
            return False
        return transition(s, run, {"status": UNFINISHED}, {"status": status, "progress": progress})


def plan(sessions: SessionFactory, run_id: int, k_default: int) -> str:
    """The background job: plan the run's call; returns the run's final status. Running it
    again (the task redelivered, the run resumed) plans again, or does nothing once planned."""
    if not _step(sessions, run_id, 5):
        return "stopped"
    with sessions() as s:
        run = s.get(BatchRun, run_id)
        assert run is not None
        call = queries.call_settings(s, run.call_id, None, k_default)
        movable = _movable(s, run.call_id)
        moving = {(p.proposal_id, p.version_no) for p, _ in movable}
        pool = queries.call_pool(s, run.call_id)
        fixed: dict[int, int] = {}
        for a in s.scalars(
            select(Assignment).where(
                Assignment.call_id == run.call_id, Assignment.status != "released"
            )
        ):
            if (a.proposal_id, a.version_no) not in moving:
                fixed[a.evaluator_id] = fixed.get(a.evaluator_id, 0) + 1
        reviewers = [
            Reviewer(
                str(e.id), e.opd_code, tuple(e.topics or ()), e.expertise or "", e.kind,
                max(0, e.min_load - fixed.get(e.id, 0)), max(0, e.max_load - fixed.get(e.id, 0)),
                institution=e.opd_code,
            )
            for e in pool.values()
        ]  # fmt: skip
        conflicts: set[tuple[str, str]] = set()
        current: dict[str, list[int]] = {}
        for p, held in movable:
            key = matching_proposal(p).id
            current[key] = [a.evaluator_id for a in held if a.status == "assigned"]
            barred = {a.evaluator_id for a in held if a.status == "released"}
            barred |= queries.declared_conflicts(s, p.proposal_id) | set(p.team_ids or ())
            conflicts |= {(key, str(e)) for e in barred}
        parents = {c: p for c, p in queries.agency_parents(s).items() if p is not None}
        problem = Problem(
            k=call.k, proposals=[matching_proposal(p) for p, _ in movable], reviewers=reviewers,
            conflicts=frozenset(conflicts), opd_parents=parents, composition=call.composition,
            topic_weight=call.topic_weight, text_weight=call.text_weight,
            one_per_institution=call.one_per_institution,
        )  # fmt: skip
    if not _step(sessions, run_id, 30):
        return "cancelled"
    result = solve(problem)
    if not _step(sessions, run_id, 90):
        return "cancelled"
    planned: dict[str, list[dict[str, Any]]] = {key: [] for key in current}
    for pick in result.assignments:
        planned[pick.proposal].append(
            {"evaluator_id": int(pick.reviewer), "score": pick.score, "reasons": list(pick.reasons)}
        )
    with sessions() as s:
        run = s.get(BatchRun, run_id)
        assert run is not None
        done = "ready" if result.status == "optimal" else "infeasible"
        plan = {
            "objective": result.objective,
            "proposals": [
                {
                    "proposal_id": int(key.split("/")[0]),
                    "version_no": int(key.split("/")[1]),
                    "current": sorted(current[key]),
                    "planned": sorted(planned[key], key=lambda x: x["evaluator_id"]),
                }
                for key in current
            ],
        }
        finished = {"status": done, "plan": plan, "message": result.message, "progress": 100,
                    "finished_at": utcnow()}  # fmt: skip
        if not transition(s, run, {"status": UNFINISHED}, finished):
            s.refresh(run)  # cancelled (or finished by a redelivery) meanwhile
        return run.status


def preview(run: BatchRun) -> dict[str, Any]:
    """The run as the admin sees it: progress, and per proposal who stays, leaves, comes."""
    rows = []
    moves = 0
    items: list[dict[str, Any]] = list((run.plan or {}).get("proposals") or [])  # type: ignore[call-overload]
    for item in items:
        now = set(item["current"])
        new = {x["evaluator_id"] for x in item["planned"]}
        moves += len(new - now)
        rows.append(
            {
                "proposal_id": item["proposal_id"],
                "version_no": item["version_no"],
                "current": sorted(now),
                "keep": sorted(now & new),
                "remove": sorted(now - new),
                "add": sorted(new - now),
                "planned": item["planned"],
            }
        )
    return {
        "id": run.id, "call_id": run.call_id, "status": run.status, "progress": run.progress,
        "message": run.message, "objective": (run.plan or {}).get("objective"),
        "changes": moves, "proposals": rows,
    }  # fmt: skip


def deploy(session: Session, run: BatchRun, k_default: int) -> int:
    """Apply a ready plan; returns how many evaluators changed. Stale plans are refused whole."""
    if run.status != "ready" or not transition(
        session, run, {"status": ["ready"]}, {"status": "deployed", "finished_at": utcnow()}
    ):
        session.refresh(run)
        raise TransitionRefused("review.batch_state", state=run.status)
    view = preview(run)
    items = {(r["proposal_id"], r["version_no"]): r for r in view["proposals"]}
    for (pid, ver), item in items.items():
        proposal = session.get(ReviewProposal, (pid, ver))
        held = queries.assignments_of(session, pid, ver)
        open_now = sorted(a.evaluator_id for a in held if a.status == "assigned")
        started = any(a.status not in ("assigned", "released") for a in held)
        if proposal is None or started or open_now != item["current"]:
            raise TransitionRefused("review.batch_stale", proposal_id=pid)
    call = queries.call_settings(session, run.call_id, None, k_default)
    changed = 0
    for row in view["proposals"]:
        if not row["remove"] and not row["add"]:
            continue
        proposal = session.get(ReviewProposal, (row["proposal_id"], row["version_no"]))
        assert proposal is not None
        held = queries.assignments_of(session, proposal.proposal_id, proposal.version_no)
        for a in held:
            if a.status == "assigned" and a.evaluator_id in row["remove"]:
                release(session, a, "reassigned", k_default, replace=False)
        by_id = {x["evaluator_id"]: x for x in row["planned"]}
        loads = queries.loads(session, run.call_id)
        picks = [
            Pick(str(e), by_id[e]["score"], loads.get(e, 0),
                 _evaluator(session, e).max_load, why.normalised(by_id[e]["reasons"]))
            for e in row["add"]
        ]  # fmt: skip
        added = insert(session, proposal, picks, call, bool(row["remove"]), utcnow())
        proposal.status = ASSIGNED
        publish(
            session,
            OUTBOX,
            announcement(
                proposal,
                [_evaluator(session, e) for e in row["add"]],
                added,
                blind=call.blind,
                replacement=bool(row["remove"]),
            ),
        )
        changed += len(row["add"])
    session.flush()
    return changed


def _evaluator(session: Session, evaluator_id: int) -> Evaluator:
    evaluator = session.get(Evaluator, evaluator_id)
    assert evaluator is not None
    return evaluator


def override(
    session: Session,
    assignment: Assignment,
    evaluator_id: int,
    reason: str,
    admin_id: int,
    k_default: int,
) -> Assignment:
    """The admin puts `evaluator_id` in place of an open review's evaluator, checked against
    the same constraints as the solver; the reason is kept in `review_overrides`."""
    reason = reason.strip()
    if not reason:
        raise Invalid("review.reason_required")
    if assignment.status != "assigned":
        raise Invalid("review.not_open")
    proposal = session.get(ReviewProposal, (assignment.proposal_id, assignment.version_no))
    assert proposal is not None
    problems = check_candidate(session, proposal, evaluator_id)
    if problems:
        raise Invalid("review.override_refused", reasons="; ".join(problems))
    call = queries.call_settings(session, proposal.call_id, proposal.call_version, k_default)
    release(session, assignment, "admin", k_default, replace=False)
    evaluator = _evaluator(session, evaluator_id)
    load = queries.loads(session, proposal.call_id).get(evaluator_id, 0)
    [new] = insert(
        session, proposal,
        [Pick(str(evaluator_id), 0.0, load, evaluator.max_load, (why.manual(reason),))],
        call, True, utcnow(),
    )  # fmt: skip
    session.add(
        Override(
            released_assignment_id=assignment.id, new_assignment_id=new.id, admin_id=admin_id,
            reason=reason[:2000], at=utcnow(),
        )
    )  # fmt: skip
    publish(
        session,
        OUTBOX,
        announcement(proposal, [evaluator], [new], blind=call.blind, replacement=True),
    )
    session.flush()
    return new


def check_candidate(session: Session, proposal: ReviewProposal, evaluator_id: int) -> list[str]:
    """Why `evaluator_id` may not review `proposal` (empty: they may)."""
    evaluator = session.get(Evaluator, evaluator_id)
    if evaluator is None or not evaluator.active:
        return ["evaluator tidak aktif / not an active evaluator"]
    problems: list[str] = []
    pool = queries.call_pool(session, proposal.call_id)
    if evaluator_id not in pool:
        problems.append("bukan anggota tim periode ini / not in this call's pool")
    held = queries.assignments_of(session, proposal.proposal_id, proposal.version_no)
    if evaluator_id in {a.evaluator_id for a in held}:
        problems.append("sudah pernah ditugaskan pada proposal ini / already on this proposal")
    if evaluator_id in queries.declared_conflicts(session, proposal.proposal_id):
        problems.append("konflik kepentingan dinyatakan / declared conflict")
    if evaluator_id in (proposal.team_ids or ()):
        problems.append("anggota tim inovasi / a team member")
    if agencies_related(evaluator.opd_code, proposal.opd_code, queries.agency_parents(session)):
        problems.append("konflik instansi / agency conflict")
    if queries.loads(session, proposal.call_id).get(evaluator_id, 0) >= evaluator.max_load:
        problems.append("beban penuh / at maximum load")
    return problems


def runs(session: Session, call_id: int) -> Sequence[BatchRun]:
    """The call's runs, newest first."""
    return session.scalars(
        select(BatchRun).where(BatchRun.call_id == call_id).order_by(BatchRun.id.desc())
    ).all()
