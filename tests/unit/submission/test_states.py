"""The proposal state machine, alone."""

from __future__ import annotations

import pytest

from services.submission import states as st


def test_the_happy_path_and_a_return() -> None:
    state = st.DRAFT
    for action, expected in [
        ("submit", st.SUBMITTED),
        ("return", st.RETURNED),
        ("edit", st.RETURNED),
        ("submit", st.SUBMITTED),
        ("pass_check", st.ADMITTED),
        ("assigned", st.UNDER_REVIEW),
        ("scored", st.SCORED),
        ("decided", st.DECIDED),
    ]:
        state = st.next_state(state, action)
        assert state == expected


@pytest.mark.parametrize("state", [st.DRAFT, st.SUBMITTED, st.RETURNED, st.ADMITTED])
def test_withdraw_is_allowed_before_review(state: str) -> None:
    assert st.next_state(state, "withdraw") == st.WITHDRAWN


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (st.UNDER_REVIEW, "withdraw"),
        (st.SCORED, "withdraw"),
        (st.DECIDED, "withdraw"),
        (st.WITHDRAWN, "submit"),
        (st.SUBMITTED, "edit"),
        (st.ADMITTED, "edit"),
        (st.UNDER_REVIEW, "submit"),
        (st.DRAFT, "pass_check"),
        (st.RETURNED, "pass_check"),
        (st.DRAFT, "assigned"),
        (st.WITHDRAWN, "assigned"),
    ],
)
def test_disallowed_moves_raise(state: str, action: str) -> None:
    assert not st.allowed(state, action)
    with pytest.raises(st.TransitionNotAllowedError):
        st.next_state(state, action)


def test_every_state_has_a_next_step_text() -> None:
    from shared.web.i18n import known

    for state in st.STATES:
        for language in ("id", "en"):
            assert known(st.NEXT_STEP[state], language)
            assert known(f"status.{state}", language)


def test_actions_lists_what_a_state_allows() -> None:
    assert set(st.actions(st.DRAFT)) == {"edit", "submit", "withdraw"}
    assert "withdraw" not in st.actions(st.UNDER_REVIEW)


def test_refusing_as_ineligible_is_final() -> None:
    assert st.next_state(st.SUBMITTED, "refuse") == st.REFUSED
    assert st.actions(st.REFUSED) == ()  # no edit, no resubmission, no withdrawal, no review
    for state in (st.DRAFT, st.RETURNED, st.ADMITTED):
        assert not st.allowed(state, "refuse")
