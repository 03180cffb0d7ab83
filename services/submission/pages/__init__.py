"""Submission's pages: every flow works without JavaScript (plain forms, CSRF, errors that keep
what was typed); with it, drafts save as you type, words are counted live and the timeline
refreshes itself. Parse the form → call the application layer → render."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, redirect, url_for
from pydantic import ValidationError
from werkzeug.wrappers import Response

from services.submission import http
from services.submission.errors import SubmissionError
from shared.roles import home_of
from shared.web.auth import current_user
from shared.web.errors import ApiError, validation_fields
from shared.web.i18n import translate

bp = Blueprint(
    "submission_pages",
    __name__,
    root_path=str(Path(__file__).resolve().parent.parent),
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/submission",
)
Page = str | tuple[str, int] | Response | tuple[Response, int]
# What a form shows on itself: a domain refusal, a field the model refused, a form unreadable.
REFUSALS = (SubmissionError, ValidationError, ApiError)


def status_of(exc: SubmissionError | ValidationError | ApiError) -> int:
    """The status a page answers a refusal with."""
    if isinstance(exc, SubmissionError):
        return http.status(exc)
    return exc.status if isinstance(exc, ApiError) else 422


def form_errors(exc: SubmissionError | ValidationError | ApiError) -> dict[str, str]:
    """The field messages of a refusal a form can show; a refusal of access is raised on, to
    the error page (a form never hides a 403 or 404)."""
    if isinstance(exc, http.ACCESS) or (
        isinstance(exc, ApiError) and exc.status in {401, 403, 404}
    ):
        raise exc
    if isinstance(exc, ValidationError):
        return validation_fields(exc)
    if isinstance(exc, SubmissionError):
        return http.fields(exc) or {"form": http.message(exc)}
    return exc.fields or {"form": translate(exc.message_key, **exc.values)}


@bp.get("/")
def home() -> Response:
    """Each person's own work: an evaluator's queue, everyone else's proposals (a stranger is
    sent on to sign in)."""
    user = current_user()
    return redirect(home_of(user.role) if user else url_for("submission_pages.index"))


from services.submission.pages import (  # noqa: E402, F401
    attachments,
    calls,
    confirm,
    desk,
    proposals,
    team,
)
