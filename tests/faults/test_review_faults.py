"""The review worker SIGKILLed in the middle of its heaviest task, a batch run planning the
assignment of a whole call: once a review worker starts again the run is planned to the end,
every proposal in the plan once with its k evaluators, no evaluator over their limit."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from services.review.models import Evaluator, ReviewProposal
from shared.db import Database
from tests.faults.harness import restart, scalar, scalar_text, sipinda

pytestmark = pytest.mark.fault

CALL = 9001  # a call of the review database only: nothing downstream is told of a plan
PROPOSALS, EVALUATORS, MAX_LOAD, K = 3000, 400, 30, 3
# The review worker alone on its queue, so killing it stops nothing else.
WORKERS = {
    "review": "review",
    "rest": "submission,documents,notifications,innovations,confirmations",
}
STATUS = "SELECT status FROM review_batch_runs WHERE id = :r"


def test_review_worker_killed_mid_batch_plan_the_plan_completes_after_restart(
    tmp_path: Path,
) -> None:
    with sipinda(tmp_path, workers=WORKERS, settings={"EVALUATORS_PER_PROPOSAL": str(K)}) as rig:
        d = rig.deployment
        big_call(d.db("review"))
        admin = d.login("admin@sipinda.test")
        reviewer = d.workers[0]

        started = admin.post(f"/api/v1/review/calls/{CALL}/batches")
        assert started.status == 202, started.body
        run_id = started.json()["id"]
        rig.wait(lambda: scalar_text(d, "review", STATUS, r=run_id) == "running", 60,
                 "the plan to start")  # fmt: skip
        reviewer.kill()  # mid-plan: loading the call or solving it
        assert reviewer.popen is not None
        reviewer.popen.wait()
        assert scalar_text(d, "review", STATUS, r=run_id) == "running"  # cut short

        restart(reviewer)

        rig.wait(lambda: scalar_text(d, "review", STATUS, r=run_id) == "ready", 180,
                 "the resumed plan")  # fmt: skip
        assert scalar(d, "review", "SELECT count(*) FROM review_batch_runs") == 1
        preview = admin.get(f"/api/v1/review/batches/{run_id}").json()
        assert preview["progress"] == 100
        planned = {(p["proposal_id"], p["version_no"]): p["planned"] for p in preview["proposals"]}
        assert len(planned) == len(preview["proposals"]) == PROPOSALS  # each once
        loads: Counter[int] = Counter()
        for picks in planned.values():
            chosen = [pick["evaluator_id"] for pick in picks]
            assert len(chosen) == len(set(chosen)) == K
            loads.update(chosen)
        assert max(loads.values()) <= MAX_LOAD


def big_call(db: Database) -> None:
    """A call with PROPOSALS proposals admitted and EVALUATORS evaluators free to review them."""
    now = datetime.now(UTC)
    topics = ("kesehatan", "pendidikan", "kependudukan", "perizinan", "lingkungan", "pajak")
    evaluators = [
        {"id": 100_000 + i, "name": f"Evaluator {i}", "email": f"ev{i}@sipinda.test",
         "opd_code": None, "kind": "academic", "language": "id", "max_load": MAX_LOAD,
         "active": True, "min_load": 0, "topics": [topics[i % 6]],
         "expertise": f"{topics[i % 6]} layanan publik {i % 17}"}
        for i in range(EVALUATORS)
    ]  # fmt: skip
    proposals = [
        {"proposal_id": 500_000 + i, "version_no": 1, "title": f"Inovasi {i}",
         "summary": "Ringkasan.", "opd_code": f"OPD{i % 40}", "opd_name": f"Dinas {i % 40}",
         "innovator_id": 900_000 + i, "innovator_name": f"Inovator {i}",
         "innovator_email": f"in{i}@sipinda.test", "innovator_language": "id", "call_id": CALL,
         "submitted_at": now, "received_at": now, "status": "assigned",
         "topics": [topics[i % 6]], "text": f"{topics[i % 6]} layanan warga {i % 23}",
         "team_ids": [], "blind": False, "extra_evaluators": 0}
        for i in range(PROPOSALS)
    ]  # fmt: skip
    with db.session() as session:
        session.execute(insert(Evaluator), evaluators)
        session.execute(insert(ReviewProposal), proposals)
