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


def issue_certificates(
    session: Session, call_id: int, admin: Person, at: datetime, press: Press,
    progress: Progress | None = None,
) -> Document | None:  # fmt: skip
    """Every finalist's and winner's certificate (issued now if missing), then all of them
    merged into one PDF, one page each, each page with its own number and QR."""
    chosen = certified(session, call_id)
    entries = []
    for done, decision in enumerate(chosen, start=1):
        issue_certificate(session, decision, press)
        own = session.scalars(
            select(Document).where(
                Document.kind == "sertifikat",
                Document.subject == f"proposal:{decision.proposal_id}:v{decision.version_no}",
                Document.status == "valid",
            )
        ).one()
        entry = contexts.certificate(
            decision, call_info(session, call_id), installation.city(session, press.deploy)
        )
        entries.append({**entry, "number": own.number, "code": own.verification_code})
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
