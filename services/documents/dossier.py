"""The proposal dossier (Berkas Proposal Inovasi): what it prints, built from the event alone.

Pure. The evaluators carried by `ReviewAssigned` decide who may read the file, but they are
confidential, so they never enter the template context (nor does the innovator's e-mail).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from services.documents.formatting import local_time, pukul, tanggal_indonesia
from shared.events import ReviewAssigned

KIND = "proposal_dossier"
TEMPLATE = "dossier.html"
TITLE = "Berkas Proposal Inovasi Daerah"

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Split user text on blank lines; single line breaks stay (the template keeps them)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINES.split(normalised) if p.strip()]


def dossier_context(event: ReviewAssigned, letterhead: Mapping[str, object]) -> dict[str, Any]:
    return {
        "letterhead": dict(letterhead),
        "document_title": TITLE,
        "title": event.title,
        "proposal_id": event.proposal_id,
        "version_no": event.version_no,
        "opd_code": event.opd_code,
        "opd_name": event.opd_name,
        "innovator_name": event.innovator.name,
        "submitted_date": tanggal_indonesia(local_time(event.submitted_at)),
        "submitted_time": pukul(event.submitted_at),
        "summary_paragraphs": paragraphs(event.summary),
    }
