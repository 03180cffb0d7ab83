"""The documents of a whole call: the certificates batch with its progress, merged into one PDF."""

from __future__ import annotations

from services.documents import (
    call_documents,
    letters,
)
from shared.db import Database
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    make_decision,
    make_press,
    text_of,
)


def test_certificates_batch_reports_progress_and_merges_into_one_pdf(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        for pid in range(100, 112):
            letters.issue_certificate(
                s, make_decision(proposal_id=pid, decision="finalist", title=f"Inovasi {pid}"),
                press,
            )  # fmt: skip
        seen: list[tuple[int, int]] = []
        batch = call_documents.issue_certificates(
            s, 3, ADMIN, ASSIGNED_AT, press, progress=lambda d, t: seen.append((d, t))
        )
        assert batch is not None
        assert batch.pages == 12
        again = call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        assert again is not None
        assert again.id == batch.id
    assert seen[-1] == (12, 13)
    assert len(seen) == 12
    text = text_of(press.storage.get(batch.storage_key))
    assert "Inovasi 100" in text
    assert "Inovasi 111" in text
