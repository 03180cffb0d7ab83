"""The innovations JSON API: `/api/v1/innovations` (parse → application layer → respond)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel

from services.innovations import registry
from services.innovations.schemas import InnovationIn, InnovationOut
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
