"""Submit and withdraw ask first. Their buttons open a page that says what will happen (what is
sent and to whom, what ends, what cannot be undone); only its form, posted with `confirm=yes`,
acts. A post without it shows the same page and changes nothing. The message afterwards says
what was done and what comes next."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.submission import confirmations, proposals, states
from services.submission.pages import REFUSALS, Page, bp, form_errors, status_of
from services.submission.pages.proposals import proposal_page
from shared.web.auth import page_login_required, require_user
from shared.web.i18n import translate


def confirmed() -> bool:
    return request.method == "POST" and request.form.get("confirm") == "yes"


@bp.route("/proposals/<int:proposal_id>/submit", methods=["GET", "POST"])
@page_login_required
def submit(proposal_id: int) -> Page:
    """Ask, with a summary of what is sent; submit once confirmed. A proposal that cannot be
    sent (incomplete, late, already sent) shows why on its own page, before any question."""
    user = require_user()
    try:
        if not confirmed():
            preview = confirmations.submit_preview(user, proposal_id)
            return render_template(
                "submission/confirm_submit.html",
                preview=preview,
                kind_label=lambda kind: proposals.kind_label(kind, preview.definition),
            )
        done = proposals.submit(user, proposal_id)
    except REFUSALS as exc:
        page = proposal_page(proposal_id, None, form_errors(exc), submit_failed=True)
        return page, status_of(exc)
    if done.status == states.SUBMITTED:
        flash(translate("submit.done.checked", version=done.version_no), "ok")
    else:
        flash(translate("submit.done.admitted", version=done.version_no), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))


@bp.route("/proposals/<int:proposal_id>/withdraw", methods=["GET", "POST"])
@page_login_required
def withdraw(proposal_id: int) -> Page:
    """Ask, saying what withdrawing ends and that it is final; withdraw once confirmed."""
    user = require_user()
    try:
        if not confirmed():
            preview = confirmations.withdraw_preview(user, proposal_id)
            return render_template("submission/confirm_withdraw.html", preview=preview)
        proposals.withdraw(user, proposal_id)
    except REFUSALS as exc:
        # Too late (under review, decided, withdrawn already): the proposal says why.
        flash(" ".join(form_errors(exc).values()), "error")
        return redirect(url_for("submission_pages.show", proposal_id=proposal_id), 303)
    flash(translate("withdraw.done"), "ok")
    return redirect(url_for("submission_pages.show", proposal_id=proposal_id))
