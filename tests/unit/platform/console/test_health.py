"""The system's health in plain words: the worst first, and silence only when all is well."""

from __future__ import annotations

from services.platform.console.health import BAD, OK, WARN, Pending, Snapshot, assess, overall
from shared.web.i18n import known, translate_in

SERVICES = ("submission", "review", "documents", "notifications")


def calm(**changes: object) -> Snapshot:
    base: dict[str, object] = {
        "queues": dict.fromkeys(SERVICES, 0),
        "outboxes": {s: Pending(0) for s in SERVICES},
        "workers": ["main@host", "documents@host"],
        "failed_deliveries": 0,
    }
    return Snapshot(**{**base, **changes})  # type: ignore[arg-type]


def test_all_well_says_so_in_every_line() -> None:
    lines = assess(calm())
    assert overall(lines) == OK
    assert {line.key for line in lines} == {
        "health.queues_ok", "health.events_ok", "health.workers_ok", "health.no_failed_deliveries"
    }  # fmt: skip


def test_a_stuck_event_names_itself_and_its_consumer() -> None:
    stuck = Pending(4, oldest_seconds=1800, oldest_event="review.assigned", consumer="documents")
    lines = assess(calm(outboxes={**calm().outboxes, "review": stuck}))
    assert lines[0].level == BAD
    assert lines[0].values == {
        "service": "review", "count": 4, "event": "review.assigned",
        "consumer": "documents", "minutes": 30,
    }  # fmt: skip
    assert "health.events_ok" not in {line.key for line in lines}


def test_a_fresh_pending_event_is_normal() -> None:
    lines = assess(calm(outboxes={**calm().outboxes, "submission": Pending(2, 3.0, "x", "y")}))
    assert overall(lines) == OK


def test_backlog_and_failed_deliveries_warn() -> None:
    lines = assess(calm(queues={**calm().queues, "documents": 120}, failed_deliveries=3))  # type: ignore[dict-item]
    assert overall(lines) == WARN
    keys = [line.key for line in lines]
    assert "health.queue_backlog" in keys
    assert "health.failed_deliveries" in keys


def test_missing_parts_are_broken_not_silent() -> None:
    lines = assess(calm(queues=None, workers=[], outboxes={**calm().outboxes, "review": None}))
    bad = {line.key for line in lines if line.level == BAD}
    assert bad == {"health.redis_down", "health.no_workers", "health.database_down"}
    assert lines[0].level == BAD


def test_every_line_has_words_in_both_languages() -> None:
    for key in ("health.queue_backlog", "health.event_waiting", "health.workers_ok"):
        assert known(key, "id")
        assert known(key, "en")
    stuck = Pending(1, 999, "a", "b")
    every = assess(calm(queues=None, workers=None, failed_deliveries=5,
                        outboxes={"review": stuck, "x": None}))  # fmt: skip
    for line in every:
        for language in ("id", "en"):
            assert known(line.key, language)
            translate_in(language, line.key, **line.values)  # every placeholder is filled
