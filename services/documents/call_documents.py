"""The documents of a whole call, on the admin's demand (run by jobs.py): the score recap, the
minutes of the assessment, and the certificates merged into one PDF."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.documents import contexts, installation, recap
from services.documents.calls import call_info
from services.documents.issuing import Press, Request, issue, latest
from services.documents.letters import CERTIFIED, Progress, issue_certificate
from services.documents.models import DecisionInfo, Document, ProposalInfo, ScoreInfo
from shared.calibration import DISAGREEMENT
from shared.events import DecisionMade, Person
from shared.outbox import utcnow

# How the batch of certificates is made: one per proposal, addressed to its innovator, or one
# for each person of the proposal's team (the admin chooses on the results page).
PER_PROPOSAL, PER_MEMBER = "proposal", "member"
CERTIFICATE_MODES = (PER_PROPOSAL, PER_MEMBER)


def recap_data(session: Session, call_id: int) -> dict[str, Any]:
    proposals = session.scalars(
        select(ProposalInfo)
        .where(ProposalInfo.call_id == call_id)
        .order_by(ProposalInfo.proposal_id)
    ).all()
    entries = [
        recap.Entry(p.proposal_id, str(p.payload["title"]), str(p.payload["opd_name"]),
                    str(p.payload.get("category") or ""))
        for p in proposals
    ]  # fmt: skip
    scores = [
        recap.Score(s.proposal_id, s.evaluator_id, s.evaluator_name, s.total, s.scores or {})
        for s in session.scalars(select(ScoreInfo).where(ScoreInfo.call_id == call_id))
    ]
    return recap.recap_rows(entries, scores, _scale(call_info(session, call_id) or {}))


def _scale(info: dict[str, Any]) -> recap.Scale:
    """The call's scale as its `call.published` said (1–10 for a call heard before it did)."""
    return recap.Scale(
        int(info.get("scale_min") or 1), int(info.get("scale_max") or 10),
        float(info.get("disagreement") or DISAGREEMENT),
    )  # fmt: skip


def _call_header(session: Session, call_id: int) -> dict[str, Any]:
    return contexts.call_named(call_info(session, call_id), utcnow().year)


def issue_recap(
    session: Session, call_id: int, admin: Person, at: datetime, press: Press
) -> Document | None:
    table = recap_data(session, call_id)
    city = installation.city(session, press.deploy)
    source = {**_call_header(session, call_id), **table,
              "place_date": contexts.place_date(city, at)}  # fmt: skip
    return _issue_call_document(session, "rekap", call_id, source, admin, at, press)


def issue_minutes(
    session: Session, call_id: int, admin: Person, at: datetime, press: Press, *,
    held_on: date, place: str, panel: list[dict[str, str]],
) -> Document | None:  # fmt: skip
    if not panel:
        names = sorted({s.evaluator_name for s in session.scalars(
            select(ScoreInfo).where(ScoreInfo.call_id == call_id))})  # fmt: skip
        # role codes, worded by the template (pdf.panel.<code>); a role the admin typed prints as is
        panel = [{"name": n, "role": "chair" if i == 0 else "member"} for i, n in enumerate(names)]
    source = contexts.berita_acara(
        call_info(session, call_id), recap_data(session, call_id), held_on=held_on, place=place,
        panel=panel, city=installation.city(session, press.deploy),
    )  # fmt: skip
    return _issue_call_document(session, "berita_acara", call_id, source, admin, at, press)


def certified(session: Session, call_id: int) -> list[DecisionMade]:
    """The call's finalists and winners, by proposal."""
    decisions = session.scalars(
        select(DecisionInfo)
        .where(DecisionInfo.call_id == call_id)
        .order_by(DecisionInfo.proposal_id)
    ).all()
    chosen = [DecisionMade.model_validate(d.payload) for d in decisions]
    return [d for d in chosen if d.decision in CERTIFIED]


