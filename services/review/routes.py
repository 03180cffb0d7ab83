"""Review's HTTP: an evaluator's own assignments (admins and verifiers see all)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel
from sqlalchemy import select

from services.review.models import Assignment, ReviewProposal
from shared import runtime
from shared.web.auth import require_role, require_user
from shared.web.openapi import documented

bp = Blueprint("review", __name__)


class AssignmentOut(BaseModel):
    proposal_id: int
    version_no: int
    title: str
    evaluator_id: int
    status: str
    assigned_at: datetime


@bp.get("/api/v1/review/assignments")
@documented("Assignments: the evaluator's own, or all for admins", tags=("review",),
            responses={200: list[AssignmentOut]})  # fmt: skip
def assignments() -> Response:
    user = require_user()
    require_role(user, "evaluator", "admin", "verifier")
    query = (
        select(Assignment, ReviewProposal.title)
        .join(
            ReviewProposal,
            (ReviewProposal.proposal_id == Assignment.proposal_id)
            & (ReviewProposal.version_no == Assignment.version_no),
        )
        .order_by(Assignment.assigned_at.desc())
        .limit(500)
    )
    if user.role == "evaluator":
        query = query.where(Assignment.evaluator_id == user.id)
    with runtime.database("review").session() as s:
        rows = [
            AssignmentOut(
                proposal_id=a.proposal_id,
                version_no=a.version_no,
                title=title,
                evaluator_id=a.evaluator_id,
                status=a.status,
                assigned_at=a.assigned_at,
            ).model_dump(mode="json")
            for a, title in s.execute(query).all()
        ]
    return jsonify(rows)
