"""Parsing a JSON request body into a contract, with errors a person understands."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from flask import Flask, request
from pydantic import BaseModel

from shared.web.errors import ApiError
from shared.web.i18n import translate

M = TypeVar("M", bound=BaseModel)


def json_body(model: type[M]) -> M:
    """The body validated as `model`: 400 when it is not a JSON object, 422 (with the fields)
    when a field is missing or of the wrong type, or holds a NUL character (PostgreSQL refuses
    to store one: it was a 500)."""
    data = request.get_json(silent=True, force=True) if request.content_length else None
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "error.malformed_json")
    if found := list(_nul_fields(data, "")):
        fields = {name: translate("field.nul") for name in found}
        raise ApiError(422, "validation", "error.validation", fields)
    return model.model_validate(data)


def _nul_fields(value: Any, at: str) -> Iterator[str]:
    """The dotted names (as in validation errors) of every string holding a NUL, keys too."""
    if isinstance(value, str):
        if "\x00" in value:
            yield at or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{at}.{key}" if at else str(key)
            if "\x00" in str(key):
                yield name
            yield from _nul_fields(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_fields(item, f"{at}.{index}" if at else str(index))


def install_nul_guard(app: Flask) -> None:
    """Refuse a NUL in the query string or a form field, as `json_body` does in JSON: the
    pages' forms and the filters reach PostgreSQL too."""

    @app.before_request
    def _refuse_nul() -> None:
        # Only a url-encoded form is read here: a multipart body (an upload) is left unread
        # until its route has checked its size, and its few text fields are checked there.
        sources = [request.args]
        if request.mimetype == "application/x-www-form-urlencoded":
            sources.append(request.form)
        found = [
            name
            for source in sources
            for name, value in source.items(multi=True)
            if "\x00" in name or "\x00" in str(value)
        ]
        if found:
            fields = {name: translate("field.nul") for name in found}
            raise ApiError(422, "validation", "error.validation", fields)
