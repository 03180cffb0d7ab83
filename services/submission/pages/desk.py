"""The proposal list, which is the verifier's desk: filters by status, agency, category and
group, a search over the proposals' text, counts, and the bulk check (pass or return a
selection, after a confirmation that lists what will happen)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from services.submission import calls, checks, directory, listing, search, states, team
from services.submission.access import actor, require
from services.submission.pages import REFUSALS, Page, bp, form_errors
from services.submission.rules import can_check
from services.submission.schemas import CheckIn, ProposalOut
from shared.web import paging
from shared.web.auth import CurrentUser, page_login_required, require_user
from shared.web.i18n import translate

ARGS = ("status", "opd_code", "category", "group", "call_id", "q")
BULK = ("pass", "return")


def _chosen() -> dict[str, str | None]:
    """The list's filters as the query string has them."""
    return {k: (request.args.get(k) or "").strip()[:300] or None for k in ARGS}


def _filters(chosen: dict[str, str | None]) -> dict[str, Any]:
    filters: dict[str, Any] = {k: chosen[k] for k in ("status", "opd_code", "category", "group")}
    filters["q"] = chosen["q"]
    call_id = chosen["call_id"]
    if call_id:
        # An unknown call finds nothing rather than everything.
        filters["call_id"] = int(call_id) if call_id.isdigit() and len(call_id) < 10 else -1
    return filters


@bp.get("/proposals")
@page_login_required
def index() -> str:
    return list_page()


def list_page(errors: dict[str, str] | None = None, typed: dict[str, Any] | None = None) -> str:
    """The list as the query string filters it; with the bulk form's `errors` and what was
    `typed` in it when a bulk check was refused."""
    user = require_user()
    chosen = _chosen()
    filters = _filters(chosen)
    query = urlencode([(k, v) for k, v in chosen.items() if v])
    counts = listing.status_counts(user, **filters)
    found = listing.visible_page(user, paging.window_of(request.args), counts=counts, **filters)
    checker = can_check(actor(user))
    agencies = directory.agency_names()
    return render_template(
        "submission/index.html",
        proposals=found.items,
        pager=found.linked(request.path, request.args.items(multi=True)),
        total=found.total,
        calls=calls.list_calls(),
        invitations=team.invitations(user),
        statuses=states.STATES,
        counts=counts,
        short_words=search.short_words(chosen.get("q")),
        choices=listing.choices(user),
        chosen=chosen,
        query=query,
        export_query=query,
        agencies=agencies,
        agency_options=sorted(agencies.items(), key=lambda item: item[1].casefold()),
        staff=user.role in {"admin", "verifier"},  # who searches and filters by agency code
        status_href=lambda status: _back(
            urlencode([(k, v) for k, v in {**chosen, "status": status}.items() if v])
        ),
        checker=checker,
        waiting=checker and any(p.status == states.SUBMITTED for p in found.items),
        errors=errors or {},
        typed=typed or {"ids": [], "fixes": "", "note": ""},
    )


# --- the bulk check --------------------------------------------------------------------------


def _ids() -> list[int]:
    raw = request.form.getlist("ids")
    return list(dict.fromkeys(int(v) for v in raw if v.isdigit() and len(v) < 10))


def _bulk_body(decision: str) -> CheckIn:
    typed = "\n".join(request.form.getlist("fixes"))  # one text, or one field a fix (confirm)
    fixes = [line.strip() for line in typed.splitlines() if line.strip()]
    return CheckIn.model_validate(
        {
            "decision": decision,
            # Passing in bulk is the verifier's word that each proposal meets the checklist.
            "items": dict.fromkeys(checks.CHECK_ITEMS, True) if decision == "pass" else {},
            "fixes": fixes if decision == "return" else [],
            "note": request.form.get("note", "").strip(),
        }
    )


def _back(query: str) -> str:
    return url_for("submission_pages.index") + (f"?{query}" if query else "")


@bp.post("/proposals/check")
@page_login_required
def bulk_check() -> Page:
    """Pass or return the checked proposals: first a page listing what will happen, then, once
    confirmed there, each proposal checked on its own, and a message saying what was done."""
    user = require_user()
    require(can_check(actor(user)))
    decision = request.form.get("decision", "")
    ids = _ids()
    typed = {"ids": ids, "fixes": request.form.get("fixes", ""),
             "note": request.form.get("note", "")}  # fmt: skip
    query = urlencode([(k, v) for k, v in _chosen().items() if v])
    errors: dict[str, str] = {}
    if decision not in BULK:
        errors["decision"] = translate("bulk.choose_decision")
    confirmed = request.form.get("confirm") == "1"
    selection = listing.selected(user, ids)
    waiting = [p for p in selection if p.status == states.SUBMITTED]
    if not (selection if confirmed else waiting):
        errors["ids"] = translate("bulk.nothing_chosen")
    if not errors:
        try:
            body = _bulk_body(decision)
            if decision == "return" and not body.fixes:
                errors["fixes"] = translate("check.fixes_needed")
        except REFUSALS as exc:
            errors = form_errors(exc)
    if errors:
        return list_page(errors, typed), 422
    if not confirmed:
        skipped = [p for p in selection if p.status != states.SUBMITTED]
        return _confirm_page(decision, body, waiting, skipped, query)
    # What moved on since the confirmation page is refused by `record_check`, and reported.
    return _carry_out(user, body, selection, query)


def _confirm_page(
    decision: str,
    body: CheckIn,
    chosen: list[ProposalOut],
    skipped: list[ProposalOut],
    query: str,
) -> str:
    return render_template(
        "submission/bulk_confirm.html",
        decision=decision,
        body=body,
        chosen=chosen,
        skipped=skipped,
        agencies=directory.agency_names(),
        query=query,
        back=_back(query),
    )


def _carry_out(user: CurrentUser, body: CheckIn, chosen: list[ProposalOut], query: str) -> Response:
    outcomes = checks.record_checks(user, chosen, body)
    done = [o for o in outcomes if o.error is None]
    failed = [o for o in outcomes if o.error is not None]
    if done:
        titles = "; ".join(o.title for o in done)
        flash(translate(f"bulk.done.{body.decision}", count=len(done), titles=titles), "ok")
    if failed:
        why = "; ".join(f"{o.title} ({translate(o.error or '', **o.values)})" for o in failed)
        flash(translate("bulk.failed", count=len(failed), which=why), "error")
    return redirect(_back(query), 303)
