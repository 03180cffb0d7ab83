"""Accounts: create, change, sign in, reset the password; every change announced to the others.

Sign-in is the same for every address: a wrong password and an unknown e-mail give the same
error after the same work (an argon2 verification), failures lock any address alike, and a
reset request answers the same whatever the address. Each change of an account publishes
`account.changed` with its whole state, in the transaction of the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity import lockout
from services.identity.errors import (
    AccountLockedError,
    BadCredentialsError,
    InvalidError,
    InvalidResetLinkError,
)
from services.identity.models import OUTBOX, User
from services.identity.passwords import hash_password, needs_rehash, verify_password
from services.identity.reset import consume_reset, create_reset, new_token, password_problem
from services.identity.reset import valid_reset as valid_reset
from shared import outbox
from shared.db import Database
from shared.directory import Account
from shared.events import AccountChanged

UNCHANGED = object()


def now() -> datetime:
    return datetime.now(UTC)


def normal(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == normal(email))).first()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def account_of(user: User) -> Account:
    """The account as the others hold it (never its password hash)."""
    return Account(
        user.id, user.email, user.name, user.role, user.opd_code, user.language, user.active,
        user.session_epoch or 0,
    )  # fmt: skip


def account_event(user: User) -> AccountChanged:
    return AccountChanged(
        id=user.id, email=user.email, full_name=user.name, role=user.role,
        opd_code=user.opd_code, language=user.language, active=user.active,
        session_epoch=user.session_epoch or 0,
    )  # fmt: skip


def announce(session: Session, users: list[User]) -> None:
    """Publish the state of `users` (flushed) to every service's read model."""
    if users:
        session.flush()
        outbox.publish_all(session, OUTBOX, [account_event(u) for u in users])


def announce_all(session: Session) -> int:
    """Publish every account again (a read model rebuilt, a database from before the events)."""
    users = list(session.scalars(select(User).order_by(User.id)))
    announce(session, users)
    return len(users)


def ensure_user(
    session: Session,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    opd_code: str | None,
    language: str = "id",
    password_hash: str | None = None,
) -> tuple[User, bool]:
    """The user with this e-mail, created (and announced) when missing; returns (user, created).
    `password_hash`, when given, is `password` already hashed (the demo accounts share one
    password, and hashing it once spares the first `make run` two seconds of Argon2)."""
    user = find_user_by_email(session, email)
    if user is not None:
        return user, False
    user = User(
        email=normal(email), name=name, role=role,
        password_hash=password_hash or hash_password(password),
        opd_code=opd_code, language=language, active=True, session_epoch=0,
    )  # fmt: skip
    session.add(user)
    announce(session, [user])
    return user, True


def update_account(
    session: Session,
    user: User,
    *,
    name: str | None = None,
    role: str | None = None,
    opd_code: str | object | None = UNCHANGED,
    language: str | None = None,
    active: bool | None = None,
) -> bool:
    """Change what is given; announce it when anything changed (the others' sessions of this
    account end at once on a new role, agency or deactivation). Returns whether it changed."""
    before = account_of(user)
    if name is not None:
        user.name = name
    if role is not None:
        user.role = role
    if opd_code is not UNCHANGED:
        user.opd_code = opd_code if isinstance(opd_code, str) else None
    if language is not None:
        user.language = language
    if active is not None:
        user.active = active
    if account_of(user) == before:
        return False
    announce(session, [user])
    return True


def set_password(session: Session, user: User, password: str) -> None:
    """A new password: the session epoch moves on, so every earlier session and token ends."""
    user.password_hash = hash_password(password)
    next_epoch(session, user)
    announce(session, [user])


def next_epoch(session: Session, user: User) -> None:
    """Move the account's session stamp on in the database itself (not from what this request
    read), so two password changes at once both end every earlier session and token."""
    user.session_epoch = User.session_epoch + 1
    session.flush()
    session.refresh(user, ["session_epoch"])


@dataclass(frozen=True)
class SignedIn:
    account: Account


def check_lock(database: Database, email: str) -> None:
    """Raises `AccountLockedError` while the address is locked."""
    at = now()
    with database.session() as s:
        until = lockout.locked_until(s, normal(email), at)
    if until is not None:
        raise AccountLockedError(int((until - at).total_seconds()) + 1)


def verify(database: Database, email: str, password: str) -> SignedIn:
    """Check the password of an active account; a failure is counted toward the lock and
    raises `BadCredentialsError`, or `AccountLockedError` when it is the one that locks."""
    email, at = normal(email), now()
    with database.session() as s:
        user = find_user_by_email(s, email)
        ok = verify_password(user.password_hash if user else None, password)
        if ok and user is not None and user.active:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            lockout.clear(s, email)
            return SignedIn(account_of(user))
        locked = lockout.record_failure(s, email, at)
    if locked is not None:
        raise AccountLockedError(int((locked - at).total_seconds()))
    raise BadCredentialsError()


def sign_in(database: Database, email: str, password: str) -> SignedIn:
    """`check_lock`, then `verify`: the whole sign-in but for the web's rate limits."""
    check_lock(database, email)
    return verify(database, email, password)


@dataclass(frozen=True)
class ResetMail:
    """What to mail for a reset request: to whom, in which language, with which token."""

    email: str
    name: str
    language: str
    token: str


def request_reset(database: Database, email: str) -> ResetMail | None:
    """A one-time link for an active account, None otherwise, after the same work either way."""
    with database.session() as s:
        user = find_user_by_email(s, email)
        if user is not None and user.active:
            token = create_reset(s, user, now())
            return ResetMail(user.email, user.name, user.language, token)
    new_token()  # the same work as for a real account
    return None


def reset_email(database: Database, token: str) -> str:
    """The e-mail of the account a valid link names; raises `InvalidResetLinkError`."""
    return link_holder(database, token)[0]


def link_holder(database: Database, token: str) -> tuple[str, bool]:
    """The e-mail of the account a valid link names, and whether it has a password yet (an
    invited person sets their first one by the link); raises `InvalidResetLinkError`."""
    with database.session() as s:
        reset = valid_reset(s, token, now())
        user = s.get(User, reset.user_id) if reset is not None else None
        if reset is None or user is None:
            raise InvalidResetLinkError()
        return user.email, user.password_hash.startswith("$argon2")


def check_new_password(password: str, email: str, confirm: str | None = None) -> None:
    """Raises `InvalidError({"password": key})` when the new password will not do."""
    problem = password_problem(password, email)
    if problem is None and confirm is not None and password != confirm:
        problem = "account.password_mismatch"
    if problem is not None:
        raise InvalidError({"password": problem})


def finish_reset(database: Database, token: str, password: str) -> str:
    """Use the link once: new password (ending earlier sessions), lock lifted. Returns the
    e-mail; raises `InvalidResetLinkError` when the link was used meanwhile."""
    with database.session() as s:
        user = consume_reset(s, token, password, now())
        if user is None:
            raise InvalidResetLinkError()
        next_epoch(s, user)
        announce(s, [user])
        lockout.clear(s, user.email)
        return user.email
