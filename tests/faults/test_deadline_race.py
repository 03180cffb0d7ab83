"""The closing second: submissions racing the deadline, in parallel against the real web
server, are each either accepted whole (submitted, one version, one event, the whole pipeline
once) or refused whole (409 deadline_passed, still a draft, no version, no event, nothing
downstream). The deadline's own second, hh:mm:ss.999 included, is still in time."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.faults.harness import (
    INNOVATORS,
    Proposal,
    Rig,
    assert_each_done_once,
    scalar,
    scalar_text,
    sipinda,
)
from tests.support.http import Api, Reply

pytestmark = pytest.mark.fault

RACERS = 12
LEAD = 4.0  # seconds from setting the deadline to the closing second
SPREAD = (-0.9, 1.9)  # submits fired from just before the closing second to just after it
# A call with one short aspect and no administrative check (a submit is admitted at once),
# open now; the race moves its deadline to a few seconds ahead.
CALL = {
    "name": "Lomba Detik Terakhir",
    "year": 2026,
    "opens_at": "2026-01-01T00:00:00+07:00",
    "closes_at": "2099-12-31T23:59:59+07:00",
    "aspects": [{"key": "ringkasan", "title": "Ringkasan", "max_words": 20, "weight": 1.0}],
    "check": {"enabled": False},
}


def test_submissions_racing_the_closing_second_are_accepted_or_refused_whole(
    tmp_path: Path,
) -> None:
    with sipinda(tmp_path) as rig:
        d = rig.deployment
        apis = {email: d.login(email) for email in INNOVATORS}
        admin = d.login("admin@sipinda.test")
        created = admin.post("/api/v1/calls", CALL)
        assert created.status == 201, created.body
        call_id = created.json()["id"]
        drafts = []
        for i in range(RACERS):
            email = INNOVATORS[i % len(INNOVATORS)]
            title = f"Detik terakhir {i}"
            body = {"call_id": call_id, "title": title, "sections": {"ringkasan": "Siap."}}
            draft = apis[email].post("/api/v1/proposals", body)
            assert draft.status == 201, draft.body
            drafts.append(Proposal(draft.json()["id"], title, email))

        closing = (datetime.now(UTC) + timedelta(seconds=LEAD)).replace(microsecond=0)
        moved = admin.post(
            f"/api/v1/calls/{call_id}/extend",
            {"closes_at": closing.isoformat(), "reason": "Uji detik penutupan"},
        )
        assert moved.status == 200, moved.body
        replies = race(apis, drafts, closing)

        accepted = [p for p in drafts if replies[p.id].status == 202]
        refused = [p for p in drafts if replies[p.id].status != 202]
        assert accepted, "the race did not straddle the deadline"
        assert refused, "the race did not straddle the deadline"
        for p in refused:
            assert replies[p.id].status == 409, replies[p.id].body
            assert replies[p.id].json()["error"]["code"] == "deadline_passed"
            assert scalar_text(d, "submission", "SELECT status FROM proposals WHERE id = :p",
                               p=p.id) == "draft"  # fmt: skip
            assert versions(rig, p) == 0
        for p in accepted:
            assert versions(rig, p) == 1
            stamp = scalar_text(d, "submission",
                                "SELECT submitted_at FROM proposal_versions WHERE proposal_id = :p",
                                p=p.id)  # fmt: skip
            assert stamp is not None
            submitted = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
            assert submitted.replace(microsecond=0) <= closing, (p, submitted, closing)
        events = "SELECT count(*) FROM submission_outbox WHERE name = 'proposal.submitted'"
        assert scalar(d, "submission", events) == len(accepted)

        assert_each_done_once(rig, accepted)
        for p in refused:  # nothing downstream heard of a refused one
            assert d.rows_about(p.id) == {"review": 0, "documents": 0, "notifications": 0,
                                          "submission": 0}  # fmt: skip


def race(apis: dict[str, Api], drafts: list[Proposal], closing: datetime) -> dict[int, Reply]:
    """Fire each draft's submit at its own moment around the closing second, in parallel."""
    replies: dict[int, Reply] = {}
    start, end = SPREAD
    step = (end - start) / (len(drafts) - 1)
    closing_at = time.time() + (closing - datetime.now(UTC)).total_seconds()

    def fire(p: Proposal, offset: float) -> None:
        time.sleep(max(0.0, closing_at + offset - time.time()))
        replies[p.id] = apis[p.innovator].post(f"/api/v1/proposals/{p.id}/submit")

    threads = [
        threading.Thread(target=fire, args=(p, start + i * step)) for i, p in enumerate(drafts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def versions(rig: Rig, p: Proposal) -> int:
    sql = "SELECT count(*) FROM proposal_versions WHERE proposal_id = :p"
    return scalar(rig.deployment, "submission", sql, p=p.id)
