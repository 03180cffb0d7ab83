"""Did the mail server get it after all? Asked before resending a mail whose sender died
mid-send (left "sending" past its lease): the server may have accepted it just before.

A `Reconciler` looks the mail up by its Message-ID where the server's deliveries can be seen:
`MailboxReconciler` in a folder of `.eml` files (the development sink's mailbox). Where nothing
can be seen (a real relay), there is no reconciler and the mail is sent again with the same
Message-ID, which receivers use to recognise a repeat.

    MAIL_RECONCILE=mailbox:/srv/sipinda/var/mailbox   (default outside production: the dev
                                                       sink's mailbox, when it exists)
    MAIL_RECONCILE=none
"""

from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default
from pathlib import Path
from typing import Protocol

from shared.config import Settings


class Reconciler(Protocol):
    def delivered(self, message_id: str) -> bool:
        """True when a mail with this Message-ID reached the server."""
        ...


@dataclass(frozen=True)
class MailboxReconciler:
    directory: Path

    def delivered(self, message_id: str) -> bool:
        parser = BytesHeaderParser(policy=default)
        for path in self.directory.glob("*.eml"):
            try:
                with path.open("rb") as handle:
                    found = str(parser.parse(handle).get("Message-ID", "")).strip()
            except FileNotFoundError:
                continue  # removed while we looked
            if found == message_id:
                return True
        return False


def reconciler_for(settings: Settings, setting: str | None) -> Reconciler | None:
    if setting == "none":
        return None
    if setting and setting.startswith("mailbox:"):
        return MailboxReconciler(Path(setting.removeprefix("mailbox:")))
    if setting:
        raise ValueError(f"MAIL_RECONCILE: unknown {setting!r} (mailbox:<folder> or none)")
    mailbox = settings.var_dir / "mailbox"
    return MailboxReconciler(mailbox) if not settings.production and mailbox.is_dir() else None
