"""Configuration from environment variables, read once into one typed object."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SECRET = "sipinda-development-secret-change-me"  # noqa: S105 - refused in production
SERVICES = ("submission", "review", "documents", "notifications", "innovations")
DATABASES = ("identity", *SERVICES)
# Services that publish events: every consuming service, and identity, which only publishes.
PRODUCERS = ("identity", *SERVICES)
# A producer without a queue of its own runs its few tasks (confirmations) on another's.
QUEUE_OF = {"identity": "submission"}
# Every producer's confirmations (`<producer>.confirm_delivery`, one short insert each) on a
# queue of their own, served by a light worker: never behind a render on the documents queue.
CONFIRMATIONS = "confirmations"
QUEUES = (*SERVICES, CONFIRMATIONS)


class ConfigError(RuntimeError):
    """The environment asks for something SIPINDA refuses to run with."""


@dataclass(frozen=True)
class Settings:
    env: str
    secret_key: str
    base_url: str
    port: int
    var_dir: Path
    database_urls: Mapping[str, str]
    redis_url: str | None
    redis_prefix: str
    smtp_url: str | None
    storage_url: str
    mail_from: str
    demo_password: str
    outbox_redeliver_after: float
    relay_interval: float
    evaluators_per_proposal: int
    trusted_proxy_hops: int
    request_db_wait: float  # seconds a web request waits for a locked or absent database

    @property
    def production(self) -> bool:
        return self.env == "production"

    def database_url(self, name: str) -> str:
        """The URL of one service's database (`<NAME>_DATABASE_URL` → `DATABASE_URL` → SQLite)."""
        return self.database_urls[name]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("SIPINDA_VAR_DIR", "var")).resolve()
        shared_url = env.get("DATABASE_URL")
        urls = {
            name: env.get(f"{name.upper()}_DATABASE_URL")
            or shared_url
            or f"sqlite:///{var_dir / (name + '.db')}"
            for name in DATABASES
        }
        port = int(env.get("PORT", "8000"))
        settings = cls(
            env=env.get("SIPINDA_ENV", "development"),
            secret_key=env.get("SECRET_KEY") or _secret_of(env, var_dir),
            base_url=env.get("BASE_URL", f"http://127.0.0.1:{port}").rstrip("/"),
            port=port,
            var_dir=var_dir,
            database_urls=urls,
            redis_url=env.get("REDIS_URL") or None,
            redis_prefix=env.get("SIPINDA_REDIS_PREFIX", "sipinda:"),
            smtp_url=env.get("SMTP_URL") or None,
            storage_url=env.get("STORAGE_URL", f"file://{var_dir / 'storage'}"),
            mail_from=env.get("MAIL_FROM", "SIPINDA <no-reply@sipinda.test>"),
            demo_password=env.get("DEMO_PASSWORD", "inovasi-cilegon"),
            outbox_redeliver_after=float(env.get("OUTBOX_REDELIVER_AFTER", "60")),
            relay_interval=float(env.get("RELAY_INTERVAL", "0.2")),
            evaluators_per_proposal=int(env.get("EVALUATORS_PER_PROPOSAL", "3")),
            trusted_proxy_hops=int(env.get("TRUSTED_PROXY_HOPS", "0")),
            request_db_wait=float(env.get("DATABASE_REQUEST_WAIT", "5")),
        )
        settings.check()
        return settings

    def check(self) -> None:
        if self.production and self.secret_key == DEFAULT_SECRET:
            raise ConfigError(
                "SECRET_KEY is the development default: refusing to start in production"
            )
        if self.secret_key == DEFAULT_SECRET:
            raise ConfigError(
                "SECRET_KEY is the published development default: unset it (a random one is "
                f"kept in {self.var_dir / SECRET_FILE}) or set a secret of your own"
            )
        if self.production and len(self.secret_key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters in production")


SECRET_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


def _secret_of(env: Mapping[str, str], var_dir: Path) -> str:
    """Without SECRET_KEY: production has no secret (and `check` refuses to start); any other
    mode uses its installation's own."""
    if env.get("SIPINDA_ENV", "development") == "production":
        return DEFAULT_SECRET
    return installation_secret(var_dir)


def installation_secret(var_dir: Path) -> str:
    """This installation's secret: made at random on first use and kept in `var/secret_key`,
    readable by its owner only, so every process of one installation signs alike and no two
    installations do. Processes starting at once agree: the file appears whole (a hard link of
    a finished temporary file), and the first one made wins."""
    path = var_dir / SECRET_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        draft = var_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            draft.unlink()
    secret = path.read_text().strip()
    if len(secret) < 32:
        raise ConfigError(f"{path} holds no usable secret: delete it to make a new one")
    return secret
