"""Long lists: the server's CPU time for one page of the admin's proposal list with 20,000
proposals (issue 25 goal 5: under 100 ms per page), page 1 and a deep page, as HTML and JSON,
against a bare SELECT … LIMIT 50 of the same rows measured in the same run; and of a call's
ranking with as many scored proposals (the admin's call page and the ranking API), and of the
audit log filtered by a user and by a proposal among 100,000 events.

    .venv/bin/python -m bench.lists                       # 20,000 proposals
    .venv/bin/python -m bench.lists --proposals 2000 --rounds 5 --events 10000

Everything runs in this one process: a SIPINDA environment (SQLite files, the demo seed), the
proposals bulk-inserted straight into submission's table, requests through Flask's test client
(the whole app: sign-in check, the list's two queries, the template), and CPU time from
`time.process_time()`, so the figure is the server's own work per request, no network or
client. The baseline reads the same 50 rows, in the same order, through the same engine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import delete, insert, select

from shared import runtime

PROPOSALS = 20_000
AUDIT_EVENTS = 100_000
RANKED_CALL = 990_001  # a call of its own, its proposals numbered from RANKED_FIRST
RANKED_FIRST = 1_000_001
ROUNDS = 30
PER_PAGE = 50
GOAL_MS = 100.0
ADMIN = "admin@sipinda.test"
WORDS = ("inovasi", "layanan", "publik", "digital", "warga", "kelurahan", "kesehatan", "air")
STATUSES = ("draft", "submitted", "returned", "admitted", "under_review", "scored", "decided")
START = datetime(2026, 1, 1, tzinfo=UTC)


def rows(count: int, agencies: list[str], innovator_id: int) -> Iterator[dict[str, object]]:
    """`count` proposals as submission's table holds them: a title, a summary, four aspects of
    about 100 words each, spread over the agencies, the states and a year of changes."""
    from services.submission.search import search_text

    for i in range(count):
        text = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(100))
        at = START + timedelta(minutes=i * 17 % 525_600, seconds=i % 60)
        title, summary = f"Inovasi {WORDS[i % len(WORDS)]} nomor {i}", text[:400]
        sections = {f"aspek_{k}": text for k in range(4)}
        yield {
            "title": title,
            "summary": summary,
            "opd_code": agencies[i % len(agencies)],
            "innovator_id": innovator_id,
            "status": STATUSES[i % len(STATUSES)],
            "version_no": i % 3,
            "evaluator_ids": [],
            "created_at": at,
            "updated_at": at,
            "sdgs": [i % 17 + 1],
            "sections": sections,
            # (what a save writes: a bulk insert passes by the model's hook)
            "search_text": search_text(title, summary, sections),
            "profile": {},
            "fixes": [],
        }


def load(count: int) -> None:
    """Bulk-insert `count` proposals into submission's database (batches of 2,000)."""
    from services.submission.models import DIRECTORY, Proposal
    from shared import directory

    db = runtime.database("submission")
    with db.session() as s:
        # (the seed's agencies reach submission's copy through the relay, which may not have run)
        agencies = sorted(directory.agency_names(s, DIRECTORY)) or ["dinkes", "disdukcapil"]
        innovator = s.scalar(select(Proposal.innovator_id).limit(1)) or 1
    batch: list[dict[str, object]] = []
    for row in rows(count, agencies, innovator):
        batch.append(row)
        if len(batch) == 2_000:
            with db.session() as s:
                s.execute(insert(Proposal), batch)
            batch = []
    if batch:
        with db.session() as s:
            s.execute(insert(Proposal), batch)


@dataclass(frozen=True)
class Measured:
    name: str
    cpu_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.cpu_ms)

    @property
    def worst(self) -> float:
        return max(self.cpu_ms)


def cpu_per_call(name: str, action: Callable[[], object], rounds: int) -> Measured:
    """CPU milliseconds of each of `rounds` calls of `action` (after two to warm up)."""
    for _ in range(2):
        action()
    spent = []
    for _ in range(rounds):
        start = time.process_time()
        action()
        spent.append((time.process_time() - start) * 1000)
    return Measured(name, spent)


