"""Field errors are the user's language, never pydantic's English."""

from __future__ import annotations

from typing import Annotated

import pytest
from flask import Flask
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from shared.web.errors import validation_fields


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    title: Annotated[str, StringConstraints(min_length=3, max_length=10)]
    summary: Annotated[str, StringConstraints(min_length=1)]
    count: int = 0
    email: Annotated[str, StringConstraints(pattern=r"^\S+@\S+$")] = "a@b"


def errors_of(data: dict[str, object], language: str) -> dict[str, str]:
    app = Flask(__name__)
    with app.test_request_context(headers={"Accept-Language": language}):
        with pytest.raises(ValidationError) as caught:
            Form.model_validate(data)
        return validation_fields(caught.value)


@pytest.mark.parametrize(
    ("data", "field", "indonesian", "english"),
    [
        ({"summary": "x"}, "title", "Wajib diisi.", "Required."),
        ({"title": "ab", "summary": "x"}, "title", "minimal 3 karakter", "at least 3 characters"),
        ({"title": "a" * 11, "summary": "x"}, "title", "maksimal 10", "at most 10"),
        ({"title": "abc", "summary": ""}, "summary", "Wajib diisi.", "Required."),
        ({"title": "abc", "summary": "x", "count": "2"}, "count", "tidak sesuai", "Wrong type"),
        ({"title": "abc", "summary": "x", "color": 1}, "color", "tidak dikenal", "Unknown"),
        ({"title": "abc", "summary": "x", "email": "no"}, "email", "tidak valid", "Invalid"),
    ],
)
def test_each_kind_of_error_reads_in_both_languages(
    data: dict[str, object], field: str, indonesian: str, english: str
) -> None:
    assert indonesian in errors_of(data, "id")[field]
    assert english in errors_of(data, "en")[field]
