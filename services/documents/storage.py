"""Where rendered files live: one small interface, a local folder, S3 or memory behind it.

Content-addressed: the key of a file is the SHA-256 of its bytes plus a suffix, so storing the
same bytes twice is a no-op, a key can never point at other bytes, and a render whose database
transaction rolled back leaves at worst an orphan that the next attempt reuses.
Keys are validated before they touch a path, so a key can never name a file outside the root.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from shared.files import write_atomic

_SUFFIX = re.compile(r"(\.[a-z0-9]{1,10})?")
_KEY = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]{1,10})?")


class Storage(Protocol):
    def put(self, data: bytes, suffix: str) -> str:
        """Store `data`; returns its key (`<sha256 hex><suffix>`)."""
        ...

    def get(self, key: str) -> bytes:
        """The stored bytes; `KeyError` when there is no such file."""
        ...

    def exists(self, key: str) -> bool: ...


def content_key(data: bytes, suffix: str) -> str:
    if not _SUFFIX.fullmatch(suffix):
        raise ValueError(f"invalid suffix {suffix!r}: a dot and 1-10 lowercase letters or digits")
    return hashlib.sha256(data).hexdigest() + suffix


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a storage key: {key[:80]!r}")
    return key


class LocalStorage:
    """Files under `root`, sharded by the first two bytes of the hash: `ab/cd/abcd….pdf`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        check_key(key)
        return self.root / key[:2] / key[2:4] / key

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


class S3Storage:
    """The same contract on S3-compatible object storage (MinIO, AWS S3), keys as object names
    under an optional prefix. boto3 is imported only when this storage is chosen."""

    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

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