def load_more(proposals: int, events: int) -> None:
    """A call of `proposals` scored versions with three reviews each, and `events` events in
    review's outbox (50 users, 5,000 proposals in turn)."""
    from services.review.models import OUTBOX
    from tests.support.bulk import load_outbox, load_ranked_call, outbox_events

    review = runtime.database("review")
    load_ranked_call(review, RANKED_CALL, proposals, first_id=RANKED_FIRST)
    load_outbox(review, OUTBOX, outbox_events("review", events))


def computed_again(rounds: int) -> Measured:
    """CPU of the ranking computed and stored again, as after a review arrives: once per change
    of the call's scores, not per page."""
    from services.review import standings
    from services.review.models import RankingStamp

    db = runtime.database("review")

    def again() -> None:
        with db.session() as s:
            s.execute(delete(RankingStamp).where(RankingStamp.call_id == RANKED_CALL))
            standings.refresh(s, RANKED_CALL)

    return cpu_per_call("ranking computed again (once per change, not per page)", again, rounds)


@dataclass(frozen=True)
class Result:
    proposals: int
    load_seconds: float
    baseline: list[Measured]
    pages: list[Measured]
    once: list[Measured]
    events: int = AUDIT_EVENTS

    def lines(self) -> list[str]:
        base = {m.name.split(",")[-1].strip(): m.median for m in self.baseline}
        out = [
            f"Lists: {self.proposals:,} proposals, a call ranking as many, {self.events:,} audit "
            f"events (SQLite, in process, "
            f"Flask test client; CPU ms per request, median / max of each set; loaded in "
            f"{self.load_seconds:.1f} s)",
        ]
        for m in self.baseline:
            out.append(f"  {m.name:<58} {m.median:7.2f} / {m.worst:7.2f} ms      base")
        for m in self.pages:
            ref = base.get("deep page" if "deep" in m.name else "page 1") or 0
            ratio = f"{m.median / ref:7.1f}×" if ref else "      —"
            out.append(f"  {m.name:<58} {m.median:7.2f} / {m.worst:7.2f} ms {ratio}")
        for m in self.once:
            out.append(f"  {m.name:<58} {m.median:7.2f} / {m.worst:7.2f} ms")
        worst = max(m.worst for m in self.pages)
        verdict = "met" if self.goal_met else "NOT met"
        out.append(f"  goal: every page < {GOAL_MS:.0f} ms of server CPU: {verdict} "
                   f"(slowest request {worst:.1f} ms)")  # fmt: skip
        return [*out, ""]

    @property
    def goal_met(self) -> bool:
        return all(m.median < GOAL_MS for m in self.pages)


def migrate_and_seed() -> None:
    """`sipinda migrate` and `sipinda seed --demo`, in this process."""
    from services.platform.cli import main

    main(["migrate"])
    main(["seed", "--demo"])


@contextmanager
def environment(folder: Path, prepare: Callable[[], None] = migrate_and_seed) -> Iterator[None]:
    """A SIPINDA of its own (as the test suite starts one), for this process, its databases
    migrated and seeded by `prepare` (a test may copy them from its template instead)."""
    from tests.support.environment import sipinda_environment

    saved = dict(os.environ)
    with sipinda_environment(folder) as env:
        os.environ.update(env.vars)
        runtime.reset()
        try:
            prepare()
            yield
        finally:
            runtime.reset()
            os.environ.clear()
            os.environ.update(saved)


def signed_in(client: FlaskClient) -> dict[str, str]:
    """Sign the page client in as the admin; returns the API's bearer header."""
    from tests.support.pages import PASSWORD, sign_in

    sign_in(client, ADMIN)
    reply = client.post("/api/v1/auth/token", json={"email": ADMIN, "password": PASSWORD})
    body = reply.get_json(silent=True) or {}
    if reply.status_code != 200 or "access_token" not in body:
        raise RuntimeError(f"the admin could not sign in: {reply.status_code}")
    return {"Authorization": f"Bearer {body['access_token']}"}


def measure(
    proposals: int = PROPOSALS,
    rounds: int = ROUNDS,
    events: int = AUDIT_EVENTS,
    prepare: Callable[[], None] = migrate_and_seed,
) -> Result:
    """`events` in the audit log; `prepare` migrates and seeds the databases (`environment`)."""
    with (
        tempfile.TemporaryDirectory(prefix="sipinda-bench-lists-") as folder,
        environment(Path(folder), prepare),
    ):
        started = time.perf_counter()
        load(proposals)
        load_more(proposals, events)
        loaded = time.perf_counter() - started
        baseline, pages = _requests(proposals, rounds, events)
        once = [computed_again(min(rounds, 3))]
        return Result(proposals, loaded, baseline, pages, once, events)


