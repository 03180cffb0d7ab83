"""What identity's pages and API share: the sign-in limits, sign-in and reset for a request,
the claims of a session, and the HTTP form of identity's domain errors (once, for both)."""

from __future__ import annotations

import logging

from flask import current_app, request, url_for

from services.identity import accounts
from services.identity.admin import INVITATION_TTL
from services.identity.errors import (
    AccountLockedError,
    BadCredentialsError,
    IdentityError,
    InvalidError,
)
from services.identity.lockout import DEFAULT_ADDRESS_POLICY, address_backoff
from services.identity.reset import RESET_TTL
from shared import runtime
from shared.db import Database
from shared.web import mail, ratelimit
from shared.web.auth import Claims
from shared.web.errors import ApiError
from shared.web.i18n import LANGUAGES, translate, translate_in
from shared.web.ratelimit import Limit, RateLimitError, count_hit, enforce, ensure_below
from shared.web.redirects import request_target

# Sign-in limits count failures only: an office behind one address signs in freely, and its
# failures slow down wrong passwords only (`lockout.address_backoff`).
LOGIN_FAILURES_PER_IP = Limit("login-ip", DEFAULT_ADDRESS_POLICY.budget, 900)
LOGIN_FAILURES_PER_ACCOUNT = Limit("login-account", 5, 300)
RESET_PER_IP = Limit("reset-ip", 10, 3600)
RESET_PER_ACCOUNT = Limit("reset-account", 3, 3600)
RESET_MINUTES = int(RESET_TTL.total_seconds() // 60)
INVITATION_DAYS = INVITATION_TTL.days
log = logging.getLogger(__name__)


def database() -> Database:
    return runtime.database("identity")


def client_ip() -> str:
    return request.remote_addr or "unknown"


def as_api_error(exc: IdentityError) -> ApiError:
    """The HTTP form of a domain error (429 with Retry-After for a lock)."""
    if isinstance(exc, AccountLockedError):
        return RateLimitError(exc.retry_after, exc.code, exc.message_key)
    if isinstance(exc, InvalidError):
        fields = {name: translate(key) for name, key in exc.problems.items()}
        return ApiError(422, exc.code, exc.message_key, fields=fields)
    statuses = {"bad_credentials": 401, "invalid_token": 400, "not_found": 404, "refused": 409}
    status = statuses.get(exc.code, 400)
    return ApiError(status, exc.code, exc.message_key)


def sign_in(email: str, password: str) -> Claims:
    """The claims to sign for these credentials, or a refusal. Only the account's own lock and
    limit refuse a right password (`AccountLockedError`, 429). Failures from one network
    address are counted too, but never refuse a right password for an account that is not
    locked (an agency behind one NAT must not be locked out by someone's typos or guesses): past
    the address's budget a wrong password is answered 429 with a growing Retry-After."""
    email, ip = accounts.normal(email), client_ip()
    accounts.check_lock(database(), email)
    ensure_below(LOGIN_FAILURES_PER_ACCOUNT, email)
    try:
        signed = accounts.verify(database(), email, password)
    except (BadCredentialsError, AccountLockedError) as exc:
        from_address = count_hit(LOGIN_FAILURES_PER_IP, ip)
        count_hit(LOGIN_FAILURES_PER_ACCOUNT, email)
        failures = from_address.hits if from_address is not None else 0
        wait = address_backoff(failures)
        if wait is not None and isinstance(exc, BadCredentialsError):
            # For the operator: guessing from one address (each account's lock still holds).
            log.warning("sign-in failures from %s past its budget: %s", ip, failures)
            raise RateLimitError(wait) from exc
        raise
    return Claims.of_account(signed.account)


def request_reset(email: str) -> None:
    """Mail a one-time link when `email` has an active account; the same answer either way."""
    email = accounts.normal(email)
    enforce(RESET_PER_IP, client_ip())
    enforce(RESET_PER_ACCOUNT, email)
    found = accounts.request_reset(database(), email)
    if found is None:
        return
    send_link("reset", found.email, found.name, found.language, found.token)


def send_link(kind: str, email: str, name: str, language: str, token: str, role: str = "") -> None:
    """Mail a one-time link straight to its holder (never through an outbox: it is a secret):
    an invitation to set a first password (`invite`) or a password reset (`reset`), in the
    holder's language."""
    settings = runtime.settings()
    language = language if language in LANGUAGES else "id"
    link = f"{settings.base_url}{url_for('auth.reset_password', token=token)}"
    if kind == "invite":
        role_words = translate_in(language, f"role.{role}") if role else ""
        body = translate_in(
            language, "mail.invite_body", name=name, email=email, role=role_words, link=link,
            days=INVITATION_DAYS, login=f"{settings.base_url}{url_for('auth.login')}",
        )  # fmt: skip
        subject = translate_in(language, "mail.invite_subject")
    else:
        body = translate_in(language, "mail.reset_body", name=name, link=link,
                            minutes=RESET_MINUTES)  # fmt: skip
        subject = translate_in(language, "mail.reset_subject")
    message = mail.compose(settings.mail_from, email, subject, body)
    thread = mail.send_in_background(settings.smtp_url, message)
    if thread is not None and current_app.config.get("ACCOUNT_MAIL_WAIT"):
        thread.join()


def finish_reset(token: str, password: str) -> None:
    """Set the new password by the link; the address's sign-in failures are forgotten."""
    email = accounts.finish_reset(database(), token, password)
    limiter = ratelimit.limiter()
    if limiter is not None:
        limiter.reset(LOGIN_FAILURES_PER_ACCOUNT, email)


def valid_email(email: str) -> bool:
    local, at, domain = email.strip().partition("@")
    return bool(local and at and "." in domain and " " not in email.strip())


def safe_next(target: str | None) -> str:
    """Where to go after signing in or switching language: `shared.web.redirects`' rule."""
    return request_target(target)
