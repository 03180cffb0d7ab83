"""The stage rule: forward only, penerapan after uji coba (the admin records both at once with
the trial's day), each day real, not in the future and not before the stage before it."""

from __future__ import annotations

from datetime import date

from services.innovations.stages import Move, both_at_once, check, later_stages

TODAY = date(2026, 12, 5)


def test_stages_move_forward_only() -> None:
    assert later_stages("inisiatif") == ("uji_coba", "penerapan")
    assert later_stages("uji_coba") == ("penerapan",)
    assert later_stages("penerapan") == ()
    back = check("uji_coba", Move("inisiatif", date(2026, 1, 1)), admin=True, today=TODAY)
    assert back == {"stage": "innovations.stage.not_forward"}
    same = check("uji_coba", Move("uji_coba", date(2026, 1, 1)), admin=False, today=TODAY)
    assert same == {"stage": "innovations.stage.not_forward"}
    assert check("inisiatif", Move("selesai", TODAY), admin=True, today=TODAY) == {
        "stage": "innovations.stage.unknown"
    }


def test_the_next_stage_needs_its_day_in_the_past_and_after_the_last() -> None:
    assert check("inisiatif", Move("uji_coba", TODAY), admin=False, today=TODAY) == {}
    assert check("inisiatif", Move("uji_coba", None), admin=False, today=TODAY) == {
        "on": "innovations.stage.date_needed"
    }
    assert check("inisiatif", Move("uji_coba", date(2027, 1, 1)), admin=False, today=TODAY) == {
        "on": "innovations.stage.date_future"
    }
    early = check("uji_coba", Move("penerapan", date(2026, 1, 1)), admin=False, today=TODAY,
                  since=date(2026, 3, 1))  # fmt: skip
    assert early == {"on": "innovations.stage.date_before_previous"}


def test_penerapan_needs_uji_coba_first_unless_the_admin_records_both() -> None:
    move = Move("penerapan", date(2026, 6, 1), trial_on=date(2026, 2, 1))
    assert both_at_once("inisiatif", "penerapan")
    assert not both_at_once("uji_coba", "penerapan")
    assert check("inisiatif", move, admin=False, today=TODAY) == {
        "stage": "innovations.stage.trial_first"
    }
    assert check("inisiatif", move, admin=True, today=TODAY) == {}
    no_trial = Move("penerapan", date(2026, 6, 1))
    assert check("inisiatif", no_trial, admin=True, today=TODAY) == {
        "trial_on": "innovations.stage.trial_date_needed"
    }
    reversed_days = Move("penerapan", date(2026, 1, 1), trial_on=date(2026, 2, 1))
    assert check("inisiatif", reversed_days, admin=True, today=TODAY) == {
        "trial_on": "innovations.stage.trial_after_implementation"
    }
