"""Submission's JSON API: parse → call a use case → respond."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from services.submission import usecases
from services.submission.schemas import (
    ProposalCreate,
    ProposalOut,
    ProposalUpdate,
    SubmitAccepted,
    TimelineItem,
)
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.openapi import documented

bp = Blueprint("submission_api", __name__, url_prefix="/api/v1/proposals")
TAGS = ("proposals",)


@bp.post("")
@documented("Create a draft proposal", tags=TAGS, body=ProposalCreate, responses={201: ProposalOut})
def create() -> tuple[Response, int]:
    user = require_user()
    body = json_body(ProposalCreate)
    out = usecases.create(user, body.title, body.summary, body.opd_code)
    return jsonify(out.model_dump(mode="json")), 201


@bp.get("")
@documented("Proposals the user may read", tags=TAGS, responses={200: list[ProposalOut]})
def index() -> Response:
    return jsonify([p.model_dump(mode="json") for p in usecases.visible(require_user())])


@bp.get("/<int:proposal_id>")
@documented("One proposal", tags=TAGS, responses={200: ProposalOut})
def show(proposal_id: int) -> Response:
    return jsonify(usecases.show(require_user(), proposal_id).model_dump(mode="json"))


@bp.patch("/<int:proposal_id>")
@documented("Edit a draft", tags=TAGS, body=ProposalUpdate, responses={200: ProposalOut})
def update(proposal_id: int) -> Response:
    user = require_user()
    changes = json_body(ProposalUpdate).model_dump(exclude_unset=True)
    return jsonify(usecases.update(user, proposal_id, changes).model_dump(mode="json"))


@bp.post("/<int:proposal_id>/submit")
@documented("Submit a draft for review", tags=TAGS, responses={202: SubmitAccepted})
def submit(proposal_id: int) -> tuple[Response, int]:
    return jsonify(usecases.submit(require_user(), proposal_id).model_dump()), 202


@bp.get("/<int:proposal_id>/timeline")
@documented("The proposal's timeline", tags=TAGS, responses={200: list[TimelineItem]})
def timeline(proposal_id: int) -> Response:
    items = usecases.timeline(require_user(), proposal_id)
    return jsonify([i.model_dump(mode="json") for i in items])
