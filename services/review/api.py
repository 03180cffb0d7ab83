"""Review's JSON API: the evaluator's queue, a proposal to review, the score form, conflicts,
invitations; for the admin the registry, invitations, ranking and decisions."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from services.review import (
    access,
    batch,
    conflicts,
    decisions,
    standings,
)
from services.review import (
    assignment as assigning,
)
from services.review import (
    evaluators as registry,
)
from services.review import (
    reviews as reviewing,
)
from services.review.bootstrap import k_default, session
from services.review.models import Evaluator
from shared import runtime
from shared.web import paging
from shared.web.auth import require_role, require_user
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.i18n import translate
from shared.web.ids import Id
from shared.web.openapi import documented

bp = Blueprint("review", __name__)
log = logging.getLogger(__name__)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssignmentOut(BaseModel):
    id: int
    proposal_id: int
    version_no: int
    title: str
    evaluator_id: int
    status: str
    assigned_at: datetime
    due_at: datetime | None


class ReviewIn(Body):
    scores: dict[str, dict[str, Any]]
    submit: bool = False


class ConflictIn(Body):
    reason: str = Field(min_length=1, max_length=2000)


class EvaluatorIn(Body):
    id: Id
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    kind: Literal["academic", "practitioner", "government"]
    opd_code: str | None = Field(default=None, max_length=80)
    language: Literal["id", "en"] = "id"
    min_load: int = Field(default=0, ge=0, le=500)
    max_load: int = Field(default=10, ge=0, le=500)
    active: bool = True
    topics: list[str] = Field(default_factory=list, max_length=50)
    expertise: str = Field(default="", max_length=5000)


class InviteIn(Body):
    evaluator_ids: list[Id] = Field(min_length=1, max_length=1000)


class DecisionIn(Body):
    proposal_id: Id
    version_no: Id
    decision: Literal["finalist", "not_selected", "winner"]


class DecisionsIn(Body):
    decisions: list[DecisionIn] = Field(min_length=1, max_length=5000)


# --- the evaluator ------------------------------------------------------------------------------


@bp.get("/api/v1/review/assignments")
@documented("Assignments: the evaluator's own, or all for admins; `page`, `per_page` (50, at "
            "most 200); `X-Total-Count` and `Link` headers", tags=("review",),
            responses={200: list[AssignmentOut]})  # fmt: skip
def assignments() -> Response:
    user = require_user()
    with session() as s:
        found = reviewing.queue(s, user, paging.window_of(request.args), clamp=False)
    response = jsonify(
        [AssignmentOut.model_validate(r.__dict__).model_dump(mode="json") for r in found.items]
    )
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.get("/api/v1/review/assignments/<int:assignment_id>")
@documented("One assignment: the proposal (names hidden when blind), the rubric, saved scores",
            tags=("review",), responses={200: dict[str, Any]})  # fmt: skip
def assignment(assignment_id: int) -> Response:
    user = require_user()
    with session() as s:
        return jsonify(reviewing.read(s, user, assignment_id, k_default()))


@bp.put("/api/v1/review/assignments/<int:assignment_id>/review")
@documented("Save a draft review, or submit it (`submit: true`)", tags=("review",),
            body=ReviewIn, responses={200: dict[str, Any]})  # fmt: skip
def save_review(assignment_id: int) -> Response:
    user = require_user()
    body = json_body(ReviewIn)
    with session() as s:
        a = reviewing.save(s, user, assignment_id, body.scores, submit=body.submit,
                           k_default=k_default())  # fmt: skip
        return jsonify(access.assignment_view(s, user, a, k_default()))


@bp.post("/api/v1/review/assignments/<int:assignment_id>/conflict")
@documented("Declare a conflict of interest: the review is released and replaced",
            tags=("review",), body=ConflictIn, responses={200: dict[str, Any]})  # fmt: skip
def declare_conflict(assignment_id: int) -> Response:
    user = require_user()
    body = json_body(ConflictIn)
    with session() as s:
        a, new = conflicts.declare_conflict(s, user, assignment_id, body.reason, k_default())
        return jsonify({"released": a.id, "replacements": len(new)})


@bp.post("/api/v1/review/assignments/<int:assignment_id>/decline")
@documented("The evaluator declines an assignment: it is released and replaced",
            tags=("review",), responses={200: dict[str, Any]})  # fmt: skip
def decline(assignment_id: int) -> Response:
    user = require_user()
    with session() as s:
        a, new = assigning.decline(s, user, assignment_id, k_default())
        return jsonify({"released": a.id, "replacements": len(new)})


class AdminConflictIn(Body):
    evaluator_id: Id
    reason: str = Field(min_length=1, max_length=2000)


@bp.post("/api/v1/review/proposals/<int:proposal_id>/conflicts")
@documented("The admin declares a conflict between an evaluator and a proposal",
            tags=("review",), body=AdminConflictIn, responses={200: dict[str, Any]})  # fmt: skip
def admin_conflict(proposal_id: int) -> Response:
    require_role(require_user(), "admin")
    body = json_body(AdminConflictIn)
    with session() as s:
        released = conflicts.declare_admin_conflict(
            s, proposal_id, body.evaluator_id, body.reason, k_default()
        )
        return jsonify({"released": released})


@bp.get("/api/v1/review/proposals/<int:proposal_id>/versions/<int:version_no>/reviews")
@documented("Submitted reviews of a version: for an evaluator only after their own",
            tags=("review",), responses={200: list[dict[str, Any]]})  # fmt: skip
def reviews(proposal_id: int, version_no: int) -> Response:
    user = require_user()
    with session() as s:
        return jsonify(reviewing.others(s, user, proposal_id, version_no))


@bp.get("/api/v1/review/invitations")
@documented("The evaluator's invitations", tags=("review",),
            responses={200: list[dict[str, Any]]})  # fmt: skip
def invitations() -> Response:
    user = require_user()
    with session() as s:
        rows = registry.invitations_of(s, user)
        return jsonify([{"id": i.id, "call_id": i.call_id, "status": i.status} for i in rows])


@bp.post("/api/v1/review/invitations/<int:invitation_id>/<any(accept, decline):answer>")
@documented("Accept or decline an invitation to a call", tags=("review",),
            responses={200: dict[str, Any]})  # fmt: skip
def answer_invitation(invitation_id: int, answer: str) -> Response:
    user = require_user()
    require_role(user, "evaluator")
    with session() as s:
        invitation = registry.answer_invitation(
            s, user, invitation_id, answer == "accept", k_default()
        )
        return jsonify({"id": invitation.id, "status": invitation.status})


# --- the admin ----------------------------------------------------------------------------------


@bp.get("/api/v1/review/evaluators")
@documented("The evaluator registry", tags=("review",), responses={200: list[dict[str, Any]]})
def evaluators() -> Response:
    require_role(require_user(), "admin")
    with session() as s:
        rows = s.scalars(select(Evaluator).order_by(Evaluator.id)).all()
        return jsonify([
            {"id": e.id, "name": e.name, "email": e.email, "kind": e.kind,
             "opd_code": e.opd_code, "language": e.language, "min_load": e.min_load,
             "max_load": e.max_load, "active": e.active, "topics": e.topics,
             "expertise": e.expertise}
            for e in rows
        ])  # fmt: skip


@bp.put("/api/v1/review/evaluators")
@documented("Add or edit an evaluator (the identity user id is the key)", tags=("review",),
            body=EvaluatorIn, responses={200: dict[str, Any]})  # fmt: skip
def put_evaluator() -> Response:
    require_role(require_user(), "admin")
    body = json_body(EvaluatorIn)
    if body.min_load > body.max_load:
        raise ApiError(422, "validation", "error.validation",
                       {"min_load": translate("review.invalid_loads")})  # fmt: skip
    with session() as s:
        e, assigned = registry.enrol(s, body.model_dump(), k_default())
        return jsonify({"id": e.id, "waiting_assigned": assigned})


@bp.post("/api/v1/review/calls/<int:call_id>/invitations")
@documented("Invite evaluators to a call (mails them through evaluator.invited)",
            tags=("review",), body=InviteIn, responses={200: list[dict[str, Any]]})  # fmt: skip
def invite(call_id: int) -> Response:
    require_role(require_user(), "admin")
    body = json_body(InviteIn)
    with session() as s:
        rows = registry.invite(s, call_id, body.evaluator_ids)
        return jsonify([{"id": i.id, "evaluator_id": i.evaluator_id, "status": i.status}
                        for i in rows])  # fmt: skip


@bp.post("/api/v1/review/proposals/<int:proposal_id>/versions/<int:version_no>/extra-evaluator")
@documented("One more evaluator for a version (after a disagreement)", tags=("review",),
            responses={200: dict[str, Any]})  # fmt: skip
def extra_evaluator(proposal_id: int, version_no: int) -> Response:
    require_role(require_user(), "admin")
    with session() as s:
        added = assigning.add_evaluator(s, proposal_id, version_no, k_default())
        return jsonify({"assignments": [a.id for a in added]})


@bp.get("/api/v1/review/calls/<int:call_id>/ranking")
@documented("Scored proposals ranked per category (mean, median, calibrated, disagreement); "
            "`page`, `per_page` (50, at most 200); `X-Total-Count` and `Link` headers",
            tags=("review",), responses={200: list[dict[str, Any]]})  # fmt: skip
def ranking(call_id: int) -> Response:
    require_role(require_user(), "admin")
    with session() as s:
        found = standings.page(s, call_id, paging.window_of(request.args), clamp=False)
    response = jsonify([r.__dict__ for r in found.items])
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.post("/api/v1/review/calls/<int:call_id>/decisions")
@documented("Decide scored proposals in bulk (finalist, not_selected, winner)",
            tags=("review",), body=DecisionsIn, responses={200: dict[str, Any]})  # fmt: skip
def decide(call_id: int) -> Response:
    require_role(require_user(), "admin")
    body = json_body(DecisionsIn)
    with session() as s:
        done = decisions.decide(
            s, [(d.proposal_id, d.version_no, d.decision) for d in body.decisions],
            call_id=call_id,
        )  # fmt: skip
        return jsonify({"decided": len(done)})


# --- batch mode and manual override -------------------------------------------------------------


@bp.post("/api/v1/review/calls/<int:call_id>/batches")
@documented("Plan the optimal re-assignment of every review not yet started (background job)",
            tags=("review",), responses={202: dict[str, Any]})  # fmt: skip
def start_batch(call_id: int) -> tuple[Response, int]:
    user = require_user()
    require_role(user, "admin")
    with session() as s:
        run = batch.start(s, call_id, user.id)
        run_id = run.id
    try:
        runtime.celery_app().send_task("review.plan_batch", args=[run_id], queue="review")
    except Exception as exc:  # the run stays queued; the admin sees it and may start another
        log.warning("could not queue batch run %s: %s", run_id, exc)
    return jsonify({"id": run_id, "status": "queued", "progress": 0}), 202


@bp.get("/api/v1/review/batches/<int:run_id>")
@documented("A batch run: progress, then the preview (who stays, leaves, comes per proposal)",
            tags=("review",), responses={200: dict[str, Any]})  # fmt: skip
def batch_preview(run_id: int) -> Response:
    require_role(require_user(), "admin")
    with session() as s:
        return jsonify(batch.preview(batch.run_of(s, run_id)))


@bp.post("/api/v1/review/batches/<int:run_id>/<any(cancel, deploy):action>")
@documented("Cancel a batch run, or deploy its plan", tags=("review",),
            responses={200: dict[str, Any]})  # fmt: skip
def batch_action(run_id: int, action: str) -> Response:
    require_role(require_user(), "admin")
    with session() as s:
        run = batch.run_of(s, run_id)
        if action == "cancel":
            batch.cancel(s, run)
            changed = 0
        else:
            changed = batch.deploy(s, run, k_default())
        return jsonify({"id": run.id, "status": run.status, "changed": changed})


class OverrideIn(Body):
    evaluator_id: Id
    reason: str = Field(min_length=1, max_length=2000)


@bp.post("/api/v1/review/assignments/<int:assignment_id>/override")
@documented("The admin replaces an open review's evaluator by hand, with a reason (audited)",
            tags=("review",), body=OverrideIn, responses={200: dict[str, Any]})  # fmt: skip
def override(assignment_id: int) -> Response:
    user = require_user()
    require_role(user, "admin")
    body = json_body(OverrideIn)
    with session() as s:
        a = access.readable_assignment(s, user, assignment_id)
        new = batch.override(s, a, body.evaluator_id, body.reason, user.id, k_default())
        return jsonify({"released": a.id, "assignment": new.id})
