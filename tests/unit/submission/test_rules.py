"""Who may do what to a proposal (pure)."""

from __future__ import annotations

import pytest

from services.submission.rules import (
    Actor,
    Owned,
    can_check,
    can_create,
    can_edit,
    can_manage_calls,
    can_manage_team,
    can_read,
)

PROPOSAL = Owned(innovator_id=1, opd_code="dinkes", evaluator_ids=(7,), team_ids=(2,))
ACTORS = {
    "owner": Actor(1, "innovator", "dinkes"),
    "co_innovator": Actor(2, "innovator", "disdukcapil"),
    "same_agency_innovator": Actor(3, "innovator", "dinkes"),
    "operator": Actor(4, "operator", "dinkes"),
    "other_operator": Actor(5, "operator", "bpkad"),
    "verifier": Actor(6, "verifier", "bappedalitbang"),
    "assigned_evaluator": Actor(7, "evaluator", None),
    "evaluator": Actor(8, "evaluator", None),
    "admin": Actor(9, "admin", "bappedalitbang"),
}
TABLE = {  # read, edit, manage team, check, manage calls
    "owner": (True, True, True, False, False),
    "co_innovator": (True, True, False, False, False),
    "same_agency_innovator": (False, False, False, False, False),
    "operator": (True, True, True, False, False),
    "other_operator": (False, False, False, False, False),
    "verifier": (True, False, False, True, False),
    "assigned_evaluator": (True, False, False, False, False),
    "evaluator": (False, False, False, False, False),
    "admin": (True, True, True, True, True),
}


@pytest.mark.parametrize("who", list(ACTORS))
def test_the_table(who: str) -> None:
    a = ACTORS[who]
    got = (can_read(a, PROPOSAL), can_edit(a, PROPOSAL), can_manage_team(a, PROPOSAL),
           can_check(a), can_manage_calls(a))  # fmt: skip
    assert got == TABLE[who]


def test_create_only_in_ones_own_agency() -> None:
    assert can_create(ACTORS["owner"], "dinkes")
    assert not can_create(ACTORS["owner"], "bpkad")
    assert can_create(ACTORS["admin"], "bpkad")
    assert not can_create(ACTORS["verifier"], "bappedalitbang")
    assert not can_create(ACTORS["evaluator"], "dinkes")
