"""`sipinda create-admin EMAIL` on a new, empty deployment (issue 21): a production installation
can make its first administrator, who can then sign in; the password never goes on the command
line; a bad password changes nothing; running it again for the same address makes no second
account."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from services.identity.passwords import verify_password
from shared.config import Settings
from shared.db import create_db_engine
from tests.support.deployment import Deployment
from tests.support.environment import sipinda_environment
from tests.support.servers import python_argv

pytestmark = pytest.mark.integration

EMAIL = "kepala.bappedalitbang@cilegon.go.id"


def sipinda(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        python_argv("-m", "services.platform.cli", *args),
        env=env, input=stdin, capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A deployment of its own (PostgreSQL where DATABASE_URL names one), migrated, no seed."""
    with sipinda_environment(tmp_path / "new") as environment:
        env = {**Deployment(environment.vars, tmp_path / "new").env}
        migrated = sipinda(env, "migrate")
        assert migrated.returncode == 0, migrated.stderr
        yield env


def accounts(env: dict[str, str]) -> list[tuple[str, str, bool, str]]:
    engine = create_db_engine(Settings.from_env(env).database_url("identity"))
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT email, role, active, password_hash FROM users ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    return [(str(e), str(r), bool(a), str(h)) for e, r, a, h in rows]


def test_the_first_administrator_of_an_empty_deployment(empty: dict[str, str]) -> None:
    assert accounts(empty) == []
    short = sipinda(empty, "create-admin", EMAIL, "--password-stdin", stdin="pendek\n")
    assert short.returncode == 2
    assert "Kata sandi" in short.stderr  # said in Indonesian and in English
    assert accounts(empty) == []  # nothing written

    made = sipinda(empty, "create-admin", EMAIL, "--name", "Kepala Bappedalitbang",
                   "--password-stdin", stdin="sandi-pertama-yang-panjang\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    [(email, role, active, hashed)] = accounts(empty)
    assert (email, role, active) == (EMAIL, "admin", True)
    assert verify_password(hashed, "sandi-pertama-yang-panjang")

    again = sipinda(empty, "create-admin", EMAIL.upper(), "--password-stdin",
                    stdin="sandi-kedua-yang-panjang\n")  # fmt: skip
    assert again.returncode == 0, again.stderr
    [(_, role, _, hashed)] = accounts(empty)  # the same account, its password changed
    assert role == "admin"
    assert verify_password(hashed, "sandi-kedua-yang-panjang")


def test_without_a_terminal_the_password_must_come_on_stdin(empty: dict[str, str]) -> None:
    refused = sipinda(empty, "create-admin", EMAIL)
    assert refused.returncode == 2
    assert "--password-stdin" in refused.stderr
    assert accounts(empty) == []
