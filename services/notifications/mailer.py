"""Handing a message to a mail server: the `Mailer` port, SMTP for real, a list for tests.

Every failure is one of two kinds, because the caller must decide between "try again later"
and "give up": `TransientMailError` (server away, timeout, 4xx, our own configuration) and
`PermanentMailError` (the server refused this message for good: 5xx).
"""

from __future__ import annotations

import functools
import smtplib
import ssl
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses, parseaddr
from typing import Literal, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

Security = Literal["plain", "starttls", "tls"]
DEFAULT_PORTS: dict[Security, int] = {"plain": 25, "starttls": 587, "tls": 465}
TRUE = {"1", "true", "yes", "on"}


class MailError(Exception):
    """A message could not be handed to the mail server; `answer` is what the server said."""

    def __init__(self, message: str, answer: str = "") -> None:
        super().__init__(message)
        self.answer = answer or message


# A ConnectionError, so the event tasks' `autoretry_for` (shared.tasks.TRANSIENT) retries it.
class TransientMailError(MailError, ConnectionError):
    """Worth trying again later: the server is away or slow, or answered 4xx."""


class PermanentMailError(MailError):
    """The server refused this message for good (5xx): the same message would fail again."""


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> str:
        """Hand `message` over; returns the server's final answer or raises a `MailError`."""
        ...


def classify(code: int, answer: bytes | str, step: str) -> MailError:
    text = answer.decode(errors="replace") if isinstance(answer, bytes) else answer
    reply = f"{code} {text}".strip()
    if 500 <= code < 600:
        return PermanentMailError(f"{step} refused: {reply}", reply)
    return TransientMailError(f"{step} not accepted: {reply}", reply)


def _transmit(client: smtplib.SMTP, message: EmailMessage) -> str:
    """MAIL, RCPT, DATA by hand: `sendmail` would throw away the server's final answer."""
    sender = parseaddr(str(message["From"]))[1]
    recipients = [a for _, a in getaddresses([str(v) for v in message.get_all("To", [])])]
    client.ehlo_or_helo_if_needed()
    code, answer = client.mail(sender)
    if code != 250:
        raise classify(code, answer, "MAIL FROM")
    for recipient in recipients:
        code, answer = client.rcpt(recipient)
        if code not in (250, 251):
            raise classify(code, answer, f"RCPT TO <{recipient}>")
    code, answer = client.data(message.as_bytes(policy=SMTP))
    if code != 250:
        raise classify(code, answer, "DATA")
    return f"{code} {answer.decode(errors='replace')}"


@functools.cache
def default_tls() -> ssl.SSLContext:
    """Built once per process: loading the system's CA store costs ~40 ms, more than a send."""
    return ssl.create_default_context()


@dataclass(frozen=True)
class SmtpMailer:
    """One connection per message: a handful of mails per event does not need a pool."""

    host: str
    port: int
    security: Security = "plain"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_url(
        cls, url: str, *, timeout: float = 30.0, ssl_context: ssl.SSLContext | None = None
    ) -> SmtpMailer:
        """`smtp://[user:password@]host[:port]`, `smtps://…` (TLS from the first byte),
        `smtp+starttls://…` or `smtp://…?starttls=1`; `?timeout=<seconds>` overrides."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        security: Security
        if parts.scheme == "smtps":
            security = "tls"
        elif parts.scheme == "smtp+starttls" or (
            parts.scheme == "smtp" and query.get("starttls", ["0"])[-1].lower() in TRUE
        ):
            security = "starttls"
        elif parts.scheme == "smtp":
            security = "plain"
        else:
            raise ValueError(f"not an SMTP URL: {parts.scheme}://…")
        if not parts.hostname:
            raise ValueError("SMTP URL without a host")
        return cls(
            host=parts.hostname,
            port=parts.port or DEFAULT_PORTS[security],
            security=security,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            timeout=float(query["timeout"][-1]) if "timeout" in query else timeout,
            ssl_context=ssl_context,
        )

    def send(self, message: EmailMessage) -> str:
        try:
            client = self._connect()
        except smtplib.SMTPException as exc:  # a greeting we cannot use, even a 5xx one
            raise TransientMailError(f"cannot talk to {self.host}:{self.port}: {exc}") from exc
        except OSError as exc:  # refused, unreachable, timed out, TLS handshake failed
            raise TransientMailError(f"cannot reach {self.host}:{self.port}: {exc}") from exc
        try:
            if self.username is not None:
                client.login(self.username, self.password or "")
            return _transmit(client, message)
        except MailError:
            raise
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
            # Our configuration is wrong, not the message: keep it until someone fixes it.
            raise TransientMailError(f"SMTP configuration: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            raise classify(exc.smtp_code, exc.smtp_error, "SMTP") from exc
        except OSError as exc:  # smtplib.SMTPException is an OSError too: disconnects
            raise TransientMailError(f"SMTP session with {self.host} broke: {exc}") from exc
        finally:
            # The message is already accepted (or not): a failed QUIT must not change that.
            with suppress(Exception):
                client.quit()
            client.close()

    def _connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            context = self.ssl_context or default_tls()
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                client.starttls(context=self.ssl_context or default_tls())
            except BaseException:
                client.close()
                raise
        return client


@dataclass
class InMemoryMailer:
    """Keeps what it is given. `failures` are raised first, one per call, to rehearse errors."""

    sent: list[EmailMessage] = field(default_factory=list)
    failures: list[MailError] = field(default_factory=list)

    def send(self, message: EmailMessage) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        return f"250 OK queued as memory-{len(self.sent)}"


@dataclass(frozen=True)
class UnconfiguredMailer:
    """Stands in when SMTP_URL is unset: mail waits (transient) instead of being lost."""

    def send(self, message: EmailMessage) -> str:
        raise TransientMailError("SMTP_URL is not set: mail stays queued")


def mailer_from_url(url: str | None) -> Mailer:
    return SmtpMailer.from_url(url) if url else UnconfiguredMailer()
