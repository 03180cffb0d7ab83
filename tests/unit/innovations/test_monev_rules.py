"""The monitoring forms read and checked: a visit is not in the future, its follow-up deadline
not before it; a team has members who may be on one, and its ketua among them."""

from __future__ import annotations

from datetime import date

from services.innovations.monev_rules import TeamForm, VisitForm, read_team, read_visit

TODAY = date(2026, 12, 5)
VISIT = {"visited_on": "2026-12-05", "place": "Puskesmas Cibeber", "findings": "Berjalan.",
         "recommendations": "Perluas.", "follow_up_by": ""}  # fmt: skip


def problems(values: dict[str, str]) -> dict[str, str]:
    read = read_visit(values, TODAY)
    return {} if isinstance(read, VisitForm) else {f: key for f, (key, _) in read.items()}


def test_a_visit_of_today_is_read() -> None:
    read = read_visit(VISIT, TODAY)
    assert read == VisitForm(TODAY, "Puskesmas Cibeber", "Berjalan.", "Perluas.", None)


def test_a_visit_tomorrow_is_refused_beside_its_date() -> None:
    assert problems(VISIT | {"visited_on": "2026-12-06"}) == {
        "visited_on": "monev.visit.date_future"
    }


def test_a_missing_or_unreadable_date_is_refused() -> None:
    for text in ("", "5/12/2026", "2026-02-30"):
        assert problems(VISIT | {"visited_on": text}) == {"visited_on": "monev.visit.date_required"}


def test_the_follow_up_deadline_is_optional_but_not_before_the_visit() -> None:
    later = read_visit(VISIT | {"follow_up_by": "2027-01-31"}, TODAY)
    assert isinstance(later, VisitForm)
    assert later.follow_up_by == date(2027, 1, 31)
    assert problems(VISIT | {"follow_up_by": "2026-12-04"}) == {
        "follow_up_by": "monev.visit.follow_up_before_visit"
    }
    assert problems(VISIT | {"follow_up_by": "besok"}) == {
        "follow_up_by": "monev.visit.follow_up_invalid"
    }


def test_every_empty_text_is_named() -> None:
    found = problems(VISIT | {"place": " ", "findings": "", "recommendations": ""})
    assert set(found) == {"place", "findings", "recommendations"}


def test_a_team_needs_members_who_may_be_on_it_and_its_ketua_among_them() -> None:
    ok = read_team(" Tim  Monev 1 ", "2026", ["3", "4", "3"], "4", {3, 4}, TODAY)
    assert ok == TeamForm("Tim Monev 1", 2026, (3, 4), 4)
    bad = read_team("", "1990", [], "", {3}, TODAY)
    assert isinstance(bad, dict)
    assert set(bad) == {"name", "year", "members"}
    outsider = read_team("Tim", "2026", ["3", "9"], "3", {3}, TODAY)
    assert isinstance(outsider, dict)
    assert outsider["members"][0] == "monev.team.member_not_eligible"
    no_leader = read_team("Tim", "2026", ["3"], "4", {3, 4}, TODAY)
    assert isinstance(no_leader, dict)
    assert set(no_leader) == {"leader"}
