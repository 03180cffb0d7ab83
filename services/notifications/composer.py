"""Notification mail, composed: templates in, text and `EmailMessage` out. Pure: no I/O but
reading the templates and catalogues, no clock (every date comes from the notification).

Each kind has one `templates/mail/<kind>.txt` (which also `set`s the subject) and one
`<kind>.html` (autoescaped). Their words are the notifications catalogue's `mail.*` keys, asked
for with `t(key, **values)` in the recipient's language; Indonesian is the default. In HTML the
catalogue's text and the values are both escaped (a value already `Markup`, like a link the
template built, is kept).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from shared.web.i18n import translate_in

LANGUAGES = ("id", "en")
# Why an evaluator's review was taken off them (review's `release` reasons), each with words.
RELEASE_REASONS = frozenset({"conflict", "overdue", "declined", "admin", "reassigned", "withdrawn"})
TEMPLATES = Path(__file__).parent / "templates" / "mail"
FALLBACK_DOMAIN = "sipinda.local"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,  # a missing value is a bug, not an empty line in someone's mail
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Letter:
    """What a stored notification needs to become a message."""

    recipient_name: str
    recipient_email: str
    language: str
    subject: str
    text: str
    html: str
    message_id: str
    created_at: datetime
    reply_to: str | None = None
    unsubscribe_url: str | None = None  # set on optional notices only
    attachment: tuple[str, bytes] | None = None  # (file name, PDF bytes)


def language_of(requested: str) -> str:
    return requested if requested in LANGUAGES else LANGUAGES[0]


def render(kind: str, language: str, context: Mapping[str, object]) -> Rendered:
    """`context` may hold `optional` and `preferences_url`: the footer then says how to turn
    the notice off."""
    lang = language_of(language)
    context = {
        "optional": False,
        "preferences_url": "",
        **context,
        "lang": lang,
        "release_reasons": RELEASE_REASONS,
    }

    def text(key: str, **values: object) -> str:
        return translate_in(lang, key, **values)

    def markup(key: str, **values: object) -> Markup:
        return escape(translate_in(lang, key)).format(**values)

    module = _env.get_template(f"{kind}.txt").make_module({**context, "t": text})
    # A header may not break, whatever the context held.
    subject = one_line(str(getattr(module, "subject", "")))
    html = _env.get_template(f"{kind}.html").render(**context, t=markup, subject=subject)
    return Rendered(subject=subject, text=str(module).strip() + "\n", html=html)


def absolute(base_url: str, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}"


def one_line(text: str) -> str:
    """Titles come from forms and may hold newlines; in a mail they read as one line."""
    return " ".join(text.split())


def header_text(text: str) -> str:
    """User-typed text made safe for a header: one line, and no `=?...?=` encoded word, which a
    header parser would decode (to a line break and a header of the sender's choosing, on
    Pythons before 3.11.10) instead of showing as typed."""
    return one_line(text).replace("=?", "= ?")


_ADDRESS_SPECIALS = re.compile(r'[()<>\[\]:;@\\,"]')


def address_name(text: str) -> str:
    """A person's name for `To:`, without the characters that need quoting there: Python's
    header folding (before 3.13) drops the quotes of a long quoted name, and `Siti: x; y`
    then reads as an address group, not as Siti."""
    return " ".join(_ADDRESS_SPECIALS.sub(" ", header_text(text)).split())


def mail_domain(mail_from: str) -> str:
    _, at, domain = parseaddr(mail_from)[1].rpartition("@")
    return domain if at and domain else FALLBACK_DOMAIN


def message_id(notification_id: int, event_id: str, email: str, mail_from: str) -> str:
    """The same for every attempt, so a message sent twice after a crash is recognisably one."""
    digest = hashlib.sha256(f"{event_id}\n{email}".encode()).hexdigest()[:16]
    return f"<notif-{notification_id}-{digest}@{mail_domain(mail_from)}>"


def as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything SIPINDA stores is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def build_message(letter: Letter, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = Address(
        display_name=address_name(letter.recipient_name), addr_spec=letter.recipient_email
    )
    message["Subject"] = header_text(letter.subject)
    message["Date"] = format_datetime(as_utc(letter.created_at))
    message["Message-ID"] = letter.message_id
    if letter.reply_to:
        message["Reply-To"] = letter.reply_to
    if letter.unsubscribe_url:
        # RFC 8058 one-click: a mail client POSTs to the URL, no page, no login.
        message["List-Unsubscribe"] = f"<{letter.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # RFC 3834: tells vacation responders not to answer a robot.
    message["Auto-Submitted"] = "auto-generated"
    # Quoted-printable keeps the message 7-bit, so no relay has to convert it.
    message.set_content(letter.text, subtype="plain", cte="quoted-printable")
    message.add_alternative(letter.html, subtype="html", cte="quoted-printable")
    if letter.attachment is not None:
        name, data = letter.attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    # After the content: set_content() clears every Content-* header.
    message["Content-Language"] = language_of(letter.language)
    return message
