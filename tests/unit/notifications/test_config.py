"""The notifications' settings are read from the environment once per process (per runtime
settings), not per event or task."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.notifications.config import notify_settings
from shared import runtime


@pytest.fixture
def fresh_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SMTP_RATE", "7")
    runtime.reset()
    yield
    runtime.reset()


def test_settings_are_read_once_and_again_only_after_a_reset(
    fresh_runtime: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = notify_settings()
    assert first.smtp_rate == 7.0
    monkeypatch.setenv("SMTP_RATE", "9")
    assert notify_settings() is first
    assert notify_settings(runtime.settings()) is first
    runtime.reset()
    assert notify_settings().smtp_rate == 9.0
