"""Who is asking: a bearer token on the API, a session cookie on pages.

Tokens are signed and time-limited (itsdangerous with SECRET_KEY), so every service verifies them
without a shared session store. Each request loads the user from the identity database, so a
deactivated account stops working at once. Sessions (and the tokens issued at sign-in) carry a
stamp derived from the password hash: changing the password ends every other session. Each token
has an id, which its holder can end for good (sign-out for API clients, `revoke_token`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlencode

from flask import current_app, g, redirect, request, session
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from shared import runtime
from shared.identity.models import User
from shared.web import sessions
from shared.web.errors import ApiError

TOKEN_MAX_AGE = 12 * 3600
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

    @classmethod
    def of(cls, user: User) -> CurrentUser:
        return cls(user.id, user.email, user.name, user.role, user.opd_code, user.language)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "role": self.role,
            "opd_code": self.opd_code,
        }


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sipinda.api-token")


def session_stamp(password_hash: str) -> str:
    """A keyed digest of the password hash: it changes when the password does."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, password_hash.encode(), hashlib.sha256).hexdigest()[:24]


def issue_token(user_id: int, stamp: str | None = None) -> str:
    """A bearer token with an id of its own (`revoke_token` ends it); with `stamp` (sign-in
    passes it) it also dies when the password changes."""
    data: dict[str, Any] = {"uid": user_id, "sid": secrets.token_urlsafe(16)}
    if stamp is not None:
        data["st"] = stamp
    return _serializer().dumps(data)


@dataclass(frozen=True)
class TokenClaims:
    uid: int | None = None
    stamp: str | None = None
    sid: str | None = None  # None in a token issued before tokens had ids: it only expires


def _token_claims(token: str) -> TokenClaims:
    try:
        data = _serializer().loads(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return TokenClaims()
    if not isinstance(data, dict):
        return TokenClaims()
    uid, stamp, sid = data.get("uid"), data.get("st"), data.get("sid")
    return TokenClaims(
        uid if isinstance(uid, int) else None,
        stamp if isinstance(stamp, str) else None,
        sid if isinstance(sid, str) and sid else None,
    )


def _bearer() -> TokenClaims | None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return _token_claims(header.removeprefix("Bearer ").strip())


def revoke_token() -> None:
    """End the bearer token this request was made with, for the rest of its life."""
    claims = _bearer()
    if claims is not None and claims.sid is not None:
        sessions.end_id(claims.sid, timedelta(seconds=TOKEN_MAX_AGE))
    g.pop("user", None)


_USER_ROW = select(
    User.id, User.email, User.name, User.role, User.opd_code, User.language, User.active,
    User.password_hash,
)  # fmt: skip


def _load(user_id: int | None, stamp: str | None, stamp_required: bool) -> CurrentUser | None:
    """The signed-in user, read on every request (a deactivated account or a changed password
    takes effect at once): one row, through a bare connection rather than an ORM session."""
    if user_id is None or (stamp_required and stamp is None):
        return None
    with runtime.database("identity").engine.connect() as connection:
        user = connection.execute(_USER_ROW.where(User.id == user_id)).first()
    if user is None or not user.active:
        return None
    if stamp is not None and not hmac.compare_digest(stamp, session_stamp(user.password_hash)):
        return None
    return CurrentUser(user.id, user.email, user.name, user.role, user.opd_code, user.language)


def current_user() -> CurrentUser | None:
    if "user" not in g:
        claims = _bearer()
        if claims is not None:
            revoked = claims.sid is not None and sessions.is_ended(claims.sid)
            g.user = None if revoked else _load(claims.uid, claims.stamp, stamp_required=False)
        elif _cookie_allowed():
            uid, stamp = session.get("uid"), session.get("stamp")
            sid = sessions.current_id()
            if sid is None or sessions.is_ended(sid):  # signed out, or from before session ids
                uid = None
            g.user = _load(
                uid if isinstance(uid, int) else None,
                stamp if isinstance(stamp, str) else None,
                stamp_required=True,
            )
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
