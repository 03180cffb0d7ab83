"""Test helpers for the notifications service: a real SMTP server (aiosmtpd) that can be
stopped and started again on its port, the test environment, event factories, and the fixtures
of a real SMTP server, a real database (SQLite in tmp_path; a fresh PostgreSQL database when
DATABASE_URL names a server) and settings (or the process runtime) pointing at both."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from services.notifications.models import Base
from shared import runtime
from shared.config import Settings
from shared.db import Database
from shared.events import (
    AnnouncedResult,
    Assignee,
    DecisionMade,
    DocumentReady,
    Envelope,
    EvaluatorInvited,
    Event,
    IidEvidenceReturned,
    InnovationStageChanged,
    MonevVisitRecorded,
    MonitoringMember,
    ObjectionEmailRequested,
    ObjectionsOpened,
    Person,
    ProposalRefused,
    ProposalReturned,
    ProposalSubmitted,
    ProposalWithdrawn,
    ReportDue,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
    TeamInvited,
)
from tests.support.environment import postgres_database

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


def environment(tmp_path: Path, smtp_url: str, database_url: str | None = None) -> dict[str, str]:
    """`database_url`: both databases there (a fresh PostgreSQL one); SQLite files otherwise."""
    return {
        "SIPINDA_VAR_DIR": str(tmp_path / "var"),
        "NOTIFICATIONS_DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'notifications.db'}",
        "IDENTITY_DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'identity.db'}",
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


INNOVATOR = Person(id=7, name="Siti Innovator", email="siti@opd.example.go.id")
EVALUATOR = Assignee(
    evaluator_id=100, name="Dr. Budi Santoso", email="budi@univ.example.ac.id", opd_code=None
)
TITLE = "Kader Gegana Pedes: deteksi dini stunting di Cibeber"
DUE = datetime(2025, 3, 15, 10, 0, tzinfo=UTC)  # 17:00 WIB


def every_notice(language: str) -> list[tuple[str, Event, str]]:
    """One event per kind of notice, addressed to someone speaking `language`:
    (kind, event, the path its link must name)."""
    innovator = INNOVATOR.model_copy(update={"language": language})
    evaluator = EVALUATOR.model_copy(update={"language": language})
    evaluators = (("Dr. Budi Santoso", "budi@univ.example.ac.id", language),)
    common: dict[str, Any] = {"proposal_id": 42, "title": TITLE}
    return [
        ("submission_received", ProposalSubmitted(
            **common, version_no=2, summary="s", opd_code="dinkes", opd_name="Dinas Kesehatan",
            innovator=innovator, submitted_at=datetime(2025, 3, 1, 2, 30, tzinfo=UTC)),
         "/proposals/42"),
        ("proposal_returned", ProposalReturned(
            **common, version_no=1, innovator=innovator,
            fixes=("Lengkapi anggaran", "Unggah SK inovator"), note="Mohon segera."),
         "/proposals/42"),
        ("proposal_refused", ProposalRefused(
            **common, version_no=1, innovator=innovator,
            reason="Inovasi belum diterapkan satu tahun."), "/proposals/42"),
        ("proposal_withdrawn", ProposalWithdrawn(**common, innovator=innovator), "/proposals/42"),
        ("evaluator_assigned", review_assigned(*evaluators, due_at=DUE), "/proposals/42"),
        ("under_review", review_assigned(*evaluators).model_copy(
            update={"innovator": innovator, "evaluators": ()}), "/proposals/42"),
        ("review_released", ReviewReleased(
            review_id=9, **common, evaluator=evaluator, reason="conflict"),
         "/"),
        ("review_reminder", ReviewDue(review_id=9, **common, evaluator=evaluator, due_at=DUE),
         "/proposals/42"),
        ("review_overdue", ReviewDue(
            review_id=9, **common, evaluator=evaluator, due_at=DUE, overdue=True),
         "/proposals/42"),
        ("decision_made", DecisionMade(
            **common, version_no=2, innovator=innovator, opd_code="dinkes",
            opd_name="Dinas Kesehatan", decision="finalist", rank=3, score=87.5,
            decided_at=DUE), "/proposals/42"),
        ("results_announced", ResultsAnnounced(
            call_id=5, call_name="KIPP Kota Cilegon 2025", announcement_no=1, announced_at=DUE,
            announcer=innovator.model_copy(update={"id": 1}),
            results=(AnnouncedResult(proposal_id=42, version_no=2, title=TITLE,
                                     opd_name="Dinas Kesehatan", decision="winner", rank=1,
                                     innovator=innovator),)),
         "/documents/calls/5/announcement"),
        ("objections_opened", ObjectionsOpened(
            call_id=5, call_name="KIPP Kota Cilegon 2025", opened_at=DUE, closes_at=DUE, days=5,
            page_path="/uji-publik/5", opened_by=innovator.model_copy(update={"id": 1}),
            innovators=(innovator,)), "/uji-publik/5"),
        ("objection_email", ObjectionEmailRequested(
            call_id=5, call_name="KIPP Kota Cilegon 2025", email="warga@contoh.id",
            language=language, confirm_path="/uji-publik/5/email/abc", expires_at=DUE),
         "/uji-publik/5/email/abc"),
        ("evaluator_invited", EvaluatorInvited(
            invitation_id=3, call_id=1, call_name="KIPP Kota Cilegon 2025",
            evaluator=innovator.model_copy(update={"id": 100}),
            accept_path="/invitations/3/abc"), "/invitations/3/abc"),
        ("team_invited", TeamInvited(
            proposal_id=7, title=TITLE, invitee=innovator.model_copy(update={"id": 101}),
            inviter_name="Ani Inovator", accept_path="/proposals"), "/proposals"),
        ("dossier_ready", document_ready(language=language), "/documents/5/download"),
        ("document_ready", document_ready(kind="sertifikat", language=language),
         "/documents/5/download"),
        ("assignment_letter", document_ready(kind="surat_tugas", language=language),
         "/documents/5/download"),
        ("report_due", ReportDue(
            schedule_id=3, innovation_id=7, title=TITLE,
            schedule_title="Laporan kemajuan penerapan 2025", opd_code="dinkes",
            due_on=DUE.date(), overdue=False, step=0,
            report_path="/innovations/7/reports/new?schedule=3", team=(innovator,)),
         "/innovations/7/reports/new?schedule=3"),
        ("innovation_stage_changed", InnovationStageChanged(
            innovation_id=7, change_id=2, title=TITLE, opd_code="dinkes",
            opd_name="Dinas Kesehatan", previous="inisiatif", stage="penerapan", on=DUE.date(),
            changed_at=DUE, actor=innovator, trial_on=DUE.date(), evidence_name="ba.pdf",
            team=(innovator,)), "/innovations/7"),
        ("iid_returned", IidEvidenceReturned(
            year=2026, innovation_id=7, title=TITLE, opd_code="dinkes", indicator_no=32,
            indicator_name="Kemanfaatan", reason="Rekap penerima manfaat belum ditandatangani",
            recipient=innovator, verifier_id=9),
         "/innovations/7/iid/2026"),
        ("monev_visit_recorded", MonevVisitRecorded(
            visit_id=4, innovation_id=7, title=TITLE, opd_code="dinkes",
            opd_name="Dinas Kesehatan", stage="uji_coba", team_name="Tim Monev 1",
            team_year=2026, members=(MonitoringMember(name="Ketua Tim", role="ketua"),),
            visited_on=DUE.date(), place="Puskesmas Cibeber", findings="Kader aktif.",
            recommendations="Perluas.", recorded_by=innovator, recorded_at=DUE,
            follow_up_by=DUE.date(), notify=(innovator,)),
         "/innovations/monev/visits/4"),
    ]  # fmt: skip


@pytest.fixture
def database_url() -> Iterator[str | None]:
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgresql"):
        yield None
        return
    with postgres_database(server) as url:
        yield url


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path, smtp_server: SmtpServer, database_url: str | None) -> Settings:
    return Settings.from_env(environment(tmp_path, smtp_server.url, database_url))


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database("notifications", settings.database_url("notifications"))
    Base.metadata.create_all(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def live_runtime(
    tmp_path: Path,
    smtp_server: SmtpServer,
    database_url: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Database]:
    """The process-wide runtime (what the real consumer uses) pointed at this test's SQLite
    file and SMTP server; returns its notifications database, tables created."""
    for name, value in environment(tmp_path, smtp_server.url, database_url).items():
        monkeypatch.setenv(name, value)
    runtime.reset()
    db = runtime.database("notifications")
    Base.metadata.create_all(db.engine)
    yield db
    runtime.reset()
