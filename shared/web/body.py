"""Parsing a JSON request body into a contract, with errors a person understands."""

from __future__ import annotations

from typing import TypeVar

from flask import request
from pydantic import BaseModel

from shared.web.errors import ApiError

M = TypeVar("M", bound=BaseModel)


def json_body(model: type[M]) -> M:
    """The body validated as `model`: 400 when it is not a JSON object, 422 (with the fields)
    when a field is missing or of the wrong type."""
    data = request.get_json(silent=True, force=True) if request.content_length else None
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_json", "error.malformed_json")
    return model.model_validate(data)
