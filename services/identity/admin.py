"""The administrator's work on accounts: list and find them, invite a person, change a name, role,
agency or language, deactivate and reactivate, send an invitation again or a password-reset link.

Each change happens in one transaction with its `account.changed` event (every service's read
model) and its entry in identity's audit log (`audit.record`, read by the console's audit page).
A deactivation, a new role or a new agency moves the account's session epoch on, so every session
and token signed before ends; the web layer then records the new epoch in Redis
(`shared.web.sessions.end_account`) so that every service refuses them at once.

An invited person has no password yet: a one-time link (the reset links' machinery, with a longer
life) lets them set one. The links are mailed straight from identity, never through an outbox or
a queue, as the reset mail is (`shared.web.mail`): a link is a secret.

An admin can never deactivate themselves nor take their own admin role away, so an installation
always keeps an active administrator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from services.identity import audit
from services.identity.accounts import announce, find_user_by_email, next_epoch, normal
from services.identity.errors import InvalidError, NotFoundError, RefusedError
from services.identity.models import Agency, PasswordReset, User
from services.identity.reset import RESET_TTL, create_reset
from shared.roles import Role
from shared.web.paging import Page, Window, paginate

INVITATION_TTL = timedelta(days=7)
# Never verifies (`passwords.verify_password` takes only argon2 hashes): an invited person sets
# their password by the mailed link.
NO_PASSWORD = "!invited"  # noqa: S105 - a marker, not a secret
ROLES = (Role.INNOVATOR, Role.OPERATOR, Role.VERIFIER, Role.EVALUATOR, Role.ADMIN)
NEEDS_AGENCY = (Role.INNOVATOR, Role.OPERATOR)  # their proposals are their agency's
LANGUAGES = ("id", "en")
STATUSES = ("active", "invited", "inactive")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 200
MAX_EMAIL = 254
MAX_SEARCH = 100


def now() -> datetime:
    return datetime.now(UTC)


# --- the form (pure) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountForm:
    """What the admin typed: kept as typed, so a refused form shows it again."""

    name: str = ""
    email: str = ""
    role: str = ""
    opd_code: str = ""
    language: str = "id"

    @classmethod
    def of(cls, values: Mapping[str, str]) -> AccountForm:
        return cls(
            name=values.get("name", "").strip(),
            email=values.get("email", "").strip(),
            role=values.get("role", "").strip(),
            opd_code=values.get("opd_code", "").strip(),
            language=values.get("language", "id").strip() or "id",
        )

    @classmethod
    def of_row(cls, row: AccountRow) -> AccountForm:
        return cls(row.name, row.email, row.role, row.opd_code or "", row.language)


def form_problems(form: AccountForm, agencies: Iterable[str], *, new: bool) -> dict[str, str]:
    """Pure: each field's problem as the key of its message (the e-mail only when `new`)."""
    problems: dict[str, str] = {}
    if not form.name:
        problems["name"] = "accounts.error.name_required"
    elif len(form.name) > MAX_NAME:
        problems["name"] = "accounts.error.name_too_long"
    if new:
        if not form.email:
            problems["email"] = "accounts.error.email_required"
        elif len(form.email) > MAX_EMAIL or not EMAIL.match(form.email):
            problems["email"] = "accounts.error.email_invalid"
    if not form.role:
        problems["role"] = "accounts.error.role_required"
    elif form.role not in ROLES:
        problems["role"] = "accounts.error.role_unknown"
    if form.opd_code and form.opd_code not in set(agencies):
        problems["opd_code"] = "accounts.error.agency_unknown"
    elif not form.opd_code and form.role in NEEDS_AGENCY:
        problems["opd_code"] = "accounts.error.agency_required"
    if form.language not in LANGUAGES:
        problems["language"] = "accounts.error.language"
    return problems


def status_of(user: User) -> str:
    """`active`, `invited` (active, no password set yet) or `inactive`."""
    if not user.active:
        return "inactive"
    return "active" if has_password(user) else "invited"


