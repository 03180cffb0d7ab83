"""One bootstrap per process: settings, databases and the Celery app, built lazily.

Built on first use (after a worker forks), so no connection crosses a fork. Tests call
`reset()` after changing the environment.
"""

from __future__ import annotations

from celery import Celery

from shared.celery import create_celery
from shared.config import Settings
from shared.db import JOB_WAIT, Database

_settings: Settings | None = None
_databases: dict[str, Database] = {}
_celery: Celery | None = None
_serving_requests = False


def settings() -> Settings:
    global _settings
    if _settings is None:
        _settings = Settings.from_env()
    return _settings


def serve_requests() -> None:
    """This process answers web requests: its databases wait `request_db_wait` seconds at most
    (a locked or absent database then answers 503 with Retry-After), where jobs wait longer."""
    global _serving_requests
    _serving_requests = True


def database(name: str) -> Database:
    if name not in _databases:
        wait = settings().request_db_wait if _serving_requests else JOB_WAIT
        _databases[name] = Database(name, settings().database_url(name), wait)
    return _databases[name]


def celery_app() -> Celery:
    global _celery
    if _celery is None:
        _celery = create_celery(settings())
    return _celery


def forget_after_fork() -> None:
    """In a forked child: drop the parent's engines without closing the parent's sockets."""
    for db in _databases.values():
        db.engine.dispose(close=False)
    _databases.clear()


def reset() -> None:
    """Forget everything built so far (engines are disposed)."""
    global _settings, _celery
    for db in _databases.values():
        db.dispose()
    _databases.clear()
    _settings = None
    _celery = None
