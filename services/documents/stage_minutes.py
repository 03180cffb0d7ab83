"""The berita acara of an innovation's stage (Berita Acara Uji Coba/Penerapan Inovasi), from
`innovation.stage_changed`: the innovation, the stage it entered and its day (in words, as
minutes write it), the signed berita acara kept beside it, the team, the head's signature and the
verification QR. One document per stage change; `document.ready` names the innovation."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from services.documents import contexts, installation
from services.documents.formatting import tanggal_indonesia
from services.documents.issuing import Press, Request, issue, latest
from services.documents.models import Document
from services.documents.words import tanggal_terbilang
from shared.events import InnovationStageChanged

KIND = "berita_acara_tahap"


def subject(event: InnovationStageChanged) -> str:
    return f"innovation:{event.innovation_id}:stage:{event.change_id}"


def source(event: InnovationStageChanged, city: str) -> dict[str, Any]:
    return {
        "innovation_id": event.innovation_id, "title": event.title, "opd_name": event.opd_name,
        "previous": event.previous, "stage": event.stage,
        "date_words": tanggal_terbilang(event.on), "on": event.on.isoformat(),
        "on_text": tanggal_indonesia(event.on),
        "trial_on_text": tanggal_indonesia(event.trial_on) if event.trial_on else "",
        "recorded_by": event.actor.name, "signed_copy": event.evidence_name,
        "team": [p.name for p in event.team],
        "place_date": contexts.place_date(city, event.changed_at),
    }  # fmt: skip


def issue_stage_minutes(
    session: Session, event: InnovationStageChanged, press: Press
) -> Document | None:
    city = installation.city(session, press.deploy)
    issued = issue(session, Request(
        kind=KIND, subject=subject(event), source=source(event, city), created=event.changed_at,
        owner=event.actor, title=f"{contexts.TITLES[KIND]} {event.title}",
        owner_opd_code=event.opd_code, readers=tuple(p.id for p in event.team),
        innovation_id=event.innovation_id,
    ), press)  # fmt: skip
    return issued if issued is not None else latest(session, KIND, subject(event))
