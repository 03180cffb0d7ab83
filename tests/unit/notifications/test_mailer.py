"""SmtpMailer against a real SMTP server (aiosmtpd): delivery, TLS, login, error classes."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from services.notifications import composer
from services.notifications.mailer import (
    InMemoryMailer,
    PermanentMailError,
    SmtpMailer,
    TransientMailError,
    mailer_from_url,
)
from tests.support.notifications import MAIL_FROM, SmtpServer, free_port


def a_message(to: str = "budi@univ.example.ac.id") -> EmailMessage:
    letter = composer.Letter(
        recipient_name="Dr. Budi Santoso",
        recipient_email=to,
        language="id",
        subject="Penugasan penilaian proposal inovasi: Uji coba",
        text="Yth. Dr. Budi Santoso,\n\nIsi surel — dengan huruf ü.\n",
        html="<p>Yth. Dr. Budi Santoso,</p><p>Isi surel — dengan huruf ü.</p>",
        message_id="<notif-1-abc@sipinda.example.go.id>",
        created_at=datetime(2025, 3, 1, 9, 0),
    )
    return composer.build_message(letter, MAIL_FROM)


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return str(part.get_content())


def test_url_forms_choose_port_security_and_credentials() -> None:
    plain = SmtpMailer.from_url("smtp://mail.example.org")
    tls = SmtpMailer.from_url("smtps://user%40x:p%3Ass@mail.example.org")
    starttls = SmtpMailer.from_url("smtp://mail.example.org:2525?starttls=1&timeout=3")
    explicit = SmtpMailer.from_url("smtp+starttls://mail.example.org")

    assert (plain.port, plain.security, plain.username) == (25, "plain", None)
    assert (tls.port, tls.security, tls.username, tls.password) == (465, "tls", "user@x", "p:ss")
    assert (starttls.port, starttls.security, starttls.timeout) == (2525, "starttls", 3.0)
    assert (explicit.port, explicit.security) == (587, "starttls")
    assert "p:ss" not in repr(tls)
    with pytest.raises(ValueError, match="not an SMTP URL"):
        SmtpMailer.from_url("http://mail.example.org")


def test_sent_message_arrives_with_message_id_and_both_parts(smtp_server: SmtpServer) -> None:
    answer = SmtpMailer.from_url(smtp_server.url).send(a_message())

    assert answer.startswith("250")
    (received,) = smtp_server.messages
    assert received["Message-ID"] == "<notif-1-abc@sipinda.example.go.id>"
    assert received["Subject"] == "Penugasan penilaian proposal inovasi: Uji coba"
    assert "huruf ü" in body(received, "plain")
    assert "<p>Isi surel" in body(received, "html")


def test_unreachable_server_is_a_transient_error(smtp_server: SmtpServer) -> None:
    smtp_server.stop()

    with pytest.raises(TransientMailError) as caught:
        SmtpMailer.from_url(smtp_server.url).send(a_message())

    assert isinstance(caught.value, ConnectionError)  # what the event tasks retry


def test_5xx_answer_is_a_permanent_error_carrying_the_answer(smtp_server: SmtpServer) -> None:
    smtp_server.recorder.answer = "550 5.7.1 Message rejected as spam"

    with pytest.raises(PermanentMailError) as caught:
        SmtpMailer.from_url(smtp_server.url).send(a_message())

    assert caught.value.answer == "550 5.7.1 Message rejected as spam"


def test_4xx_answer_is_a_transient_error(smtp_server: SmtpServer) -> None:
    smtp_server.recorder.answer = "451 4.3.0 Try again later"

    with pytest.raises(TransientMailError, match=r"451 4\.3\.0 Try again later"):
        SmtpMailer.from_url(smtp_server.url).send(a_message())


class RefusesRecipient:
    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        return "550 5.1.1 No such user here"


def test_refused_recipient_is_a_permanent_error() -> None:
    server = SmtpServer(free_port())
    server.recorder = RefusesRecipient()  # type: ignore[assignment]
    server.start()
    try:
        with pytest.raises(PermanentMailError, match=r"RCPT TO.*550 5\.1\.1 No such user here"):
            SmtpMailer.from_url(server.url).send(a_message())
    finally:
        server.stop()


def test_credentials_in_the_url_log_in() -> None:
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        # handled=False: aiosmtpd answers 535 itself (True means "the handler already did").
        return AuthResult(success=data.password == b"rahasia", handled=False)

    server = SmtpServer(
        free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    server.start()
    try:
        SmtpMailer.from_url(f"smtp://sipinda:rahasia@127.0.0.1:{server.port}").send(a_message())
        wrong = SmtpMailer.from_url(f"smtp://sipinda:salah@127.0.0.1:{server.port}?timeout=5")
        with pytest.raises(TransientMailError, match="SMTP configuration"):
            wrong.send(a_message())
    finally:
        server.stop()
    assert logins[0] == (b"sipinda", b"rahasia")
    assert len(server.messages) == 1


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context trusting it) for a fresh self-signed 127.0.0.1 cert."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    return server_context, ssl.create_default_context(cafile=str(cert))


def test_starttls_upgrades_the_connection(
    certificate: tuple[ssl.SSLContext, ssl.SSLContext],
) -> None:
    server_context, client_context = certificate
    server = SmtpServer(free_port(), tls_context=server_context, require_starttls=True)
    server.start()
    try:
        url = f"smtp://127.0.0.1:{server.port}?starttls=1"
        SmtpMailer.from_url(url, ssl_context=client_context).send(a_message())
        with pytest.raises(PermanentMailError, match="530"):  # plain text is refused
            SmtpMailer.from_url(f"smtp://127.0.0.1:{server.port}").send(a_message())
    finally:
        server.stop()
    assert len(server.messages) == 1


def test_smtps_speaks_tls_from_the_first_byte(
    certificate: tuple[ssl.SSLContext, ssl.SSLContext],
) -> None:
    server_context, client_context = certificate
    server = SmtpServer(free_port(), ssl_context=server_context)
    server.start()
    try:
        url = f"smtps://127.0.0.1:{server.port}"
        SmtpMailer.from_url(url, ssl_context=client_context).send(a_message())
        with pytest.raises(TransientMailError):  # an untrusted certificate is not accepted
            SmtpMailer.from_url(url).send(a_message())
    finally:
        server.stop()
    assert len(server.messages) == 1


def test_in_memory_mailer_keeps_messages_and_rehearses_failures() -> None:
    mailer = InMemoryMailer(failures=[TransientMailError("421 busy")])

    with pytest.raises(TransientMailError):
        mailer.send(a_message())
    answer = mailer.send(a_message())

    assert answer.startswith("250")
    assert [m["Message-ID"] for m in mailer.sent] == ["<notif-1-abc@sipinda.example.go.id>"]


def test_missing_smtp_url_keeps_mail_waiting() -> None:
    with pytest.raises(TransientMailError, match="SMTP_URL"):
        mailer_from_url(None).send(a_message())
