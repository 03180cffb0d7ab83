"""Test helpers for the documents service: events as the other services publish them, a
`Press` on in-memory storage, and PDFs read back with pypdf."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from PIL import Image
from pypdf import PdfReader
from sqlalchemy.orm import Session

from services.documents import letterhead, letters
from services.documents.issuing import Press
from shared.events import (
    AspectScore,
    Assignee,
    CallPublished,
    DecisionMade,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    MonitoringMember,
    Person,
    ProposalSubmitted,
    RecapIndicator,
    RecapInnovation,
    RecapMissing,
    ReviewAssigned,
    ReviewSubmitted,
    RubricAspect,
    Section,
    VisitPhoto,
)
from shared.storage import InMemoryStorage, Storage, named_key

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
KINDS = (
    "proposal_dossier", "proposal_dossier_blind", "surat_tugas", "lembar_penilaian", "rekap",
    "berita_acara", "sertifikat", "sertifikat_batch", "monev", "berita_acara_tahap", "iid_rekap",
)  # fmt: skip


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


def assign_now(session: Session, event: ReviewAssigned, press: Press, at: datetime) -> list[Any]:
    """`review.assigned` as the documents consumer takes it, then the letters it made due issued
    at once (the documents beat would issue them a few seconds later)."""
    letters.record_assignment(session, event, at)
    later = datetime.now(UTC) + timedelta(days=1)
    issued = (letters.issue_due_letter(session, key, press, later)
              for key in letters.due_letters(session, later))  # fmt: skip
    return [document for document in issued if document is not None]


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


BASE_URL = "https://sipinda.cilegon.test"
ADMIN = Person(id=1, name="Admin Bappedalitbang", email="admin@example.test")


@dataclass(frozen=True)
class Issued:
    """One stored document: its row's facts and its bytes."""

    kind: str
    number: str
    code: str
    sha256: str
    pages: int
    status: str
    revision: int
    readers: list[int]
    pdf: bytes


# The signatories as a deployment names them (invented people, never real ones).
SIGNATORIES = {"SIGNATORY_HEAD_NAME": "Dr. Ratna Perencana, M.Si.",
               "SIGNATORY_HEAD_NIP": "197001011990031001",
               "SIGNATORY_MAYOR_NAME": "H. Wali Contoh, S.T."}  # fmt: skip


def make_press(storage: InMemoryStorage | None = None) -> Press:
    return Press(
        storage=storage or InMemoryStorage(),
        base_url=BASE_URL,
        deploy=letterhead.settings(SIGNATORIES),
        number_format=letterhead.number_format({}),
    )


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


def flat_text(pdf: bytes) -> str:
    """The text with all runs of white space as one space (line breaks fall anywhere)."""
    return " ".join(text_of(pdf).split())


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in reader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action: Any = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def source_of(pdf: bytes) -> dict[str, Any]:
    """The embedded `sumber.json`."""
    attachments = reader(pdf).attachments
    assert list(attachments) == ["sumber.json"], list(attachments)
    data: dict[str, Any] = json.loads(attachments["sumber.json"][0])
    return data


def page_fonts(pdf: bytes) -> list[Any]:
    fonts: list[Any] = []
    for page in reader(pdf).pages:
        resources: Any = page["/Resources"]
        fonts += [ref.get_object() for ref in (resources.get("/Font") or {}).values()]
    return fonts


