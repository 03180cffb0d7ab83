"""`sipinda`: run, migrate, seed, relay, worker — the composition root's command line.

Each command imports what it needs when it runs: the long-lived embedded supervisor and SMTP sink
stay small (bench/embedded_memory.py)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from services.platform.processes import worker_argv
from shared.config import QUEUES, SERVICES, Settings


def cmd_migrate(_: argparse.Namespace) -> int:
    from services.platform.registry import migrate_all
    from shared import runtime

    migrate_all(runtime.settings())
    return 0


def cmd_makemigrations(args: argparse.Namespace) -> int:
    """Autogenerate a revision per database whose models changed (development only)."""
    from services.platform.registry import migration_sets
    from shared.migrations import revision, upgrade

    with tempfile.TemporaryDirectory() as scratch:
        for migrations in migration_sets():
            if args.only and migrations.name not in args.only:
                continue
            url = f"sqlite:///{Path(scratch) / (migrations.name + '.db')}"
            upgrade(migrations, url)
            revision(migrations, url, args.message)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from services.platform.seed import seed
    from shared import runtime

    if args.migrate:
        cmd_migrate(args)
    for line in seed(runtime.settings(), demo=args.demo):
        print(line)
    return 0


def cmd_deliver(_: argparse.Namespace) -> int:
    """Handle every pending outbox delivery in this process (no relay, no worker)."""
    from services.platform.registry import deliver

    print(f"deliver: {deliver()} deliveries handled")
    return 0


def cmd_relay(_: argparse.Namespace) -> int:
    from services.platform.registry import outbox_sources
    from shared import logs, runtime
    from shared.celery import queue_backlog
    from shared.relay import run_relay

    logs.configure("relay")
    settings = runtime.settings()
    app = runtime.celery_app()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def send(task: str, queue: str, envelope: dict[str, object]) -> None:
        app.send_task(task, args=[envelope], queue=queue)

    print(f"relay: watching {len(outbox_sources())} outboxes", flush=True)
    run_relay(
        outbox_sources(),
        send,
        settings.outbox_redeliver_after,
        settings.relay_interval,
        stop,
        backlog=queue_backlog(settings),
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    argv = worker_argv(args.queues, args.concurrency, args.name)
    os.execv(argv[0], argv)  # noqa: S606 - replace this process with the worker


def cmd_smtp_sink(args: argparse.Namespace) -> int:
    from services.notifications.devmail import serve

    serve(args.host, args.port, Path(args.dir))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from services.platform import backup

    return _archive(lambda: backup.backup(Path(args.output)), f"backup written to {args.output}",
                    "backup failed")  # fmt: skip


def cmd_restore(args: argparse.Namespace) -> int:
    from services.platform import backup

    return _archive(lambda: backup.restore(Path(args.archive)), f"restored from {args.archive}",
                    "restore refused")  # fmt: skip


def _archive(run: Callable[[], Any], done: str, failed: str) -> int:
    """Run a backup or a restore; its report on stdout, or why it failed on stderr (exit 1)."""
    from services.platform.backup import BackupError

    try:
        report = run()
    except BackupError as error:
        print(f"{failed}: {error}", file=sys.stderr)
        return 1
    print(*report.lines(done), sep="\n")
    return 0


def cmd_run(_: argparse.Namespace) -> int:
    from services.platform.embedded import run_embedded

    return run_embedded(Settings.from_env())


# Commands that need none of the services' own commands: their processes stay lean (the embedded
# supervisor and SMTP sink would otherwise import every service just to parse their argv).
LEAN_COMMANDS = frozenset({"run", "smtp-sink", "worker"})


def parser(service_commands: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sipinda", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start everything on embedded defaults").set_defaults(fn=cmd_run)
    sub.add_parser("migrate", help="migrate every database").set_defaults(fn=cmd_migrate)
    mk = sub.add_parser("makemigrations", help="autogenerate migrations (development)")
    mk.add_argument("-m", "--message", required=True)
    mk.add_argument("only", nargs="*")
    mk.set_defaults(fn=cmd_makemigrations)
    seed = sub.add_parser("seed", help="seed the Cilegon agencies (and demo data)")
    seed.add_argument("--demo", action="store_true", help="also the demo accounts")
    seed.add_argument("--migrate", action="store_true", help="migrate every database first")
    seed.set_defaults(fn=cmd_seed)
    sub.add_parser("relay", help="move outbox events to the queues").set_defaults(fn=cmd_relay)
    deliver = sub.add_parser("deliver", help="handle pending outbox deliveries in-process")
    deliver.set_defaults(fn=cmd_deliver)
    worker = sub.add_parser("worker", help="a Celery worker for some queues")
    worker.add_argument("--queues", default=",".join(QUEUES))
    worker.add_argument("--concurrency", type=int, default=2)
    worker.add_argument("--name")
    worker.set_defaults(fn=cmd_worker)
    backup = sub.add_parser("backup", help="every database and the stored files, in one archive")
    backup.add_argument("--output", "-o", required=True, help="the archive to write (.tar.gz)")
    backup.set_defaults(fn=cmd_backup)
    restore = sub.add_parser("restore", help="restore an archive into an empty deployment")
    restore.add_argument("archive")
    restore.set_defaults(fn=cmd_restore)
    sink = sub.add_parser("smtp-sink", help="development SMTP server writing .eml files")
    sink.add_argument("--host", default="127.0.0.1")
    sink.add_argument("--port", type=int, default=8025)
    sink.add_argument("--dir", default=str(Path("var") / "mailbox"))
    sink.set_defaults(fn=cmd_smtp_sink)
    if not service_commands:
        return p
    for service in SERVICES:
        # A service adds its own commands (imports, assignment dry runs …) in `commands.py`.
        try:
            commands = import_module(f"services.{service}.commands")
        except ModuleNotFoundError as exc:
            if exc.name != f"services.{service}.commands":
                raise
            continue
        commands.register(sub)
    from services.platform import identity_commands  # `sipinda import agencies|users`

    identity_commands.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser(service_commands=given[:1] != [] and given[0] not in LEAN_COMMANDS).parse_args(
        given
    )
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
