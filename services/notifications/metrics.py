"""Notifications' gauges for /metrics, read at scrape time from its own tables: delivery
attempts by channel and outcome, and notifications by status (a growing `failed` needs a look)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select

from services.notifications.models import Delivery, Notification
from shared import runtime


def families() -> Iterator[Metric]:
    attempts = GaugeMetricFamily(
        "sipinda_deliveries",
        "Delivery attempts so far, by channel and outcome (sent, transient, permanent).",
        labels=["channel", "outcome"],
    )
    notices = GaugeMetricFamily(
        "sipinda_notifications", "Notifications by status.", labels=["status"]
    )
    with runtime.database("notifications").session() as session:
        by_outcome = session.execute(
            select(Delivery.channel, Delivery.outcome, func.count()).group_by(
                Delivery.channel, Delivery.outcome
            )
        ).all()
        by_status = session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        ).all()
    for channel, outcome, count in by_outcome:
        attempts.add_metric([channel, outcome], float(count))
    for status, count in by_status:
        notices.add_metric([str(status)], float(count))
    yield attempts
    yield notices
