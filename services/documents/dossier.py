"""The dossier's template context from a `review.assigned` snapshot, without a database: kept
for callers that render a dossier outside the issuing flow (bench/rendering.py). The number
and verification code are placeholders; issued documents get theirs in issuing.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.documents import contexts, identity
from shared.events import ProposalSnapshot, ReviewAssigned

KIND = "proposal_dossier"
TEMPLATE = "dossier.html"
TITLE = contexts.TITLES[KIND]
PLACEHOLDER_BASE_URL = "http://127.0.0.1:8000"


def dossier_context(event: ReviewAssigned, letterhead: Mapping[str, object]) -> dict[str, Any]:
    snapshot = ProposalSnapshot(
        proposal_id=event.proposal_id, version_no=event.version_no, title=event.title,
        summary=event.summary, opd_code=event.opd_code, opd_name=event.opd_name,
        innovator=event.innovator, submitted_at=event.submitted_at, call_id=event.call_id,
    )  # fmt: skip
    code = "AAAAAAAAAA"
    url = identity.verify_url(PLACEHOLDER_BASE_URL, code)
    return {
        "deploy": {
            "letterhead": dict(letterhead),
            "logo": "sipinda-asset:logo.svg",
            "city": "",
            "head": {},
            "mayor": {},
        },
        "doc": {
            "kind": KIND,
            "kind_title": TITLE,
            "number": "-",
            "code": code,
            "code_pretty": identity.pretty_code(code),
            "base_url": PLACEHOLDER_BASE_URL,
            "verify_url": url,
            "qr": identity.qr_svg(url),
            "issued": "",
        },
        "data": contexts.dossier(snapshot, None, blind=False),
    }
