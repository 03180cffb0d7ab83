"""What the dashboard's card of reviews counts per call: pure functions over rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.review import summary

NOW = datetime(2030, 3, 1, 10, 0, tzinfo=UTC)
PAST, LATER = NOW - timedelta(days=1), NOW + timedelta(days=1)


def test_reviews_done_overdue_and_disagreements_per_call() -> None:
    assignments = [
        (7, "submitted", PAST), (7, "submitted", PAST),  # done, even after the due date
        (7, "assigned", PAST), (7, "draft", LATER),  # one overdue, one still in time
        (7, "released", PAST),  # no longer anyone's
        (8, "assigned", None),  # no due date: never overdue
        (None, "assigned", PAST),  # outside any call: a line of its own, last
    ]  # fmt: skip
    disagreeing = [(7, 101), (7, 101), (7, 102), (9, 300)]  # a proposal counts once
    lines = summary.per_call(assignments, disagreeing, {7: "KIPP 2030", 8: "Lomba"}, NOW)
    assert lines == [
        summary.CallReviews(9, "9", 0, 0, 0, 1),
        summary.CallReviews(8, "Lomba", 1, 0, 0, 0),
        summary.CallReviews(7, "KIPP 2030", 4, 2, 1, 2),
        summary.CallReviews(None, "", 1, 0, 1, 0),
    ]


def test_nothing_assigned_is_no_line() -> None:
    assert summary.per_call([], [], {}, NOW) == []
