"""The objects the authorization matrix requests, in the app's own databases: a review of the
Dinas Kesehatan innovator's proposal (two evaluators assigned), an invitation, a batch run, the
proposal's dossier (readable by one assigned evaluator), a document job, a notice, and a spare
account for the admin's account pages to change (never one the matrix signs in with)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from flask.testing import FlaskClient
from sqlalchemy import select

from services.documents import announcements
from services.documents import bootstrap as documents_bootstrap
from services.documents import calls as documents_calls
from services.documents import dossiers as documents_dossiers
from services.documents.models import Document
from services.identity.accounts import ensure_user, find_user_by_email
from services.identity.models import User
from services.innovations import evidence as innovation_evidence
from services.innovations.models import (
    IidAnswer,
    IidAnswerFile,
    InnovationProposal,
    InnovationStage,
    MonitoringAssignment,
    MonitoringTeam,
    MonitoringTeamMember,
    MonitoringVisit,
    ProgressReport,
    ReportFigure,
    ReportFile,
    ReportSchedule,
)
from services.notifications import inbox
from services.notifications.consumers import CONSUMER as NOTIFICATIONS
from services.notifications.models import Notification
from services.review import assignment as review_assignment
from services.review import evaluators as review_evaluators
from services.review import objections as review_objections
from services.review.models import Assignment, Invitation, Objection, ObjectionWindow
from shared import runtime
from shared.events import (
    AnnouncedResult,
    Assignee,
    CallPublished,
    DocumentReady,
    Envelope,
    Person,
    ProposalAdmitted,
    ResultsAnnounced,
    RubricAspect,
)
from shared.web.paging import Window
from tests.support.documents import (
    ASSIGNED_AT,
    assign_now,
    make_assigned,
    make_call,
    make_submitted,
    photo_png,
)
from tests.support.submission import pdf_bytes, token

FIXED_ROLES = {
    "owner": "inovator.dinkes@sipinda.test",
    "other_innovator": "inovator.disdukcapil@sipinda.test",
    "operator": "operator.dinkes@sipinda.test",
    "verifier": "verifikator@sipinda.test",
    "admin": "admin@sipinda.test",
}
EVALUATORS = [
    "evaluator.akademisi1@sipinda.test", "evaluator.akademisi2@sipinda.test",
    "evaluator.praktisi@sipinda.test", "evaluator.rsud@sipinda.test",
    "evaluator.kominfo@sipinda.test", "evaluator.setda@sipinda.test",
]  # fmt: skip
_ids = itertools.count(88_000)
_calls = itertools.count(8_800)


@dataclass(frozen=True)
class World:
    emails: dict[str, str]  # role -> e-mail; the evaluators depend on the assignment
    call_id: int
    proposal_id: int
    assignment_id: int
    invitation_id: int
    run_id: int
    document_id: int
    verification_code: str
    job_id: int
    notification_id: int
    account_id: int = 0  # the spare account the admin's account pages change
    innovation_id: int = 0  # the owner's innovation in the registry
    objection_id: int = 0  # an objection, with its evidence, in the call's open uji publik
    # progress reports: the owner's innovation in penerapan, a schedule it has not reported on,
    # and a report it sent on another, with one evidence file
    report_innovation_id: int = 0
    report_schedule_id: int = 0
    report_id: int = 0
    report_file_id: int = 0
    # monitoring: a team (the assigned evaluator its one member) given the owner's innovation,
    # and a visit it recorded there with one photo
    monev_team_id: int = 0
    monev_visit_id: int = 0
    monev_photo_id: int = 0
    # the IID: the owner's innovation in uji coba with one answer sent, and its evidence file
    iid_innovation_id: int = 0
    iid_answer_id: int = 0
    iid_evidence_id: int = 0
    # the registry: a stage change of the owner's innovation with its signed berita acara, a
    # proposal linked to it and another innovation of the agency it may be merged into
    stage_change_id: int = 0
    merge_proposal_id: int = 0
    merge_into_id: int = 0


def user_id(email: str) -> int:
    with runtime.database("identity").session() as s:
        user = find_user_by_email(s, email)
        assert user is not None, email
        return user.id


def publish_call(call_id: int) -> None:
    with runtime.database("review").session() as s:
        review_evaluators.record_call(s, CallPublished(
            call_id=call_id, version_no=1, call_name="KIPP Matriks", year=2025,
            opens_at=datetime(2025, 1, 1, tzinfo=UTC), closes_at=datetime(2025, 6, 1, tzinfo=UTC),
            evaluators_per_proposal=2, blind=True,
            aspects=(RubricAspect(key="kebaruan", title="Kebaruan", weight=0.5),
                     RubricAspect(key="dampak", title="Dampak", weight=0.5)),
        ))  # fmt: skip


def admitted(call_id: int) -> tuple[int, int, str, str]:
    """A new proposal of the owner, assigned at once: its id, one assignment's id, that
    assignment's evaluator and an evaluator not assigned to it."""
    proposal_id = next(_ids)
    event = ProposalAdmitted(
        proposal_id=proposal_id, version_no=1, title=f"Inovasi Matriks {proposal_id}",
        summary="Antar obat untuk lansia.", opd_code="dinkes", opd_name="Dinas Kesehatan",
        innovator=Person(id=user_id(FIXED_ROLES["owner"]), name="Inovator", email="i@x.test"),
        call_id=call_id, submitted_at=datetime(2025, 3, 1, tzinfo=UTC),
    )  # fmt: skip
    with runtime.database("review").session() as s:
        first, second = review_assignment.assign(s, event, k=2)
        ids = (first.id, first.evaluator_id, second.evaluator_id)
    by_id = {user_id(e): e for e in EVALUATORS}
    outsider = next(e for i, e in by_id.items() if i not in ids[1:])
    return proposal_id, ids[0], by_id[ids[1]], outsider


