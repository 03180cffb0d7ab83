"""/healthz says the process is alive; /readyz says whether what it needs answers."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from shared.web.app import add_health_check, create_service_app


def test_alive_needs_nothing_but_the_process(client: FlaskClient) -> None:
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.json["status"] == "alive"


def test_ready_reports_every_dependency(client: FlaskClient) -> None:
    reply = client.get("/readyz")
    assert reply.status_code == 200, reply.json
    assert reply.json["status"] == "ready"
    checks = reply.json["checks"]
    assert {"submission_db", "documents_db", "redis", "storage"} <= set(checks), checks
    assert all(checks.values())


def test_a_failing_dependency_makes_it_unready_and_says_which(sipinda_env: dict[str, str]) -> None:
    def register(app: Flask) -> None:
        add_health_check(app, "storage", lambda: False)

    app = create_service_app("probe", register)
    reply = app.test_client().get("/readyz")
    assert reply.status_code == 503
    assert reply.json["checks"]["storage"] is False
    assert app.test_client().get("/healthz").status_code == 200


def test_an_unreachable_object_store_is_not_ready() -> None:
    from shared.storage import probe

    assert probe("s3://key:secret@127.0.0.1:9/bucket?tls=0")() is False
    assert probe("file:///tmp")() is True
