"""The notifications service's web app: inbox, preferences, failed deliveries, dev mailbox."""

from __future__ import annotations

from flask import Flask, Response

from services.notifications import api, inbox, pages
from services.notifications.errors import (
    Forbidden,
    InvalidToken,
    MandatoryNotice,
    NotFound,
    UnknownKind,
)
from shared import runtime
from shared.config import Settings
from shared.web import i18n
from shared.web.app import add_health_check, create_service_app
from shared.web.auth import current_user
from shared.web.errors import error_response
from shared.web.i18n import translate

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
    "notifications.inbox": {"id": "Pemberitahuan", "en": "Notifications"},
    "notifications.unread": {"id": "{count} belum dibaca", "en": "{count} unread"},
    "notifications.empty": {"id": "Belum ada pemberitahuan.", "en": "No notifications yet."},
    "notifications.mark_read": {"id": "Tandai sudah dibaca", "en": "Mark read"},
    "notifications.email_failed": {
        "id": "email tidak dapat dikirim; pesan ini tetap tersimpan di sini",
        "en": "the e-mail could not be delivered; this message is kept here",
    },
    "notifications.preferences": {"id": "Pengaturan pemberitahuan", "en": "Notification settings"},
    "notifications.preferences_intro": {
        "id": "Pemberitahuan wajib tidak dapat dimatikan. Pemberitahuan yang dimatikan tetap "
        "tampil di kotak pemberitahuan, hanya tidak dikirim lewat email.",
        "en": "Mandatory notices cannot be turned off. A notice turned off still shows in your "
        "inbox; it is just not e-mailed.",
    },
    "notifications.mandatory_label": {"id": "wajib", "en": "mandatory"},
    "notifications.turn_off": {"id": "Matikan email ini", "en": "Turn this e-mail off"},
    "notifications.turn_on": {"id": "Nyalakan lagi", "en": "Turn it back on"},
    "notifications.unsubscribed": {
        "id": "Pemberitahuan ini tidak akan dikirim lagi lewat email.",
        "en": "This notice will no longer be e-mailed to you.",
    },
    "notifications.failed": {"id": "Pengiriman gagal", "en": "Failed deliveries"},
    "notifications.none_failed": {"id": "Tidak ada pengiriman gagal.", "en": "No failed delivery."},
    "notifications.subject": {"id": "perihal", "en": "subject"},
    "notifications.channel": {"id": "saluran", "en": "channel"},
    "notifications.attempts": {"id": "percobaan", "en": "attempts"},
    "notifications.server_answer": {"id": "jawaban server", "en": "server's answer"},
    "notifications.last_attempt": {"id": "percobaan terakhir", "en": "last attempt"},
    "notifications.invalid_limit": {
        "id": "Parameter limit harus bilangan 1 sampai 200.",
        "en": "The limit parameter must be a number from 1 to 200.",
    },
    "notifications.unknown_kind": {
        "id": "Jenis pemberitahuan tidak dikenal: {kind}.",
        "en": "Unknown kind of notice: {kind}.",
    },
    "notifications.mandatory": {
        "id": "Pemberitahuan {kind} wajib dan tidak dapat dimatikan.",
        "en": "The {kind} notice is mandatory and cannot be turned off.",
    },
    "notifications.invalid_token": {
        "id": "Tautan berhenti berlangganan tidak valid.",
        "en": "The unsubscribe link is not valid.",
    },
    "notice.submission_received": {"id": "Proposal diterima", "en": "Proposal received"},
    "notice.proposal_returned": {"id": "Proposal dikembalikan", "en": "Proposal returned"},
    "notice.proposal_withdrawn": {"id": "Proposal ditarik", "en": "Proposal withdrawn"},
    "notice.under_review": {"id": "Proposal sedang dinilai", "en": "Proposal under review"},
    "notice.evaluator_assigned": {"id": "Penugasan penilaian", "en": "Review assignment"},
    "notice.review_released": {"id": "Penugasan dicabut", "en": "Assignment withdrawn"},
    "notice.review_reminder": {"id": "Pengingat batas waktu", "en": "Due-date reminder"},
    "notice.review_overdue": {"id": "Penilaian terlambat", "en": "Review overdue"},
    "notice.decision_made": {"id": "Keputusan", "en": "Decision"},
    "notice.evaluator_invited": {"id": "Undangan evaluator", "en": "Evaluator invitation"},
    "notice.team_invited": {"id": "Undangan tim inovasi", "en": "Innovation team invitation"},
    "notice.dossier_ready": {"id": "Berkas proposal siap", "en": "Proposal dossier ready"},
    "notice.document_ready": {"id": "Dokumen siap", "en": "Document ready"},
    "notice.assignment_letter": {"id": "Surat tugas", "en": "Letter of assignment"},
    "notice.admin_digest": {"id": "Ringkasan harian admin", "en": "Admin daily digest"},
}


def _not_found(exc: NotFound) -> Response:
    return error_response(404, "not_found", translate("error.not_found"))


def _forbidden(exc: Forbidden) -> Response:
    return error_response(403, "forbidden", translate("error.forbidden"))


def _unknown_kind(exc: UnknownKind) -> Response:
    message = translate("notifications.unknown_kind", kind=exc.kind)
    return error_response(400, "unknown_kind", message)


def _mandatory(exc: MandatoryNotice) -> Response:
    return error_response(400, "mandatory", translate("notifications.mandatory", kind=exc.kind))


def _invalid_token(exc: InvalidToken) -> Response:
    return error_response(400, "invalid_token", translate("notifications.invalid_token"))


def register(app: Flask) -> None:
    i18n.register(MESSAGES)
    settings = app.config["SIPINDA_SETTINGS"]
    # For the page header (base.html): `{{ notifications_unread() }}`, 0 when signed out.
    app.jinja_env.globals["notifications_unread"] = unread_for_current_user
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    if not settings.production:
        app.register_blueprint(pages.dev)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Forbidden, _forbidden)
    app.register_error_handler(UnknownKind, _unknown_kind)
    app.register_error_handler(MandatoryNotice, _mandatory)
    app.register_error_handler(InvalidToken, _invalid_token)
    add_health_check(app, "notifications_db", runtime.database("notifications").ping)


def unread_for_current_user() -> int:
    """The signed-in user's unread count (0 when signed out)."""
    user = current_user()
    if user is None:
        return 0
    with runtime.database("notifications").session() as session:
        return inbox.unread(session, user.id)


def create_app(settings: Settings | None = None) -> Flask:
    return create_service_app("notifications", register, settings)
