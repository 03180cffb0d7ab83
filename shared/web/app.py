"""`create_base_app()`: the Flask app every service starts from."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import redis
from flask import Flask, Response, jsonify
from flask_babel import Babel
from werkzeug.exceptions import NotFound

from shared import formats, runtime
from shared.config import SERVICES, Settings
from shared.directory import account_lookup
from shared.redis_client import asking_once
from shared.web import auth, i18n
from shared.web.body import install_nul_guard
from shared.web.csrf import install_csrf
from shared.web.errors import install_error_handlers
from shared.web.ids import IdConverter
from shared.web.observe import install_observability
from shared.web.openapi import documented, openapi_document

HealthCheck = Callable[[], bool]
MAX_BODY = 64 * 1024 * 1024  # the hard ceiling; each route enforces its own smaller limit
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def create_base_app(name: str, settings: Settings | None = None) -> Flask:
    settings = settings or runtime.settings()
    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.url_map.converters["int"] = IdConverter  # before any route is added
    app.config["SIPINDA_APP_NAME"] = name
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="sipinda_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.base_url.startswith("https://"),
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=MAX_BODY,
        SIPINDA_SETTINGS=settings,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["sipinda.health"] = {}
    # Requests are checked against the serving service's own read table of accounts.
    lookup = account_lookup(lambda: runtime.database(name), name) if name in SERVICES else None
    auth.install(app, lookup)
    if settings.redis_url:
        app.extensions["sipinda.health"]["redis"] = redis_ping(settings.redis_url)
    install_observability(app)
    install_error_handlers(app)
    install_csrf(app)
    install_nul_guard(app)
    install_formats(app)
    app.jinja_env.globals.update(
        t=i18n.translate,
        current_user=auth.current_user,
        current_language=i18n.current_language,
        settings=settings,
    )

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.get("/api/v1/openapi.json")
    @documented("This document", tags=("meta",), auth=False, responses={200: dict[str, Any]})
    def openapi() -> Response:
        return jsonify(openapi_document(app))

    @app.get("/assets/fonts/<name>")
    def font(name: str) -> Response:
        data = interface_font(name)
        if data is None:
            raise NotFound()
        response = Response(data, mimetype="font/ttf")
        response.cache_control.public = True
        response.cache_control.max_age = 7 * 86400
        return response

    @app.get("/healthz")
    def healthz() -> Response:
        """Alive: the process answers. Nothing else is asked, so a slow database never kills it."""
        return jsonify({"status": "alive", "service": app.config["SIPINDA_APP_NAME"]})

    @app.get("/readyz")
    def readyz() -> tuple[Response, int]:
        """Ready: every dependency this service needs (database, Redis, storage) answers."""
        checks = {
            check_name: check() for check_name, check in app.extensions["sipinda.health"].items()
        }
        ok = all(checks.values())
        return jsonify({"status": "ready" if ok else "unavailable", "checks": checks}), (
            200 if ok else 503
        )

    return app


def install_formats(app: Flask) -> None:
    """Flask-Babel picks each request's locale as `i18n.current_language` does (the `ID | EN`
    switch, then Accept-Language, then Indonesian) over the same catalogues; the pages format
    through `shared.formats` in that language: `{{ score|number(2) }}` "7,27",
    `{{ weight|percent }}` "15 %", `{{ at|moment }}` (or `|wib`) "3 Desember 2026, 15.41 WIB",
    `{{ on|day }}` "3 Desember 2026"."""
    Babel(
        app,
        locale_selector=i18n.current_language,
        timezone_selector=lambda: "Asia/Jakarta",
        default_locale=i18n.DEFAULT_LANGUAGE,
        default_translation_directories=";".join(map(str, i18n.catalogue_directories())),
    )
    lang = i18n.current_language
    app.jinja_env.filters.update(
        number=lambda value, digits=None: formats.number(value, lang(), digits),
        percent=lambda value, digits=None: formats.percent(value, lang(), digits),
        moment=lambda value, seconds=False: formats.moment(value, lang(), seconds),
        wib=lambda value: formats.moment(value, lang()),
        day=lambda value, weekday=False: formats.day(value, lang(), weekday),
    )


def interface_font(name: str) -> bytes | None:
    """A font file of the interface, served from the font package (never from the repo)."""
    if "/" in name or not name.endswith(".ttf"):
        return None
    item = resources.files("font_source_sans_pro").joinpath("files", name)
    return item.read_bytes() if item.is_file() else None


def create_service_app(
    name: str, register: Callable[[Flask], None], settings: Settings | None = None
) -> Flask:
    """A service's own web app: the base app plus what the service's `register` adds."""
    app = create_base_app(name, settings)
    register(app)
    return app


def add_health_check(app: Flask, name: str, check: HealthCheck) -> None:
    app.extensions["sipinda.health"][name] = check


def redis_ping(url: str) -> HealthCheck:
    def check() -> bool:
        try:
            return bool(asking_once(url, timeout=1).ping())
        except redis.RedisError:
            return False

    return check
