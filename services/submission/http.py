"""Submission's domain errors as HTTP: the one table of statuses, used by the error handler
`app.py` registers and by the pages that show a refusal on their form."""

from __future__ import annotations

from flask import Response

from services.submission.errors import (
    Conflict,
    FileRefused,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
    SubmissionError,
)
from shared.web.errors import error_response
from shared.web.i18n import translate

STATUSES: tuple[tuple[type[SubmissionError], int], ...] = (
    (NotFound, 404),
    (Forbidden, 403),
    (Invalid, 422),
    (Conflict, 409),
    (RateLimited, 429),
)
ACCESS = (NotFound, Forbidden)  # a form never hides these: they go to the error page


def status(exc: SubmissionError) -> int:
    """The HTTP status of a domain error."""
    if isinstance(exc, FileRefused):
        return 413 if exc.too_large else 422
    return next((code for kind, code in STATUSES if isinstance(exc, kind)), 500)


def fields(exc: SubmissionError) -> dict[str, str]:
    """The per-field messages, in the user's language."""
    return {field: translate(key, **values) for field, key, values in exc.problems}


def message(exc: SubmissionError) -> str:
    """The error's message, in the user's language."""
    return translate(exc.message_key, **exc.values)


def respond(exc: SubmissionError) -> Response:
    """The JSON error or error page of a domain error."""
    return error_response(status(exc), exc.code, message(exc), fields(exc))