def has_password(user: User) -> bool:
    return bool(user.password_hash) and user.password_hash.startswith("$argon2")


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    q: str = ""
    role: str = ""
    status: str = ""

    @classmethod
    def of(cls, args: Mapping[str, str]) -> Filters:
        """The filters a query string asks for; an unknown role or status is no filter."""
        role, status = args.get("role", ""), args.get("status", "")
        return cls(
            q=" ".join(args.get("q", "").split())[:MAX_SEARCH],
            role=role if role in ROLES else "",
            status=status if status in STATUSES else "",
        )


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    email: str
    role: str
    opd_code: str | None
    agency_name: str | None
    language: str
    status: str
    created_at: datetime | None


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _listing(filters: Filters) -> Select[*tuple[Any, ...]]:
    query = select(User, Agency.name).outerjoin(Agency, Agency.code == User.opd_code)
    if filters.q:
        pattern = _like(filters.q)
        query = query.where(
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if filters.role:
        query = query.where(User.role == filters.role)
    if filters.status == "inactive":
        query = query.where(User.active.is_(False))
    elif filters.status == "active":
        query = query.where(User.active.is_(True), User.password_hash.like("$argon2%"))
    elif filters.status == "invited":
        query = query.where(User.active.is_(True), ~User.password_hash.like("$argon2%"))
    return query.order_by(func.lower(User.name), User.id)


def row_of(user: User, agency_name: str | None) -> AccountRow:
    return AccountRow(
        user.id, user.name, user.email, user.role, user.opd_code, agency_name, user.language,
        status_of(user), user.created_at,
    )  # fmt: skip


def accounts_page(session: Session, filters: Filters, window: Window) -> Page[AccountRow]:
    """One page of the accounts the filters select, by name."""
    found = paginate(session, _listing(filters), window, scalars=False)
    return found.map(lambda row: row_of(row[0], row[1]))


def account_row(session: Session, user_id: int) -> AccountRow:
    user = _user(session, user_id)
    agency = session.get(Agency, user.opd_code) if user.opd_code else None
    return row_of(user, agency.name if agency else None)


def agencies(session: Session) -> list[tuple[str, str]]:
    """Every agency as (code, name), by name: the form's choice."""
    rows = session.execute(select(Agency.code, Agency.name).order_by(Agency.name, Agency.code))
    return [(code, name) for code, name in rows]


def _agency_codes(session: Session) -> set[str]:
    return set(session.scalars(select(Agency.code)))


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError()
    return user


# --- changing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkMail:
    """A link to mail: an invitation (`invite`) or a password reset (`reset`)."""

    kind: str
    user_id: int
    email: str
    name: str
    language: str
    token: str
    ttl: timedelta
    role: str = ""


@dataclass(frozen=True)
class Changed:
    """What a change did: the account, whether its sessions ended (and at which new epoch)."""

    user_id: int
    email: str
    sessions_ended: bool = False
    epoch: int = 0


def _link(session: Session, user: User, kind: str) -> LinkMail:
    ttl = INVITATION_TTL if kind == "invite" else RESET_TTL
    token = create_reset(session, user, now(), ttl)
    return LinkMail(kind, user.id, user.email, user.name, user.language, token, ttl, user.role)


def invite(session: Session, actor_id: int, form: AccountForm) -> LinkMail:
    """Create the account, without a password, and the invitation link to mail; raises
    `InvalidError` with every problem of the form."""
    problems = form_problems(form, _agency_codes(session), new=True)
    if "email" not in problems and find_user_by_email(session, form.email) is not None:
        problems["email"] = "accounts.error.email_taken"
    if problems:
        raise InvalidError(problems)
    user = User(
        email=normal(form.email), name=form.name, role=form.role, password_hash=NO_PASSWORD,
        opd_code=form.opd_code or None, language=form.language, active=True, session_epoch=0,
    )  # fmt: skip
    session.add(user)
    session.flush()
    announce(session, [user])
    audit.record(session, actor_id=actor_id, action="account.invite", user=user,
                 details={"account_role": user.role, "opd_code": user.opd_code})  # fmt: skip
    return _link(session, user, "invite")


def check_edit(session: Session, actor_id: int, user_id: int, form: AccountForm) -> User:
    """The account, when `form` may be saved to it; `InvalidError` with every problem."""
    user = _user(session, user_id)
    problems = form_problems(form, _agency_codes(session), new=False)
    if user.id == actor_id and user.role == Role.ADMIN and form.role != Role.ADMIN:
        problems["role"] = "accounts.error.own_admin"
    if problems:
        raise InvalidError(problems)
    return user


def edit(
    session: Session, actor_id: int, user_id: int, form: AccountForm, reason: str = ""
) -> Changed:
    """Change the name, role, agency and language; raises `InvalidError` (the admin's own admin
    role is never taken away: `role`). A new role or agency ends the account's sessions."""
    user = check_edit(session, actor_id, user_id, form)
    before = {"name": user.name, "role": user.role, "opd_code": user.opd_code,
              "language": user.language}  # fmt: skip
    after = {"name": form.name, "role": form.role, "opd_code": form.opd_code or None,
             "language": form.language}  # fmt: skip
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if not changes:
        return Changed(user.id, user.email)
    user.name, user.role = form.name, form.role
    user.opd_code, user.language = form.opd_code or None, form.language
    ends = "role" in changes or "opd_code" in changes
    if ends:
        next_epoch(session, user)
    announce(session, [user])
    action = "account.role" if "role" in changes else "account.edit"
    audit.record(session, actor_id=actor_id, action=action, user=user, reason=reason,
                 details={"changes": changes})  # fmt: skip
    return Changed(user.id, user.email, ends, user.session_epoch)


def deactivate(session: Session, actor_id: int, user_id: int, reason: str = "") -> Changed:
    """The account can no longer sign in; its sessions, tokens and unused links end. Never the
    admin's own (`RefusedError`)."""
    user = _user(session, user_id)
    if user.id == actor_id:
        raise RefusedError("accounts.error.own_deactivate")
    if not user.active:
        return Changed(user.id, user.email)
    user.active = False
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now())
    )
    next_epoch(session, user)
    announce(session, [user])
    audit.record(session, actor_id=actor_id, action="account.deactivate", user=user,
                 reason=reason)  # fmt: skip
    return Changed(user.id, user.email, True, user.session_epoch)


