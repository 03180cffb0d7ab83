"""Who is asking: a bearer token on the API, a session cookie on pages. The authentication
contract every service shares, with no identity table behind it.

Identity signs the claims at sign-in (uid, e-mail, name, role, agency, language, the account's
session epoch, and the id of the session or token), with SECRET_KEY and a 12-hour age limit, so
every service verifies them alone. A request is signed in when the signature and age hold, its
session or token id has not been ended (Redis, `shared.web.sessions`; an outage ends nothing),
and the account's state this service holds (its read table, fed by `account.changed`) agrees:
no row yet and the claims stand; a row that is inactive, or whose role, agency or epoch differ
from the claims, and nobody is signed in. Identity's own pages check identity's own tables.
A password change moves the epoch on, which ends every session signed in before it; so do a
deactivation and a new role or agency given by the admin, which identity also records in Redis
(`sessions.end_account`), so every service refuses the older claims at once, before its read
table hears of the change.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlencode

from flask import Flask, current_app, g, redirect, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

from shared.directory import Account, AccountLookup
from shared.web import sessions
from shared.web.errors import ApiError

TOKEN_MAX_AGE = 12 * 3600
CLAIMS_KEY = "who"  # the session cookie's claims (beside "uid" and "sid")
LOOKUP = "sipinda.accounts"  # app.extensions: the AccountLookup of the serving service
OWN_LOOKUPS = "sipinda.accounts.by_blueprint"  # a blueprint that checks a lookup of its own
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class CurrentUser:
    id: int
    email: str
    name: str
    role: str
    opd_code: str | None
    language: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "role": self.role,
            "opd_code": self.opd_code,
        }


@dataclass(frozen=True)
class Claims:
    """What a session cookie or a bearer token says about its holder, signed by identity."""

    uid: int
    email: str
    name: str
    role: str
    opd_code: str | None
    language: str
    epoch: int
    sid: str

    def to_wire(self) -> dict[str, Any]:
        return {
            "uid": self.uid, "em": self.email, "nm": self.name, "ro": self.role,
            "op": self.opd_code, "la": self.language, "ep": self.epoch, "sid": self.sid,
        }  # fmt: skip

    @classmethod
    def of(cls, data: object, sid: str | None = None) -> Claims | None:
        """The claims of a decoded token or cookie, None when any is missing or mistyped."""
        if not isinstance(data, dict):
            return None
        uid, epoch, sid = data.get("uid"), data.get("ep"), sid or data.get("sid")
        texts = [data.get(k) for k in ("em", "nm", "ro", "la")]
        opd = data.get("op")
        if not (isinstance(uid, int) and isinstance(epoch, int) and isinstance(sid, str) and sid):
            return None
        if not all(isinstance(t, str) for t in texts) or not (opd is None or isinstance(opd, str)):
            return None
        email, name, role, language = (str(t) for t in texts)
        return cls(uid, email, name, role, opd, language, epoch, sid)

    @classmethod
    def of_account(cls, account: Account, sid: str | None = None) -> Claims:
        """The claims identity signs for `account` (a fresh session or token id by default)."""
        return cls(
            account.id, account.email, account.name, account.role, account.opd_code,
            account.language, account.session_epoch, sid or secrets.token_urlsafe(16),
        )  # fmt: skip


def signed_in(claims: Claims, account: Account | None) -> CurrentUser | None:
    """Pure: the user the claims sign in, given the account state this service holds.

    No state yet (its event has not arrived): the claims stand. An inactive account, another
    role, agency or session epoch: nobody. Otherwise the held name and language, the fresher."""
    if account is None:
        return CurrentUser(
            claims.uid, claims.email, claims.name, claims.role, claims.opd_code, claims.language
        )
    if not account.active or (account.role, account.opd_code, account.session_epoch) != (
        claims.role,
        claims.opd_code,
        claims.epoch,
    ):
        return None
    return CurrentUser(
        account.id, account.email, account.name, account.role, account.opd_code, account.language
    )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sipinda.api-token")


def issue_token(claims: Claims) -> str:
    """A bearer token carrying `claims`; `revoke_token` ends it by its id."""
    return _serializer().dumps(claims.to_wire())


def cookie_values(claims: Claims) -> dict[str, Any]:
    """What a signed-in session cookie holds (`sessions.begin` has named the session)."""
    return {"uid": claims.uid, CLAIMS_KEY: claims.to_wire(), sessions.KEY: claims.sid}


def _token_claims(token: str) -> Claims | None:
    try:
        data = _serializer().loads(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    return Claims.of(data)


def _bearer() -> Claims | bool | None:
    """The bearer token's claims, None for a bad one, False when the request has none."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    return _token_claims(header.removeprefix("Bearer ").strip())


