"""Each domain refusal of submission has one HTTP status, whatever answers it."""

from __future__ import annotations

import pytest

from services.submission import http
from services.submission.errors import (
    Conflict,
    FileRefused,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
    SubmissionError,
    TransitionRefused,
    invalid,
)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (NotFound(), 404, "not_found"),
        (Forbidden(), 403, "forbidden"),
        (invalid("summary", "field.required"), 422, "validation"),
        (Conflict("call_closed", "proposal.call_closed"), 409, "call_closed"),
        (TransitionRefused("not_editable", "proposal.not_editable"), 409, "not_editable"),
        (FileRefused("file", "file.empty"), 422, "bad_file"),
        (FileRefused("file", "file.too_large", too_large=True, limit=10), 413, "bad_file"),
        (RateLimited(message_key="proposal.too_many_submits", values={"minutes": 10}), 429,
         "too_many_requests"),
    ],
)  # fmt: skip
def test_each_refusal_has_its_status_and_code(
    error: SubmissionError, status: int, code: str
) -> None:
    assert http.status(error) == status
    assert error.code == code


def test_an_invalid_input_keeps_every_problem_and_a_file_names_its_field() -> None:
    problems = [("title", "field.required", {}), ("summary", "field.too_long", {"limit": 5})]
    assert Invalid(problems).problems == tuple(problems)
    refused = FileRefused("kind", "file.unknown_kind")
    assert refused.problems == (("kind", "file.unknown_kind", {}),)
    assert refused.message_key == "file.unknown_kind"


def test_not_found_and_forbidden_go_to_the_error_page_not_a_form() -> None:
    assert isinstance(NotFound(), http.ACCESS)
    assert isinstance(Forbidden(), http.ACCESS)
    assert not isinstance(invalid("email", "team.is_owner"), http.ACCESS)
