"""`sipinda backup` and `sipinda restore`: every service's database and the stored files, in one
archive that restores into an empty deployment.

The archive is a gzipped tar of plain parts: `manifest.json` (format, time, each database's
migration revision, row counts, the SHA-256 of every part), one JSON-lines file per table, and
the stored files under `files/`. Tables are read through the services' own SQLAlchemy metadata,
so the same archive restores into SQLite or PostgreSQL.

Consistency: each database is read inside one transaction (REPEATABLE READ, READ ONLY on
PostgreSQL; one WAL snapshot on SQLite), databases that share a URL share that transaction, and
the files are copied after the rows. Stored files are content-addressed and written before the
row that names them, so every row in the archive finds its file. Redis is not backed up: it is a
transport, and the outboxes in the archive hold every event not yet delivered.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, select, text
from sqlalchemy.engine import Engine

from services.platform.registry import migration_sets
from shared import runtime
from shared.db import create_db_engine
from shared.files import write_atomic
from shared.migrations import MigrationSet, upgrade
from shared.storage import check_key, storage_from_url

FORMAT = 1
BATCH = 1000


class BackupError(RuntimeError):
    """The archive cannot be made or restored; the message says why, for an operator."""


# --- values: JSON with a tag for what JSON lacks ------------------------------------------------


def encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "$datetime":
            return datetime.fromisoformat(raw)
        if tag == "$date":
            return date.fromisoformat(raw)
        if tag == "$bytes":
            return base64.b64decode(raw)
        if tag == "$decimal":
            return Decimal(raw)
    return value


# --- stored files: through the deployment's storage (a local folder or S3) -------------------


def safe_key(name: str) -> str:
    """A stored file's key from the archive, refused unless it is a valid storage key."""
    try:
        return check_key(name)
    except ValueError:
        raise BackupError(f"the archive holds an unsafe file name: {name!r}") from None


# --- the archive ---------------------------------------------------------------------------------


@dataclass
class Report:
    rows: dict[str, int]
    files: int
    seconds: float

    def lines(self, verb: str) -> list[str]:
        total = sum(self.rows.values())
        return [
            f"{verb}: {total} rows in {len(self.rows)} tables, {self.files} stored files, "
            f"{self.seconds:.1f} s"
        ]


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _snapshot(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


def _revision(connection: Connection, migrations: MigrationSet) -> str | None:
    table = migrations.version_table
    return connection.execute(text(f"SELECT version_num FROM {table}")).scalar()  # noqa: S608


def _engines() -> tuple[list[MigrationSet], Callable[[MigrationSet], Engine]]:
    settings = runtime.settings()
    engines: dict[str, Engine] = {}

    def engine(migrations: MigrationSet) -> Engine:
        url = settings.database_url(migrations.name)
        if url not in engines:
            engines[url] = create_db_engine(url)
        return engines[url]

    return migration_sets(), engine


def backup(target: Path) -> Report:
    """Write the archive to `target` (written beside it, then renamed: never half an archive)."""
    started = time.monotonic()
    sets, engine = _engines()
    manifest: dict[str, Any] = {"format": FORMAT, "created_at": time.time(), "databases": {}}
    rows: dict[str, int] = {}
    parts: dict[str, str] = {}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        connections: dict[int, Connection] = {}
        try:
            for migrations in sets:
                eng = engine(migrations)
                if id(eng) not in connections:
                    connections[id(eng)] = eng.connect()
                    _snapshot(connections[id(eng)])
                connection = connections[id(eng)]
                tables: dict[str, int] = {}
                for table in migrations.metadata.sorted_tables:
                    lines = [
                        json.dumps({k: encode(v) for k, v in row.items()}, ensure_ascii=False)
                        for row in connection.execute(select(table)).mappings()
                    ]
                    data = ("\n".join(lines) + "\n" if lines else "").encode()
                    name = f"databases/{migrations.name}/{table.name}.jsonl"
                    _add(archive, name, data)
                    parts[name] = hashlib.sha256(data).hexdigest()
                    tables[table.name] = len(lines)
                    rows[f"{migrations.name}.{table.name}"] = len(lines)
                manifest["databases"][migrations.name] = {
                    "revision": _revision(connection, migrations),
                    "tables": tables,
                }
        finally:
            for connection in connections.values():
                connection.close()
        store = storage_from_url(runtime.settings().storage_url)
        files = 0
        for key in store.names():
            data = store.get(key)
            _add(archive, f"files/{key}", data)
            parts[f"files/{key}"] = hashlib.sha256(data).hexdigest()
            files += 1
        manifest["parts"] = parts
        _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    write_atomic(target, buffer.getvalue())
    return Report(rows, files, time.monotonic() - started)


def _read_archive(source: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        with tarfile.open(source, mode="r:gz") as archive:
            members = {
                m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
                for m in archive.getmembers()
                if m.isfile()
            }
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} is not a SIPINDA backup archive: {error}") from error
    if "manifest.json" not in members:
        raise BackupError(f"{source} has no manifest.json: not a SIPINDA backup archive")
    manifest = json.loads(members.pop("manifest.json"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"archive format {manifest.get('format')!r}; this release reads {FORMAT}")
    for name, digest in manifest["parts"].items():
        if hashlib.sha256(members.get(name, b"")).hexdigest() != digest:
            raise BackupError(f"the archive is damaged: {name} does not match its checksum")
    return manifest, members


def _reset_sequences(connection: Connection, table: Table) -> None:
    if connection.dialect.name != "postgresql":
        return
    for column in table.primary_key.columns:
        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
            highest = connection.execute(select(func.max(column))).scalar() or 0
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, :c), :next, false)"),
                {"t": table.name, "c": column.name, "next": int(highest) + 1},
            )


def restore(source: Path) -> Report:
    """Restore the archive into this deployment, which must be empty (migrated, no rows)."""
    started = time.monotonic()
    manifest, members = _read_archive(source)
    sets, engine = _engines()
    settings = runtime.settings()
    for migrations in sets:
        upgrade(migrations, settings.database_url(migrations.name))
    for migrations in sets:  # check everything before writing anything
        with engine(migrations).connect() as connection:
            wanted = manifest["databases"].get(migrations.name, {}).get("revision")
            have = _revision(connection, migrations)
            if wanted != have:
                raise BackupError(
                    f"database {migrations.name} is at revision {have}, the archive at {wanted}: "
                    "restore with the release that made the backup"
                )
            for table in migrations.metadata.sorted_tables:
                count = connection.execute(select(func.count()).select_from(table)).scalar()
                if count:
                    raise BackupError(
                        f"this deployment is not empty ({table.name} has {count} rows): "
                        "restore needs fresh databases"
                    )
    rows: dict[str, int] = {}
    for migrations in sets:
        with engine(migrations).begin() as connection:
            for table in migrations.metadata.sorted_tables:
                raw = members.get(f"databases/{migrations.name}/{table.name}.jsonl", b"")
                records = [
                    {k: decode(v) for k, v in json.loads(line).items()}
                    for line in raw.decode().splitlines()
                ]
                for start in range(0, len(records), BATCH):
                    connection.execute(table.insert(), records[start : start + BATCH])
                _reset_sequences(connection, table)
                rows[f"{migrations.name}.{table.name}"] = len(records)
    store = storage_from_url(settings.storage_url)
    files = 0
    for name, data in members.items():
        if name.startswith("files/"):
            store.write(safe_key(name.removeprefix("files/")), data)
            files += 1
    return Report(rows, files, time.monotonic() - started)
