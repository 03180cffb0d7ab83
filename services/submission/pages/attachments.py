"""The proposal page's files: upload (an oversized one refused unread) and remove."""

from __future__ import annotations

import io
from typing import Any

from flask import flash, redirect, request, send_file, url_for
from werkzeug.wrappers import Response

from services.submission import attachments
from services.submission.errors import invalid
from services.submission.pages import REFUSALS, Page, bp, form_errors, status_of
from services.submission.pages.proposals import proposal_page
from shared.web.auth import current_user, page_login_required, require_user
from shared.web.i18n import translate


@bp.url_value_preprocessor
def _refuse_oversized_upload(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Runs before any `before_request`, so before the CSRF check parses the form: an upload
    announced bigger than the call allows is refused without reading its body."""
    if endpoint != "submission_pages.upload" or not values:
        return
    if (request.content_length or 0) <= attachments.MB:  # within any call's limit: nothing to ask
        return
    user = current_user()
    if user is None:
        return
    try:
        attachments.refuse_oversized_body(user, int(values["proposal_id"]), request.content_length)
    except REFUSALS as exc:
        if status_of(exc) == 413:
            raise
        # Not this user's proposal: the CSRF check, then the view, answer as for any form.


@bp.post("/proposals/<int:proposal_id>/attachments")
@page_login_required
def upload(proposal_id: int) -> Page:
    user = require_user()
    try:
        sent = request.files.get("file")
        if sent is None or not sent.filename:
            raise invalid("file", "field.required")
        attachments.upload(user, proposal_id, request.form.get("kind", "other"), sent.filename,
                        sent.read())  # fmt: skip
    except REFUSALS as exc:
        return proposal_page(proposal_id, None, form_errors(exc), file_error=True), status_of(exc)
    flash(translate("ui.file_uploaded"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#attachments")


@bp.post("/proposals/<int:proposal_id>/attachments/<int:attachment_id>/delete")
@page_login_required
def delete_attachment(proposal_id: int, attachment_id: int) -> Response:
    attachments.delete_attachment(require_user(), proposal_id, attachment_id)
    flash(translate("ui.file_removed"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id) + "#attachments")


@bp.get("/proposals/<int:proposal_id>/attachments/<int:attachment_id>/view")
@page_login_required
def open_attachment(proposal_id: int, attachment_id: int) -> Response:
    """A file opened in the browser: a PDF in its viewer, an image shown, the rest downloaded
    (masked for a blind reader)."""
    shown = attachments.attachment_shown(require_user(), proposal_id, attachment_id)
    reply = send_file(
        io.BytesIO(shown.data),
        mimetype=shown.content_type,
        as_attachment=not shown.inline,
        download_name=shown.name,
    )
    reply.headers["Cache-Control"] = "private, no-store"
    return reply