def invitation(client: FlaskClient, admin: dict[str, str], call_id: int, email: str) -> int:
    sent = client.post(f"/api/v1/review/calls/{call_id}/invitations",
                       json={"evaluator_ids": [user_id(email)]}, headers=admin)  # fmt: skip
    assert sent.status_code == 200, sent.json
    return int(sent.json[0]["id"])


def batch_run(client: FlaskClient, admin: dict[str, str], call_id: int) -> int:
    started = client.post(f"/api/v1/review/calls/{call_id}/batches", headers=admin)
    assert started.status_code == 202, started.json
    return int(started.json["id"])


def dossier(call_id: int, proposal_id: int, reader: str) -> tuple[int, str]:
    """The proposal's dossier, owned by the owner, opened to one evaluator: its id and code."""
    owner = Person(id=user_id(FIXED_ROLES["owner"]), name="Inovator", email="i@x.test")
    event = make_submitted(proposal_id=proposal_id, version_no=1, innovator=owner,
                           call_id=call_id)  # fmt: skip
    assignee = Assignee(evaluator_id=user_id(reader), name="E", email=reader, opd_code=None)
    press = documents_bootstrap.press()
    with runtime.database("documents").session() as s:
        documents_calls.record_call(s, make_call(call_id=call_id))
        (doc,) = documents_dossiers.issue_dossiers(s, event, press)
        assigned = make_assigned(proposal_id=proposal_id, version_no=1, call_id=call_id,
                                 innovator=owner, evaluators=(assignee,))  # fmt: skip
        assign_now(s, assigned, press, ASSIGNED_AT)
        # The call's results announced: a document for everyone signed in.
        announcements.issue_announcement(s, ResultsAnnounced(
            call_id=call_id, call_name="Lomba Matriks", announcement_no=1,
            announced_at=ASSIGNED_AT, announcer=owner,
            results=(AnnouncedResult(proposal_id=proposal_id, version_no=1, title="Inovasi",
                                     opd_name="Dinas Kesehatan", decision="winner",
                                     innovator=owner),),
        ), press)  # fmt: skip
        return doc.id, doc.verification_code


def notice(document_id: int, proposal_id: int) -> int:
    """A notice in the owner's inbox: their document is ready."""
    owner = user_id(FIXED_ROLES["owner"])
    event = DocumentReady(
        document_id=document_id, kind="proposal_dossier", proposal_id=proposal_id, version_no=1,
        title="Inovasi Matriks", sha256="ab" * 32,
        download_path=f"/documents/{document_id}/download",
        owner=Person(id=owner, name="Inovator", email=FIXED_ROLES["owner"]),
    )  # fmt: skip
    NOTIFICATIONS.handle(Envelope.wrap(event, "documents").to_wire(), lambda _e, _s: None)
    with runtime.database("notifications").session() as s:
        return inbox.items(s, owner, Window(1, 1)).items[0].id


def fresh_review(world: World, client: FlaskClient, admin: dict[str, str]) -> World:
    """The same world with new review objects (and so, perhaps, other evaluators)."""
    call_id = next(_calls)
    publish_call(call_id)
    proposal_id, assignment_id, assigned, outsider = admitted(call_id)
    emails = {**world.emails, "assigned_evaluator": assigned, "evaluator": outsider}
    return replace(
        world, emails=emails, call_id=call_id, proposal_id=proposal_id,
        assignment_id=assignment_id, run_id=batch_run(client, admin, call_id),
        invitation_id=invitation(client, admin, call_id, assigned),
    )  # fmt: skip


