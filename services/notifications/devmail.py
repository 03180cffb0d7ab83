"""The development mail sink: an SMTP server that keeps every message as a `.eml` file.

`make run` points SMTP_URL at it, so every mail SIPINDA sends can be read on the dev mailbox
page (from `read_mailbox`) without a real mail server. Never a relay: nothing leaves the host.

    sipinda smtp-sink --port 8025 --dir var/mailbox     (calls `serve`)
"""

from __future__ import annotations

import signal
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from types import FrameType
from typing import Any

from aiosmtpd.controller import Controller

from shared.files import write_atomic

ACCEPTED = "250 Message accepted for delivery"


class MailboxHandler:
    """aiosmtpd handler: one file per message, `<UTC timestamp>-<uuid>.eml`, so names sort by
    arrival. Written to a hidden temporary file and renamed, so readers never see half a mail."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        # As a delivering MTA would: the envelope goes into headers, the message stays as sent.
        recipients = ", ".join(envelope.rcpt_tos)
        trace = f"Return-Path: <{envelope.mail_from}>\r\nX-Original-To: {recipients}\r\n"
        self.store(trace.encode() + bytes(envelope.original_content or envelope.content))
        return ACCEPTED

    def store(self, raw: bytes) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.directory / f"{stamp}-{uuid.uuid4().hex}.eml"
        write_atomic(target, raw)
        return target


def start(host: str, port: int, directory: Path) -> Controller:
    """A running sink in a background thread; call `.stop()` on the result."""
    controller = Controller(MailboxHandler(directory), hostname=host, port=port)
    controller.start()
    return controller


def serve(host: str, port: int, directory: Path, stop: threading.Event | None = None) -> None:
    """Run the sink until SIGTERM/SIGINT (main thread) or until `stop` is set."""
    stop = stop or threading.Event()
    controller = start(host, port, directory)
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            stop.set()

        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, on_signal)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        controller.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@dataclass(frozen=True)
class MailSummary:
    date: datetime | None
    sender: str
    to: str
    subject: str
    text: str
    html: str | None
    message_id: str | None
    filename: str
    language: str = "id"  # the mail's Content-Language: the page marks its text so


def _part(message: EmailMessage, subtype: str) -> str | None:
    body = message.get_body(preferencelist=(subtype,))
    # Stored as it crossed the wire (CRLF); read as text (LF).
    return None if body is None else str(body.get_content()).replace("\r\n", "\n")


def summarize(path: Path) -> MailSummary:
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    date = message["Date"]
    return MailSummary(
        date=getattr(date, "datetime", None),
        sender=str(message.get("From", "")),
        to=str(message.get("To", "")),
        subject=str(message.get("Subject", "")),
        text=_part(message, "plain") or "",
        html=_part(message, "html"),
        message_id=str(message["Message-ID"]) if message["Message-ID"] else None,
        filename=path.name,
        language=str(message.get("Content-Language", "id"))[:5],
    )


def read_mailbox(directory: Path) -> list[MailSummary]:
    """Every kept message, newest first. An empty list when nothing has arrived yet."""
    return [summarize(path) for path in mail_files(directory)]


def mail_files(directory: Path) -> list[Path]:
    """The kept messages' files, newest first (a page reads only its own)."""
    folder = Path(directory)
    return sorted(folder.glob("*.eml"), reverse=True) if folder.is_dir() else []
