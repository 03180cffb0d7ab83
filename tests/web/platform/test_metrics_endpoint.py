"""GET /metrics: the series the operators' dashboards need, and only for the inside."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


def test_metrics_expose_requests_queues_and_outbox_lag(client: FlaskClient) -> None:
    assert client.get("/api/v1/proposals").status_code == 401
    reply = client.get("/metrics")
    assert reply.status_code == 200
    assert reply.content_type.startswith("text/plain")
    text = reply.get_data(as_text=True)
    for series in (
        "sipinda_http_requests_total{",
        "sipinda_http_request_duration_seconds_bucket{",
        'sipinda_queue_length{queue="documents"}',
        'sipinda_outbox_pending{service="submission"}',
        'sipinda_outbox_lag_seconds{service="review"}',
        "# TYPE sipinda_deliveries gauge",
        "# TYPE sipinda_notifications gauge",
    ):
        assert series in text, series
    counted = [
        line for line in text.splitlines() if line.startswith("sipinda_http_requests_total{")
    ]
    assert any('route="/api/v1/proposals"' in c and 'status="401"' in c for c in counted), counted


def test_metrics_are_hidden_from_the_internet(client: FlaskClient) -> None:
    public = client.get("/metrics", environ_base={"REMOTE_ADDR": "8.8.8.8"})
    assert public.status_code == 404


def test_a_token_opens_them_from_anywhere(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-scraper-token")
    outside = {"REMOTE_ADDR": "8.8.8.8"}
    assert client.get("/metrics", environ_base=outside).status_code == 404
    bearer = {"Authorization": "Bearer s3cret-scraper-token"}
    assert client.get("/metrics", environ_base=outside, headers=bearer).status_code == 200
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404


def test_every_answer_names_its_request(client: FlaskClient) -> None:
    reply = client.get("/healthz", headers={"X-Request-ID": "probe-0000001"})
    assert reply.headers["X-Request-ID"] == "probe-0000001"
    assert len(client.get("/healthz").headers["X-Request-ID"]) == 32
