"""One-click unsubscribe links (RFC 8058): a signed token naming a user and an optional kind.

No expiry: a link in an old mail must still work. Signed with SECRET_KEY, so nobody can turn
off another user's notices by guessing.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from services.notifications import composer
from services.notifications.errors import InvalidToken
from shared.config import Settings

SALT = "sipinda.notifications.unsubscribe"
PATH = "/api/v1/notifications/unsubscribe/"


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=SALT)


def token(secret_key: str, user_id: int, kind: str) -> str:
    """The signed token naming the user and the kind."""
    return str(_serializer(secret_key).dumps([user_id, kind]))


def read_token(secret_key: str, value: str) -> tuple[int, str] | None:
    """The (user id, kind) a token names, or None for one not signed here."""
    try:
        data = _serializer(secret_key).loads(value)
    except BadSignature:
        return None
    match data:
        case [int(user_id), str(kind)]:
            return user_id, kind
    return None


def subscriber(secret_key: str, value: str) -> tuple[int, str]:
    """The (user id, kind) a link names; `InvalidToken` for one not signed here."""
    found = read_token(secret_key, value)
    if found is None:
        raise InvalidToken(value)
    return found


def unsubscribe_url(settings: Settings, user_id: int, kind: str) -> str:
    """The one-click link, in a mail, that turns `kind` off for the user."""
    return composer.absolute(settings.base_url, PATH + token(settings.secret_key, user_id, kind))
