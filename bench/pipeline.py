"""Pipeline: proposals through the whole system — submit → relay → review assigns K=3 evaluators
→ documents renders the dossier and the letters → notifications mails the evaluators and the
innovator (6 mails) — on a production-like deployment (bench/rig.py) of real processes.

A steady stream (600 proposals at 1 per second), drained, then a burst (1,000 submitted at once
by 32 client threads). Per proposal, the time from its submit (`proposals.submitted_at`, written
by the submit transaction) to its last notification sent (`notifications.sent_at`): p50, p95 and
max per phase; throughput; and counts showing nothing was lost or duplicated: per proposal K
assignments, one dossier, 6 notifications sent, 10 timeline entries, and 6 mails received by the
right people, once each. Peak resident memory of each process kind, sampled every 0.5 s, and
the peak length of each Celery queue.

    .venv/bin/python -m bench.pipeline [--steady 600] [--burst 1000] [--rate 1.0]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.pipeline_counts import (
    MAILS,
    POLL,
    Submitted,
    by_kind,
    sent_counts,
    verify,
    wait_done,
    wait_letters,
)
from bench.rig import (
    INNOVATORS,
    PRODUCTION_ENV,
    ProcessSampler,
    QueueWatch,
    configuration,
    deployment,
    evaluators_needed,
    load_average,
    process_groups,
    tokens,
)
from services.documents.weasy import font_subsetting
from services.submission.models import Proposal as ProposalRow
from tests.support.deployment import Deployment
from tests.support.http import Api
from tests.support.servers import Process

STEADY = 600
BURST = 1000
RATE = 1.0  # proposals per second in the steady stream
CLIENTS = 32  # threads submitting the burst
GOAL_STEADY_P95 = 5.0  # seconds
GOAL_BURST_SECONDS = 300.0  # issue 25: a burst of 1,000 fully processed in 5 minutes
LETTER_DELAY = float(PRODUCTION_ENV["DOCUMENT_LETTER_DELAY_SECONDS"])
BURST_TIMEOUT = 1200.0  # seconds after the burst's last submit; then it reports what finished


@dataclass
class Phase:
    name: str
    count: int
    started: datetime  # wall clock when the first submit request left
    latencies: list[float]  # seconds, submit → last mail sent, of the finished proposals
    finished: int
    last_sent: datetime | None
    submit_seconds: float  # until every submit request of the phase was answered
    request_p99_ms: float

    def percentile(self, p: int) -> float:
        if not self.latencies:
            return float("nan")
        if len(self.latencies) < 2:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]

    @property
    def elapsed(self) -> float:
        """First submit request to the last mail sent."""
        return (self.last_sent - self.started).total_seconds() if self.last_sent else float("nan")

    @property
    def throughput(self) -> float:
        return self.finished / self.elapsed if self.last_sent else float("nan")


@dataclass
class Result:
    steady: Phase
    burst: Phase
    rate: float
    evaluators: int
    problems: list[str]  # per proposal: what was lost or duplicated
    totals: dict[str, int]
    memory: dict[str, tuple[int, int, int]]  # kind → (peak total MB, peak process MB, processes)
    cpu: dict[str, float]  # kind → CPU seconds used over the whole run
    queue_peaks: dict[str, int]
    load_before: str
    load_after: str
    unconfirmed: int
    log_errors: int = 0
    concurrency: dict[str, int] = field(default_factory=dict)  # overrides of the compose file
    smtp_rate: float | None = None  # instead of the compose file's SMTP_RATE
    notes: list[str] = field(default_factory=list)

    @property
    def steady_goal_met(self) -> bool:
        return self.steady.percentile(95) <= GOAL_STEADY_P95

    @property
    def burst_goal_met(self) -> bool:
        return self.burst.finished == self.burst.count and self.burst.elapsed <= GOAL_BURST_SECONDS

    def summary(self) -> dict[str, Any]:
        """The printed lines and the figures of the summary table, as JSON can hold them."""
        figures: dict[str, object] = {}
        for phase in (self.steady, self.burst):
            figures[phase.name] = {
                "count": phase.count, "finished": phase.finished,
                "p50": phase.percentile(50), "p95": phase.percentile(95),
                "max": max(phase.latencies, default=float("nan")),
                "throughput": phase.throughput, "elapsed": phase.elapsed,
            }  # fmt: skip
        figures["problems"] = len(self.problems)
        figures["totals"] = self.totals
        figures["memory"] = self.memory
        figures["cpu"] = self.cpu
        figures["smtp_rate"] = self.smtp_rate
        figures["steady_goal_met"] = self.steady_goal_met
        figures["burst_goal_met"] = self.burst_goal_met
        return {"lines": self.lines(), "figures": figures}

    def lines(self) -> list[str]:
        lines = [
            f"Pipeline: {self.steady.count} proposals at {self.rate:g}/s, then a burst of "
            f"{self.burst.count} ({CLIENTS} client threads); submit → all {MAILS} mails sent",
            f"  {configuration(self.concurrency, self.smtp_rate)}; "
            f"{self.evaluators} extra evaluators (max load 10)",
        ]
        for phase in (self.steady, self.burst):
            lines.append(
                f"  {phase.name:<7} {phase.finished:>5}/{phase.count:<5} done   "
                f"p50 {phase.percentile(50):7.2f} s  p95 {phase.percentile(95):7.2f} s  "
                f"max {max(phase.latencies, default=float('nan')):7.2f} s   "
                f"{phase.throughput:6.2f} proposals/s ({phase.throughput * MAILS:6.1f} mails/s)  "
                f"first submit → last mail {phase.elapsed:7.1f} s  (submits answered in "
                f"{phase.submit_seconds:6.1f} s, request p99 {phase.request_p99_ms:6.0f} ms)"
            )
        lines.append(
            "  counts: "
            + ", ".join(f"{name} {n}" for name, n in self.totals.items())
            + f"; undelivered outbox events {self.unconfirmed}; proposals with a wrong count "
            f"{len(self.problems)} (lost or duplicated)"
        )
        lines.extend(f"    {problem}" for problem in self.problems[:10])
        lines.append(
            "  peak RSS (all processes of a kind, largest single process): "
            + "; ".join(
                f"{kind} {total} MB/{single} MB ×{n}"
                for kind, (total, single, n) in self.memory.items()
            )
        )
        lines.append(f"  PDF font subsetting: {font_subsetting()}")
        lines.append(
            "  CPU time over the run: "
            + ", ".join(f"{kind} {seconds:.0f} s" for kind, seconds in self.cpu.items())
        )
        lines.append(
            "  peak queue length: " + ", ".join(f"{q} {n}" for q, n in self.queue_peaks.items())
        )
        lines.append(
            f"  goals: steady p95 ≤ {GOAL_STEADY_P95:g} s: "
            f"{'met' if self.steady_goal_met else 'NOT met'}; burst fully processed within "
            f"{GOAL_BURST_SECONDS / 60:g} min: {'met' if self.burst_goal_met else 'NOT met'}   "
            f"(load average {self.load_before} → {self.load_after})"
        )
        lines.extend(f"  {note}" for note in self.notes)
        lines.append("")
        return lines


def submit_one(d: Deployment, keys: dict[str, str], phase: str, i: int) -> Submitted:
    innovator = INNOVATORS[i % len(INNOVATORS)]
    title = f"Bench {phase[0].upper()}{i:06d} {uuid.uuid4().hex[:8]}"
    api = Api(d.url, keys[innovator])
    start = time.perf_counter()
    proposal_id = api.submit_new_proposal(title)
    return Submitted(proposal_id, title, innovator, phase, time.perf_counter() - start)


def phase_of(
    d: Deployment, name: str, proposals: Sequence[Submitted], started: datetime, seconds: float
) -> Phase:
    ids = [p.id for p in proposals]
    with d.db("submission").session() as s:
        submitted = dict(
            s.execute(
                select(ProposalRow.id, ProposalRow.submitted_at).where(ProposalRow.id.in_(ids))
            ).all()
        )
    counts = sent_counts(d)
    latencies, last = [], None
    for pid in ids:
        n, sent = counts.get(pid, (0, None))
        at = submitted.get(pid)
        if n >= MAILS and sent is not None and at is not None:
            latencies.append((sent - at).total_seconds())
            last = sent if last is None or sent > last else last
    requests = sorted(p.request_seconds for p in proposals)
    p99 = requests[min(len(requests) - 1, int(len(requests) * 0.99))] * 1000 if requests else 0
    return Phase(name, len(ids), started, latencies, len(latencies), last, seconds, p99)


def measure(
    steady: int = STEADY,
    burst: int = BURST,
    rate: float = RATE,
    steady_timeout: float = 600.0,
    burst_timeout: float = BURST_TIMEOUT,
    concurrency: Mapping[str, int] | None = None,
    letter_delay: float = LETTER_DELAY,
    smtp_rate: float | None = None,
    poll: float = POLL,
    rig: tuple[Deployment, Process | None] | None = None,
) -> Result:
    """`poll`: seconds between looks at the databases while waiting for the work to be done.
    `rig`: a deployment started by the caller (with its evaluators, letter delay and rates),
    else the run starts its own."""
    before = load_average()
    evaluators = evaluators_needed(steady + burst)
    with ExitStack() as owned:
        if rig is None:
            folder = owned.enter_context(
                tempfile.TemporaryDirectory(prefix="sipinda-bench-pipeline-")
            )
            settings = {
                "DOCUMENT_LETTER_DELAY_SECONDS": str(letter_delay),
                **({"SMTP_RATE": str(smtp_rate)} if smtp_rate else {}),
            }
            rig = owned.enter_context(
                deployment(
                    Path(folder),
                    evaluators_for=steady + burst,
                    concurrency=concurrency,
                    settings=settings,
                )
            )
        d, redis_process = rig
        keys = tokens(d)
        groups = process_groups(d, redis_process)
        prefix = d.env["SIPINDA_REDIS_PREFIX"]
        with (
            ProcessSampler(groups) as sampled,
            QueueWatch(d.env["REDIS_URL"], prefix) as queues,
            ThreadPoolExecutor(CLIENTS) as pool,
        ):
            # the steady stream: one submit every 1/rate seconds, each in its own thread
            started = datetime.now(UTC)
            t0 = time.monotonic()
            futures = []
            for i in range(steady):
                time.sleep(max(0.0, t0 + i / rate - time.monotonic()))
                futures.append(pool.submit(submit_one, d, keys, "steady", i))
            stream = [f.result() for f in futures]
            stream_seconds = time.monotonic() - t0
            steady_done = wait_done(d, stream, steady_timeout, poll)
            # the burst: everything at once
            burst_started = datetime.now(UTC)
            t1 = time.monotonic()
            futures = [pool.submit(submit_one, d, keys, "burst", i) for i in range(burst)]
            wave = [f.result() for f in futures]
            wave_seconds = time.monotonic() - t1
            burst_done = wait_done(d, wave, burst_timeout, poll)
            # the letters of assignment wait for the end of a burst: their renders and mails
            # are the run's work too, so the CPU and the counts include them
            letters_wait = wait_letters(d, letter_delay + burst_timeout / 4, poll)
        # nothing left to happen: every outbox delivery confirmed (or give up after 2 min)
        deadline = time.monotonic() + (120 if steady_done and burst_done else 0)
        while d.unconfirmed() and time.monotonic() < deadline:
            time.sleep(poll)
        timed_out = not (steady_done and burst_done)
        problems, totals = verify(d, [*stream, *wave], timed_out)
        errors = [line for line in d.log_lines() if line.get("level") in {"error", "ERROR"}]
        return Result(
            steady=phase_of(d, "steady", stream, started, stream_seconds),
            burst=phase_of(d, "burst", wave, burst_started, wave_seconds),
            rate=rate,
            evaluators=evaluators,
            problems=problems,
            totals=totals,
            memory={
                kind: (
                    sampled.peak_total[kind] // 2**20,
                    sampled.peak_process[kind] // 2**20,
                    sampled.processes[kind],
                )
                for kind in groups
            },
            cpu={kind: sampled.cpu_seconds(kind) for kind in groups},
            queue_peaks=queues.peaks,
            load_before=before,
            load_after=load_average(),
            unconfirmed=d.unconfirmed(),
            log_errors=len(errors),
            concurrency=dict(concurrency or {}),
            smtp_rate=smtp_rate,
            notes=[
                by_kind(d),
                f"the letters of assignment were all issued and mailed {letters_wait:.0f} s "
                "after the burst's last proposal was done",
                f"error log lines: {len(errors)}"
                + "".join(f"; {str(e.get('event'))[:160]!r}" for e in errors[:3])
                + (
                    ""
                    if not timed_out
                    else f"; the wait gave up (steady {steady_timeout:g} s, "
                    f"burst {burst_timeout:g} s after the last submit)"
                ),
            ],
        )


def run() -> list[str]:
    return measure().lines()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steady", type=int, default=STEADY)
    parser.add_argument("--burst", type=int, default=BURST)
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--burst-timeout", type=float, default=BURST_TIMEOUT)
    parser.add_argument(
        "--documents-concurrency", type=int, help="instead of the compose file's 1 (an experiment)"
    )
    parser.add_argument(
        "--smtp-rate",
        type=float,
        help="mails per second the SMTP server takes, instead of the compose file's 20: at 20/s "
        "the 6,000 mails of a burst of 1,000 alone take 300 s",
    )
    parser.add_argument("--letter-delay", type=float, default=LETTER_DELAY)
    parser.add_argument("--save", type=Path, help="also write the result as JSON (bench/report)")
    args = parser.parse_args()
    overrides = {"documents": args.documents_concurrency} if args.documents_concurrency else None
    result = measure(
        args.steady,
        args.burst,
        args.rate,
        burst_timeout=args.burst_timeout,
        concurrency=overrides,
        smtp_rate=args.smtp_rate,
        letter_delay=args.letter_delay,
    )
    print("\n".join(result.lines()))
    if args.save:
        args.save.write_text(json.dumps(result.summary(), indent=1))
