"""Documents' HTTP: a proposal's documents and the download for those allowed; the admin's
on-demand documents of a call as background jobs; the public verification page (kind, number,
date, hash and status of one document, and a byte-for-byte check of an uploaded PDF)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request
from pydantic import BaseModel, Field
from sqlalchemy import select

from services.documents import identity, jobs
from services.documents.access import can_read
from services.documents.consumers import storage
from services.documents.contexts import TITLES
from services.documents.formatting import local_time, tanggal_indonesia
from services.documents.models import Document, Job
from shared import runtime
from shared.events import Person
from shared.roles import Role
from shared.web.auth import require_role, require_user
from shared.web.body import json_body
from shared.web.errors import ApiError
from shared.web.openapi import documented

bp = Blueprint("documents", __name__, template_folder="templates")
MAX_UPLOAD = 32 * 1024 * 1024
STATUS_TEXT = {
    "valid": "Sah (valid)",
    "superseded": "Digantikan oleh revisi yang lebih baru (superseded)",
    "revoked": "Dicabut (revoked)",
}
MESSAGES = {
    "documents.error.job_kind": {
        "id": "Jenis dokumen harus salah satu dari: recap, minutes, certificates.",
        "en": "The document kind must be one of: recap, minutes, certificates.",
    },
    "documents.error.upload": {
        "id": "Unggah satu berkas PDF (paling besar 32 MB).",
        "en": "Upload one PDF file (at most 32 MB).",
    },
    "documents.error.held_on": {
        "id": "Tanggal penilaian harus berbentuk TTTT-BB-HH.",
        "en": "The assessment date must be YYYY-MM-DD.",
    },
}


class DocumentOut(BaseModel):
    id: int
    kind: str
    version_no: int
    number: str | None
    sha256: str
    status: str
    size_bytes: int
    download_url: str


class PanelMember(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=100)


class JobIn(BaseModel):
    held_on: str | None = None
    place: str = Field(default="Kantor Bappedalitbang", max_length=300)
    panel: list[PanelMember] = Field(default_factory=list, max_length=50)


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
    ).model_dump()  # fmt: skip


@bp.get("/api/v1/proposals/<int:proposal_id>/documents")
@documented("A proposal's documents", tags=("documents",), responses={200: list[DocumentOut]})
def proposal_documents(proposal_id: int) -> Response:
    user = require_user()
    with runtime.database("documents").session() as s:
        docs = s.scalars(
            select(Document).where(Document.proposal_id == proposal_id).order_by(Document.id)
        ).all()
        visible = [_out(d) for d in docs if can_read(user.id, user.role, user.opd_code, d)]
    return jsonify(visible)


@bp.get("/documents/<int:document_id>/download")
@documented("Download a document (PDF)", tags=("documents",), responses={200: "application/pdf"})
def download(document_id: int) -> Response:
    user = require_user()
    with runtime.database("documents").session() as s:
        doc = s.get(Document, document_id)
        if doc is None or not can_read(user.id, user.role, user.opd_code, doc):
            raise ApiError(404, "not_found", "error.not_found")
        key, name = doc.storage_key, f"{doc.kind}-{doc.id}.pdf"
    response = Response(storage().get(key), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/api/v1/documents/<int:document_id>/revoke")
@documented("Revoke a document (admin): its verification page says so from then on",
            tags=("documents",), responses={200: DocumentOut})  # fmt: skip
def revoke(document_id: int) -> Response:
    require_role(require_user(), Role.ADMIN.value)
    with runtime.database("documents").session() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise ApiError(404, "not_found", "error.not_found")
        doc.status = "revoked"
        s.flush()
        return jsonify(_out(doc))


@bp.post("/api/v1/calls/<int:call_id>/documents/<kind>")
@documented("Render a call's recap, minutes or certificates (admin, background job)",
            tags=("documents",), responses={202: JobOut})  # fmt: skip
def request_job(call_id: int, kind: str) -> tuple[Response, int]:
    user = require_user()
    require_role(user, Role.ADMIN.value)
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
    admin = Person(id=user.id, name=user.name, email=user.email, language=user.language)
    db = runtime.database("documents")
    job_id = jobs.create(db, kind, call_id, admin, params)
    runtime.celery_app().send_task("documents.run_job", args=[job_id], queue="documents")
    return jsonify(_job(db, job_id)), 202


def _job(db: Any, job_id: int) -> dict[str, Any]:
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise ApiError(404, "not_found", "error.not_found")
        return JobOut(
            id=job.id, kind=job.kind, call_id=job.call_id, status=job.status, done=job.done,
            total=job.total, document_id=job.document_id, error=job.error,
        ).model_dump()  # fmt: skip


@bp.get("/api/v1/document-jobs/<int:job_id>")
@documented("Progress of a document job (admin)", tags=("documents",), responses={200: JobOut})
def job_progress(job_id: int) -> Response:
    require_role(require_user(), Role.ADMIN.value)
    return jsonify(_job(runtime.database("documents"), job_id))


def _verification(code: str) -> dict[str, Any]:
    with runtime.database("documents").session() as s:
        doc = s.scalars(
            select(Document).where(Document.verification_code == identity.normalise_code(code))
        ).first()
        if doc is None:
            raise ApiError(404, "not_found", "error.not_found")
        issued = local_time(doc.issued_at or doc.created_at).date()
        return {
            "kind": TITLES.get(doc.kind, doc.kind),
            "number": doc.number,
            "issued": tanggal_indonesia(issued),
            "sha256": doc.sha256,
            "status": doc.status,
            "status_text": STATUS_TEXT.get(doc.status, doc.status),
        }


def _uploaded_match(expected_sha256: str) -> bool:
    upload = request.files.get("file")
    if upload is None:
        raise ApiError(400, "upload", "documents.error.upload")
    data = upload.stream.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD or not data:
        raise ApiError(400, "upload", "documents.error.upload")
    return hashlib.sha256(data).hexdigest() == expected_sha256


@bp.route("/verify/<code>", methods=["GET", "POST"])
@documented("Public verification page of a document", tags=("documents",), auth=False,
            responses={200: "text/html"})  # fmt: skip
def verify_page(code: str) -> str:
    facts = _verification(code)
    match = _uploaded_match(facts["sha256"]) if request.method == "POST" else None
    return render_template("documents/verify.html", match=match, **facts)


@bp.route("/api/v1/verify/<code>", methods=["GET", "POST"])
@documented("Verify a document (public): its facts, and a byte-for-byte check of an upload",
            tags=("documents",), auth=False, responses={200: dict[str, Any]})  # fmt: skip
def verify_api(code: str) -> Response:
    facts = _verification(code)
    if request.method == "POST":
        facts["match"] = _uploaded_match(facts["sha256"])
    return jsonify(facts)
