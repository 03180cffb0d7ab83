"""What the system benchmarks share: a whole SIPINDA as real processes, configured as the
one-host production compose file runs it (docker-compose.yml), extra evaluators so that every
proposal can get its K, a memory sampler and a queue watch (the load generator: bench/load.py).

Configuration, from docker-compose.yml: gunicorn `--workers 3` (sync workers), one Celery
worker per queue — submission `-c 2`, review `-c 2`, documents `-c 1`, notifications `-c 2`,
innovations `-c 2` —
prefetch 1, the relay with `RELAY_INTERVAL=0.2`, `OUTBOX_REDELIVER_AFTER=60`, `SMTP_RATE=20`.
Unlike compose: SQLite (or `DATABASE_URL`), a private Redis, local file storage, an aiosmtpd
sink, all on this one machine.
"""

from __future__ import annotations

import math
import os
import platform
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import psutil
import redis

from services.documents.weasy import font_subsetting
from services.review import evaluators as review_ops
from services.review.models import EVALUATOR_KINDS
from shared.config import SERVICES
from tests.support.deployment import Deployment
from tests.support.environment import sipinda_environment
from tests.support.servers import Process, python_argv

K = 3  # evaluators per proposal (EVALUATORS_PER_PROPOSAL)
EVALUATOR_MAX_LOAD = 10  # the default max_load of an evaluator
FIRST_BENCH_EVALUATOR = 100_000  # ids of the bench's evaluators, clear of the demo users
WEB_WORKERS = 3  # gunicorn --workers, as in docker-compose.yml
# (queues, concurrency) per Celery worker, as in docker-compose.yml
CELERY_WORKERS = {
    "submission": 2,
    "review": 2,
    "documents": 1,
    "notifications": 2,
    "innovations": 2,
}
# Queues a worker serves besides its own, as in docker-compose.yml: every service's
# confirmations of deliveries go to the light submission worker, never behind a render.
ALSO_SERVES = {"submission": "confirmations"}
PRODUCTION_ENV = {  # docker-compose.yml's values where the test environment sets its own
    "RELAY_INTERVAL": "0.2",
    "OUTBOX_REDELIVER_AFTER": "60",
    "SMTP_RATE": "20",
    "EVALUATORS_PER_PROPOSAL": str(K),
    "DOCUMENT_LETTER_DELAY_SECONDS": "600",
}
INNOVATORS = (
    "inovator.dinkes@sipinda.test",
    "inovator.disdukcapil@sipinda.test",
    "inovator.kelcibeber@sipinda.test",
)


def gunicorn_argv(port: int, app: str) -> list[str]:
    return python_argv(
        "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(WEB_WORKERS),
        "--graceful-timeout", "3", "-c", "python:services.platform.gunicorn_conf", app,
    )  # fmt: skip


def worker_argv(queue: str, concurrency: int) -> list[str]:
    """`sipinda worker --queues <queue> --concurrency <n>`, as the compose file starts it."""
    return python_argv(
        "-m", "services.platform.cli", "worker", "--queues",
        ",".join(filter(None, (queue, ALSO_SERVES.get(queue)))), "--concurrency", str(concurrency),
    )  # fmt: skip


def configuration(
    concurrency: Mapping[str, int] | None = None, smtp_rate: float | None = None
) -> str:
    workers = ", ".join(f"{q} -c {c}" for q, c in {**CELERY_WORKERS, **(concurrency or {})}.items())
    rate = f"{smtp_rate:g} (compose: {PRODUCTION_ENV['SMTP_RATE']})" if smtp_rate else None
    return (
        f"gunicorn --workers {WEB_WORKERS} (sync); Celery workers: {workers}, prefetch 1; "
        f"relay RELAY_INTERVAL={PRODUCTION_ENV['RELAY_INTERVAL']} s; "
        f"SMTP_RATE={rate or PRODUCTION_ENV['SMTP_RATE']}/s"
    )


@contextmanager
def deployment(
    base: Path,
    *,
    evaluators_for: int = 0,
    background: bool = True,
    concurrency: Mapping[str, int] | None = None,
    settings: Mapping[str, str] | None = None,
) -> Iterator[tuple[Deployment, Process | None]]:
    """A migrated, seeded SIPINDA on its own Redis, started; with `evaluators_for` proposals'
    worth of extra evaluators (max load 10 each). `background=False` starts only the web;
    `concurrency` overrides some queues' worker concurrency, `settings` some of PRODUCTION_ENV.
    Yields the deployment and its Redis process."""
    workers = {**CELERY_WORKERS, **(concurrency or {})}
    with sipinda_environment(base, own_redis=True) as environment:
        # The pool as the caller's environment says (a test's own), else the services' default.
        pool = os.environ.get("DATABASE_POOL_SIZE", "5")
        env = {**environment.vars, "DATABASE_POOL_SIZE": pool, **PRODUCTION_ENV, **(settings or {})}
        d = Deployment(env, base)
        d.web = Process("web", gunicorn_argv(d.port, "services.platform.wsgi:app"), d.env,
                        d.logs / "web.log")  # fmt: skip
        d.workers = [
            Process(
                f"worker-{queue}",
                worker_argv(queue, concurrency),
                d.env,
                d.logs / f"worker-{queue}.log",
            )
            for queue, concurrency in workers.items()
        ]
        d.prepare()
        if evaluators_for:
            seed_evaluators(d, evaluators_needed(evaluators_for))
        if not background:
            d.workers = []
            d.relay = Process("relay-off", ["true"], d.env, d.logs / "relay-off.log")
        d.start()
        try:
            yield d, environment.redis.process if environment.redis else None
        finally:
            d.stop()


