"""Schemathesis over the OpenAPI document of every service, signed in as a real demo user:
no 5xx, and every response matches its documented status, content type and schema.

The combined app (`create_web_app("all")`) serves every service's routes, so its document is the
union of theirs. Operations are driven from inside one test per role rather than through
`schemathesis.pytest.from_fixture`: its lazy loader writes `Node._nodeid`, gone in pytest 9.

Six examples per operation and mode, except where more add nothing: a GET with no input sends
the same request every time (a token it asks for is generated, then replaced by the role's), so
one example is all of it; and an operation whose only input is a free-text path segment has no
invalid request (any string is a segment), so it has no negative run (Hypothesis gave up on each
only after hundreds of tries)."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.submission import token

pytestmark = pytest.mark.abuse

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = {"admin": "admin@sipinda.test", "innovator": "inovator.dinkes@sipinda.test"}
FIRST_ROLE = min(ROLES)  # the role whose run also fuzzes the public operations
FUZZ = settings(
    max_examples=6,  # per operation and mode: two modes, two roles, every operation
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture(scope="module")
def operations(app: Flask) -> list[APIOperation]:
    """The document's operations, loaded once for both roles' runs."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def examples(operation: APIOperation, mode: GenerationMode) -> int:
    """How many examples of `operation` add something in `mode` (see the module's text)."""
    raw = operation.definition.raw
    parameters, body = raw.get("parameters") or [], "requestBody" in raw
    if mode is GenerationMode.POSITIVE:
        same_every_time = operation.method.upper() == "GET" and not parameters and not body
        return 1 if same_every_time else FUZZ.max_examples
    free_text = all(
        p.get("in") == "path" and p.get("schema") == {"type": "string"} for p in parameters
    )
    return 0 if public(operation) and parameters and free_text and not body else FUZZ.max_examples


def fuzz(operation: APIOperation, mode: GenerationMode, headers: dict[str, str]) -> str | None:
    """The first failure Hypothesis finds for one operation, shrunk, or None."""
    count = examples(operation, mode)
    if not count:
        return None

    @settings(FUZZ, max_examples=count)
    @given(case=operation.as_strategy(mode))
    def run(case: Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:  # no invalid value exists for it, though `examples` did not foresee it
        return None
    except (Exception, BaseExceptionGroup) as failure:  # every failure is reported, not raised
        return f"{mode.value} {operation.label}: {failure}"
    return None


def public(operation: APIOperation) -> bool:
    """An operation the document asks no token for (sign-in, a document's verification, the
    unsubscribe link): its handler never reads who calls, so one role's run fuzzes it for all."""
    return operation.definition.raw.get("security") is None


def ends_the_token(operation: APIOperation) -> bool:
    """Revoking the caller's token: fuzzed with a token of its own (the others keep theirs)."""
    return (operation.method.upper(), operation.path) == ("DELETE", "/api/v1/auth/token")


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_operation_conforms(app: Flask, operations: list[APIOperation], role: str) -> None:
    headers = token(app.test_client(), ROLES[role])
    found = [
        failure
        for operation in operations
        if role == FIRST_ROLE or not public(operation)
        for mode in MODES
        if (
            failure := fuzz(
                operation,
                mode,
                token(app.test_client(), ROLES[role]) if ends_the_token(operation) else headers,
            )
        )
    ]
    assert not found, "\n\n".join(found)


def test_the_fuzzed_document_holds_every_services_operations(app: Flask) -> None:
    """Each service's own app (as deployed behind nginx) documents nothing the combined app,
    fuzzed above, does not."""
    from services.platform.web import create_web_app
    from shared.config import SERVICES

    combined = app.test_client().get("/api/v1/openapi.json").json
    for service in SERVICES:
        own = create_web_app(service).test_client().get("/api/v1/openapi.json").json
        for path, operations in own["paths"].items():
            assert set(operations) <= set(combined["paths"].get(path, {})), (service, path)