def team_of(session: Session, decision: DecisionMade) -> list[Person]:
    """The people of the decided proposal: its innovator first, then each co-innovator who had
    accepted by its newest submitted version (`proposal.submitted` names them), once each."""
    info = session.get(ProposalInfo, decision.proposal_id)
    team = [Person.model_validate(p) for p in (info.payload.get("team") or [])] if info else []
    people, seen = [decision.innovator], {decision.innovator.id}
    for person in team:
        if person.id not in seen:
            people.append(person)
            seen.add(person.id)
    return people


def member_subject(decision: DecisionMade, member: Person) -> str:
    return f"proposal:{decision.proposal_id}:v{decision.version_no}:member:{member.id}"


def issue_member_certificates(
    session: Session, decision: DecisionMade, press: Press
) -> list[Document]:
    """Each co-innovator's own certificate (the innovator's is the proposal's own, issued by
    `letters.issue_certificate`): numbered, verifiable, addressed to that member. Issued again
    only when what it says changed."""
    city = installation.city(session, press.deploy)
    call = call_info(session, decision.call_id)
    issued = []
    for member in team_of(session, decision)[1:]:
        document = issue(session, Request(
            kind="sertifikat", subject=member_subject(decision, member),
            source={"certificates": [contexts.member_certificate(decision, member, call, city)]},
            created=decision.decided_at, owner=member, title=f"{decision.title} ({member.name})",
            owner_opd_code=decision.opd_code, proposal_id=decision.proposal_id,
            version_no=decision.version_no, call_id=decision.call_id,
        ), press)  # fmt: skip
        if document is not None:
            issued.append(document)
    return issued


def issue_own_certificates(
    session: Session, decision: DecisionMade, press: Press, per: str = PER_PROPOSAL
) -> None:
    """The decided proposal's certificate, and with `per` member each co-innovator's too."""
    issue_certificate(session, decision, press)
    if per == PER_MEMBER:
        issue_member_certificates(session, decision, press)


def _own(session: Session, subject: str) -> Document:
    return session.scalars(
        select(Document).where(
            Document.kind == "sertifikat", Document.subject == subject, Document.status == "valid"
        )
    ).one()


def issue_certificates(
    session: Session, call_id: int, admin: Person, at: datetime, press: Press,
    progress: Progress | None = None, per: str = PER_PROPOSAL,
) -> Document | None:  # fmt: skip
    """Every finalist's and winner's certificate (issued now if missing), then all of them
    merged into one PDF, one page each, each page with its own number and QR: one page per
    proposal (addressed to its innovator), or with `per` member one page per person of its
    team (the innovator first)."""
    chosen = certified(session, call_id)
    call, city = call_info(session, call_id), installation.city(session, press.deploy)
    entries = []
    for done, decision in enumerate(chosen, start=1):
        issue_own_certificates(session, decision, press, per)
        own = _own(session, f"proposal:{decision.proposal_id}:v{decision.version_no}")
        entry = contexts.certificate(decision, call, city)
        entries.append({**entry, "number": own.number, "code": own.verification_code})
        for member in team_of(session, decision)[1:] if per == PER_MEMBER else ():
            mine = _own(session, member_subject(decision, member))
            entry = contexts.member_certificate(decision, member, call, city)
            entries.append({**entry, "number": mine.number, "code": mine.verification_code})
        if progress is not None:
            progress(done, len(chosen) + 1)
    if not entries:
        return None
    return _issue_call_document(
        session, "sertifikat_batch", call_id, {"certificates": entries}, admin, at, press
    )


def _issue_call_document(
    session: Session, kind: str, call_id: int, source: dict[str, Any], admin: Person,
    at: datetime, press: Press,
) -> Document | None:  # fmt: skip
    issued = issue(session, Request(
        kind=kind, subject=f"call:{call_id}", source=source, created=at, owner=admin,
        title=f"{contexts.TITLES[kind]} {source.get('call_name', '')}".strip(), call_id=call_id,
    ), press)  # fmt: skip
    if issued is None:  # the same data again: the current document is the answer
        return latest(session, kind, f"call:{call_id}")
    return issued
