"""Configuration, languages, passwords and the agency tree."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from services.identity.agencies import cilegon_agencies, related
from services.identity.passwords import _hashing, hash_password, verify_password
from shared.config import DEFAULT_SECRET, ConfigError, Settings
from shared.web.i18n import pick_language


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Settings.from_env({"SIPINDA_ENV": "production", "SECRET_KEY": DEFAULT_SECRET})


def test_service_database_url_falls_back_to_database_url_then_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"SIPINDA_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgresql://db/x",
           "REVIEW_DATABASE_URL": "postgresql://other/review"}  # fmt: skip
    settings = Settings.from_env(env)
    assert settings.database_url("review") == "postgresql://other/review"
    assert settings.database_url("documents") == "postgresql://db/x"
    bare = Settings.from_env({"SIPINDA_VAR_DIR": str(tmp_path)})
    assert bare.database_url("identity") == f"sqlite:///{tmp_path / 'identity.db'}"


@pytest.mark.parametrize(
    ("header", "cookie", "expected"),
    [
        (None, None, "id"),
        ("en-US,en;q=0.9", None, "en"),
        ("fr;q=1, en;q=0.5", None, "en"),
        ("en", "id", "id"),
        ("de", None, "id"),
        ("en;q=garbage", None, "id"),
    ],
)
def test_language_follows_cookie_then_accept_language(header, cookie, expected) -> None:  # type: ignore[no-untyped-def]
    assert pick_language(header, cookie) == expected


def test_argon2id_hashes_verify_and_reject() -> None:
    stored = hash_password("kata-sandi")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "kata-sandi")
    assert not verify_password(stored, "salah")
    assert not verify_password(None, "kata-sandi")


def test_only_the_test_environment_hashes_cheaply() -> None:
    """A deployment hashes with argon2-cffi's defaults (RFC 9106); the suite with the cheapest
    profile, and a hash of either kind verifies in the other."""
    real, _ = _hashing("production")
    cheap, _ = _hashing("test")
    assert (real.time_cost, real.memory_cost) == (
        PasswordHasher().time_cost,
        PasswordHasher().memory_cost,
    )
    assert real.memory_cost >= 64 * 1024  # KiB: RFC 9106's second recommended option
    assert cheap.memory_cost < real.memory_cost
    assert verify_password(real.hash("kata-sandi"), "kata-sandi")
    assert real.verify(cheap.hash("kata-sandi"), "kata-sandi")
    assert real.check_needs_rehash(cheap.hash("kata-sandi"))  # raised at the next sign-in


def test_cilegon_seed_has_its_kecamatan_and_kelurahan_parents_first() -> None:
    rows = cilegon_agencies()
    kinds = [r.kind for r in rows]
    assert kinds.count("kecamatan") == 8
    assert kinds.count("kelurahan") == 43
    seen: set[str] = set()
    for row in rows:
        assert row.parent_code is None or row.parent_code in seen
        seen.add(row.code)


def test_related_agencies_are_the_same_or_in_one_line() -> None:
    parents = {r.code: r.parent_code for r in cilegon_agencies()}
    assert related("kel-cibeber", "kec-cibeber", parents)
    assert related("kec-cibeber", "kel-cibeber", parents)
    assert related("setda", "setda-hukum", parents)
    assert related("dinkes", "rsud", parents)
    assert not related("kel-cibeber", "kel-bulakan", parents)
    assert not related("dinkes", None, parents)
