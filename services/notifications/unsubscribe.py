"""One-click unsubscribe links (RFC 8058): a signed token naming a user and an optional kind.

No expiry: a link in an old mail must still work. Signed with SECRET_KEY, so nobody can turn
off another user's notices by guessing.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from services.notifications import composer
from shared.config import Settings

SALT = "sipinda.notifications.unsubscribe"
PATH = "/api/v1/notifications/unsubscribe/"


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=SALT)


def token(secret_key: str, user_id: int, kind: str) -> str:
    return str(_serializer(secret_key).dumps([user_id, kind]))


def read_token(secret_key: str, value: str) -> tuple[int, str] | None:
    try:
        data = _serializer(secret_key).loads(value)
    except BadSignature:
        return None
    match data:
        case [int(user_id), str(kind)]:
            return user_id, kind
    return None


def unsubscribe_url(settings: Settings, user_id: int, kind: str) -> str:
    return composer.absolute(settings.base_url, PATH + token(settings.secret_key, user_id, kind))
