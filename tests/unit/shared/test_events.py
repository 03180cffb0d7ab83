"""Contract tests: every event round-trips, and its wire form matches a frozen example."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from shared.events import (
    CONTRACTS,
    SUBSCRIBERS,
    AccountChanged,
    AgencyChanged,
    AnnouncedResult,
    AspectScore,
    Assignee,
    CallPublished,
    DecisionMade,
    DecisionsFinalized,
    DocumentFailed,
    DocumentReady,
    Envelope,
    EvaluatorInvited,
    IidAnswersSubmitted,
    IidEvidenceAccepted,
    IidEvidenceReturned,
    IidRecapRequested,
    InnovationStageChanged,
    MonevVisitRecorded,
    MonitoringMember,
    NotificationSent,
    ObjectionEmailRequested,
    ObjectionFiled,
    ObjectionResolved,
    ObjectionsOpened,
    Person,
    ProposalAdmitted,
    ProposalRefused,
    ProposalReturned,
    ProposalScored,
    ProposalSubmitted,
    ProposalWithdrawn,
    RecapIndicator,
    RecapInnovation,
    RecapMissing,
    ReportDue,
    ResultsAnnounced,
    ReviewAssigned,
    ReviewDue,
    ReviewReleased,
    ReviewSubmitted,
    RubricAspect,
    Section,
    TeamInvited,
    UnknownEventError,
    VisitPhoto,
)

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
INNOVATOR = Person(id=7, name="Inovator", email="i@sipinda.test")
EVALUATOR = Assignee(evaluator_id=9, name="E", email="e@sipinda.test", opd_code=None)

EXAMPLES = {
    "proposal.submitted": ProposalSubmitted(
        proposal_id=1, version_no=1, title="Posyandu Digital", summary="Ringkas",
        opd_code="dinkes", opd_name="Dinas Kesehatan", innovator=INNOVATOR, submitted_at=AT,
    ),
    "call.published": CallPublished(
        call_id=1, version_no=2, call_name="KIPP 2023", year=2023, opens_at=AT, closes_at=AT,
        aspects=(RubricAspect(key="signifikansi", title="Signifikansi", weight=0.3),),
        categories=("kesehatan",), groups=("umum",),
    ),
    "proposal.admitted": ProposalAdmitted(
        proposal_id=1, version_no=1, title="Posyandu Digital", summary="Ringkas",
        opd_code="dinkes", opd_name="Dinas Kesehatan", innovator=INNOVATOR, submitted_at=AT,
        sections=(Section(key="ringkasan", title="Ringkasan", text="Ringkas"),),
        urusan=("kesehatan",), team=(INNOVATOR,),
    ),
    "proposal.returned": ProposalReturned(
        proposal_id=1, version_no=1, title="Posyandu Digital", innovator=INNOVATOR,
        fixes=("Lampirkan SK",),
    ),
    "proposal.refused": ProposalRefused(
        proposal_id=1, version_no=1, title="Posyandu Digital", innovator=INNOVATOR,
        reason="Inovasi belum diterapkan.",
    ),
    "proposal.withdrawn": ProposalWithdrawn(
        proposal_id=1, title="Posyandu Digital", innovator=INNOVATOR
    ),
    "review.released": ReviewReleased(
        review_id=5, proposal_id=1, title="Posyandu Digital", evaluator=EVALUATOR,
        reason="conflict", version_no=1,
    ),
    "review.due": ReviewDue(
        review_id=5, proposal_id=1, title="Posyandu Digital", evaluator=EVALUATOR, due_at=AT,
        overdue=True,
    ),
    "review.submitted": ReviewSubmitted(
        review_id=5, proposal_id=1, version_no=1, title="Posyandu Digital", evaluator=EVALUATOR,
        scores=(AspectScore(key="signifikansi", title="Signifikansi", weight=0.3, score=8),),
        total=2.4, submitted_at=AT,
    ),
    "proposal.scored": ProposalScored(
        proposal_id=1, version_no=1, title="Posyandu Digital", mean=7.5, median=7.5, reviews=3,
    ),
    "decision.made": DecisionMade(
        proposal_id=1, version_no=1, title="Posyandu Digital", innovator=INNOVATOR,
        opd_code="dinkes", opd_name="Dinas Kesehatan", decision="finalist", rank=1, score=7.5,
        decided_at=AT,
    ),
    "results.announced": ResultsAnnounced(
        call_id=1, call_name="KIPP 2023", announcement_no=1, announced_at=AT,
        announcer=INNOVATOR,
        results=(AnnouncedResult(proposal_id=1, version_no=1, title="Posyandu Digital",
                                 opd_name="Dinas Kesehatan", decision="winner", rank=1,
                                 innovator=INNOVATOR),),
    ),
    "objections.opened": ObjectionsOpened(
        call_id=1, call_name="KIPP 2023", opened_at=AT, closes_at=AT, days=5,
        page_path="/uji-publik/1", opened_by=INNOVATOR, innovators=(INNOVATOR,),
    ),
    "objection.email_requested": ObjectionEmailRequested(
        call_id=1, call_name="KIPP 2023", email="warga@contoh.id",
        confirm_path="/uji-publik/1/email/t", expires_at=AT,
    ),
    "objection.filed": ObjectionFiled(
        objection_id=4, call_id=1, proposal_id=1, version_no=1, filed_at=AT, signed_in=True
    ),
    "objection.resolved": ObjectionResolved(
        objection_id=4, call_id=1, proposal_id=1, outcome="dismissed", reason="Tidak terbukti.",
        resolved_at=AT,
    ),
    "decisions.finalized": DecisionsFinalized(call_id=1, finalized_at=AT, decisions=3),
    "evaluator.invited": EvaluatorInvited(
        invitation_id=2, call_id=1, call_name="KIPP 2023", evaluator=INNOVATOR,
        accept_path="/review/invitations/2",
    ),
    "team.invited": TeamInvited(
        proposal_id=1, title="Posyandu Digital", invitee=INNOVATOR, inviter_name="Ani",
        accept_path="/proposals",
    ),
    "review.assigned": ReviewAssigned(
        proposal_id=1, version_no=1, title="Posyandu Digital", summary="Ringkas",
        opd_code="dinkes", opd_name="Dinas Kesehatan", innovator=INNOVATOR, submitted_at=AT,
        evaluators=(EVALUATOR,),
    ),
    "monev.visit_recorded": MonevVisitRecorded(
        visit_id=4, innovation_id=2, title="Posyandu Digital", opd_code="dinkes",
        opd_name="Dinas Kesehatan", stage="uji_coba", team_name="Tim Monev 1", team_year=2026,
        members=(MonitoringMember(name="Ketua Tim", role="ketua"), MonitoringMember(name="A")),
        visited_on=AT.date(), place="Puskesmas Cilegon", findings="Berjalan baik.",
        recommendations="Perluas ke kelurahan lain.", recorded_by=INNOVATOR, recorded_at=AT,
        photos=(VisitPhoto(key="innovations/ab.jpg", sha256="cd" * 32, content_type="image/jpeg",
                           filename="foto.jpg"),),
        readers=(7, 8),
    ),
    "innovation.stage_changed": InnovationStageChanged(
        innovation_id=2, change_id=5, title="Posyandu Digital", opd_code="dinkes",
        opd_name="Dinas Kesehatan", previous="inisiatif", stage="penerapan", on=AT.date(),
        changed_at=AT, actor=INNOVATOR, trial_on=AT.date(), evidence_name="ba-penerapan.pdf",
        team=(INNOVATOR,),
    ),
    "innovation.report_due": ReportDue(
        schedule_id=4, innovation_id=2, title="Posyandu Digital",
        schedule_title="Laporan kemajuan penerapan 2027", opd_code="dinkes", due_on=AT.date(),
        overdue=False, step=0, report_path="/innovations/2/reports/new?schedule=4",
        team=(INNOVATOR,),
    ),
    "iid.answers_submitted": IidAnswersSubmitted(
        year=2026, innovation_id=2, title="Posyandu Digital", opd_code="dinkes",
        indicator_nos=(16, 32), by=INNOVATOR,
    ),
    "iid.evidence_accepted": IidEvidenceAccepted(
        year=2026, innovation_id=2, title="Posyandu Digital", indicator_no=32,
        indicator_name="Kemanfaatan", level=3, verifier_id=9,
    ),
    "iid.evidence_returned": IidEvidenceReturned(
        year=2026, innovation_id=None, title="", opd_code="", indicator_no=2,
        indicator_name="Regulasi inovasi daerah", reason="SK belum ditandatangani",
        recipient=INNOVATOR, verifier_id=9,
    ),
    "iid.recap_requested": IidRecapRequested(
        year=2026, structure_version=2, spd=Decimal("12.50"), sid=Decimal("20.33"), n=3,
        divisor=30, count_score=Decimal("2.00"), max_total=Decimal("100"),
        iid=Decimal("32.83"), predikat="Kurang Inovatif",
        spd_rows=(RecapIndicator(no=2, name="Regulasi inovasi daerah", level=3,
                                 parameter="Peraturan kepala daerah", score=Decimal("5.5"),
                                 status="accepted"),),
        innovations=(RecapInnovation(innovation_id=2, title="Posyandu Digital",
                                     opd_name="Dinas Kesehatan", score=Decimal("18.25")),),
        missing=(RecapMissing(no=16, name="Kecepatan inovasi", region=False, units=2,
                              gain=Decimal("1.05")),),
        requested_by=INNOVATOR, requested_at=AT,
    ),
    "document.ready": DocumentReady(
        document_id=3, kind="proposal_dossier", proposal_id=1, version_no=1,
        title="Posyandu Digital", sha256="ab" * 32, download_path="/documents/3/download",
        owner=INNOVATOR,
    ),
    "document.failed": DocumentFailed(
        kind="proposal_dossier", subject="proposal:1:v1", proposal_id=1, version_no=1,
        title="Posyandu Digital", cause="time_limit", reason="rendering took longer than 30 s",
        owner=INNOVATOR,
    ),
    "notification.sent": NotificationSent(
        notification_id=4, proposal_id=1, channel="email", recipient_email="e@sipinda.test",
        recipient_role="evaluator", subject="Penugasan",
    ),
    "account.changed": AccountChanged(
        id=7, email="i@sipinda.test", full_name="Inovator", role="innovator", opd_code="dinkes",
        language="en", active=False, session_epoch=3,
    ),
    "agency.changed": AgencyChanged(
        code="kel-cibeber", agency_name="Kelurahan Cibeber", kind="kelurahan",
        parent_code="kec-cibeber",
    ),
}  # fmt: skip

FROZEN_PROPOSAL_SUBMITTED = {
    "proposal_id": 1,
    "version_no": 1,
    "title": "Posyandu Digital",
    "summary": "Ringkas",
    "opd_code": "dinkes",
    "opd_name": "Dinas Kesehatan",
    "innovator": {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"},
    "call_id": None,
    "call_version": None,
    "submitted_at": "2026-03-02T01:30:00Z",
    "category": None,
    "group": None,
    "urusan": [],
    "sdgs": [],
    "team": [],
    "sections": [],
    "attachments": [],
    "files": [],  # added with a default: older payloads still read
    "blind": False,
    "profile": {},  # added with a default: older payloads still read
}


def test_every_contract_has_an_example_and_subscribers() -> None:
    assert set(EXAMPLES) == set(CONTRACTS) == set(SUBSCRIBERS)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_event_round_trips_through_its_envelope(name: str) -> None:
    event = EXAMPLES[name]
    envelope = Envelope.wrap(event, producer="test", correlation_id="c-1")
    wire = json.loads(json.dumps(envelope.to_wire()))
    assert Envelope.model_validate(wire).open() == event


def test_proposal_submitted_wire_form_is_frozen() -> None:
    payload = Envelope.wrap(EXAMPLES["proposal.submitted"], producer="submission").payload
    assert payload == FROZEN_PROPOSAL_SUBMITTED


def test_proposal_refused_wire_form_is_frozen() -> None:
    payload = Envelope.wrap(EXAMPLES["proposal.refused"], producer="submission").payload
    assert payload == {
        "proposal_id": 1,
        "version_no": 1,
        "title": "Posyandu Digital",
        "innovator": {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"},
        "reason": "Inovasi belum diterapkan.",
    }
    assert SUBSCRIBERS["proposal.refused"] == ("notifications",)  # review never heard of it


def test_old_payload_without_new_optional_field_still_reads() -> None:
    old = {k: v for k, v in FROZEN_PROPOSAL_SUBMITTED.items() if k != "call_id"}
    assert ProposalSubmitted.model_validate(old).call_id is None


def test_unknown_version_is_refused() -> None:
    envelope = Envelope(name="proposal.submitted", version=99, producer="x", payload={})
    with pytest.raises(UnknownEventError):
        envelope.open()


FROZEN_ACCOUNT_CHANGED = {
    "id": 7,
    "email": "i@sipinda.test",
    "full_name": "Inovator",
    "role": "innovator",
    "opd_code": "dinkes",
    "language": "en",
    "active": False,
    "session_epoch": 3,
}
FROZEN_AGENCY_CHANGED = {
    "code": "kel-cibeber",
    "agency_name": "Kelurahan Cibeber",
    "kind": "kelurahan",
    "parent_code": "kec-cibeber",
}


def test_account_changed_wire_form_is_frozen_and_carries_no_secret() -> None:
    payload = Envelope.wrap(EXAMPLES["account.changed"], producer="identity").payload
    assert payload == FROZEN_ACCOUNT_CHANGED
    assert not any("password" in key or "hash" in key or "stamp" in key for key in payload)


def test_agency_changed_wire_form_is_frozen() -> None:
    payload = Envelope.wrap(EXAMPLES["agency.changed"], producer="identity").payload
    assert payload == FROZEN_AGENCY_CHANGED


def test_identity_events_reach_every_service() -> None:
    every = {"submission", "review", "documents", "notifications", "innovations"}
    assert set(SUBSCRIBERS["account.changed"]) == set(SUBSCRIBERS["agency.changed"]) == every


FROZEN_MONEV_VISIT_RECORDED = {
    "visit_id": 4,
    "innovation_id": 2,
    "title": "Posyandu Digital",
    "opd_code": "dinkes",
    "opd_name": "Dinas Kesehatan",
    "stage": "uji_coba",
    "team_name": "Tim Monev 1",
    "team_year": 2026,
    "members": [{"name": "Ketua Tim", "role": "ketua"}, {"name": "A", "role": "anggota"}],
    "visited_on": "2026-03-02",
    "place": "Puskesmas Cilegon",
    "findings": "Berjalan baik.",
    "recommendations": "Perluas ke kelurahan lain.",
    "recorded_by": {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"},
    "recorded_at": "2026-03-02T01:30:00Z",
    "follow_up_by": None,
    "photos": [
        {
            "key": "innovations/ab.jpg",
            "sha256": "cd" * 32,
            "content_type": "image/jpeg",
            "filename": "foto.jpg",
        },
    ],
    "readers": [7, 8],
    "notify": [],
}


def test_monev_visit_recorded_wire_form_is_frozen_and_reaches_documents() -> None:
    payload = Envelope.wrap(EXAMPLES["monev.visit_recorded"], producer="innovations").payload
    assert payload == FROZEN_MONEV_VISIT_RECORDED
    assert SUBSCRIBERS["monev.visit_recorded"] == ("documents", "notifications")
    old = {k: v for k, v in FROZEN_MONEV_VISIT_RECORDED.items() if k not in ("photos", "readers")}
    assert MonevVisitRecorded.model_validate(old).photos == ()


def test_innovation_stage_changed_wire_form_is_frozen_and_reaches_documents_and_mail() -> None:
    payload = Envelope.wrap(EXAMPLES["innovation.stage_changed"], producer="innovations").payload
    person = {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"}
    assert payload == {
        "innovation_id": 2, "change_id": 5, "title": "Posyandu Digital", "opd_code": "dinkes",
        "opd_name": "Dinas Kesehatan", "previous": "inisiatif", "stage": "penerapan",
        "on": "2026-03-02", "changed_at": "2026-03-02T01:30:00Z", "actor": person,
        "trial_on": "2026-03-02", "evidence_name": "ba-penerapan.pdf", "team": [person],
    }  # fmt: skip
    assert SUBSCRIBERS["innovation.stage_changed"] == ("documents", "notifications")
    old = {k: v for k, v in payload.items() if k not in ("trial_on", "evidence_name", "team")}
    assert InnovationStageChanged.model_validate(old).team == ()


def test_innovation_report_due_wire_form_is_frozen_and_reaches_mail() -> None:
    payload = Envelope.wrap(EXAMPLES["innovation.report_due"], producer="innovations").payload
    person = {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"}
    assert payload == {
        "schedule_id": 4, "innovation_id": 2, "title": "Posyandu Digital",
        "schedule_title": "Laporan kemajuan penerapan 2027", "opd_code": "dinkes",
        "due_on": "2026-03-02", "overdue": False, "step": 0,
        "report_path": "/innovations/2/reports/new?schedule=4", "team": [person],
    }  # fmt: skip
    assert SUBSCRIBERS["innovation.report_due"] == ("notifications",)
    old = {k: v for k, v in payload.items() if k != "team"}
    assert ReportDue.model_validate(old).team == ()


def test_objection_events_wire_form_is_frozen_and_carries_no_objector() -> None:
    """Uji publik: the window's end as the admin opened it; a filing names the proposal, never
    the objector's name, address or reason (those stay in review's table)."""
    opened = Envelope.wrap(EXAMPLES["objections.opened"], producer="review").payload
    assert opened["closes_at"] == "2026-03-02T01:30:00Z"
    assert (opened["days"], opened["page_path"]) == (5, "/uji-publik/1")
    filed = Envelope.wrap(EXAMPLES["objection.filed"], producer="review").payload
    assert filed == {"objection_id": 4, "call_id": 1, "proposal_id": 1, "version_no": 1,
                     "filed_at": "2026-03-02T01:30:00Z", "signed_in": True}  # fmt: skip
    assert SUBSCRIBERS["objections.opened"] == ("notifications",)
    assert SUBSCRIBERS["objection.email_requested"] == ("notifications",)
    assert SUBSCRIBERS["decisions.finalized"] == ()


def test_iid_events_wire_form_is_frozen_and_a_return_reaches_mail() -> None:
    """The IID: a return names the indicator, the reason and who answered it (in their
    language); the region's SPD answers carry no innovation."""
    payload = Envelope.wrap(EXAMPLES["iid.evidence_returned"], producer="innovations").payload
    person = {"id": 7, "name": "Inovator", "email": "i@sipinda.test", "language": "id"}
    assert payload == {
        "year": 2026, "innovation_id": None, "title": "", "opd_code": "", "indicator_no": 2,
        "indicator_name": "Regulasi inovasi daerah", "reason": "SK belum ditandatangani",
        "recipient": person, "verifier_id": 9,
    }  # fmt: skip
    sent = Envelope.wrap(EXAMPLES["iid.answers_submitted"], producer="innovations").payload
    assert sent["indicator_nos"] == [16, 32]
    assert SUBSCRIBERS["iid.evidence_returned"] == ("notifications",)
    assert SUBSCRIBERS["iid.answers_submitted"] == SUBSCRIBERS["iid.evidence_accepted"] == ()


def test_iid_recap_requested_wire_form_is_frozen_and_reaches_documents() -> None:
    """The recap carries its figures as the page shows them: 2-decimal strings, never floats
    (a 1.68 stays 1.68 on paper); documents alone renders it."""
    payload = Envelope.wrap(EXAMPLES["iid.recap_requested"], producer="innovations").payload
    assert (payload["iid"], payload["spd"], payload["predikat"]) == (
        "32.83", "12.50", "Kurang Inovatif",
    )  # fmt: skip
    assert payload["spd_rows"] == [{
        "no": 2, "name": "Regulasi inovasi daerah", "level": 3,
        "parameter": "Peraturan kepala daerah", "score": "5.5", "status": "accepted",
    }]  # fmt: skip
    assert payload["innovations"][0]["score"] == "18.25"
    assert payload["missing"][0] == {
        "no": 16, "name": "Kecepatan inovasi", "region": False, "units": 2, "gain": "1.05",
    }  # fmt: skip
    assert SUBSCRIBERS["iid.recap_requested"] == ("documents",)
