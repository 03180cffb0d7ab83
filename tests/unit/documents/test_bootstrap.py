"""The press is built once per process (per runtime settings), not per event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.documents import bootstrap
from shared import runtime


@pytest.fixture
def fresh_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SIPINDA_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("STORAGE_URL", f"file://{tmp_path / 'storage'}")
    monkeypatch.setenv("LETTERHEAD_ADDRESS", "Jl. Sekali No. 1")
    runtime.reset()
    yield
    runtime.reset()


def test_the_press_is_read_once_and_again_only_after_a_reset(
    fresh_runtime: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = bootstrap.press()
    monkeypatch.setenv("LETTERHEAD_ADDRESS", "Jl. Kedua No. 2")
    assert bootstrap.press() is first
    assert first.deploy["letterhead"]["address"] == "Jl. Sekali No. 1"
    runtime.reset()
    again = bootstrap.press()
    assert again is not first
    assert again.deploy["letterhead"]["address"] == "Jl. Kedua No. 2"
