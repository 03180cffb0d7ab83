"""Helpers for submission tests through the app: tokens, a small call, a complete proposal,
real files (a PDF from pypdf, an executable header), and the outbox's events."""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any

from flask.testing import FlaskClient
from pypdf import PdfWriter
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from services.submission.models import OUTBOX, Attachment, Proposal, ProposalVersion
from shared import runtime
from shared.timezone import WIB

PASSWORD = "rahasia-demo"
OPENS = datetime(2030, 1, 1, 0, 0, 0, tzinfo=WIB)
CLOSES = datetime(2030, 6, 30, 23, 59, 59, tzinfo=WIB)
STARTED = "2027-01-15"  # more than two years before the deadline


def token(client: FlaskClient, email: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    assert reply.status_code == 200, reply.json
    return {"Authorization": f"Bearer {reply.json['access_token']}"}


def pdf_bytes(text: str = "lampiran") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def definition(**overrides: Any) -> dict[str, Any]:
    """A small call: a summary of at most 5 words, an aspect of at least 3 that needs a
    supporting file, two profile fields, a required decree, the administrative check on."""
    base: dict[str, Any] = {
        "name": "Lomba Uji",
        "year": 2030,
        "opens_at": OPENS.replace(tzinfo=None).isoformat(),  # WIB wall clock, as typed
        "closes_at": CLOSES.replace(tzinfo=None).isoformat(),
        "categories": ["Pelayanan publik"],
        "groups": [],
        "aspects": [
            {"key": "ringkasan", "title": "Ringkasan", "max_words": 5, "scored": False},
            {
                "key": "uraian",
                "title": "Uraian",
                "min_words": 3,
                "weight": 1.0,
                "supporting_files": True,
            },
        ],
        "profile": [
            {
                "key": "tahapan",
                "label": "Tahapan",
                "kind": "choice",
                "options": ["Uji coba", "Penerapan"],
            },
            {"key": "waktu_penerapan", "label": "Waktu penerapan", "kind": "date"},
        ],
        "attachments": [{"key": "sk_inovator", "label": "SK inovator"}],
        "evaluators_per_proposal": 2,
    }
    base.update(overrides)
    return base


def make_call(client: FlaskClient, admin: dict[str, str], **overrides: Any) -> int:
    reply = client.post("/api/v1/calls", json=definition(**overrides), headers=admin)
    assert reply.status_code == 201, reply.json
    return int(reply.json["id"])


def complete_body(call_id: int, title: str) -> dict[str, Any]:
    return {
        "call_id": call_id,
        "title": title,
        "category": "Pelayanan publik",
        "sections": {"ringkasan": "Layanan jemput bola.", "uraian": "Petugas datang ke rumah."},
        "profile": {"tahapan": "Penerapan", "waktu_penerapan": STARTED},
    }


def upload(
    client: FlaskClient,
    headers: dict[str, str],
    proposal_id: int,
    kind: str,
    data: bytes,
    name: str = "berkas.pdf",
) -> Any:
    # Encoded here in memory: the test client's own encoder leaves a temporary file open for
    # bodies over 500 KB.
    form = MultiDict({"kind": kind, "file": FileStorage(io.BytesIO(data), name)})
    boundary, body = encode_multipart(form)
    return client.post(
        f"/api/v1/proposals/{proposal_id}/attachments",
        data=body,
        headers=headers,
        content_type=f'multipart/form-data; boundary="{boundary}"',
    )


def complete_proposal(
    client: FlaskClient, headers: dict[str, str], call_id: int, title: str
) -> int:
    """A draft with everything the small call asks, its decree and supporting file uploaded."""
    reply = client.post("/api/v1/proposals", json=complete_body(call_id, title), headers=headers)
    assert reply.status_code == 201, reply.json
    proposal_id = int(reply.json["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        assert upload(client, headers, proposal_id, kind, pdf_bytes()).status_code == 201
    return proposal_id


def events(name: str, proposal_id: int | None = None) -> list[dict[str, Any]]:
    """Payloads of the events submission published under `name` (about `proposal_id`)."""
    with runtime.database("submission").session() as s:
        rows = s.execute(
            select(OUTBOX.events.c.envelope)
            .where(OUTBOX.events.c.name == name)
            .order_by(OUTBOX.events.c.created_at)  # in the order they were published
        ).scalars()
        payloads = [json.loads(r)["payload"] for r in rows]
    return [p for p in payloads if proposal_id is None or p.get("proposal_id") == proposal_id]


def counts() -> tuple[int, int, int, int]:
    """(proposals, versions, attachments, outbox events): what a refused request must not
    change."""
    with runtime.database("submission").session() as s:
        return tuple(  # type: ignore[return-value]
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Proposal, ProposalVersion, Attachment, OUTBOX.events)
        )
