"""Documents' JSON API: a proposal's documents, the admin's revocation and on-demand documents
of a call (background jobs), and the public verification of a document."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, Literal

from flask import Blueprint, Response, jsonify, request
from pydantic import BaseModel, Field

from services.documents import jobs, library, verification
from services.documents.models import Document, RenderFailure
from services.documents.pages import uploaded
from shared import runtime
from shared.events import Person
from shared.web import paging
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.i18n import current_language
from shared.web.openapi import documented

bp = Blueprint("documents_api", __name__)


class DocumentOut(BaseModel):
    id: int
    kind: str
    version_no: int
    number: str | None
    sha256: str
    status: str
    size_bytes: int
    download_url: str
    verification_code: str  # printed on the PDF with its QR: opens /verify/<code>


class FailureOut(BaseModel):
    id: int
    kind: str
    subject: str
    proposal_id: int
    version_no: int
    call_id: int | None
    title: str
    status: str
    reason: str
    created_at: str


class PanelMember(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=100)


class JobIn(BaseModel):
    held_on: str | None = None
    place: str = Field(default="Kantor Bappedalitbang", max_length=300)
    panel: list[PanelMember] = Field(default_factory=list, max_length=50)
    # certificates: one per proposal (for its innovator) or one for each member of its team
    per: Literal["proposal", "member"] = "proposal"


class JobOut(BaseModel):
    id: int
    kind: str
    call_id: int
    status: str
    done: int
    total: int
    document_id: int | None
    error: str | None


def _out(d: Document) -> dict[str, Any]:
    return DocumentOut(
        id=d.id, kind=d.kind, version_no=d.version_no, number=d.number, sha256=d.sha256,
        status=d.status, size_bytes=d.size_bytes, download_url=f"/documents/{d.id}/download",
        verification_code=d.verification_code,
    ).model_dump()  # fmt: skip


def _failure_out(f: RenderFailure) -> dict[str, Any]:
    return FailureOut(
        id=f.id, kind=f.kind, subject=f.subject, proposal_id=f.proposal_id,
        version_no=f.version_no, call_id=f.call_id, title=f.title, status=f.status,
        reason=f.reason, created_at=f.created_at.isoformat(),
    ).model_dump()  # fmt: skip


def _job_out(state: jobs.JobState) -> dict[str, Any]:
    return JobOut(**asdict(state)).model_dump()


@bp.get("/api/v1/proposals/<int:proposal_id>/documents")
@documented("A proposal's documents", tags=("documents",), responses={200: list[DocumentOut]})
def proposal_documents(proposal_id: int) -> Response:
    return jsonify(library.of_proposal(require_user(), proposal_id, _out))


@bp.get("/api/v1/document-failures")
@documented("Documents that could not be rendered, with the reason (admin); `page`, `per_page` "
            "(50, at most 200); `X-Total-Count` and `Link` headers",
            tags=("documents",), responses={200: list[FailureOut]})  # fmt: skip
def render_failures() -> Response:
    window = paging.window_of(request.args)
    found = library.failures(require_user(), _failure_out, window, clamp=False)
    response = jsonify(found.items)
    response.headers.update(paging.headers(found, request.base_url, request.args.items(multi=True)))
    return response


@bp.post("/api/v1/documents/<int:document_id>/revoke")
@documented("Revoke a document (admin): its verification page says so from then on",
            tags=("documents",), responses={200: DocumentOut})  # fmt: skip
def revoke(document_id: int) -> Response:
    return jsonify(library.revoke(require_user(), document_id, _out))


@bp.post("/api/v1/calls/<int:call_id>/documents/<kind>")
@documented("Render a call's recap, minutes or certificates (admin, background job)",
            tags=("documents",), responses={202: JobOut})  # fmt: skip
def request_job(call_id: int, kind: str) -> tuple[Response, int]:
    user = require_user()
    jobs.authorize(user)  # before the body is read: anyone else learns nothing of its rules
    if kind not in jobs.KINDS:
        raise ApiError(400, "invalid_kind", "documents.error.job_kind")
    body = json_body(JobIn) if request.content_length else JobIn()
    params: dict[str, Any] = {}
    if kind == "minutes":
        try:
            held_on = date.fromisoformat(body.held_on or "")
        except ValueError:
            raise ApiError(400, "invalid_date", "documents.error.held_on") from None
        params = {"held_on": held_on.isoformat(), "place": body.place,
                  "panel": [p.model_dump() for p in body.panel]}  # fmt: skip
    if kind == "certificates":
        params = {"per": body.per}
    admin = Person(id=user.id, name=user.name, email=user.email, language=user.language)
    state = jobs.request(runtime.database("documents"), user, kind, call_id, admin, params)
    return jsonify(_job_out(state)), 202


@bp.get("/api/v1/document-jobs/<int:job_id>")
@documented("Progress of a document job (admin)", tags=("documents",), responses={200: JobOut})
def job_progress(job_id: int) -> Response:
    state = jobs.progress(runtime.database("documents"), require_user(), job_id)
    return jsonify(_job_out(state))


@bp.route("/api/v1/verify/<code>", methods=["GET", "POST"])
@documented("Verify a document (public): its facts, and a byte-for-byte check of an upload",
            tags=("documents",), auth=False, responses={200: dict[str, Any]})  # fmt: skip
def verify_api(code: str) -> Response:
    facts = verification.in_words(verification.facts(code), current_language())
    if request.method == "POST":
        facts["match"] = verification.matches(facts["sha256"], uploaded())
    return jsonify(facts)
