"""The monev report (laporan monitoring dan evaluasi), from `monev.visit_recorded`: the
innovation, the team, the visit's findings and recommendations, its photos, the members'
signatures and the head's acknowledgement. One document per visit.

The photos are read from the shared storage by the keys the event names (innovations wrote
them there; the bytes never travel in the event), checked against their SHA-256, and printed
as small JPEG `data:` images (the PDF fetcher takes nothing else); one that is missing or
changed is left out rather than stopping the report."""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from services.documents import contexts, installation
from services.documents.formatting import tanggal_indonesia
from services.documents.issuing import Press, Request, issue, latest
from services.documents.letterhead import data_url
from services.documents.models import Document
from shared.events import MonevVisitRecorded, VisitPhoto
from shared.storage import Storage

KIND = "monev"
SIDE = 900  # pixels: the longest side of a photo as printed (two to a row on A4)
log = logging.getLogger(__name__)


def subject(visit_id: int) -> str:
    return f"visit:{visit_id}"


def printed_photo(storage: Storage, photo: VisitPhoto) -> str | None:
    """The photo as a JPEG `data:` URL no larger than SIDE, or None when it cannot be read."""
    try:
        data = storage.get(photo.key)
    except (KeyError, OSError, ValueError):
        log.warning("documents: monev photo %s is missing", photo.key)
        return None
    if hashlib.sha256(data).hexdigest() != photo.sha256:
        log.warning("documents: monev photo %s has changed", photo.key)
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((SIDE, SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=75)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    return data_url("image/jpeg", out.getvalue())


def source(event: MonevVisitRecorded, city: str, storage: Storage) -> dict[str, Any]:
    photos = [printed_photo(storage, p) for p in event.photos]
    return {
        "title": event.title, "opd_name": event.opd_name, "stage": event.stage,
        "team_name": event.team_name, "team_year": event.team_year,
        "members": [{"name": m.name, "role": m.role} for m in event.members],
        "visited_on": tanggal_indonesia(event.visited_on),
        "visited_iso": event.visited_on.isoformat(),
        "place": event.place, "findings": contexts.paragraphs(event.findings),
        "recommendations": contexts.paragraphs(event.recommendations),
        "follow_up_by": tanggal_indonesia(event.follow_up_by) if event.follow_up_by else "",
        "photos": [p for p in photos if p],
        "place_date": contexts.place_date(city, event.recorded_at),
    }  # fmt: skip


def issue_monev_report(
    session: Session, event: MonevVisitRecorded, press: Press
) -> Document | None:
    city = installation.city(session, press.deploy)
    issued = issue(session, Request(
        kind=KIND, subject=subject(event.visit_id), source=source(event, city, press.storage),
        created=event.recorded_at, owner=event.recorded_by,
        title=f"{contexts.TITLES[KIND]} {event.title}", owner_opd_code=event.opd_code,
        readers=event.readers, innovation_id=event.innovation_id,
    ), press)  # fmt: skip
    return issued if issued is not None else latest(session, KIND, subject(event.visit_id))
