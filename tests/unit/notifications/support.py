"""Test helpers for the notifications service: a real SMTP server (aiosmtpd) that can be
stopped and started again on its port, the test environment, and event factories."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from shared.events import Assignee, DocumentReady, Envelope, Event, Person, ReviewAssigned

BASE_URL = "https://sipinda.example.go.id"
MAIL_FROM = "SIPINDA Cilegon <no-reply@sipinda.example.go.id>"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Recorder:
    """aiosmtpd handler keeping what it accepts; `answer` is what it says to DATA."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.answer = "250 2.0.0 Ok: queued as TEST"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.answer.startswith("250"):
            raw = bytes(envelope.original_content)
            self.messages.append(message_from_bytes(raw, policy=policy.default))
        return self.answer


class SmtpServer:
    """A real SMTP server that a test can stop and start again on the same port."""

    def __init__(self, port: int, **options: Any) -> None:
        self.port = port
        self.options = options
        self.recorder = Recorder()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?timeout=5"

    @property
    def messages(self) -> list[EmailMessage]:
        return self.recorder.messages

    def start(self) -> None:
        self._controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, **self.options
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def environment(tmp_path: Path, smtp_url: str) -> dict[str, str]:
    return {
        "SIPINDA_VAR_DIR": str(tmp_path / "var"),
        "NOTIFICATIONS_DATABASE_URL": f"sqlite:///{tmp_path / 'notifications.db'}",
        "SMTP_URL": smtp_url,
        "BASE_URL": BASE_URL,
        "MAIL_FROM": MAIL_FROM,
    }


def review_assigned(
    *evaluators: tuple[str, str, str], title: str = "", **extra: Any
) -> ReviewAssigned:
    """`evaluators` as (name, email, language)."""
    return ReviewAssigned(
        proposal_id=42,
        version_no=1,
        title=title or "Kader Gegana Pedes: deteksi dini stunting di Cibeber",
        summary="Kader posyandu memantau balita dengan aplikasi sederhana.",
        opd_code="dinkes",
        opd_name="Dinas Kesehatan",
        innovator=Person(id=7, name="Siti Innovator", email="siti@opd.example.go.id"),
        evaluators=tuple(
            Assignee(evaluator_id=100 + i, name=name, email=email, opd_code=None, language=lang)
            for i, (name, email, lang) in enumerate(evaluators)
        ),
        submitted_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        **extra,
    )


def document_ready(kind: str = "proposal_dossier", language: str = "id") -> DocumentReady:
    return DocumentReady(
        document_id=5,
        kind=kind,
        proposal_id=42,
        version_no=1,
        title="Kader Gegana Pedes: deteksi dini stunting di Cibeber",
        sha256="ab" * 32,
        download_path="/documents/5/download",
        owner=Person(
            id=7, name="Siti Innovator", email="siti@opd.example.go.id", language=language
        ),
    )


def envelope_of(event: Event, producer: str = "review") -> Envelope:
    return Envelope.wrap(event, producer, correlation_id="corr-1")


EVALUATORS = (
    ("Dr. Budi Santoso", "budi@univ.example.ac.id", "id"),
    ("Prof. Jane Doe", "jane@univ.example.edu", "en"),
    ("Ir. Rina Wati", "rina@univ.example.ac.id", "id"),
)
