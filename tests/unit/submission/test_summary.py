"""What the dashboard's card of proposals counts: pure functions over rows."""

from __future__ import annotations

from datetime import datetime

from services.submission import summary
from services.submission.states import STATES
from shared.timezone import WIB

NOW = datetime(2030, 3, 1, 10, 0, tzinfo=WIB)


def test_every_stage_is_counted_in_the_order_of_a_proposals_life() -> None:
    found = summary.summarise([("draft", 4), ("submitted", 3), ("under_review", 2)], [], NOW)
    assert list(found.by_status) == list(STATES)
    assert found.by_status["draft"] == 4
    assert found.by_status["refused"] == 0
    assert found.submitted == 5  # drafts are not sent in
    assert found.waiting_check == 3


def test_only_the_calls_open_now_soonest_to_close_first() -> None:
    calls = [
        (1, "Lewat", datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 2, 1, tzinfo=WIB)),
        (2, "Lama", datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 3, 13, 23, 59, tzinfo=WIB)),
        (3, "Besok", datetime(2030, 2, 1, tzinfo=WIB), datetime(2030, 3, 2, 8, 0, tzinfo=WIB)),
        (4, "Nanti", datetime(2030, 4, 1, tzinfo=WIB), datetime(2030, 5, 1, tzinfo=WIB)),
    ]
    found = summary.summarise([], calls, NOW)
    assert [(c.name, c.days_left) for c in found.open_calls] == [("Besok", 1), ("Lama", 12)]
    assert found.next_call == summary.NextCall(4, "Nanti", calls[3][2], 31)


def test_no_call_ahead_is_none() -> None:
    assert summary.summarise([], [], NOW).next_call is None


def test_the_deadline_in_words_in_both_languages() -> None:
    def call(days: int) -> summary.OpenCall:
        return summary.OpenCall(1, "KIPP", NOW, days)

    assert summary.closes_in(call(12), "id") == "ditutup dalam 12 hari"
    assert summary.closes_in(call(12), "en") == "closes in 12 days"
    assert summary.closes_in(call(1), "id") == "ditutup besok"
    assert summary.closes_in(call(1), "en") == "closes tomorrow"
    assert summary.closes_in(call(0), "id") == "ditutup hari ini"
    ahead = summary.NextCall(2, "KIPP 2031", NOW, 40)
    assert summary.opens_in(ahead, "id") == "dibuka dalam 40 hari"
    assert summary.opens_in(ahead, "en") == "opens in 40 days"
