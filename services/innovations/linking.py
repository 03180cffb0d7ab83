"""A proposal submitted to a call, linked to its innovation: the agency's innovation of the same
title, else a new one made from the proposal's profile. Never two for one innovation: the
(agency, folded title) pair is unique, and a proposal is linked once. Decisions and documents
about a linked proposal go to its innovation's history."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.innovations import matching
from services.innovations.errors import NotFound, TransitionRefused
from services.innovations.models import (
    Innovation,
    InnovationCall,
    InnovationMember,
    InnovationProposal,
)
from services.innovations.registry import note
from shared.events import (
    CallPublished,
    DecisionMade,
    DocumentReady,
    Envelope,
    Person,
    ProposalSubmitted,
)

# The profile's `tahapan` as the call's form offers it, to the registry's stage.
STAGE_OF = {"inisiatif": "inisiatif", "uji coba": "uji_coba", "penerapan": "penerapan"}
DOCUMENTS_NOTED = ("sertifikat", "berita_acara_tahap", "monev", "pengumuman")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _listed(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)] if value else []


def from_profile(event: ProposalSubmitted) -> Innovation:
    """A new innovation from the proposal's profile (DOMAIN.md §2's fields)."""
    profile = dict(event.profile)
    stage = STAGE_OF.get(str(profile.get("tahapan", "")).strip().lower(), "inisiatif")
    return Innovation(
        title=event.title, title_key=matching.title_key(event.title), summary=event.summary,
        opd_code=event.opd_code, opd_name=event.opd_name,
        initiator=str(profile.get("inisiator", "")), kind=str(profile.get("jenis", "")),
        form=str(profile.get("bentuk", "")),
        urusan=_listed(profile.get("urusan")) or list(event.urusan),
        theme=str(profile.get("tematik", "")), sdgs=list(event.sdgs), stage=stage,
        started_on=event.submitted_at.date(), trial_on=_day(profile.get("waktu_uji_coba")),
        implemented_on=_day(profile.get("waktu_penerapan")),
        results=str(profile.get("hasil", "")), created_by=event.innovator.id,
        profile={k: v for k, v in profile.items() if k not in _KEPT},
    )  # fmt: skip


_KEPT = ("tahapan", "inisiator", "jenis", "bentuk", "urusan", "tematik", "hasil",
         "waktu_uji_coba", "waktu_penerapan")  # fmt: skip


def _add_team(s: Session, innovation_id: int, people: tuple[Person, ...], lead: Person) -> None:
    have = s.scalars(
        select(InnovationMember).where(InnovationMember.innovation_id == innovation_id)
    )
    known = {(m.user_id, m.email.lower()) for m in have}
    ids = {u for u, _ in known}
    emails = {e for _, e in known}
    for person in (lead, *people):
        if person.id in ids or person.email.lower() in emails:
            continue
        role = "ketua" if person is lead and not known else "anggota"
        s.add(InnovationMember(innovation_id=innovation_id, user_id=person.id or None,
                               name=person.name, email=person.email, role=role))  # fmt: skip
        ids.add(person.id)
        emails.add(person.email.lower())


def on_call_published(s: Session, event: CallPublished, envelope: Envelope) -> None:
    """Keep the call's name (each version's, the newest wins) for the proposals linked to it."""
    row = s.get(InnovationCall, event.call_id)
    if row is None:
        s.add(InnovationCall(call_id=event.call_id, name=event.call_name, year=event.year))
    else:
        row.name, row.year = event.call_name, event.year
    s.execute(
        update(InnovationProposal)
        .where(InnovationProposal.call_id == event.call_id)
        .values(call_name=event.call_name)
    )


def call_name(s: Session, call_id: int | None) -> str:
    row = s.get(InnovationCall, call_id) if call_id is not None else None
    return row.name if row is not None else ""


def on_submitted(s: Session, event: ProposalSubmitted, envelope: Envelope) -> None:
    """Link the proposal to its innovation (made from its profile the first time)."""
    link = s.get(InnovationProposal, event.proposal_id)
    if link is not None:  # a later version of a linked proposal
        link.version_no, link.title = event.version_no, event.title
        note(s, link.innovation_id, "proposal_version",
             {"proposal_id": event.proposal_id, "version_no": event.version_no},
             event_id=envelope.event_id)  # fmt: skip
        return
    key = matching.title_key(event.title)
    row = s.scalars(
        select(Innovation).where(Innovation.opd_code == event.opd_code, Innovation.title_key == key)
    ).first()
    how = "same_title"
    if row is None:
        row, how = from_profile(event), "created"
        s.add(row)
        s.flush()
    named = call_name(s, event.call_id)
    s.add(InnovationProposal(proposal_id=event.proposal_id, innovation_id=row.id,
                             call_id=event.call_id, call_name=named,
                             version_no=event.version_no, title=event.title,
                             linked_by=how))  # fmt: skip
    _add_team(s, row.id, event.team, event.innovator)
    note(s, row.id, "linked",
         {"proposal_id": event.proposal_id, "call_id": event.call_id, "call_name": named,
          "how": how},
         event_id=envelope.event_id)  # fmt: skip


def on_decided(s: Session, event: DecisionMade, envelope: Envelope) -> None:
    link = s.get(InnovationProposal, event.proposal_id)
    if link is None:
        return
    link.decision = event.decision
    note(s, link.innovation_id, "decision",
         {"proposal_id": event.proposal_id, "call_id": event.call_id,
          "call_name": link.call_name or call_name(s, event.call_id),
          "decision": event.decision, "rank": event.rank, "score": event.score},
         event_id=envelope.event_id)  # fmt: skip


def on_document(s: Session, event: DocumentReady, envelope: Envelope) -> None:
    if event.kind not in DOCUMENTS_NOTED:
        return
    innovation_id = event.innovation_id
    if innovation_id is None and event.proposal_id:
        link = s.get(InnovationProposal, event.proposal_id)
        innovation_id = link.innovation_id if link else None
    if innovation_id is None or s.get(Innovation, innovation_id) is None:
        return
    note(s, innovation_id, "document",
         {"kind": event.kind, "title": event.title, "number": event.number,
          "download_path": event.download_path, "proposal_id": event.proposal_id or None,
          "recipient": event.owner.name},
         event_id=envelope.event_id)  # fmt: skip


def merge(s: Session, proposal_id: int, into: int, actor_id: int) -> None:
    """An operator says a linked proposal belongs to another innovation (a duplicate found)."""
    link = s.get(InnovationProposal, proposal_id)
    target = s.get(Innovation, into)
    if link is None or target is None:
        raise NotFound()
    if link.innovation_id == into:
        raise TransitionRefused("innovations.already_linked")
    before = link.innovation_id
    link.innovation_id, link.linked_by = into, "merged"
    note(s, into, "linked", {"proposal_id": proposal_id, "how": "merged", "from": before},
         actor_id=actor_id)  # fmt: skip
    note(s, before, "unlinked", {"proposal_id": proposal_id, "to": into}, actor_id=actor_id)
