"""A document that cannot be rendered within its budget fails as itself (issue 23 item 5): it
is recorded as failed with its reason, announced as `document.failed` (the innovator's timeline
says so), its event handled once and never retried, and nothing is lost or doubled on the way.

The budget is made impossible to meet (`DOCUMENT_RENDER_SECONDS` of a millisecond), so every
render on this rig runs past it, on the real worker, through the real render child."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.harness import scalar, scalar_text, sipinda, submit, timeline

pytestmark = pytest.mark.fault

FAILED = "SELECT count(*) FROM document_render_failures WHERE kind = 'proposal_dossier'"
DOSSIERS = "SELECT count(*) FROM documents WHERE kind = 'proposal_dossier'"
HANDLED = "SELECT count(*) FROM documents_inbox WHERE name = 'proposal.submitted'"
UNCONFIRMED = "SELECT count(*) FROM documents_outbox_deliveries WHERE confirmed_at IS NULL"


def test_a_dossier_past_its_render_budget_is_failed_with_its_reason_once(tmp_path: Path) -> None:
    with sipinda(tmp_path, settings={"DOCUMENT_RENDER_SECONDS": "0.001"}) as rig:
        d = rig.deployment
        proposals = submit(d, 2, "Terlalu berat")
        api = {p.innovator: d.login(p.innovator) for p in proposals}

        def settled() -> bool:
            told = all(timeline(api[p.innovator], p)["document.failed"] >= 1 for p in proposals)
            return told and scalar(d, "documents", UNCONFIRMED) == 0

        rig.wait(settled, 180, "each dossier failed and its failure on the timeline")
        assert scalar(d, "documents", DOSSIERS) == 0
        assert scalar(d, "documents", FAILED) == len(proposals)  # once each, not per retry
        assert scalar(d, "documents", HANDLED) == len(proposals)  # handled: never retried
        reason = scalar_text(d, "documents", "SELECT min(reason) FROM document_render_failures")
        assert "0.001 s" in str(reason)
        for p in proposals:
            assert timeline(api[p.innovator], p)["document.failed"] == 1
