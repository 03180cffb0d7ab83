"""Errors as a person reads them: JSON `{"error": {"code", "message", "fields"}}` on the API,
a page on the web; the message in the user's language."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from shared.web.i18n import translate

log = logging.getLogger(__name__)

HTTP_KEYS = {
    400: ("bad_request", "error.bad_request"),
    401: ("unauthorized", "error.unauthorized"),
    403: ("forbidden", "error.forbidden"),
    404: ("not_found", "error.not_found"),
    405: ("method_not_allowed", "error.method_not_allowed"),
    413: ("too_large", "error.too_large"),
    503: ("unavailable", "error.unavailable"),
}


class ApiError(Exception):
    """An error with a status, a stable code and a translated message."""

    def __init__(
        self,
        status: int,
        code: str,
        message_key: str,
        fields: dict[str, str] | None = None,
        **values: object,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message_key = message_key
        self.fields = fields or {}
        self.values = values


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(
    status: int, code: str, message: str, fields: dict[str, str] | None = None
) -> Response:
    if wants_json():
        response = jsonify({"error": {"code": code, "message": message, "fields": fields or {}}})
    else:
        response = Response(
            render_template("error.html", status=status, message=message, fields=fields or {}),
            mimetype="text/html",
        )
    response.status_code = status
    return response


def validation_fields(exc: ValidationError) -> dict[str, str]:
    """One message per field, always in the user's language (never pydantic's English)."""
    fields: dict[str, str] = {}
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "body"
        fields[name] = _field_message(err["type"], err.get("ctx") or {})
    return fields


def _field_message(kind: str, ctx: dict[str, Any]) -> str:
    if kind == "missing":
        return translate("field.required")
    if kind == "string_too_long":
        return translate("field.too_long", limit=ctx.get("max_length"))
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return translate("field.required")
        return translate("field.too_short", limit=ctx.get("min_length"))
    if kind == "extra_forbidden":
        return translate("field.unknown")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return translate("field.type")
    return translate("field.invalid")


def install_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return error_response(
            exc.status, exc.code, translate(exc.message_key, **exc.values), exc.fields
        )

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError) -> Response:
        return error_response(
            422, "validation", translate("error.validation"), validation_fields(exc)
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response | HTTPException:
        status = exc.code or 500
        if status not in HTTP_KEYS:
            return exc
        code, key = HTTP_KEYS[status]
        response = error_response(status, code, translate(key))
        if status == 503:
            response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(OperationalError)
    def _database_away(exc: OperationalError) -> Response:
        log.warning("database unavailable: %s", exc)
        response = error_response(503, "unavailable", translate("error.unavailable"))
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def _internal(exc: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal", translate("error.internal"))
