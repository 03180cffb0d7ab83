"""How many idle connections a process keeps per PostgreSQL database: `DATABASE_POOL_SIZE`, or
what the caller asks for (a test's occasional checks beside a deployment keep none)."""

from __future__ import annotations

import pytest
from sqlalchemy.pool import NullPool, QueuePool

from shared.db import Database

URL = "postgresql://postgres@127.0.0.1:5432/test"  # never connected to here


def test_the_environment_sets_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_POOL_SIZE", "3")
    pool = Database("x", URL).engine.pool
    assert isinstance(pool, QueuePool)
    assert pool.size() == 3
    monkeypatch.setenv("DATABASE_POOL_SIZE", "0")
    assert isinstance(Database("x", URL).engine.pool, NullPool)


def test_the_caller_can_ask_for_none_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_POOL_SIZE", "5")
    assert isinstance(Database("x", URL, pool_size=0).engine.pool, NullPool)
    kept = Database("x", URL, pool_size=2).engine.pool
    assert isinstance(kept, QueuePool)
    assert kept.size() == 2
