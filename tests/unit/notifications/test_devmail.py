"""The development SMTP sink: .eml files on disk, read back newest first; clean shutdown."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

from services.notifications import composer
from services.notifications.devmail import MailboxHandler, read_mailbox, serve, start
from services.notifications.mailer import SmtpMailer
from tests.support.notifications import MAIL_FROM, free_port


def send(port: int, subject: str, to: str = "budi@univ.example.ac.id") -> None:
    letter = composer.Letter(
        recipient_name="Dr. Budi Santoso",
        recipient_email=to,
        language="id",
        subject=subject,
        text=f"Isi: {subject}\n",
        html=f"<p>Isi: {subject}</p>",
        message_id=f"<{subject.replace(' ', '-')}@sipinda.example.go.id>",
        created_at=datetime(2025, 3, 1, 9, 0),
    )
    SmtpMailer.from_url(f"smtp://127.0.0.1:{port}?timeout=5").send(
        composer.build_message(letter, MAIL_FROM)
    )


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check: object, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_sink_keeps_each_mail_as_an_eml_file_read_back_newest_first(tmp_path: Path) -> None:
    port = free_port()
    controller = start("127.0.0.1", port, tmp_path / "mailbox")
    try:
        send(port, "Pertama")
        send(port, "Kedua", to="jane@univ.example.edu")
    finally:
        controller.stop()

    files = sorted(p.name for p in (tmp_path / "mailbox").iterdir())
    assert len(files) == 2
    assert all(name.endswith(".eml") for name in files)
    newest, oldest = read_mailbox(tmp_path / "mailbox")
    assert (newest.subject, oldest.subject) == ("Kedua", "Pertama")
    assert newest.filename == files[1]
    assert newest.sender == MAIL_FROM
    assert "jane@univ.example.edu" in newest.to
    assert newest.text == "Isi: Kedua\n"
    assert "<p>Isi: Kedua</p>" in (newest.html or "")
    assert newest.message_id == "<Kedua@sipinda.example.go.id>"
    assert newest.date == datetime.fromisoformat("2025-03-01T09:00:00+00:00")


def test_an_empty_or_missing_mailbox_reads_as_no_mail(tmp_path: Path) -> None:
    MailboxHandler(tmp_path / "empty").store(b"")  # a mail without headers still parses
    assert read_mailbox(tmp_path / "missing") == []
    (only,) = read_mailbox(tmp_path / "empty")
    assert (only.subject, only.date, only.text) == ("", None, "")


def test_half_written_files_are_never_read(tmp_path: Path) -> None:
    (tmp_path / ".incoming-abc.tmp").write_bytes(b"Subject: half")

    assert read_mailbox(tmp_path) == []


def test_serve_returns_when_asked_to_stop(tmp_path: Path) -> None:
    port, stop = free_port(), threading.Event()
    server = threading.Thread(target=serve, args=("127.0.0.1", port, tmp_path, stop))
    server.start()
    wait_for(lambda: listening(port))

    send(port, "Lewat thread")
    stop.set()
    server.join(timeout=10)

    assert not server.is_alive()
    assert not listening(port)
    assert [m.subject for m in read_mailbox(tmp_path)] == ["Lewat thread"]


def test_serve_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    program = textwrap.dedent(f"""
        from pathlib import Path
        from services.notifications.devmail import serve
        serve("127.0.0.1", {port}, Path({str(tmp_path)!r}))
        print("stopped", flush=True)
    """)
    process = subprocess.Popen(
        [sys.executable, "-c", program], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_for(lambda: listening(port))
        send(port, "Sebelum berhenti")
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 0, output
    assert b"stopped" in output
    assert [m.subject for m in read_mailbox(tmp_path)] == ["Sebelum berhenti"]
