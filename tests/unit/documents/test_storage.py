"""Content-addressed storage: local folder and memory behave alike; keys never escape the root."""

from __future__ import annotations

import hashlib
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from shared.storage import (
    InMemoryStorage,
    LocalStorage,
    S3Storage,
    Storage,
    named_key,
    storage_from_url,
)

DATA = b"%PDF-1.7 example bytes"
KEY = hashlib.sha256(DATA).hexdigest() + ".pdf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's S3-compatible server in this process, over real HTTP on 127.0.0.1."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop()


def s3_storage(endpoint: str, bucket: str) -> Storage:
    url = f"http://{endpoint}"
    client = boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="sipinda", aws_secret_access_key="rahasia",
        region_name="us-east-1",
    )  # fmt: skip
    client.create_bucket(Bucket=bucket)
    return storage_from_url(f"s3://sipinda:rahasia@{endpoint}/{bucket}/pdf?tls=0")


@pytest.fixture(params=["local", "memory", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        return s3_storage(endpoint, f"b-{abs(hash(request.node.name)) % 10**8}")
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


def test_s3_url_names_endpoint_credentials_bucket_and_prefix(s3_endpoint: str) -> None:
    storage = s3_storage(s3_endpoint, "sipinda-docs")
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.prefix) == ("sipinda-docs", "pdf/")
    key = storage.put(DATA, ".pdf")
    listed = storage.client.list_objects_v2(Bucket="sipinda-docs")["Contents"]
    assert [o["Key"] for o in listed] == [f"pdf/{key}"]


def test_s3_url_without_a_bucket_is_refused_without_echoing_secrets() -> None:
    with pytest.raises(ValueError, match="must name a bucket") as caught:
        storage_from_url("s3://key:hush-hush@minio:9000/")
    assert "hush-hush" not in str(caught.value)


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported STORAGE_URL scheme 'ftp'"):
        storage_from_url("ftp://example.com/files")


def test_named_keys_write_read_list_and_delete(storage: Storage) -> None:
    key = named_key("submission", ".pdf")
    assert re.fullmatch(r"submission/[0-9a-f]{32}\.pdf", key)
    storage.write(key, b"%PDF-1.7 lampiran")
    content = storage.put(b"dossier", ".pdf")
    assert storage.get(key) == b"%PDF-1.7 lampiran"
    assert {key, content} <= set(storage.names())
    storage.delete(key)
    assert not storage.exists(key)
    assert key not in set(storage.names())
    assert content in set(storage.names())


@pytest.mark.parametrize(
    "key",
    ["submission/../../etc/passwd", "../submission/" + "a" * 32, "Submission/" + "a" * 32,
     "submission/" + "a" * 31 + "/", "/submission/" + "a" * 32],
)  # fmt: skip
def test_named_keys_cannot_leave_their_area(storage: Storage, key: str) -> None:
    with pytest.raises(ValueError, match="not a storage key"):
        storage.write(key, b"x")


def test_a_content_key_must_match_its_bytes(storage: Storage) -> None:
    with pytest.raises(ValueError, match="do not match"):
        storage.write("0" * 64 + ".pdf", b"other bytes")