def spare_account() -> int:
    """An account nobody signs in with, for the admin's account pages to deactivate and more."""
    with runtime.database("identity").session() as s:
        user, _ = ensure_user(
            s, email="cadangan.matriks@sipinda.test", name="Akun Cadangan", role="innovator",
            password="cadangan-matriks-1", opd_code="dinkes",
        )  # fmt: skip
        return user.id


def registry_objects(client: FlaskClient, innovation_id: int) -> dict[str, int]:
    """A stage change recorded on the owner's innovation (its stage itself left as it is), a
    proposal linked to it, and a second innovation of the agency to merge that link into."""
    into = owners_innovation(client)
    proposal_id = 990_000_000 + next(_ids)
    with runtime.database("innovations").session() as s:
        kept = innovation_evidence.keep(s, area="stage", filename="ba.pdf", data=pdf_bytes("ba"),
                                        innovation_id=innovation_id, user_id=None)  # fmt: skip
        change = InnovationStage(innovation_id=innovation_id, stage="uji_coba",
                                 previous="inisiatif", on=date(2030, 1, 2),
                                 evidence_id=kept.id)  # fmt: skip
        s.add(change)
        s.add(InnovationProposal(proposal_id=proposal_id, innovation_id=innovation_id,
                                 title="Inovasi Matriks"))  # fmt: skip
        s.flush()
        return {"stage_change_id": change.id, "merge_proposal_id": proposal_id,
                "merge_into_id": into}  # fmt: skip


def owners_innovation(client: FlaskClient) -> int:
    """An innovation the owner registered (their agency's: the operator's too)."""
    reply = client.post("/api/v1/innovations", json={"title": f"Inovasi Matriks {next(_ids)}"},
                        headers=token(client, FIXED_ROLES["owner"]))  # fmt: skip
    assert reply.status_code == 201, reply.json
    return int(reply.json["id"])


def progress_report(client: FlaskClient) -> dict[str, int]:
    """The owner's innovation in penerapan, a schedule it still owes, and a report it sent (on a
    schedule of its own) with one evidence file."""
    reply = client.post("/api/v1/innovations", headers=token(client, FIXED_ROLES["owner"]),
                        json={"title": f"Inovasi Laporan Matriks {next(_ids)}",
                              "stage": "penerapan"})  # fmt: skip
    assert reply.status_code == 201, reply.json
    innovation_id = int(reply.json["id"])
    due = date(2030, 12, 31)
    with runtime.database("innovations").session() as s:
        owed = ReportSchedule(title="Laporan matriks", stage="", year=2030, due_on=due)
        done = ReportSchedule(title="Laporan matriks terkirim", stage="", year=2030, due_on=due,
                              active=False)  # fmt: skip
        s.add_all([owed, done])
        s.flush()
        report = ProgressReport(innovation_id=innovation_id, schedule_id=done.id, done="Jalan")
        s.add(report)
        s.flush()
        s.add(ReportFigure(report_id=report.id, label="Warga", value="10", unit="orang"))
        kept = innovation_evidence.keep(s, area="report", filename="bukti.pdf",
                                        data=pdf_bytes("bukti matriks"),
                                        innovation_id=innovation_id, user_id=None)  # fmt: skip
        s.add(ReportFile(report_id=report.id, evidence_id=kept.id))
        return {"report_innovation_id": innovation_id, "report_schedule_id": owed.id,
                "report_id": report.id, "report_file_id": kept.id}  # fmt: skip


def iid_answer(client: FlaskClient) -> dict[str, int]:
    """The owner's innovation in uji coba, its IID indicator 32 of 2030 sent with one file."""
    reply = client.post("/api/v1/innovations", headers=token(client, FIXED_ROLES["owner"]),
                        json={"title": f"Inovasi IID Matriks {next(_ids)}",
                              "stage": "uji_coba"})  # fmt: skip
    assert reply.status_code == 201, reply.json
    innovation_id = int(reply.json["id"])
    with runtime.database("innovations").session() as s:
        answer = IidAnswer(year=2030, unit=str(innovation_id), innovation_id=innovation_id,
                           indicator_no=32, version=1, level=2, status="submitted",
                           reason="")  # fmt: skip
        s.add(answer)
        s.flush()
        kept = innovation_evidence.keep(s, area="iid", filename="rekap.pdf",
                                        data=pdf_bytes("bukti iid matriks"),
                                        innovation_id=innovation_id, user_id=None)  # fmt: skip
        s.add(IidAnswerFile(answer_id=answer.id, evidence_id=kept.id))
        return {"iid_innovation_id": innovation_id, "iid_answer_id": answer.id,
                "iid_evidence_id": kept.id}  # fmt: skip


