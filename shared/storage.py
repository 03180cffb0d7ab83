"""Where stored files live (rendered PDFs, uploaded attachments): one small interface, a local
folder, S3-compatible object storage or memory behind it, chosen by `STORAGE_URL`.

Two kinds of key:
- content keys (`put`): the SHA-256 of the bytes plus a suffix, so storing the same bytes twice
  is a no-op, a key can never point at other bytes, and a render whose transaction rolled back
  leaves at worst an orphan that the next attempt reuses (documents);
- named keys (`write`): `<area>/<32 random hex><suffix>`, for files whose name must reveal
  nothing (uploads); the area keeps each service's files apart.
Keys are validated before they touch a path, so a key can never name a file outside the root.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from shared.files import write_atomic

_SUFFIX = re.compile(r"(\.[a-z0-9]{1,10})?")
_KEY = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]{1,10})?")
_NAMED = re.compile(r"([a-z]{2,20})/([0-9a-f]{32}(\.[a-z0-9]{1,10})?)")


class Storage(Protocol):
    def put(self, data: bytes, suffix: str) -> str:
        """Store `data`; returns its key (`<sha256 hex><suffix>`)."""
        ...

    def get(self, key: str) -> bytes:
        """The stored bytes; `KeyError` when there is no such file."""
        ...

    def exists(self, key: str) -> bool: ...

    def write(self, key: str, data: bytes) -> None:
        """Store `data` under a named key (or a content key whose hash it matches)."""
        ...

    def delete(self, key: str) -> None: ...

    def names(self) -> Iterator[str]:
        """Every key stored (for backups)."""
        ...


def named_key(area: str, suffix: str) -> str:
    """A new random key in `area` (`submission/3f…a1.pdf`)."""
    key = f"{area}/{secrets.token_hex(16)}{suffix}"
    check_key(key)
    return key


def _check_content(key: str, data: bytes) -> None:
    if _KEY.fullmatch(key) and not key.startswith(hashlib.sha256(data).hexdigest()):
        raise ValueError(f"{key[:16]}…: the bytes do not match their content key")


def content_key(data: bytes, suffix: str) -> str:
    if not _SUFFIX.fullmatch(suffix):
        raise ValueError(f"invalid suffix {suffix!r}: a dot and 1-10 lowercase letters or digits")
    return hashlib.sha256(data).hexdigest() + suffix


def check_key(key: str) -> str:
    if not (_KEY.fullmatch(key) or _NAMED.fullmatch(key)):
        raise ValueError(f"not a storage key: {key[:80]!r}")
    return key


class LocalStorage:
    """Files under `root`, sharded by the first two bytes of the hash: `ab/cd/abcd….pdf`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        check_key(key)
        named = _NAMED.fullmatch(key)
        if named:  # `area/ab/abcd….ext`
            return self.root / named.group(1) / named.group(2)[:2] / named.group(2)
        return self.root / key[:2] / key[2:4] / key

    def write(self, key: str, data: bytes) -> None:
        _check_content(key, data)
        write_atomic(self.path(key), data)

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def names(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            if not path.is_file() or path.name.startswith(".tmp-"):
                continue
            parts = path.relative_to(self.root).parts
            if len(parts) == 3 and _KEY.fullmatch(parts[2]):
                yield parts[2]
            elif len(parts) == 3 and _NAMED.fullmatch(f"{parts[0]}/{parts[2]}"):
                yield f"{parts[0]}/{parts[2]}"

    def put(self, data: bytes, suffix: str) -> str:
        key = content_key(data, suffix)
        target = self.path(key)
        if target.exists():
            return key
        write_atomic(target, data)
        return key

    def get(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()


class InMemoryStorage:
    """The same contract in a dict: for tests and one-off scripts."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def put(self, data: bytes, suffix: str) -> str:
        key = content_key(data, suffix)
        self.files.setdefault(key, bytes(data))
        return key

    def get(self, key: str) -> bytes:
        return self.files[check_key(key)]

    def exists(self, key: str) -> bool:
        return check_key(key) in self.files

    def write(self, key: str, data: bytes) -> None:
        _check_content(check_key(key), data)
        self.files[key] = bytes(data)

    def delete(self, key: str) -> None:
        self.files.pop(check_key(key), None)

    def names(self) -> Iterator[str]:
        yield from sorted(self.files)


class S3Storage:
    """The same contract on S3-compatible object storage (MinIO, AWS S3), keys as object names
    under an optional prefix. boto3 is imported only when this storage is chosen."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def write(self, key: str, data: bytes) -> None:
        _check_content(key, data)
        self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=bytes(data))

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def names(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                key = str(item["Key"])[len(self.prefix) :]
                if _KEY.fullmatch(key) or _NAMED.fullmatch(key):
                    yield key

    def put(self, data: bytes, suffix: str) -> str:
        key = content_key(data, suffix)
        if not self.exists(key):
            self.client.put_object(Bucket=self.bucket, Key=self._name(key), Body=bytes(data))
        return key

    def get(self, key: str) -> bytes:
        try:
            reply = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None
        body: bytes = reply["Body"].read()
        return body

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True


def s3_from_url(url: str) -> S3Storage:
    """`s3://ACCESS:SECRET@host:port/bucket/prefix?tls=0&region=us-east-1`: the endpoint is
    `http(s)://host:port` (https unless `tls=0`); without a host, AWS's own endpoint and the
    default credential chain."""
    import boto3

    parts = urlsplit(url)
    bucket, _, prefix = parts.path.lstrip("/").partition("/")
    if not bucket:
        raise ValueError("STORAGE_URL s3://… must name a bucket: s3://ACCESS:SECRET@host/bucket")
    query = parse_qs(parts.query)
    tls = query.get("tls", ["1"])[0] not in ("0", "false", "no")
    endpoint = None
    if parts.hostname:
        port = f":{parts.port}" if parts.port else ""
        endpoint = f"{'https' if tls else 'http'}://{parts.hostname}{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=unquote(parts.username) if parts.username else None,
        aws_secret_access_key=unquote(parts.password) if parts.password else None,
        region_name=query.get("region", ["us-east-1"])[0],
    )
    return S3Storage(client, bucket, prefix.strip("/") + "/" if prefix.strip("/") else "")


def storage_from_url(url: str) -> Storage:
    """`file:///absolute/path` → `LocalStorage`; `s3://…` → `S3Storage` (see `s3_from_url`)."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        if parts.netloc not in ("", "localhost") or not path.is_absolute():
            raise ValueError("STORAGE_URL must be file:///absolute/path")
        return LocalStorage(path)
    if parts.scheme == "s3":
        return s3_from_url(url)
    # The URL itself is not echoed: it may carry credentials.
    raise ValueError(f"unsupported STORAGE_URL scheme {parts.scheme!r}")


def probe(url: str) -> Callable[[], bool]:
    """A readiness check: the storage answers a lookup (an S3 endpoint up, a folder readable)."""

    def check() -> bool:
        try:
            storage_from_url(url).exists("0" * 64)
        except Exception:
            return False
        return True

    return check
