"""Test data for the documents service: events as the other services publish them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.events import (
    AspectScore,
    Assignee,
    CallPublished,
    DecisionMade,
    Person,
    ProposalSubmitted,
    ReviewAssigned,
    ReviewSubmitted,
    RubricAspect,
    Section,
)

SUBMITTED_AT = datetime(2020, 12, 7, 7, 30, tzinfo=UTC)  # Senin, 14.30 WIB
ASSIGNED_AT = datetime(2020, 12, 8, 2, 0, tzinfo=UTC)
INNOVATOR = Person(id=7, name="Rina Inovator", email="rina@example.test")
EVALUATORS = (
    Assignee(evaluator_id=31, name="Dr. Penilai Rahasia", email="p1@example.test", opd_code=None),
    Assignee(evaluator_id=12, name="Ir. Evaluator Tersembunyi", email="p2@example.test",
             opd_code="bappedalitbang"),
)  # fmt: skip
ASPECTS = (
    ("kebaruan", "Kebaruan", 0.25),
    ("manfaat", "Kemanfaatan", 0.35),
    ("keberlanjutan", "Keberlanjutan", 0.2),
    ("replikasi", "Kemudahan Replikasi", 0.2),
)

Assigned = Callable[..., ReviewAssigned]


def make_call(**overrides: Any) -> CallPublished:
    fields: dict[str, Any] = {
        "call_id": 3, "version_no": 1, "call_name": "Kompetisi Inovasi Daerah Kota Cilegon",
        "year": 2020, "opens_at": SUBMITTED_AT - timedelta(days=30), "closes_at": SUBMITTED_AT,
        "aspects": tuple(RubricAspect(key=k, title=t, weight=w) for k, t, w in ASPECTS),
    }  # fmt: skip
    fields.update(overrides)
    return CallPublished(**fields)


def make_submitted(**overrides: Any) -> ProposalSubmitted:
    fields: dict[str, Any] = {
        "proposal_id": 41,
        "version_no": 2,
        "title": "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting",
        "summary": "Kader posyandu memantau tumbuh kembang balita setiap bulan.\n\n"
        "Data dicatat di ponsel dan ditindaklanjuti puskesmas dalam satu minggu.",
        "opd_code": "dinkes",
        "opd_name": "Dinas Kesehatan",
        "innovator": INNOVATOR,
        "call_id": 3,
        "call_version": 1,
        "submitted_at": SUBMITTED_AT,
        "category": "Tata Kelola Pelayanan Publik",
        "group": "OPD",
        "urusan": ("kesehatan",),
        "sdgs": (3,),
        "team": (Person(id=8, name="Budi Anggota Tim", email="budi@example.test"),),
        "sections": (
            Section(key="latar", title="Latar Belakang",
                    text="Angka stunting di Kecamatan Cibeber masih tinggi."),
            Section(key="kebaruan", title="Kebaruan",
                    text="Rina Inovator dari Dinas Kesehatan memadukan posyandu dan ponsel."),
            Section(key="manfaat", title="Manfaat", text="Balita terpantau setiap bulan."),
        ),
        "attachments": ("foto-kegiatan.jpg", "sk-kepala-dinas.pdf"),
    }  # fmt: skip
    fields.update(overrides)
    return ProposalSubmitted(**fields)


def make_assigned(**overrides: Any) -> ReviewAssigned:
    fields: dict[str, Any] = {
        "proposal_id": 41,
        "version_no": 2,
        "title": "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting",
        "summary": "Kader posyandu memantau tumbuh kembang balita setiap bulan.",
        "opd_code": "dinkes",
        "opd_name": "Dinas Kesehatan",
        "innovator": INNOVATOR,
        "evaluators": EVALUATORS,
        "submitted_at": SUBMITTED_AT,
        "call_id": 3,
        "due_at": SUBMITTED_AT + timedelta(days=14),
    }  # fmt: skip
    fields.update(overrides)
    return ReviewAssigned(**fields)


def make_review(**overrides: Any) -> ReviewSubmitted:
    scores = tuple(
        AspectScore(key=k, title=t, weight=w, score=s, comment=f"Catatan {t.lower()}.")
        for (k, t, w), s in zip(ASPECTS, (8, 7, 9, 6), strict=True)
    )
    fields: dict[str, Any] = {
        "review_id": 17, "proposal_id": 41, "version_no": 2,
        "title": "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting",
        "evaluator": EVALUATORS[0], "call_id": 3, "scores": scores,
        "total": sum(s.weight * s.score for s in scores),
        "submitted_at": SUBMITTED_AT + timedelta(days=5),
    }  # fmt: skip
    fields.update(overrides)
    return ReviewSubmitted(**fields)


def make_decision(**overrides: Any) -> DecisionMade:
    fields: dict[str, Any] = {
        "proposal_id": 41, "version_no": 2,
        "title": "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting",
        "innovator": INNOVATOR, "opd_code": "dinkes", "opd_name": "Dinas Kesehatan",
        "call_id": 3, "decision": "winner", "rank": 1, "score": 8.1,
        "decided_at": SUBMITTED_AT + timedelta(days=20),
    }  # fmt: skip
    fields.update(overrides)
    return DecisionMade(**fields)
