"""Content-addressed storage: local folder and memory behave alike; keys never escape the root."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from services.documents.storage import (
    InMemoryStorage,
    LocalStorage,
    Storage,
    storage_from_url,
)

DATA = b"%PDF-1.7 example bytes"
KEY = hashlib.sha256(DATA).hexdigest() + ".pdf"


@pytest.fixture(params=["local", "memory"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    return LocalStorage(tmp_path / "files") if request.param == "local" else InMemoryStorage()


def test_put_returns_the_content_hash_and_get_returns_the_bytes(storage: Storage) -> None:
    key = storage.put(DATA, ".pdf")
    assert key == KEY
    assert storage.exists(key)
    assert storage.get(key) == DATA


def test_storing_the_same_bytes_twice_gives_the_same_key(storage: Storage) -> None:
    assert storage.put(DATA, ".pdf") == storage.put(DATA, ".pdf")


def test_missing_key_raises_key_error(storage: Storage) -> None:
    missing = "0" * 64 + ".pdf"
    assert not storage.exists(missing)
    with pytest.raises(KeyError):
        storage.get(missing)


@pytest.mark.parametrize(
    "key", ["../../etc/passwd", "/etc/passwd", "ab/cd/" + "a" * 64, "A" * 64, "a" * 64 + "/x", ""]
)
def test_malformed_keys_are_refused(storage: Storage, key: str) -> None:
    with pytest.raises(ValueError, match="not a storage key"):
        storage.get(key)
    with pytest.raises(ValueError, match="not a storage key"):
        storage.exists(key)


@pytest.mark.parametrize("suffix", ["pdf", ".PDF", "./x", ".p/df", ".pdf\n"])
def test_malformed_suffixes_are_refused(storage: Storage, suffix: str) -> None:
    with pytest.raises(ValueError, match="invalid suffix"):
        storage.put(DATA, suffix)


def test_local_files_are_sharded_by_hash_prefix(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    key = storage.put(DATA, ".pdf")
    assert (tmp_path / key[:2] / key[2:4] / key).read_bytes() == DATA


def test_local_write_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = LocalStorage(tmp_path)
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy_replace(src: str, dst: str) -> None:
        # At the moment of the rename the target does not exist yet, and the complete bytes
        # are already in the temporary file beside it.
        assert not Path(dst).exists()
        assert Path(src).parent == Path(dst).parent
        assert Path(src).read_bytes() == DATA
        replaced.append((src, dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    key = storage.put(DATA, ".pdf")
    assert len(replaced) == 1
    folder = storage.path(key).parent
    assert [p.name for p in folder.iterdir()] == [key]


def test_failed_local_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = LocalStorage(tmp_path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        storage.put(DATA, ".pdf")
    assert not storage.exists(KEY)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_file_url_gives_local_storage(tmp_path: Path) -> None:
    storage = storage_from_url(f"file://{tmp_path}/store")
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "store"


@pytest.mark.parametrize("url", ["file://relative/path", "file:relative", "file://host/abs"])
def test_file_url_must_be_absolute_and_local(url: str) -> None:
    with pytest.raises(ValueError, match=r"file:///absolute/path"):
        storage_from_url(url)


def test_s3_url_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="not yet supported") as caught:
        storage_from_url("s3://key:secret@minio:9000/bucket")
    assert "secret" not in str(caught.value)


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported STORAGE_URL scheme 'ftp'"):
        storage_from_url("ftp://example.com/files")
