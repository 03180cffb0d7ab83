"""The notifications service's web app (for now: the development mailbox)."""

from __future__ import annotations

from flask import Flask

from services.notifications.routes import bp
from shared import runtime
from shared.config import Settings
from shared.web import i18n
from shared.web.app import add_health_check, create_service_app

MESSAGES = {
    "mailbox.intro": {
        "id": "Email yang diterima server SMTP pengembangan ({total}). Tidak ada yang benar-benar "
        "dikirim keluar.",
        "en": "Mail received by the development SMTP server ({total}). "
        "Nothing leaves this machine.",
    },
    "mailbox.to": {"id": "kepada", "en": "to"},
    "mailbox.from": {"id": "dari", "en": "from"},
    "mailbox.empty": {"id": "Belum ada email.", "en": "No mail yet."},
}


def register(app: Flask) -> None:
    i18n.register(MESSAGES)
    settings = app.config["SIPINDA_SETTINGS"]
    if not settings.production:
        app.register_blueprint(bp)
    add_health_check(app, "notifications_db", runtime.database("notifications").ping)


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("notifications", register, settings)
