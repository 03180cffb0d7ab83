"""Pure rules of the submission service: who may do what to a proposal."""

from __future__ import annotations

from dataclasses import dataclass

from services.submission.states import DRAFT, NEXT_STEP, SUBMITTED, UNDER_REVIEW

__all__ = ["DRAFT", "NEXT_STEP", "SUBMITTED", "UNDER_REVIEW", "Actor", "Owned"]

READ_ALL_ROLES = {"admin", "verifier"}


@dataclass(frozen=True)
class Actor:
    id: int
    role: str
    opd_code: str | None


@dataclass(frozen=True)
class Owned:
    innovator_id: int
    opd_code: str
    evaluator_ids: tuple[int, ...] = ()
    team_ids: tuple[int, ...] = ()  # co-innovators who accepted their invitation


def can_read(actor: Actor, proposal: Owned) -> bool:
    if actor.role in READ_ALL_ROLES or actor.id == proposal.innovator_id:
        return True
    if actor.id in proposal.team_ids:
        return True
    if actor.role == "operator":
        return actor.opd_code == proposal.opd_code
    return actor.role == "evaluator" and actor.id in proposal.evaluator_ids


def can_edit(actor: Actor, proposal: Owned) -> bool:
    """Innovators and their co-innovators edit their proposals; an agency's operator edits the
    agency's; the admin edits any."""
    if actor.id == proposal.innovator_id or actor.id in proposal.team_ids:
        return True
    return actor.role == "admin" or (
        actor.role == "operator" and actor.opd_code == proposal.opd_code
    )


def can_create(actor: Actor, opd_code: str) -> bool:
    if actor.role == "admin":
        return True
    return actor.role in {"innovator", "operator"} and actor.opd_code == opd_code


def can_move_agency(actor: Actor, proposal: Owned, status: str) -> bool:
    """The agency decides the conflicts of interest and which operator sees the proposal: only
    its owner moves it, and only while it is a draft, before its first submit."""
    return actor.id == proposal.innovator_id and status == DRAFT


def can_check(actor: Actor) -> bool:
    """The administrative check is the verifier's (and the admin's)."""
    return actor.role in {"verifier", "admin"}


def can_manage_calls(actor: Actor) -> bool:
    return actor.role == "admin"


def can_manage_team(actor: Actor, proposal: Owned) -> bool:
    """Who invites and removes co-innovators: the innovator, the agency's operator, the admin."""
    if actor.id == proposal.innovator_id:
        return True
    return actor.role == "admin" or (
        actor.role == "operator" and actor.opd_code == proposal.opd_code
    )
