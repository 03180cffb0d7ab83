"""Documents' HTTP: the list of a proposal's documents and the download, for those allowed."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel
from sqlalchemy import select

from services.documents.access import can_read
from services.documents.consumers import storage
from services.documents.models import Document
from shared import runtime
from shared.web.auth import require_user
from shared.web.errors import ApiError
from shared.web.openapi import documented

bp = Blueprint("documents", __name__)


class DocumentOut(BaseModel):
    id: int
    kind: str
    version_no: int
    sha256: str
    size_bytes: int
    download_url: str


@bp.get("/api/v1/proposals/<int:proposal_id>/documents")
@documented("A proposal's documents", tags=("documents",), responses={200: list[DocumentOut]})
def proposal_documents(proposal_id: int) -> Response:
    user = require_user()
    with runtime.database("documents").session() as s:
        docs = s.scalars(
            select(Document).where(Document.proposal_id == proposal_id).order_by(Document.id)
        ).all()
        visible = [
            DocumentOut(
                id=d.id,
                kind=d.kind,
                version_no=d.version_no,
                sha256=d.sha256,
                size_bytes=d.size_bytes,
                download_url=f"/documents/{d.id}/download",
            ).model_dump()
            for d in docs
            if can_read(user.id, user.role, user.opd_code, d)
        ]
    return jsonify(visible)


@bp.get("/documents/<int:document_id>/download")
@documented("Download a document (PDF)", tags=("documents",), responses={200: "application/pdf"})
def download(document_id: int) -> Response:
    user = require_user()
    with runtime.database("documents").session() as s:
        doc = s.get(Document, document_id)
        if doc is None or not can_read(user.id, user.role, user.opd_code, doc):
            raise ApiError(404, "not_found", "error.not_found")
        key, name = doc.storage_key, f"{doc.kind}-{doc.proposal_id}-v{doc.version_no}.pdf"
    response = Response(storage().get(key), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
