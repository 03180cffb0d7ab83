"""The innovations JSON API: `/api/v1/innovations` (parse → application layer → respond)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel

from services.innovations import advancing, registry, stages
from services.innovations.errors import Invalid
from services.innovations.schemas import InnovationEdit, InnovationIn, InnovationOut, StageForm
from shared.web import paging
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.openapi import documented

bp = Blueprint("innovations_api", __name__, url_prefix="/api/v1/innovations")
TAGS = ("innovations",)


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


def filters() -> dict[str, Any]:
    """The list's filters from the query string (`q`, `opd_code`, `stage`, `urusan`, `year`)."""
    year = request.args.get("year", "")
    return {
        "q": request.args.get("q") or None,
        "opd_code": request.args.get("opd_code") or None,
        "stage": request.args.get("stage") or None,
        "urusan": request.args.get("urusan") or None,
        "year": int(year) if year.isdigit() else None,
    }


@bp.get("")
@documented(
    "Innovations the user may read (filters: q, opd_code, stage, urusan, year); `page`, "
    "`per_page` (50, at most 200); `X-Total-Count` and `Link` headers",
    tags=TAGS,
    responses={200: list[InnovationOut]},
)
def index() -> Response:
    user = require_user()
    found = registry.page(user, paging.window_of(request.args), **filters())
    response = jsonify([m.model_dump(mode="json") for m in found.items])
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.post("")
@documented(
    "Register an innovation directly (admin: any agency; operator or innovator: their own)",
    tags=TAGS,
    body=InnovationIn,
    responses={201: InnovationOut},
)
def create() -> tuple[Response, int]:
    user = require_user()
    return _json(registry.register(user, json_body(InnovationIn)), 201)


@bp.get("/<int:innovation_id>")
@documented("One innovation with the proposals linked to it", tags=TAGS,
            responses={200: InnovationOut})  # fmt: skip
def show(innovation_id: int) -> tuple[Response, int]:
    user = require_user()
    return _json(registry.get(user, innovation_id))


@bp.put("/<int:innovation_id>")
@documented(
    "Change an innovation's profile (who may edit it; its stage moves by `/stage`)",
    tags=TAGS,
    body=InnovationEdit,
    responses={200: InnovationOut},
)
def update(innovation_id: int) -> tuple[Response, int]:
    user = require_user()
    advancing.editable(user, innovation_id)  # who may not edit it learns nothing of the body
    return _json(advancing.edit(user, innovation_id, json_body(InnovationEdit)))


def _day(name: str) -> date | None:
    text = request.form.get(name, "").strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise Invalid(problems={name: ("innovations.form.bad_date", {})}) from None


@bp.post("/<int:innovation_id>/stage")
@documented(
    "Record a later stage with its signed berita acara (multipart: `stage`, `on`, `trial_on` "
    "for the admin recording penerapan straight away, `berita_acara`); SIPINDA then issues "
    "the berita acara of the stage and tells the team",
    tags=TAGS,
    body=StageForm,
    content_type="multipart/form-data",
    responses={200: InnovationOut},
)
def stage(innovation_id: int) -> tuple[Response, int]:
    user = require_user()
    move = stages.Move(request.form.get("stage", ""), _day("on"), _day("trial_on"))
    sent = request.files.get("berita_acara")
    signed = advancing.Upload(sent.filename or "berita-acara", sent.read()) if sent else None
    return _json(advancing.advance(user, innovation_id, move, signed=signed))
