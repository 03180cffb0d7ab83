"""Identity's web app: sign-in, account pages and API; domain errors mapped to HTTP once.

Its own pages check a request's claims against identity's own tables (the source of truth),
where every other service checks its read table.
"""

from __future__ import annotations

from flask import Flask, Response
from sqlalchemy import select

from services.identity import (  # noqa: F401 - they add their routes to the blueprint
    admin_pages,
    api,
    pages,
)
from services.identity.blueprint import bp
from services.identity.errors import IdentityError
from services.identity.models import User
from services.identity.web import as_api_error
from shared import runtime
from shared.config import Settings
from shared.directory import Account
from shared.web import auth
from shared.web.app import add_health_check, create_base_app
from shared.web.errors import error_response
from shared.web.i18n import translate
from shared.web.ratelimit import RateLimitError

_ACCOUNT = (User.id, User.email, User.name, User.role, User.opd_code, User.language,
            User.active, User.session_epoch)  # fmt: skip


def own_account(user_id: int) -> Account | None:
    """The account's state in identity's own table, through a bare connection."""
    with runtime.database("identity").engine.connect() as connection:
        row = connection.execute(select(*_ACCOUNT).where(User.id == user_id)).first()
    if row is None:
        return None
    return Account(row.id, row.email, row.name, row.role, row.opd_code, row.language,
                   row.active, row.session_epoch or 0)  # fmt: skip


def _refused(exc: IdentityError) -> Response:
    error = as_api_error(exc)
    response = error_response(
        error.status, error.code, translate(error.message_key, **error.values), error.fields
    )
    if isinstance(error, RateLimitError):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def register(app: Flask) -> None:
    """Add identity to `app` (its own, the portal's, or the all-in-one app)."""
    app.register_blueprint(bp)
    app.register_error_handler(IdentityError, _refused)
    auth.install_own(app, (bp.name,), own_account)
    add_health_check(app, "identity_db", runtime.database("identity").ping)


def create_app(settings: Settings | None = None) -> Flask:
    app = create_base_app("identity", settings or runtime.settings())
    auth.install(app, own_account)
    register(app)
    return app
