"""The system's health in plain words, from a snapshot of numbers. Pure: no I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.trouble import FAILED, Trouble

OK, WARN, BAD = "ok", "warn", "bad"
BACKLOG_WARN = 50  # messages waiting in one queue before it is worth a look
LAG_WARN = 120.0  # seconds an event may wait for its consumer before it is worth a look
LAG_BAD = 900.0


@dataclass(frozen=True)
class Pending:
    """A producing service's deliveries that no consumer has confirmed yet."""

    count: int
    oldest_seconds: float = 0.0
    oldest_event: str | None = None
    consumer: str | None = None


@dataclass(frozen=True)
class Snapshot:
    queues: dict[str, int] | None  # None: Redis did not answer
    outboxes: dict[str, Pending | None]  # None for a service whose database did not answer
    workers: list[str] | None  # None: could not ask (no broker)
    failed_deliveries: int | None = None  # None: not known here
    expected_queues: tuple[str, ...] = field(default=())
    trouble: list[Trouble] | None = None  # tasks retrying or failed in the last day


@dataclass(frozen=True)
class Line:
    level: str
    key: str
    values: dict[str, object] = field(default_factory=dict)


def minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def assess(snapshot: Snapshot) -> list[Line]:
    """One line per thing the admin should know, the worst first."""
    lines: list[Line] = []
    if snapshot.queues is None:
        lines.append(Line(BAD, "health.redis_down"))
    else:
        busy = {q: n for q, n in snapshot.queues.items() if n >= BACKLOG_WARN}
        for queue, waiting in sorted(busy.items()):
            lines.append(Line(WARN, "health.queue_backlog", {"queue": queue, "count": waiting}))
        if not busy:
            lines.append(Line(OK, "health.queues_ok", {"count": sum(snapshot.queues.values())}))
    for service, pending in sorted(snapshot.outboxes.items()):
        if pending is None:
            lines.append(Line(BAD, "health.database_down", {"service": service}))
        elif pending.count and pending.oldest_seconds >= LAG_WARN:
            level = BAD if pending.oldest_seconds >= LAG_BAD else WARN
            lines.append(
                Line(
                    level,
                    "health.event_waiting",
                    {
                        "service": service,
                        "count": pending.count,
                        "event": pending.oldest_event or "?",
                        "consumer": pending.consumer or "?",
                        "minutes": minutes(pending.oldest_seconds),
                    },
                )
            )
    if all(p is not None and (not p.count or p.oldest_seconds < LAG_WARN)
           for p in snapshot.outboxes.values()):  # fmt: skip
        lines.append(Line(OK, "health.events_ok"))
    if snapshot.workers is None:
        lines.append(Line(BAD, "health.workers_unknown"))
    elif not snapshot.workers:
        lines.append(Line(BAD, "health.no_workers"))
    else:
        lines.append(
            Line(OK, "health.workers_ok", {"count": len(snapshot.workers),
                                           "names": ", ".join(sorted(snapshot.workers))})
        )  # fmt: skip
    for t in snapshot.trouble or ():
        key = "health.task_failed" if t.state == FAILED else "health.task_retrying"
        lines.append(Line(BAD if t.state == FAILED else WARN, key,
                          {"task": t.task, "count": t.count, "reason": t.reason}))  # fmt: skip
    if snapshot.failed_deliveries:
        lines.append(Line(WARN, "health.failed_deliveries", {"count": snapshot.failed_deliveries}))
    elif snapshot.failed_deliveries == 0:
        lines.append(Line(OK, "health.no_failed_deliveries"))
    order = {BAD: 0, WARN: 1, OK: 2}
    return sorted(lines, key=lambda line: order[line.level])


def overall(lines: list[Line]) -> str:
    levels = {line.level for line in lines}
    return BAD if BAD in levels else WARN if WARN in levels else OK