def monitoring(innovation_id: int, member_email: str) -> dict[str, int]:
    """A monitoring team whose one member is `member_email`, assigned the innovation, and a
    visit it recorded there with one photo (rows written directly: no conflict rule asked)."""
    with runtime.database("innovations").session() as s:
        team = MonitoringTeam(name=f"Tim Monev Matriks {next(_ids)}", year=2030)
        s.add(team)
        s.flush()
        s.add(MonitoringTeamMember(team_id=team.id, user_id=user_id(member_email), name="Anggota",
                                   email=member_email, role="ketua"))  # fmt: skip
        s.add(MonitoringAssignment(team_id=team.id, innovation_id=innovation_id, year=2030))
        photo = innovation_evidence.keep(s, area="visit", filename="foto.png", data=photo_png(),
                                         innovation_id=innovation_id, user_id=None,
                                         images_only=True)  # fmt: skip
        visit = MonitoringVisit(team_id=team.id, innovation_id=innovation_id,
                                visited_on=date(2030, 1, 2), place="Puskesmas", findings="Baik",
                                recommendations="Lanjut", photo_ids=[photo.id],
                                recorded_by=1)  # fmt: skip
        s.add(visit)
        s.flush()
        return {"monev_team_id": team.id, "monev_visit_id": visit.id, "monev_photo_id": photo.id}


def objection(call_id: int, proposal_id: int) -> int:
    """The call's objection window, open for a year, and one objection filed in it."""
    now = datetime.now(UTC)
    key = "review/" + "ab" * 16 + ".pdf"
    review_objections.storage().write(key, b"%PDF-1.4 bukti matriks")
    with runtime.database("review").session() as s:  # a database of an earlier run: reopened
        window = s.scalars(
            select(ObjectionWindow).where(ObjectionWindow.call_id == call_id)
        ).first()
        if window is None:
            window = ObjectionWindow(call_id=call_id, days=5, opened_at=now, opened_by=1,
                                     closes_at=now)  # fmt: skip
            s.add(window)
        window.closes_at, window.finalized_at = now.replace(year=now.year + 1), None
        row = Objection(
            call_id=call_id,
            proposal_id=proposal_id,
            version_no=1,
            name="Warga",
            email="warga@contoh.id",
            reason="Alasan matriks yang cukup panjang.",
            evidence_key=key,
            evidence_name="bukti.pdf",
            evidence_type="application/pdf",
            filed_at=now,
            status="open",
        )
        s.add(row)
        s.flush()
        return row.id


def build_world(client: FlaskClient, admin: dict[str, str]) -> World:
    call_id = next(_calls)
    publish_call(call_id)
    proposal_id, assignment_id, assigned, outsider = admitted(call_id)
    document_id, code = dossier(call_id, proposal_id, assigned)
    innovation_id = owners_innovation(client)
    job = client.post(f"/api/v1/calls/{call_id}/documents/recap", headers=admin)
    assert job.status_code == 202, job.json
    return World(
        emails={**FIXED_ROLES, "assigned_evaluator": assigned, "evaluator": outsider},
        call_id=call_id, proposal_id=proposal_id, assignment_id=assignment_id,
        invitation_id=invitation(client, admin, call_id, assigned),
        run_id=batch_run(client, admin, call_id), document_id=document_id,
        verification_code=code, job_id=int(job.json["id"]),
        notification_id=notice(document_id, proposal_id), account_id=spare_account(),
        innovation_id=innovation_id, objection_id=objection(call_id, proposal_id),
        **progress_report(client), **iid_answer(client), **monitoring(innovation_id, assigned),
        **registry_objects(client, innovation_id),
    )  # fmt: skip


def state(world: World) -> tuple[str, str, bool, str, bool]:
    """What a refused request must leave as it was: the assignment, the dossier, the notice, the
    invitation and whether the spare account is active."""
    with runtime.database("review").session() as s:
        assignment = s.get(Assignment, world.assignment_id)
        invited = s.get(Invitation, world.invitation_id)
        assert assignment is not None
        assert invited is not None
        review_state = (assignment.status, invited.status)
    with runtime.database("documents").session() as s:
        document = s.get(Document, world.document_id)
        assert document is not None
        document_status = document.status
    with runtime.database("notifications").session() as s:
        notice = s.get(Notification, world.notification_id)
        assert notice is not None
        read = notice.read_at is not None
    with runtime.database("identity").session() as s:
        account = s.get(User, world.account_id)
        active = account is not None and account.active
    return review_state[0], document_status, read, review_state[1], active
