"""A private PostgreSQL server on a free port (pytest-postgresql's executor), which a fault test
may stop and start again; the machine's own server is never touched.

PostgreSQL refuses to run as root: as root, `pg_ctl` runs as the `postgres` user (runuser),
with its data folder in a directory that user owns."""

from __future__ import annotations

import glob
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pytest_postgresql.executors.proc import PostgreSQLExecutor

from tests.support.servers import free_port


def pg_ctl() -> str | None:
    """The server's pg_ctl (Debian keeps it out of PATH), or None when there is none."""
    found = shutil.which("pg_ctl") or next(
        iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)), None
    )
    return found


def _as_postgres(folder: Path, executable: str) -> str:
    """A pg_ctl that runs as `postgres` when we are root."""
    if os.geteuid() != 0:
        return executable
    wrapper = folder / "pg_ctl"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{executable}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    shutil.chown(folder, "postgres")
    return str(wrapper)


class PrivatePostgres:
    def __init__(self, folder: Path, executable: str) -> None:
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.executor = PostgreSQLExecutor(
            executable=_as_postgres(folder, executable),
            host="127.0.0.1",
            port=self.port,
            datadir=str(folder / "data"),
            unixsocketdir=str(folder),
            logfile=str(folder / "postgresql.log"),
            startparams="-w",
            dbname="postgres",
        )

    def start(self) -> None:
        self.executor.start()
        if self.executor.process is not None:  # `pg_ctl start -w` returns once it is up: reap it
            self.executor.process.wait(timeout=60)

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when the server goes away."""
        self.executor.stop()

    def log(self) -> str:
        path = Path(self.executor.logfile)
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    executable = pg_ctl()
    if executable is None:
        raise FileNotFoundError("no pg_ctl on this machine")
    folder = Path(tempfile.mkdtemp(prefix="sipinda-pg-"))  # not under a root-only folder
    server = PrivatePostgres(folder, executable)
    server.start()
    try:
        yield server
    finally:
        if server.executor.running():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
