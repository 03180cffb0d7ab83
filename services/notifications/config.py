"""The notifications service's own settings, from the environment (read once per process).

| variable | default | meaning |
|---|---|---|
| `MAIL_REPLY_TO` | `inovasi@<MAIL_FROM's domain>` | the agency's address: replies go there |
| `SMTP_RATE` | `20` | messages per second at most, per SMTP server, across all workers |
| `NOTIFY_RETRY_HOURS` | `24` | how long a transient failure is retried before it counts as failed |
| `NOTIFY_RETRY_FIRST` | `30` | seconds before the first retry (then doubling, at most an hour) |
| `NOTIFY_WEBHOOK_URL` / `NOTIFY_WEBHOOK_SECRET` | unset | the webhook channel (off when unset) |
| `MAIL_RECONCILE` | dev mailbox (not in production) | see `reconcile.py`: `mailbox:<dir>`, `none` |
| `NOTIFY_BEAT` | `1` | run the database-scheduled beat in every notifications worker (`0`: not) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from services.notifications.composer import mail_domain
from shared import runtime
from shared.config import Settings


@dataclass(frozen=True)
class NotifySettings:
    reply_to: str
    smtp_rate: float = 20.0
    retry_for: timedelta = timedelta(hours=24)
    retry_first: timedelta = timedelta(seconds=30)
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    beat_in_worker: bool = True
    reconcile: str | None = None
    lease: timedelta = timedelta(minutes=5)  # a "sending" mail's claim; see delivery.LEASE

    @classmethod
    def from_env(cls, mail_from: str, environ: Mapping[str, str] | None = None) -> NotifySettings:
        env = os.environ if environ is None else environ
        reply_to = env.get("MAIL_REPLY_TO") or f"inovasi@{mail_domain(mail_from)}"
        if "@" not in parseaddr(reply_to)[1]:
            raise ValueError(f"MAIL_REPLY_TO is not an address: {reply_to!r}")
        return cls(
            reply_to=reply_to,
            smtp_rate=float(env.get("SMTP_RATE", "20")),
            retry_for=timedelta(hours=float(env.get("NOTIFY_RETRY_HOURS", "24"))),
            retry_first=timedelta(seconds=float(env.get("NOTIFY_RETRY_FIRST", "30"))),
            webhook_url=env.get("NOTIFY_WEBHOOK_URL") or None,
            webhook_secret=env.get("NOTIFY_WEBHOOK_SECRET") or None,
            beat_in_worker=env.get("NOTIFY_BEAT", "1") not in {"0", "false", "no", "off"},
            reconcile=env.get("MAIL_RECONCILE") or None,
            lease=timedelta(seconds=float(env.get("NOTIFY_LEASE_SECONDS", "300"))),
        )


_built: tuple[Settings, NotifySettings] | None = None


def notify_settings(settings: Settings | None = None) -> NotifySettings:
    """This process's notifications settings, read from the environment once for `settings`
    (the runtime's by default); read again only for another settings object, as after
    `runtime.reset()`."""
    global _built
    settings = settings or runtime.settings()
    if _built is None or _built[0] is not settings:
        _built = (settings, NotifySettings.from_env(settings.mail_from))
    return _built[1]