def evaluators_needed(proposals: int) -> int:
    """Evaluators with room for `proposals` × K assignments at the default max load, plus a
    margin (the demo evaluators are few and some conflict with the innovators' agencies)."""
    return math.ceil(proposals * K / EVALUATOR_MAX_LOAD * 1.1) + 10


def seed_evaluators(d: Deployment, count: int) -> None:
    """Evaluators straight into review's table (the registry import would also create identity
    accounts with argon2 hashes: minutes for hundreds, and nothing here logs in as them)."""
    with d.db("review").session() as s:
        for i in range(count):
            review_ops.upsert_evaluator(
                s,
                id=FIRST_BENCH_EVALUATOR + i,
                name=f"Evaluator Bench {i}",
                email=f"evaluator.bench{i}@sipinda.test",
                kind=EVALUATOR_KINDS[i % len(EVALUATOR_KINDS)],
                max_load=EVALUATOR_MAX_LOAD,
            )


def tokens(d: Deployment) -> dict[str, str]:
    """A bearer token for each demo innovator (one login each: argon2 is slow on purpose)."""
    found = {}
    for email in INNOVATORS:
        token = d.login(email).token
        assert token is not None
        found[email] = token
    return found


# --- memory, CPU and queues ------------------------------------------------------------------


class ProcessSampler:
    """Every `interval` seconds, the resident memory of each named process group (a process and
    all its descendants); keeps each group's peak total and peak single process. Also the CPU
    time each group used (`cpu_seconds`), as the last look saw it: the sum over the group's live
    processes of their own time and their reaped children's. A process reaped since is in its
    parent's count only (a render child replaced after its hundred renders: counting it also by
    its own last-seen time counted every render twice)."""

    def __init__(self, groups: dict[str, int], interval: float = 0.5) -> None:
        self.groups, self.interval = groups, interval
        self.peak_total: dict[str, int] = dict.fromkeys(groups, 0)
        self.peak_process: dict[str, int] = dict.fromkeys(groups, 0)
        self.processes: dict[str, int] = dict.fromkeys(groups, 0)
        self._cpu: dict[str, float] = dict.fromkeys(groups, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ProcessSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def cpu_seconds(self, name: str) -> float:
        return self._cpu[name]

    def sample(self) -> None:
        for name, pid in self.groups.items():
            members = _members(pid)
            if not members:
                continue
            sizes, used = [], 0.0
            for p in members:
                try:
                    sizes.append(p.memory_info().rss)
                    used += _cpu(p)
                except psutil.NoSuchProcess:
                    continue
            # The most ever seen: a child dead but not yet reaped is in nobody's count for a
            # moment.
            self._cpu[name] = max(self._cpu[name], used)
            self.peak_total[name] = max(self.peak_total[name], sum(sizes))
            self.peak_process[name] = max(self.peak_process[name], max(sizes, default=0))
            self.processes[name] = max(self.processes[name], len(sizes))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)


def _cpu(p: psutil.Process) -> float:
    """CPU seconds of one process, with those of its reaped children."""
    t = p.cpu_times()
    return float(t.user + t.system + t.children_user + t.children_system)


def _members(pid: int) -> list[psutil.Process]:
    """A process and all its live descendants; none when it is gone."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its live descendants (gunicorn's workers)."""
    total = 0.0
    for p in _members(pid):
        try:
            total += _cpu(p)
        except psutil.NoSuchProcess:
            continue
    return total


class QueueWatch:
    """The peak length of each service's Celery queue, every 0.5 s."""

    def __init__(self, url: str, prefix: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=5)
        self.prefix = prefix
        self.peaks: dict[str, int] = dict.fromkeys(SERVICES, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> QueueWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            for service in SERVICES:
                try:
                    length = int(self.client.llen(f"{self.prefix}{service}"))
                except redis.RedisError:
                    continue
                self.peaks[service] = max(self.peaks[service], length)
            self._stop.wait(0.5)


def process_groups(d: Deployment, redis: Process | None) -> dict[str, int]:
    groups: dict[str, int] = {}
    for process in (d.web, *d.workers, d.relay, *([redis] if redis else [])):
        if process.popen is not None:
            groups[process.name] = process.popen.pid
    return groups


# --- the machine -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    url = os.environ.get("DATABASE_URL", "")
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "python": platform.python_version(),
        "os": platform.platform(),
        "database": "PostgreSQL" if url.startswith("postgresql") else "SQLite (WAL)",
        "fonts": font_subsetting(),
    }


def load_average() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())