def settings_form(**changes: str) -> dict[str, str]:
    """A valid form of /documents/settings: Cilegon's kop, every signatory named (invented
    people), and the legal bases of the surat tugas and the keputusan."""
    head = "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan Kota Cilegon"
    form = {
        "government": "PEMERINTAH KOTA CILEGON",
        "agency": "BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN",
        "address": "Jl. Jend. Sudirman No. 2, Cilegon",
        "phone": "(0254) 391234",
        "email": "bappedalitbang@cilegon.go.id",
        "city": "Cilegon",
        "sertifikat-name": "H. Wali Contoh, S.T.", "sertifikat-nip": "",
        "sertifikat-position": "Wali Kota Cilegon",
        "keputusan-name": "H. Wali Contoh, S.T.", "keputusan-nip": "",
        "keputusan-position": "Wali Kota Cilegon",
        "surat_tugas-bases": "Peraturan Pemerintah Nomor 38 Tahun 2017 tentang Inovasi Daerah;\n"
        "Peraturan Wali Kota Cilegon Nomor 7 Tahun 2026 tentang Kompetisi Inovasi;",
        "keputusan-bases": "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    }  # fmt: skip
    for kind in ("surat_tugas", "rekap", "berita_acara"):
        form |= {f"{kind}-name": "Dr. Ratna Perencana, M.Si.",
                 f"{kind}-nip": "19700101 199003 1 001", f"{kind}-position": head}  # fmt: skip
    return form | changes


def photo_png(size: tuple[int, int] = (60, 40)) -> bytes:
    """A small real image, as a visit's photo."""
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(out, "PNG")
    return out.getvalue()


def make_monev_visit(storage: Storage, **overrides: Any) -> MonevVisitRecorded:
    """A visit recorded with one photo, written to `storage` where innovations keeps it."""
    data = photo_png()
    key = named_key("innovations", ".png")
    storage.write(key, data)
    fields: dict[str, Any] = {
        "visit_id": 5, "innovation_id": 2, "title": "Posyandu Digital Cibeber",
        "opd_code": "dinkes", "opd_name": "Dinas Kesehatan", "stage": "uji_coba",
        "team_name": "Tim Monev 1", "team_year": 2020,
        "members": (MonitoringMember(name="Evaluator Akademisi Satu", role="ketua"),
                    MonitoringMember(name="Verifikator Litbang", role="anggota")),
        "visited_on": date(2020, 12, 14), "place": "Puskesmas Cibeber",
        "findings": "Kader aktif di 12 posyandu.\n\nPencatatan sudah daring.",
        "recommendations": "Perluas ke kelurahan lain.", "follow_up_by": date(2021, 2, 1),
        "recorded_by": ADMIN, "recorded_at": ASSIGNED_AT,
        "photos": (VisitPhoto(key=key, sha256=hashlib.sha256(data).hexdigest(),
                              content_type="image/png", filename="foto.png"),),
        "readers": (7, 9),
    }  # fmt: skip
    fields.update(overrides)
    return MonevVisitRecorded(**fields)


def make_stage_changed(**overrides: Any) -> InnovationStageChanged:
    """An innovation moved to uji coba with its signed berita acara, as innovations publishes."""
    fields: dict[str, Any] = {
        "innovation_id": 2, "change_id": 4, "title": "Posyandu Digital Cibeber",
        "opd_code": "dinkes", "opd_name": "Dinas Kesehatan", "previous": "inisiatif",
        "stage": "uji_coba", "on": date(2020, 11, 2), "changed_at": ASSIGNED_AT,
        "actor": INNOVATOR, "evidence_name": "berita-acara-uji-coba.pdf",
        "team": (INNOVATOR, Person(id=9, name="Budi Anggota", email="budi@example.test")),
    }  # fmt: skip
    fields.update(overrides)
    return InnovationStageChanged(**fields)


def make_iid_recap(**overrides: Any) -> IidRecapRequested:
    """The admin asked for the 2020 IID recap, as innovations publishes it."""
    fields: dict[str, Any] = {
        "year": 2020, "structure_version": 2, "spd": Decimal("12.50"), "sid": Decimal("20.33"),
        "n": 2, "divisor": 30, "count_score": Decimal("2.00"), "max_total": Decimal("100"),
        "iid": Decimal("32.83"), "predikat": "Kurang Inovatif",
        "spd_rows": (
            RecapIndicator(no=1, name="Regulasi inovasi daerah", level=3,
                           parameter="Peraturan kepala daerah", score=Decimal("5.50"),
                           status="accepted"),
            RecapIndicator(no=2, name="Ketersediaan SDM", score=Decimal(0), status="submitted"),
            RecapIndicator(no=3, name="Anggaran inovasi", score=Decimal(0)),
        ),
        "innovations": (
            RecapInnovation(innovation_id=2, title="Posyandu Digital Cibeber",
                            opd_name="Dinas Kesehatan", score=Decimal("18.25")),
            RecapInnovation(innovation_id=5, title="Antrean Daring Disdukcapil",
                            opd_name="Dinas Kependudukan dan Pencatatan Sipil",
                            score=Decimal("7.70")),
        ),
        "missing": (
            RecapMissing(no=2, name="Ketersediaan SDM", region=True, units=1,
                         gain=Decimal("3.00")),
            RecapMissing(no=16, name="Kecepatan inovasi", region=False, units=2,
                         gain=Decimal("1.05")),
        ),
        "requested_by": ADMIN, "requested_at": ASSIGNED_AT,
    }  # fmt: skip
    fields.update(overrides)
    return IidRecapRequested(**fields)
