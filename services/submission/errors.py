"""Submission's refusals as the domain says them; `http.py` turns each into a status once."""

from __future__ import annotations

from collections.abc import Iterable

from services.submission.content import Problem


class SubmissionError(Exception):
    """A refusal with a stable code, a message key and the values the message names."""

    code = "error"
    message_key = "error.internal"

    def __init__(
        self,
        code: str | None = None,
        message_key: str | None = None,
        values: dict[str, object] | None = None,
    ) -> None:
        super().__init__(code or self.code)
        self.code = code or self.code
        self.message_key = message_key or self.message_key
        self.values = values or {}
        self.problems: tuple[Problem, ...] = ()


class NotFound(SubmissionError):  # noqa: N818 - named as the refusal reads
    """Nothing this user may see is there (a proposal they may not read looks the same)."""

    code, message_key = "not_found", "error.not_found"


class Forbidden(SubmissionError):  # noqa: N818 - named as the refusal reads
    """The user may see it but not do this."""

    code, message_key = "forbidden", "error.forbidden"


class Invalid(SubmissionError):  # noqa: N818 - named as the refusal reads
    """The input breaks a rule: one problem (field, message key, values) per field."""

    code, message_key = "validation", "error.validation"

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__()
        self.problems = tuple(problems)


def invalid(field: str, key: str, **values: object) -> Invalid:
    """A refusal of one field."""
    return Invalid([(field, key, values)])


class Conflict(SubmissionError):  # noqa: N818 - named as the refusal reads
    """The request is understood but the state of things refuses it (a closed call, a second
    invitation)."""


class TransitionRefused(Conflict):
    """The proposal is not in a state that allows this action."""


class FileRefused(SubmissionError):  # noqa: N818 - named as the refusal reads
    """An upload refused for its content or size; its one problem names the `file` or `kind`
    field with the same message."""

    code = "bad_file"

    def __init__(self, field: str, key: str, *, too_large: bool = False, **values: object):
        super().__init__(message_key=key, values=values)
        self.problems = ((field, key, values),)
        self.too_large = too_large


class RateLimited(SubmissionError):  # noqa: N818 - named as the refusal reads
    """Too many attempts in the window."""

    code = "too_many_requests"
