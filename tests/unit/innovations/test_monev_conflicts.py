"""Who may not monitor an innovation: its agency, an agency above or below it in the tree, its own
team; a sibling agency or another branch of the tree may."""

from __future__ import annotations

from services.innovations.monev_conflicts import (
    INNOVATION_TEAM,
    RELATED_AGENCY,
    SAME_AGENCY,
    Monitor,
    conflict_of,
    conflicts,
)

# setda → kec-cibeber → kel-cibeber; setda → dinkes → puskesmas; bappeda stands alone.
PARENTS: dict[str, str | None] = {
    "setda": None, "kec-cibeber": "setda", "kel-cibeber": "kec-cibeber", "dinkes": "setda",
    "puskesmas": "dinkes", "bappeda": None, "kec-grogol": "setda",
}  # fmt: skip


def monitor(opd: str | None, uid: int = 1, email: str = "m@sipinda.test") -> Monitor:
    return Monitor(uid, "Budi", email, opd)


def reason(opd: str | None, innovation_opd: str) -> str | None:
    found = conflict_of(monitor(opd), innovation_opd, PARENTS, set(), set())
    return found.reason if found else None


def test_a_member_of_the_innovations_agency_is_in_conflict() -> None:
    assert reason("dinkes", "dinkes") == SAME_AGENCY


def test_an_agency_above_or_below_is_in_conflict_at_any_depth() -> None:
    assert reason("kec-cibeber", "kel-cibeber") == RELATED_AGENCY  # the parent
    assert reason("kel-cibeber", "kec-cibeber") == RELATED_AGENCY  # the child
    assert reason("setda", "kel-cibeber") == RELATED_AGENCY  # the grandparent
    assert reason("puskesmas", "dinkes") == RELATED_AGENCY


def test_siblings_other_branches_and_no_agency_are_free() -> None:
    assert reason("kec-grogol", "kec-cibeber") is None  # siblings under setda
    assert reason("kel-cibeber", "puskesmas") is None  # cousins
    assert reason("bappeda", "dinkes") is None
    assert reason(None, "dinkes") is None  # an evaluator from outside the government
    assert reason("unknown-agency", "dinkes") is None


def test_a_member_of_the_innovations_team_is_in_conflict_by_account_or_address() -> None:
    by_id = conflict_of(monitor("bappeda", uid=7), "dinkes", PARENTS, {7}, set())
    by_mail = conflict_of(monitor("bappeda", email=" Ani@Sipinda.test"), "dinkes", PARENTS,
                          set(), {"ani@sipinda.test"})  # fmt: skip
    assert by_id is not None
    assert by_id.reason == INNOVATION_TEAM
    assert by_mail is not None
    assert by_mail.reason == INNOVATION_TEAM


def test_every_conflicted_member_is_listed_in_the_teams_order() -> None:
    team = [monitor("bappeda", 1), monitor("puskesmas", 2), monitor("dinkes", 3)]
    found = conflicts(team, "dinkes", PARENTS, set(), set())
    assert [(c.member.user_id, c.reason) for c in found] == [(2, RELATED_AGENCY), (3, SAME_AGENCY)]
