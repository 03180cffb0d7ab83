"""Reviewer assignment: time and peak memory of `sipinda assign` at three sizes (k = 3).

Each size runs the whole command (JSON in, JSON out) in a child process, so the figures include
start-up and parsing and the peak resident memory is that process's own. The smallest instance
is also solved densely (every allowed pair an arc) in the same run: its objective is the exact
reference for the pruned solve, and its time is the baseline of the ratios.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TOPICS = [f"urusan-{i}" for i in range(32)]
WORDS = [f"kata{i}" for i in range(3000)]
OPDS = [f"opd-{i}" for i in range(80)]
SIZES = ((1_000, 200), (5_000, 1_000), (20_000, 5_000))


def instance(n_p: int, n_r: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    parents = {f"opd-{i}": f"opd-{i // 10}" for i in range(10, 80)}

    def item(prefix: str, i: int) -> dict[str, Any]:
        return {
            "id": f"{prefix}{i}",
            "opd": rng.choice(OPDS),
            "topics": rng.sample(TOPICS, 2),
            "text": " ".join(rng.choices(WORDS, k=40)),
        }

    load = -(-3 * n_p // n_r) + 2  # enough capacity, some slack
    reviewers = [
        {**item("r", j), "kind": rng.choice(("academic", "practitioner", "government")),
         "min_load": 0, "max_load": load}
        for j in range(n_r)
    ]  # fmt: skip
    return {
        "k": 3,
        "proposals": [item("p", i) for i in range(n_p)],
        "reviewers": reviewers,
        "opd_parents": parents,
        "composition": [{"kind": "academic", "min": 1}],
    }


def run_command(
    problem: Path, extra: dict[str, Any] | None = None
) -> tuple[float, float, dict[str, Any]]:
    """(seconds, peak MB, result) of one `sipinda assign` in a child process."""
    out = problem.with_suffix(".out.json")
    script = (
        "import sys, resource, json; from services.platform.cli import main; "
        f"rc = main(['assign', '--input', {str(problem)!r}, '--output', {str(out)!r}, "
        "'--compact']); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    return seconds, peak_mb, json.loads(out.read_text())


def dense_reference(data: dict[str, Any]) -> tuple[float, float]:
    from services.review.matching import problem_from_json, solve

    problem = problem_from_json(data)
    dense = type(problem)(**{**problem.__dict__, "keep": len(problem.reviewers)})
    start = time.perf_counter()
    result = solve(dense)
    return time.perf_counter() - start, result.objective


def incremental(n_r: int) -> tuple[float, float, float]:
    """Milliseconds for one admitted proposal against `n_r` evaluators: (the whole-instance
    solver, as before; the service's path with the evaluator pool cached; building the pool)."""
    from services.review.incremental import assign_one, build_pool, pool_for
    from services.review.matching import problem_from_json, solve

    data = instance(1, n_r)
    problem = problem_from_json(data)
    rules = problem.composition
    solve(problem)
    start = time.perf_counter()
    for _ in range(20):
        solve(problem)
    solver_ms = (time.perf_counter() - start) / 20 * 1000

    parents: dict[str, str | None] = dict(problem.opd_parents)
    start = time.perf_counter()
    build_pool(problem.reviewers, parents)
    build_ms = (time.perf_counter() - start) * 1000
    loads = {r.id: i % 3 for i, r in enumerate(problem.reviewers)}
    proposal = problem.proposals[0]
    pool_for(problem.reviewers, parents)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        # As the service does on each admission: find the pool by content, then assign.
        pool = pool_for(problem.reviewers, parents)
        assign_one(pool, proposal, problem.k, loads, frozenset(), rules)
    cached_ms = (time.perf_counter() - start) / runs * 1000
    return solver_ms, cached_ms, build_ms


def service_path(n_r: int, proposals: int = 20) -> tuple[float, float]:
    """Milliseconds per admission through the review service on SQLite with `n_r` evaluators
    (load the pool and loads, assign, insert, publish): (first, with the pool built; median of
    the next ones, with the pool cached)."""
    import statistics
    from datetime import UTC, datetime

    from services.review import assignment, evaluators
    from services.review.models import Base
    from shared.db import Database
    from shared.events import Person, ProposalAdmitted

    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as scratch:
        db = Database("review", f"sqlite:///{Path(scratch) / 'review.db'}")
        Base.metadata.create_all(db.engine)
        with db.session() as s:
            for j in range(n_r):
                evaluators.upsert_evaluator(
                    s, id=j + 1, name=f"E{j}", email=f"e{j}@t.test",
                    kind=rng.choice(("academic", "practitioner", "government")),
                    opd_code=None, topics=rng.sample(TOPICS, 2),
                    expertise=" ".join(rng.choices(WORDS, k=40)), max_load=50,
                )  # fmt: skip
        times = []
        for i in range(proposals + 1):
            event = ProposalAdmitted(
                proposal_id=i + 1, version_no=1, title=f"P{i}",
                summary=" ".join(rng.choices(WORDS, k=40)), opd_code="opd-1", opd_name="OPD",
                innovator=Person(id=10**6, name="I", email="i@t.test"), call_id=1,
                submitted_at=datetime(2025, 1, 1, tzinfo=UTC), urusan=tuple(rng.sample(TOPICS, 2)),
            )  # fmt: skip
            start = time.perf_counter()
            with db.session() as s:
                assert len(assignment.assign(s, event, k=3)) == 3
            times.append((time.perf_counter() - start) * 1000)
        db.dispose()
    return times[0], statistics.median(times[1:])


def run() -> list[str]:
    lines = ["Assignment (sipinda assign, k=3, one academic per proposal; whole command)"]
    baseline = None
    with tempfile.TemporaryDirectory() as scratch:
        for n_p, n_r in SIZES:
            data = instance(n_p, n_r)
            path = Path(scratch) / f"p{n_p}.json"
            path.write_text(json.dumps(data))
            seconds, peak, result = run_command(path)
            check = ""
            if n_p * n_r <= 5_000_000:
                dense_s, exact = dense_reference(data)
                gap = exact - result["objective"]
                check = f"   dense {dense_s:6.2f} s, objective gap {gap:.2e}"
            baseline = baseline or seconds
            lines.append(
                f"  {n_p:>6} × {n_r:<5} {result['status']:<10} {seconds:7.2f} s "
                f"({seconds / baseline:5.1f}× the smallest)  peak {peak:7.0f} MB{check}"
            )
    solver_ms, cached_ms, build_ms = incremental(5_000)
    lines.append(
        f"  incremental, one proposal × 5,000 evaluators: {cached_ms:.1f} ms with the cached "
        f"pool ({cached_ms / solver_ms:.2f}× the whole-instance solver's {solver_ms:.1f} ms); "
        f"building the pool once: {build_ms:.0f} ms"
    )
    first_ms, next_ms = service_path(5_000)
    lines.append(
        f"  incremental through the service (SQLite, 5,000 evaluators, load + assign + insert + "
        f"publish): first {first_ms:.0f} ms, then {next_ms:.0f} ms median"
    )
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["--incremental"]:
        solver, cached, build = incremental(5_000)
        print(
            f"incremental 1 × 5,000: cached {cached:.1f} ms, solver {solver:.1f} ms, "
            f"pool build {build:.0f} ms"
        )
        first, then = service_path(5_000)
        print(f"through the service on SQLite: first {first:.0f} ms, then {then:.0f} ms median")
    else:
        print("\n".join(run()))
