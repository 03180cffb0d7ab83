"""A proposal's life as a pure state machine: which action moves which state where.

draft → submitted (awaiting the administrative check) → returned (fix-list) ↔ resubmitted
→ admitted → under_review → scored → decided; withdrawn from any state before review starts;
refused as ineligible by the verifier instead of passed or returned (final: nothing follows).
"""

from __future__ import annotations

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
ADMITTED = "admitted"
UNDER_REVIEW = "under_review"
SCORED = "scored"
DECIDED = "decided"
WITHDRAWN = "withdrawn"
REFUSED = "refused"

STATES = (DRAFT, SUBMITTED, RETURNED, ADMITTED, UNDER_REVIEW, SCORED, DECIDED, WITHDRAWN, REFUSED)
EDITABLE = frozenset({DRAFT, RETURNED})
DECISIONS = ("finalist", "not_selected", "winner")

# action -> {from state: to state}
TRANSITIONS: dict[str, dict[str, str]] = {
    "edit": {DRAFT: DRAFT, RETURNED: RETURNED},
    "submit": {DRAFT: SUBMITTED, RETURNED: SUBMITTED},
    "pass_check": {SUBMITTED: ADMITTED},
    "return": {SUBMITTED: RETURNED},
    "refuse": {SUBMITTED: REFUSED},
    "withdraw": {DRAFT: WITHDRAWN, SUBMITTED: WITHDRAWN, RETURNED: WITHDRAWN, ADMITTED: WITHDRAWN},
    "assigned": {ADMITTED: UNDER_REVIEW, UNDER_REVIEW: UNDER_REVIEW},
    "scored": {UNDER_REVIEW: SCORED, ADMITTED: SCORED},
    "decided": {SCORED: DECIDED, UNDER_REVIEW: DECIDED, DECIDED: DECIDED},
}


class TransitionNotAllowedError(Exception):
    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"{action} not allowed in {state}")
        self.action = action
        self.state = state


def allowed(state: str, action: str) -> bool:
    return state in TRANSITIONS[action]


def next_state(state: str, action: str) -> str:
    """The state `action` leads to from `state`, or `TransitionNotAllowedError`."""
    moves = TRANSITIONS[action]
    if state not in moves:
        raise TransitionNotAllowedError(action, state)
    return moves[state]


def actions(state: str) -> tuple[str, ...]:
    """What may be done to a proposal in `state` (for the pages and the API)."""
    return tuple(a for a, moves in TRANSITIONS.items() if state in moves)


NEXT_STEP = {s: f"next.{s}" for s in STATES}
