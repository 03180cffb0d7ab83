"""Fixtures for the notifications service (defined in tests/support/notifications.py, shared
with its unit tests)."""

from tests.support.notifications import (  # noqa: F401 - fixtures, found by pytest by name
    database,
    database_url,
    live_runtime,
    settings,
    smtp_server,
)
