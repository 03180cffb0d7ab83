"""OpenAPI 3.1, generated from the routes themselves.

A view declares its contract with `@documented(...)`; `openapi_document(app)` walks the app's URL
map, so the document describes exactly the routes that app serves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask
from pydantic import BaseModel, TypeAdapter

from shared.web.ids import ID_MAX

F = TypeVar("F", bound=Callable[..., Any])
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}


@dataclass(frozen=True)
class Contract:
    summary: str
    tags: tuple[str, ...]
    body: type[BaseModel] | None = None
    responses: dict[int, Any] = field(default_factory=dict)
    auth: bool = True
    content_type: str = "application/json"


def documented(
    summary: str,
    *,
    tags: tuple[str, ...] = (),
    body: type[BaseModel] | None = None,
    responses: dict[int, Any] | None = None,
    auth: bool = True,
    content_type: str = "application/json",
) -> Callable[[F], F]:
    def attach(view: F) -> F:
        view.__openapi__ = Contract(summary, tags, body, responses or {}, auth, content_type)  # type: ignore[attr-defined]
        return view

    return attach


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _schema(kind: Any, components: dict[str, Any]) -> dict[str, Any]:
    schema = TypeAdapter(kind).json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    return schema


def _success(kind: Any, components: dict[str, Any]) -> dict[str, Any]:
    """A success response: None (no body), a media type (a file or page), a model (JSON), or a
    tuple of those when the answer depends on the request (a page or JSON)."""
    if kind is None:
        return {"description": "OK"}
    content: dict[str, Any] = {}
    for one in kind if isinstance(kind, tuple) else (kind,):
        if isinstance(one, str):
            content[one] = {"schema": {"type": "string", "format": "binary"}}
        else:
            content["application/json"] = {"schema": _schema(one, components)}
    return {"description": "OK", "content": content}


def _error_statuses(contract: Contract, method: str) -> tuple[int, ...]:
    statuses = (400, 401, 403, 404, 422) if contract.auth else (400, 401, 404, 422)
    # A change the object's state forbids (submit twice, a released review) is a 409.
    return statuses if method == "GET" else (*statuses, 409)


def _error_content(path: str) -> dict[str, Any]:
    """An error is JSON on the API; outside it, a page unless the client asks for JSON."""
    content: dict[str, Any] = {
        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
    }
    if not path.startswith("/api/"):
        content["text/html"] = {"schema": {"type": "string"}}
    return content


def openapi_document(app: Flask, title: str = "SIPINDA API") -> dict[str, Any]:
    components: dict[str, Any] = {"Error": ERROR_SCHEMA}
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        contract: Contract | None = getattr(app.view_functions[rule.endpoint], "__openapi__", None)
        if contract is None:
            continue
        path = _PARAM.sub(r"{\2}", rule.rule)
        parameters = [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": (
                    {"type": "integer", "minimum": 0, "maximum": ID_MAX}
                    if conv == "int"
                    else {"type": "string"}
                ),
            }
            for conv, name in _PARAM.findall(rule.rule)
        ]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op: dict[str, Any] = {
                "summary": contract.summary,
                "operationId": f"{rule.endpoint}.{method.lower()}",
                "tags": list(contract.tags),
                "parameters": parameters,
                "responses": {},
            }
            if contract.auth:
                op["security"] = [{"bearer": []}]
            if contract.body is not None:
                op["requestBody"] = {
                    "required": True,
                    "content": {
                        contract.content_type: {"schema": _schema(contract.body, components)}
                    },
                }
            for status, kind in contract.responses.items():
                op["responses"][str(status)] = _success(kind, components)
            for status in _error_statuses(contract, method):
                op["responses"].setdefault(
                    str(status), {"description": "Error", "content": _error_content(path)}
                )
            paths.setdefault(path, {})[method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1"},
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
