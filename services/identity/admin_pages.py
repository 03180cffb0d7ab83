"""The administrator's account pages: the list (search, filters, pages), the invitation form, an
account's page (edit; send the invitation again or a password-reset link; deactivate and
reactivate), and the confirmation steps of a deactivation and of a role taken away.

Plain HTML forms that work without JavaScript: a refused form comes back with what was typed and
each error beside its field; an irreversible step is a page of its own that says what will
happen, with one button that does it; afterwards a message says what was done and how to undo it.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as Redirect

from services.identity import admin, web
from services.identity.admin import AccountForm, Changed, Filters, LinkMail
from services.identity.blueprint import bp
from services.identity.errors import InvalidError, RefusedError
from shared.web import paging, sessions
from shared.web.auth import CurrentUser, page_login_required, require_role, require_user
from shared.web.i18n import translate

MAX_REASON = 500


def _admin() -> CurrentUser:
    user = require_user()
    require_role(user, "admin")
    return user


def _errors(problems: dict[str, str]) -> dict[str, str]:
    return {field: translate(key) for field, key in problems.items()}


def _choices() -> dict[str, Any]:
    """What every account form offers: the roles, agencies by name, languages."""
    with web.database().session() as s:
        agencies = admin.agencies(s)
    return {"roles": admin.ROLES, "agencies": agencies, "languages": admin.LANGUAGES}


def _reason() -> str:
    return request.form.get("reason", "").strip()[:MAX_REASON]


def _mail(link: LinkMail) -> None:
    web.send_link(link.kind, link.email, link.name, link.language, link.token, link.role)


def _ended(changed: Changed) -> None:
    """Every service refuses the account's older sessions and tokens from now on."""
    if changed.sessions_ended:
        sessions.end_account(changed.user_id, changed.epoch)


@bp.get("/admin/accounts")
@page_login_required
def accounts() -> str:
    _admin()
    filters = Filters.of(request.args)
    with web.database().session() as s:
        found = admin.accounts_page(s, filters, paging.window_of(request.args))
    return render_template(
        "accounts/list.html", rows=found.items, filters=filters, roles=admin.ROLES,
        statuses=admin.STATUSES, pager=found.linked(request.path, request.args.items(multi=True)),
    )  # fmt: skip


@bp.route("/admin/accounts/new", methods=["GET", "POST"])
@page_login_required
def new_account() -> Any:
    actor = _admin()
    form, errors = AccountForm(), {}
    if request.method == "POST":
        form = AccountForm.of(request.form)
        try:
            with web.database().session() as s:
                link = admin.invite(s, actor.id, form)
        except InvalidError as exc:
            errors = _errors(exc.problems)
        else:
            _mail(link)
            flash(translate("accounts.invited", name=form.name, email=link.email,
                            days=web.INVITATION_DAYS), "success")  # fmt: skip
            return redirect(url_for("auth.account", user_id=link.user_id), 303)
    page = render_template("accounts/new.html", form=form, errors=errors,
                           days=web.INVITATION_DAYS, **_choices())  # fmt: skip
    return page, 422 if errors else 200


@bp.route("/admin/accounts/<int:user_id>", methods=["GET", "POST"])
@page_login_required
def account(user_id: int) -> Any:
    actor = _admin()
    with web.database().session() as s:
        row = admin.account_row(s, user_id)
    form, errors = AccountForm(row.name, row.email, row.role, row.opd_code or "", row.language), {}
    if request.method == "POST":
        form = AccountForm.of({**request.form, "email": row.email})
        try:
            with web.database().session() as s:
                admin.check_edit(s, actor.id, user_id, form)
            if form.role != row.role and request.form.get("confirmed") != "1":
                return render_template(
                    "accounts/confirm_role.html", row=row, form=form, choices=_choices()
                )
            with web.database().session() as s:
                changed = admin.edit(s, actor.id, user_id, form, _reason())
        except InvalidError as exc:
            errors = _errors(exc.problems)
        else:
            _ended(changed)
            _flash_edit(row, form, changed)
            return redirect(url_for("auth.account", user_id=user_id), 303)
    page = render_template(
        "accounts/account.html", row=row, form=form, errors=errors, own=row.id == actor.id,
        **_choices(),
    )  # fmt: skip
    return page, 422 if errors else 200


def _flash_edit(row: admin.AccountRow, form: AccountForm, changed: Changed) -> None:
    if form.role != row.role:
        flash(translate("accounts.role_changed", name=form.name,
                        new=translate(f"role.{form.role}"),
                        old=translate(f"role.{row.role}")), "success")  # fmt: skip
    elif changed.sessions_ended or form != AccountForm.of_row(row):
        flash(translate("accounts.saved", name=form.name), "success")
    else:
        flash(translate("accounts.unchanged"), "success")
    if changed.sessions_ended:
        flash(translate("accounts.sessions_ended", name=form.name), "success")


@bp.route("/admin/accounts/<int:user_id>/deactivate", methods=["GET", "POST"])
@page_login_required
def deactivate_account(user_id: int) -> Any:
    actor = _admin()
    with web.database().session() as s:
        row = admin.account_row(s, user_id)
    if request.method == "GET":
        own = row.id == actor.id
        return render_template("accounts/confirm_deactivate.html", row=row, own=own)
    try:
        with web.database().session() as s:
            changed = admin.deactivate(s, actor.id, user_id, _reason())
    except RefusedError as exc:
        flash(translate(exc.message_key), "error")
        return redirect(url_for("auth.account", user_id=user_id), 303)
    _ended(changed)
    flash(translate("accounts.deactivated", name=row.name), "success")
    return redirect(url_for("auth.account", user_id=user_id), 303)


@bp.post("/admin/accounts/<int:user_id>/reactivate")
@page_login_required
def reactivate_account(user_id: int) -> Redirect:
    actor = _admin()
    with web.database().session() as s:
        row = admin.account_row(s, user_id)
        admin.reactivate(s, actor.id, user_id)
    flash(translate("accounts.reactivated", name=row.name), "success")
    return redirect(url_for("auth.account", user_id=user_id), 303)


@bp.post("/admin/accounts/<int:user_id>/invitation")
@page_login_required
def resend_invitation(user_id: int) -> Redirect:
    actor = _admin()
    try:
        with web.database().session() as s:
            link = admin.resend_invitation(s, actor.id, user_id)
    except RefusedError as exc:
        flash(translate(exc.message_key), "error")
    else:
        _mail(link)
        flash(translate("accounts.invitation_resent", email=link.email,
                        days=web.INVITATION_DAYS), "success")  # fmt: skip
    return redirect(url_for("auth.account", user_id=user_id), 303)


@bp.post("/admin/accounts/<int:user_id>/password-reset")
@page_login_required
def send_password_reset(user_id: int) -> Redirect:
    actor = _admin()
    try:
        with web.database().session() as s:
            link = admin.send_reset(s, actor.id, user_id)
    except RefusedError as exc:
        flash(translate(exc.message_key), "error")
    else:
        _mail(link)
        if link.kind == "invite":
            flash(translate("accounts.invitation_resent", email=link.email,
                            days=web.INVITATION_DAYS), "success")  # fmt: skip
        else:
            flash(translate("accounts.reset_sent", email=link.email,
                            minutes=web.RESET_MINUTES), "success")  # fmt: skip
    return redirect(url_for("auth.account", user_id=user_id), 303)
