"""A direct SMTP send for the one mail that cannot wait for the event pipeline: the password
reset link. It carries a secret, so it never goes through an outbox, a queue or a
notification row; it is sent off the request's thread, so answering takes the same time
whether or not the address has an account.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

log = logging.getLogger(__name__)
TIMEOUT = 30.0


def compose(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="sipinda")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def send(smtp_url: str, message: EmailMessage) -> None:
    """`smtp://[user:pass@]host[:port]`, `smtps://…` or `smtp+starttls://…` (`?starttls=1`)."""
    parts = urlsplit(smtp_url)
    query = parse_qs(parts.query)
    tls = parts.scheme == "smtps"
    starttls = parts.scheme == "smtp+starttls" or query.get("starttls", ["0"])[-1] in {"1", "true"}
    if parts.scheme not in {"smtp", "smtps", "smtp+starttls"} or not parts.hostname:
        raise ValueError(f"not an SMTP URL: {parts.scheme}://…")
    port = parts.port or (465 if tls else 587 if starttls else 25)
    context = ssl.create_default_context()
    client = (
        smtplib.SMTP_SSL(parts.hostname, port, timeout=TIMEOUT, context=context)
        if tls
        else smtplib.SMTP(parts.hostname, port, timeout=TIMEOUT)
    )
    try:
        if starttls:
            client.starttls(context=context)
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)
    finally:
        try:
            client.quit()
        except smtplib.SMTPException:
            client.close()


def send_in_background(smtp_url: str | None, message: EmailMessage) -> threading.Thread | None:
    """Send on a daemon thread; failures are logged (the user can ask for a new link)."""
    if not smtp_url:
        log.warning("SMTP_URL is not set: the mail to %s was not sent", message["To"])
        return None

    def run() -> None:
        try:
            send(smtp_url, message)
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            log.error("mail %s to %s not sent: %s", message["Message-ID"], message["To"], exc)

    thread = threading.Thread(target=run, name="sipinda-mail", daemon=True)
    thread.start()
    return thread
