"""Documents in real worker processes: the surat tugas of each assigned evaluator, and the
admin's recap as a background job whose progress is read over HTTP, downloaded and verified."""

from __future__ import annotations

import hashlib
import io
import uuid
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.integration
K = 3


def test_assigned_evaluators_get_a_surat_tugas(deployment: Deployment) -> None:
    innovator = deployment.login("inovator.kelcibeber@sipinda.test")
    title = f"Kelurahan Cerdas {uuid.uuid4().hex[:6]}"
    proposal_id = innovator.submit_new_proposal(title)
    with deployment.db("review").session() as s:
        evaluators = wait_until(
            lambda: s.execute(
                text("SELECT evaluator_id FROM assignments WHERE proposal_id = :p"),
                {"p": proposal_id},
            ).scalars().all() or None,
            timeout=90, what="the assignment",
        )  # fmt: skip

    def mentioned() -> list[Any] | None:
        found = []
        with deployment.db("documents").session() as s:
            for evaluator in evaluators:
                row = s.execute(
                    text(
                        "SELECT storage_key FROM documents WHERE kind = 'surat_tugas' "
                        "AND status = 'valid' AND subject LIKE :subject"
                    ),
                    {"subject": f"%:evaluator:{evaluator}"},
                ).first()
                if row is None:
                    return None
                found.append(row)
        return found

    rows = wait_until(mentioned, timeout=90, what="the letters of assignment")
    assert len(rows) == len(evaluators) == K


def test_admin_recap_runs_in_the_worker_and_verifies(deployment: Deployment) -> None:
    admin = deployment.login("admin@sipinda.test")
    queued = admin.post("/api/v1/calls/0/documents/recap")
    assert queued.status == 202, queued.body
    job_id = queued.json()["id"]

    def done() -> dict[str, Any] | None:
        state: dict[str, Any] = admin.get(f"/api/v1/document-jobs/{job_id}").json()
        assert state["status"] != "failed", state
        return state if state["status"] == "done" else None

    state = wait_until(done, timeout=90, what="the recap job")
    download = admin.get(f"/documents/{state['document_id']}/download")
    assert download.status == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    pdf = download.body
    assert "REKAPITULASI NILAI" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    with deployment.db("documents").session() as s:
        code = s.execute(
            text("SELECT verification_code FROM documents WHERE id = :i"),
            {"i": state["document_id"]},
        ).scalar_one()
    facts = deployment.api().get(f"/api/v1/verify/{code}").json()
    assert facts["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert facts["status"] == "valid"
    assert deployment.api().get(f"/verify/{code}").status == 200
