"""The secret that signs sessions and tokens: SECRET_KEY when given; else, outside production,
one made at random for the installation and kept under var/; the published development default
never (production without SECRET_KEY refuses to start, as before)."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest

from shared.config import DEFAULT_SECRET, SECRET_FILE, ConfigError, Settings


def test_without_secret_key_an_installation_makes_its_own_and_keeps_it(tmp_path: Path) -> None:
    first = Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path / "a")})
    again = Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path / "a")})
    other = Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path / "b")})
    assert first.secret_key == again.secret_key  # every process of one installation alike
    assert other.secret_key != first.secret_key  # no two installations alike
    assert len(first.secret_key) >= 32
    assert DEFAULT_SECRET not in (first.secret_key, other.secret_key)
    kept = tmp_path / "a" / SECRET_FILE
    assert kept.read_text() == first.secret_key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # readable by its owner only


def test_processes_starting_at_once_agree_on_one_secret(tmp_path: Path) -> None:
    env = {"SIPINDA_VAR_DIR": str(tmp_path)}
    found: list[str] = []
    threads = [
        threading.Thread(target=lambda: found.append(Settings.from_env(env).secret_key))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8
    assert len(set(found)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [SECRET_FILE]  # no drafts left behind


def test_a_given_secret_key_is_used_and_nothing_is_written(tmp_path: Path) -> None:
    given = "x" * 40
    settings = Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path), "SECRET_KEY": given})
    assert settings.secret_key == given
    assert not (tmp_path / SECRET_FILE).exists()


@pytest.mark.parametrize("env", ["development", "test", "production"])
def test_the_published_default_is_refused_in_every_mode(tmp_path: Path, env: str) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(
            {"SIPINDA_VAR_DIR": str(tmp_path), "SIPINDA_ENV": env, "SECRET_KEY": DEFAULT_SECRET}
        )


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path), "SIPINDA_ENV": "production"})
    assert not (tmp_path / SECRET_FILE).exists()


def test_an_unusable_secret_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / SECRET_FILE).write_text("short")
    with pytest.raises(ConfigError):
        Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path)})