def _requests(proposals: int, rounds: int, events: int) -> tuple[list[Measured], list[Measured]]:
    """(the bare reads, the list's requests): page 1 and the last page but one of each."""
    from services.platform.web import create_web_app
    from services.submission.models import Proposal

    client = create_web_app("all").test_client()
    bearer = signed_in(client)
    db = runtime.database("submission")
    ordered = select(Proposal).order_by(Proposal.updated_at.desc(), Proposal.id.desc())
    deep = max(1, -(-proposals // PER_PAGE) - 1)
    skip = (deep - 1) * PER_PAGE

    def bare(offset: int) -> Callable[[], object]:
        def read() -> object:
            with db.session() as s:
                return s.scalars(ordered.offset(offset).limit(PER_PAGE)).all()

        return read

    def get(url: str, headers: dict[str, str] | None = None) -> Callable[[], object]:
        def call() -> object:
            reply = client.get(url, headers=headers)
            assert reply.status_code == 200, (url, reply.status_code)
            return reply.data

        return call

    baseline = [
        cpu_per_call("bare SELECT … LIMIT 50, page 1", bare(0), rounds),
        cpu_per_call(f"bare SELECT … OFFSET {skip} LIMIT 50, deep page", bare(skip), rounds),
    ]
    calls = {
        "GET /proposals, page 1": get("/proposals"),
        f"GET /proposals?page={deep}, deep page": get(f"/proposals?page={deep}"),
        "GET /proposals?status=submitted&q=nomor 1, page 1": get(
            "/proposals?status=submitted&q=nomor+1"
        ),
        "GET /proposals?q=<a word in no proposal>, page 1": get("/proposals?q=tidakditemukan"),
        "GET /api/v1/proposals, page 1": get("/api/v1/proposals", bearer),
        f"GET /api/v1/proposals?page={deep}, deep page": get(
            f"/api/v1/proposals?page={deep}", bearer
        ),
        **_more_calls(get, bearer, deep, events),
    }
    return baseline, [cpu_per_call(name, call, rounds) for name, call in calls.items()]


def _more_calls(
    get: Callable[..., Callable[[], object]], bearer: dict[str, str], deep: int, events: int
) -> dict[str, Callable[[], object]]:
    """The call's ranking (the admin's call page, the API) and the audit log filtered: by user
    1000 (every 50th event, tests/support/bulk.outbox_events) and by proposal 42 (every 5,000th),
    page 1 and the user's last page but one."""
    page, api = f"/review/admin/calls/{RANKED_CALL}", f"/api/v1/review/calls/{RANKED_CALL}/ranking"
    by_user, by_proposal = len(range(0, events, 50)), len(range(41, events, 5_000))
    audit_deep = max(1, -(-by_user // PER_PAGE) - 1)
    return {
        "GET call page, ranking page 1": get(page),
        f"GET call page?ranking_page={deep}, deep page": get(f"{page}?ranking_page={deep}"),
        "GET ranking API, page 1": get(api, bearer),
        f"GET ranking API?page={deep}, deep page": get(f"{api}?page={deep}", bearer),
        f"GET /admin/audit?user=1000 ({by_user:,} of {events:,}), page 1": get(
            "/admin/audit?user=1000"
        ),
        f"GET /admin/audit?user=1000&page={audit_deep}, deep page": get(
            f"/admin/audit?user=1000&page={audit_deep}"
        ),
        f"GET /admin/audit?proposal=42 ({by_proposal:,} of {events:,}), page 1": get(
            "/admin/audit?proposal=42"
        ),
        "GET /api/v1/admin/audit?user=1000, page 1": get("/api/v1/admin/audit?user=1000", bearer),
    }


def run() -> list[str]:
    return measure().lines()


def main() -> None:
    parser = argparse.ArgumentParser(description="CPU per page of the proposal list")
    parser.add_argument("--proposals", type=int, default=PROPOSALS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--events", type=int, default=AUDIT_EVENTS)
    args = parser.parse_args()
    import logging

    import structlog

    logging.disable(logging.INFO)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    print("\n".join(measure(args.proposals, args.rounds, args.events).lines()))


if __name__ == "__main__":
    main()
