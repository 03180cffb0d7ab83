"""Many rows at once, straight into a service's tables, for the tests and benches of long lists:
a call of review with thousands of scored proposal versions and their submitted reviews, and
outbox events (each with the user who made it and the proposal it is about)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select

from shared.db import Database
from shared.outbox import OutboxTables, audit_keys

START = datetime(2026, 1, 1, tzinfo=UTC)
CATEGORIES = ("Tata kelola", "Pelayanan publik", "Daya saing daerah", "")
GROUPS = ("OPD", "Masyarakat")
BATCH = 2_000
FIRST_EVALUATOR = 900_001


def _batched(db: Database, table: Any, rows: Iterable[dict[str, object]]) -> None:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            with db.session() as s:
                s.execute(insert(table), batch)
            batch = []
    if batch:
        with db.session() as s:
            s.execute(insert(table), batch)


def review_total(proposal_id: int, j: int) -> float:
    """The `j`th review's total of a proposal: half points from 1 to 10, so many proposals share
    a mean and their calibrated scores decide."""
    return 1.0 + ((proposal_id * 31 + j * 17) % 19) / 2


def load_ranked_call(
    db: Database, call_id: int, proposals: int, *, first_id: int = 1, evaluators: int = 300,
    k: int = 3,
) -> list[int]:  # fmt: skip
    """`proposals` scored versions (v1) of `call_id`, ids from `first_id`, each with `k`
    submitted reviews by a pool of `evaluators` inactive evaluators (ids from 900,001, never
    chosen for another call's assignments), spread over the categories and groups. Returns
    the proposal ids."""
    from services.review.models import Assignment, Evaluator, ReviewProposal

    pool = list(range(FIRST_EVALUATOR, FIRST_EVALUATOR + evaluators))
    with db.session() as s:
        known = set(s.scalars(select(Evaluator.id).where(Evaluator.id.in_(pool))))
    _batched(db, Evaluator, (
        {"id": e, "name": f"Evaluator {e}", "email": f"e{e}@bulk.test", "kind": "academic",
         "language": "id", "max_load": 0, "active": False, "min_load": 0, "topics": [],
         "expertise": ""}
        for e in pool if e not in known
    ))  # fmt: skip
    ids = list(range(first_id, first_id + proposals))

    def versions() -> Iterator[dict[str, object]]:
        for pid in ids:
            totals = sorted(review_total(pid, j) for j in range(k))
            yield {
                "proposal_id": pid, "version_no": 1, "title": f"Inovasi peringkat {pid}",
                "summary": "", "opd_code": "dinkes", "opd_name": "Dinas Kesehatan",
                "innovator_id": 1, "innovator_name": "Inovator", "innovator_email": "i@bulk.test",
                "innovator_language": "id", "call_id": call_id, "call_version": 1,
                "submitted_at": START, "received_at": START, "status": "scored",
                "category": CATEGORIES[pid % len(CATEGORIES)], "group_name": GROUPS[pid % 2],
                "topics": [], "text": "", "team_ids": [], "team_names": [], "blind": False,
                "mean": round(sum(totals) / k, 4), "median": totals[k // 2],
                "calibrated": 0.0, "disagreement": totals[-1] - totals[0] > 2.7,
                "extra_evaluators": 0,
            }  # fmt: skip

    def reviews() -> Iterator[dict[str, object]]:
        for pid in ids:
            for j in range(k):
                yield {
                    "proposal_id": pid, "version_no": 1,
                    "evaluator_id": pool[(pid * 7 + j * 101) % len(pool)],
                    "status": "submitted", "assigned_at": START, "load_at_assignment": 0,
                    "reason": "", "call_id": call_id, "replacement": False, "scores": {},
                    "total": review_total(pid, j), "submitted_at": START,
                }  # fmt: skip

    _batched(db, ReviewProposal, versions())
    _batched(db, Assignment, reviews())
    return ids


def outbox_event(
    service: str, at: datetime, user_id: int | None, proposal_id: int | None,
    name: str = "proposal.changed",
) -> dict[str, object]:  # fmt: skip
    """One outbox row as `shared.outbox.publish` writes it, made at `at`."""
    event_id = str(uuid.uuid4())
    wire = {
        "event_id": event_id, "name": name, "version": 1, "producer": service,
        "occurred_at": at.isoformat(), "correlation_id": f"bulk-{event_id[:8]}",
        "origin": {"user_id": user_id, "role": "innovator", "ip": "10.0.0.1"},
        "payload": {"proposal_id": proposal_id, "note": "x" * 200},
    }  # fmt: skip
    return {"event_id": event_id, "name": name, "envelope": json.dumps(wire), "created_at": at,
            **audit_keys(wire)}  # fmt: skip


def outbox_events(
    service: str, count: int, start: datetime = START, users: int = 50, proposals: int = 5_000
) -> Iterator[dict[str, object]]:
    """`count` events from `start` on, a minute apart, made by `users` people (ids from 1,000)
    about `proposals` proposals in turn."""
    for i in range(count):
        yield outbox_event(service, start + timedelta(minutes=i), 1_000 + i % users,
                           1 + i % proposals)  # fmt: skip


def load_outbox(db: Database, tables: OutboxTables, rows: Iterable[dict[str, object]]) -> list[str]:
    """The rows straight into the outbox (no deliveries: the relay never sends them); returns
    their event ids."""
    kept = list(rows)  # an outbox without its audit columns keeps the envelope only
    _batched(
        db, tables.events, ({k: v for k, v in r.items() if k in tables.events.c} for r in kept)
    )
    return [str(r["event_id"]) for r in kept]


def remove_outbox(db: Database, tables: OutboxTables, event_ids: list[str]) -> None:
    with db.session() as s:
        for n in range(0, len(event_ids), 500):
            s.execute(
                delete(tables.events).where(tables.events.c.event_id.in_(event_ids[n : n + 500]))
            )


def remove_ranked_call(db: Database, call_id: int) -> None:
    """Everything `load_ranked_call` put in `call_id`, and what review kept of its ranking."""
    from services.review.models import (
        Assignment,
        Evaluator,
        RankingPlace,
        RankingStamp,
        ReviewProposal,
    )

    with db.session() as s:
        s.execute(delete(Assignment).where(Assignment.call_id == call_id))
        s.execute(delete(RankingPlace).where(RankingPlace.call_id == call_id))
        s.execute(delete(RankingStamp).where(RankingStamp.call_id == call_id))
        s.execute(delete(ReviewProposal).where(ReviewProposal.call_id == call_id))
        still = select(Assignment.evaluator_id).where(Assignment.evaluator_id >= FIRST_EVALUATOR)
        s.execute(delete(Evaluator).where(Evaluator.id >= FIRST_EVALUATOR,
                                          Evaluator.id.not_in(still)))  # fmt: skip