def revoke_token() -> None:
    """End the bearer token this request was made with, for the rest of its life."""
    claims = _bearer()
    if isinstance(claims, Claims):
        sessions.end_id(claims.sid, timedelta(seconds=TOKEN_MAX_AGE))
    g.pop("user", None)


def install(app: Flask, lookup: AccountLookup | None) -> None:
    """Check the claims of `app`'s requests against `lookup` (None: the claims alone)."""
    app.extensions[LOOKUP] = lookup


def install_own(app: Flask, blueprints: tuple[str, ...], lookup: AccountLookup) -> None:
    """Requests to `blueprints` check `lookup` rather than the app's (identity's pages)."""
    app.extensions.setdefault(OWN_LOOKUPS, {}).update(dict.fromkeys(blueprints, lookup))


def _lookup() -> AccountLookup | None:
    own: dict[str, AccountLookup] = current_app.extensions.get(OWN_LOOKUPS, {})
    if request.blueprint in own:
        return own[request.blueprint]
    found: AccountLookup | None = current_app.extensions.get(LOOKUP)
    return found


def _load(claims: Claims | None) -> CurrentUser | None:
    if claims is None or sessions.is_ended(claims.sid, claims.uid, claims.epoch):
        return None
    lookup = _lookup()
    return signed_in(claims, lookup(claims.uid) if lookup is not None else None)


def current_user() -> CurrentUser | None:
    if "user" not in g:
        bearer = _bearer()
        if bearer is not False:
            g.user = _load(bearer if isinstance(bearer, Claims) else None)
        elif _cookie_allowed():
            # The session's id is the cookie's own (`sessions`): no id, nobody (signed out, or a
            # cookie from before session ids).
            sid = sessions.current_id()
            g.user = _load(Claims.of(session.get(CLAIMS_KEY), sid) if sid else None)
        else:
            g.user = None
    user: CurrentUser | None = g.user
    return user


def _cookie_allowed() -> bool:
    """The session cookie authenticates pages and the API's reads. A state-changing API call
    needs the bearer header, which a cross-site form can never send: no CSRF through the API."""
    return not request.path.startswith("/api/") or request.method in {"GET", "HEAD", "OPTIONS"}


def require_user() -> CurrentUser:
    user = current_user()
    if user is None:
        raise ApiError(401, "unauthorized", "error.unauthorized")
    return user


def api_login_required(view: Callable[P, R]) -> Callable[P, R]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        require_user()
        return view(*args, **kwargs)

    return wrapper


def page_login_required(view: Callable[P, Any]) -> Callable[P, Any]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        if current_user() is None:
            # A path, not url_for: a service's own app has no sign-in page (behind nginx,
            # `/login` reaches the one that has).
            next_page = request.full_path.rstrip("?")
            return redirect("/login?" + urlencode({"next": next_page}, safe="!$'()*,/:;?@"))
        return view(*args, **kwargs)

    return wrapper


def require_role(user: CurrentUser, *roles: str) -> None:
    if user.role not in roles:
        raise ApiError(403, "forbidden", "error.forbidden")
