"""One proposal taken through a whole call on a running SIPINDA, as its people would through the
API: the innovator submits, review assigns its evaluators, each scores every aspect and submits,
and the admin decides. For tests that need pages in every state (the labels crawl)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text

from shared.timezone import WIB
from tests.support.deployment import Deployment
from tests.support.http import Api
from tests.support.servers import wait_until
from tests.support.submission import complete_body, definition, pdf_bytes

ADMIN = "admin@sipinda.test"
VERIFIER = "verifikator@sipinda.test"
CHECKED = {"complete": True, "eligible_age": True, "decree_attached": True,
           "no_duplicate_title": True}  # fmt: skip


@dataclass(frozen=True)
class Decided:
    proposal_id: int
    call_id: int
    assignments: dict[str, int]  # each evaluator's e-mail → their assignment's id


def status_of(d: Deployment, innovator: str, proposal_id: int) -> str:
    return str(d.login(innovator).get(f"/api/v1/proposals/{proposal_id}").json()["status"])


def wait_for_status(d: Deployment, innovator: str, proposal_id: int, status: str) -> None:
    api = d.login(innovator)
    wait_until(
        lambda: api.get(f"/api/v1/proposals/{proposal_id}").json()["status"] == status,
        timeout=120, what=f"proposal {proposal_id} to be {status}",
    )  # fmt: skip


def assignments_of(d: Deployment, proposal_id: int) -> dict[str, int]:
    with d.db("review").session() as s:
        rows = s.execute(
            text(
                "SELECT e.email, a.id FROM assignments a JOIN evaluators e "
                "ON e.id = a.evaluator_id WHERE a.proposal_id = :p"
            ),
            {"p": proposal_id},
        ).all()
    return {str(email): int(assignment) for email, assignment in rows}


def score_all(d: Deployment, assignments: dict[str, int], score: int = 7) -> None:
    """Every evaluator scores every aspect of the rubric and submits."""
    for email, assignment in assignments.items():
        evaluator = d.login(email)
        view = evaluator.get(f"/api/v1/review/assignments/{assignment}").json()
        scores = {a["key"]: {"score": score, "comment": "Baik dan terukur."}
                  for a in view["aspects"]}  # fmt: skip
        done = evaluator.put(
            f"/api/v1/review/assignments/{assignment}/review", {"scores": scores, "submit": True}
        )
        assert done.status == 200, done.body


def open_call(d: Deployment, name: str, **overrides: Any) -> int:
    """A small call open now (the tests' definition: a decree, a supporting file, the check on;
    `overrides` change any of its settings)."""
    now = datetime.now(WIB).replace(tzinfo=None, microsecond=0)
    body = definition(name=name, year=now.year, opens_at=(now - timedelta(days=1)).isoformat(),
                      closes_at=(now + timedelta(days=30)).isoformat(), **overrides)  # fmt: skip
    made = d.login(ADMIN).post("/api/v1/calls", body)
    assert made.status == 201, made.body
    return int(made.json()["id"])


def upload(
    api: Api, proposal_id: int, kind: str, name: str = "berkas.pdf", data: bytes | None = None
) -> None:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n{kind}\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + (data if data is not None else pdf_bytes())
        + f"\r\n--{boundary}--\r\n".encode()
    )
    api.headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    try:
        sent = api.request("POST", f"/api/v1/proposals/{proposal_id}/attachments", raw=body)
    finally:
        del api.headers["Content-Type"]
    assert sent.status == 201, sent.body


def checked(
    d: Deployment,
    innovator: str,
    call_id: int,
    title: str,
    file_name: str = "berkas.pdf",
    file_data: bytes | None = None,
) -> int:
    """A complete proposal of `call_id` (its files under this name, with these bytes),
    submitted, and passed by the verifier's check."""
    api = d.login(innovator)
    made = api.post("/api/v1/proposals", complete_body(call_id, title))
    assert made.status == 201, made.body
    proposal_id = int(made.json()["id"])
    for kind in ("sk_inovator", "aspect:uraian"):
        upload(api, proposal_id, kind, file_name, file_data)
    sent = api.post(f"/api/v1/proposals/{proposal_id}/submit")
    assert sent.status == 202, sent.body
    passed = d.login(VERIFIER).post(f"/api/v1/proposals/{proposal_id}/check",
                                    {"decision": "pass", "items": CHECKED})  # fmt: skip
    assert passed.status == 200, passed.body
    return proposal_id


def decided(
    d: Deployment, innovator: str, call_id: int, title: str, decision: str = "winner"
) -> Decided:
    """A proposal of `call_id` submitted, checked, assigned, scored by all its evaluators and
    decided."""
    proposal_id = checked(d, innovator, call_id, title)
    wait_for_status(d, innovator, proposal_id, "under_review")
    assignments = wait_until(lambda: assignments_of(d, proposal_id) or None, timeout=60,
                             what="the assignments")  # fmt: skip
    score_all(d, assignments)
    wait_for_status(d, innovator, proposal_id, "scored")
    proposal = d.login(innovator).get(f"/api/v1/proposals/{proposal_id}").json()
    admin = d.login(ADMIN)
    made = admin.post(
        f"/api/v1/review/calls/{call_id}/decisions",
        {"decisions": [{"proposal_id": proposal_id, "version_no": proposal["version_no"],
                        "decision": decision}]},
    )  # fmt: skip
    assert made.status == 200, made.body
    wait_for_status(d, innovator, proposal_id, "decided")
    return Decided(proposal_id, call_id, assignments)