def reactivate(session: Session, actor_id: int, user_id: int) -> Changed:
    """The account may sign in again (with its password: the sessions ended stay ended)."""
    user = _user(session, user_id)
    if user.active:
        return Changed(user.id, user.email)
    user.active = True
    announce(session, [user])
    audit.record(session, actor_id=actor_id, action="account.reactivate", user=user)
    return Changed(user.id, user.email)


def resend_invitation(session: Session, actor_id: int, user_id: int) -> LinkMail:
    """A new invitation link (the earlier ones stop working) for an active account that has
    no password yet; `RefusedError` otherwise."""
    user = _user(session, user_id)
    if not user.active:
        raise RefusedError("accounts.error.inactive")
    if has_password(user):
        raise RefusedError("accounts.error.has_password")
    audit.record(session, actor_id=actor_id, action="account.invite_resend", user=user)
    return _link(session, user, "invite")


def send_reset(session: Session, actor_id: int, user_id: int) -> LinkMail:
    """A password-reset link for an active account (the earlier ones stop working; one with no
    password yet gets its invitation again); the password changes only when its holder
    follows the link."""
    user = _user(session, user_id)
    if not user.active:
        raise RefusedError("accounts.error.inactive")
    if not has_password(user):  # no password to reset yet: the invitation again
        return resend_invitation(session, actor_id, user_id)
    audit.record(session, actor_id=actor_id, action="account.password_reset", user=user)
    return _link(session, user, "reset")
