"""The public verification of a document: its facts by verification code, and whether an
uploaded file is byte for byte the one issued."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select

from services.documents import codes
from services.documents.contexts import TITLES
from services.documents.errors import NotFound
from services.documents.formatting import local_time, tanggal_indonesia
from services.documents.models import Document
from shared import runtime

STATUS_TEXT = {
    "valid": "Sah (valid)",
    "superseded": "Digantikan oleh revisi yang lebih baru (superseded)",
    "revoked": "Dicabut (revoked)",
}


def facts(code: str) -> dict[str, Any]:
    """Kind, number, date, hash and status of the document with this code (as typed)."""
    with runtime.database("documents").session() as s:
        doc = s.scalars(
            select(Document).where(Document.verification_code == codes.normalise_code(code))
        ).first()
        if doc is None:
            raise NotFound(f"verification code {code}")
        issued = local_time(doc.issued_at or doc.created_at).date()
        return {
            "kind": TITLES.get(doc.kind, doc.kind),
            "number": doc.number,
            "issued": tanggal_indonesia(issued),
            "sha256": doc.sha256,
            "status": doc.status,
            "status_text": STATUS_TEXT.get(doc.status, doc.status),
        }


def matches(expected_sha256: str, data: bytes) -> bool:
    """Whether `data` is the very file whose hash the document records."""
    return hashlib.sha256(data).hexdigest() == expected_sha256
