"""The public verification of a document: its facts by verification code, and whether an
uploaded file is byte for byte the one issued."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from services.documents import codes
from services.documents.contexts import TITLES
from services.documents.errors import UnknownCode
from services.documents.formatting import local_time
from services.documents.models import Document
from shared import formats, runtime
from shared.web.i18n import translate_in

STATUSES = ("valid", "superseded", "revoked")


def facts(code: str) -> dict[str, Any]:
    """Kind, number, issue date, hash and status of the document with this code (as typed),
    as codes and an ISO date: `in_words` says them in a reader's language."""
    with runtime.database("documents").session() as s:
        doc = s.scalars(
            select(Document).where(Document.verification_code == codes.normalise_code(code))
        ).first()
        if doc is None:
            raise UnknownCode(f"verification code {code}")
        return {
            "kind": doc.kind,
            "number": doc.number,
            "issued": local_time(doc.issued_at or doc.created_at).date().isoformat(),
            "sha256": doc.sha256,
            "status": doc.status,
        }


def in_words(found: dict[str, Any], language: str) -> dict[str, Any]:
    """`found` with its kind, date and status said in `language`: the kind's name
    (`pdf.kind.*`), the date with its weekday, the status (`documents.verify.status.*`)."""
    kind, status = found["kind"], found["status"]
    return found | {
        "kind_title": translate_in(language, f"pdf.kind.{kind}") if kind in TITLES else kind,
        "issued_text": formats.day(date.fromisoformat(found["issued"]), language, weekday=True),
        "status_text": translate_in(language, f"documents.verify.status.{status}")
        if status in STATUSES
        else status,
    }


def matches(expected_sha256: str, data: bytes) -> bool:
    """Whether `data` is the very file whose hash the document records."""
    return hashlib.sha256(data).hexdigest() == expected_sha256
